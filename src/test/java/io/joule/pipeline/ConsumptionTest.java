package io.joule.pipeline;

import static io.joule.pipeline.SlotsTest.at;
import static io.joule.pipeline.SlotsTest.r;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
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
        // 01:20 is followed by a level stored at 03:05, 05:00 by none; slots a day or less apart are one range
        List<TimeRange> slots = Consumption.affectedBy(List.of(at("01:10"), at("01:20"), at("05:00")), Arrays.asList(at("03:05"), null));
        assertEquals(List.of(new TimeRange(at("01:00"), at("05:15"))), slots);
    }

    @Test
    void levelsDaysApartAreRangesOfTheirOwnAndAtMost64AreMade() {
        Instant first = Instant.parse("2024-01-01T10:07:00Z");
        List<TimeRange> two = Consumption.affectedBy(List.of(first, first.plusSeconds(3 * 86_400)), Arrays.asList(null, null));
        assertEquals(List.of(new TimeRange(Instant.parse("2024-01-01T10:00:00Z"), Instant.parse("2024-01-01T10:15:00Z")),
                new TimeRange(Instant.parse("2024-01-04T10:00:00Z"), Instant.parse("2024-01-04T10:15:00Z"))), two);
        List<Instant> scattered = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            scattered.add(first.plusSeconds(2L * 86_400 * i));
        }
        // each range costs a lookup of the level before it: 1,000 levels two days apart make 64, not 1,000
        assertEquals(64, Consumption.affectedBy(scattered, java.util.Collections.nCopies(1_000, null)).size());
    }

    @Test
    void onlyALevelMoreThanADayBeforeTheNextWrittenOneOrTheLastNeedsItsSuccessorLookedUp() {
        // levels a day or less apart are recomputed as one range: a stored level between them is in it anyway
        assertEquals(List.of(at("01:40")), Consumption.successorLookups(List.of(at("00:05"), at("00:20"), at("01:40"))));
        assertEquals(List.of(at("00:14")), Consumption.successorLookups(List.of(at("00:01"), at("00:14"))));
        Instant dayAndMore = at("00:05").plusSeconds(86_400 + 1_800);
        assertEquals(List.of(at("00:05"), dayAndMore), Consumption.successorLookups(List.of(at("00:05"), dayAndMore)));
    }
}
