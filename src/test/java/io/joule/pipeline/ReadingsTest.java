package io.joule.pipeline;

import static io.joule.pipeline.SlotsTest.r;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingsTest {

    @Test
    void mergeKeepsTimeOrderAndTheNewerValueWins() {
        List<Reading> merged = Readings.merge(List.of(r("00:00", 1), r("00:15", 2), r("00:45", 4)),
                List.of(r("00:15", 20), r("00:30", 30), r("01:00", 50)));
        assertEquals(List.of(r("00:00", 1), r("00:15", 20), r("00:30", 30), r("00:45", 4), r("01:00", 50)), merged);
    }

    @Test
    void mergeWithNothingStoredIsTheBatch() {
        List<Reading> batch = List.of(r("00:15", 2));
        assertEquals(batch, Readings.merge(List.of(), batch));
        assertEquals(batch, Readings.merge(batch, List.of()));
    }

    @Test
    void inTimeOrderSortsOnlyWhatIsOutOfOrder() {
        List<Reading> sorted = new java.util.ArrayList<>(List.of(r("00:00", 1), r("00:15", 2)));
        assertEquals(List.of(r("00:00", 1), r("00:15", 2)), Readings.inTimeOrder(sorted));
        List<Reading> shuffled = new java.util.ArrayList<>(List.of(r("00:30", 3), r("00:00", 1), r("00:15", 2)));
        assertEquals(List.of(r("00:00", 1), r("00:15", 2), r("00:30", 3)), Readings.inTimeOrder(shuffled));
    }
}
