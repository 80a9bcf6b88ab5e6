package io.joule.pipeline;

import static io.joule.pipeline.SlotsTest.at;
import static io.joule.pipeline.SlotsTest.r;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §4 with the seed's numbers. */
class ConsumptionTest {
    static final TimeRange DAY = new TimeRange(at("00:00"), at("23:45").plusSeconds(900));

    static double total(List<Slot> slots) {
        return slots.stream().mapToDouble(Slot::kwh).sum();
    }

    @Test
    void risesAreConsumption() {
        assertEquals(104, total(Consumption.compute(List.of(r("01:00", 126), r("02:00", 128), r("03:00", 230)), DAY)));
    }

    @Test
    void aFallIsARefillAndCountsZero() {
        assertEquals(30, total(Consumption.compute(List.of(r("01:00", 100), r("02:00", 123), r("03:00", 13), r("04:00", 20)), DAY)));
    }

    @Test
    void theRiseBelongsToTheSlotOfTheLaterReading() {
        List<Slot> slots = Consumption.compute(List.of(r("01:10", 100), r("01:20", 105), r("01:25", 107), r("02:05", 101)), DAY);
        assertEquals(List.of(new Slot(at("01:15"), 7), new Slot(at("02:00"), 0)), slots);
    }

    @Test
    void theReadingBeforeTheWindowGivesTheFirstRise() {
        TimeRange window = new TimeRange(at("02:00"), at("03:00"));
        assertEquals(List.of(new Slot(at("02:00"), 5)), Consumption.compute(List.of(r("01:00", 10), r("02:10", 15)), window));
    }

    @Test
    void aWriteAffectsTheSlotsOfItsLevelsAndOfTheLevelStoredNextAfterEach() {
        // 01:20 is followed by a level stored at 03:05, 05:00 by none
        List<TimeRange> slots = Consumption.affectedBy(List.of(at("01:10"), at("01:20"), at("05:00")), Arrays.asList(at("03:05"), null));
        assertEquals(List.of(new TimeRange(at("01:00"), at("01:30")), new TimeRange(at("03:00"), at("03:15")),
                new TimeRange(at("05:00"), at("05:15"))), slots);
    }

    @Test
    void onlyALevelMoreThanOneSlotBoundaryBeforeTheNextWrittenOneOrTheLastNeedsItsSuccessorLookedUp() {
        // 00:05 and 00:20 are one boundary apart: a stored level between them is in a slot recomputed anyway
        assertEquals(List.of(at("00:20"), at("01:40")),
                Consumption.successorLookups(List.of(at("00:05"), at("00:20"), at("01:40"))));
        assertEquals(List.of(at("00:14")), Consumption.successorLookups(List.of(at("00:01"), at("00:14"))));
    }
}
