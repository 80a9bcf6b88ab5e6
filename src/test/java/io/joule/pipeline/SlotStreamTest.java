package io.joule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SlotStreamTest {

    @Test
    void quarterHourEnergyGivesOneSlotAReadingAndTheLastOnFinish() {
        SlotStream stream = new SlotStream(SlotsTest.REGULAR_ENERGY);
        assertEquals(List.of(), stream.add(SlotsTest.r("00:00", 2)));
        assertEquals(List.of(), stream.add(SlotsTest.r("00:15", 5)));
        assertEquals(List.of(), stream.add(SlotsTest.r("00:30", 2)));
        // the last reading covers one nominal interval, the 15 minutes before it
        SlotsTest.assertSlots(stream.finish(), "00:00", 2.0, "00:15", 5.0, "00:30", 2.0);
    }

    @Test
    void aWindowIsGivenOutOnceAReachOfLaterReadingsHasCome() {
        SlotStream stream = new SlotStream(SlotsTest.REGULAR_ENERGY);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        List<Slot> early = new ArrayList<>();
        for (int i = 0; i < SlotStream.WINDOW_READINGS; i++) {
            early.addAll(stream.add(new Reading(start.plusSeconds(900L * i), 1)));
        }
        // 1,024 quarter-hours: the slots up to an hour (max_gap, the reach) before the last reading are final
        assertEquals(SlotStream.WINDOW_READINGS - 5, early.size());
        assertEquals(start, early.get(0).start());
        assertEquals(start.plusSeconds(900L * (SlotStream.WINDOW_READINGS - 6)), early.get(early.size() - 1).start());
        assertEquals(5, stream.finish().size());
    }

    @Test
    void aReadingNotAfterTheLastIsRefused() {
        SlotStream stream = new SlotStream(SlotsTest.REGULAR_POWER);
        stream.add(SlotsTest.r("01:00", 2));
        assertThrows(IllegalArgumentException.class, () -> stream.add(SlotsTest.r("01:00", 3)));
        assertThrows(IllegalArgumentException.class, () -> stream.add(SlotsTest.r("00:59", 3)));
    }

    @Test
    void noReadingsNoSlots() {
        assertEquals(List.of(), new SlotStream(SlotsTest.COV_POWER).finish());
    }

    /** Readings with gaps shorter and longer than max_gap, over several windows, in every profile. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void theSlotsAreThoseOfOneComputationOverAllReadings(long seed) {
        Random random = new Random(seed);
        SeriesProfile profile = randomProfile(random, 24 * 60);
        List<Reading> all = randomReadings(random, 3 * SlotStream.WINDOW_READINGS + random.nextInt(SlotStream.WINDOW_READINGS), 3 * 24 * 3600);
        List<Slot> streamed = new ArrayList<>();
        SlotStream stream = new SlotStream(profile);
        all.forEach(r -> streamed.addAll(stream.add(r)));
        streamed.addAll(stream.finish());
        TreeMap<Instant, Double> byStart = new TreeMap<>();
        streamed.forEach(s -> assertTrue(byStart.put(s.start(), s.kwh()) == null, "slot " + s.start() + " given twice"));
        assertEquals(Slots.computeAll(all, profile), streamed, "profile " + profile);
    }

    @Test
    void aRangeWithoutReadingsIsGivenOutWholeWithNoSlots() {
        TimeRange range = new TimeRange(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T06:00:00Z"));
        SlotStream stream = SlotStream.within(SlotsTest.REGULAR_ENERGY, range, 10);
        assertEquals(range.from(), stream.done());
        assertEquals(List.of(), stream.finish());
        // the window was given out, so what is stored there can be deleted
        assertEquals(range.to(), stream.done());
    }

    /**
     * A range's slots from the readings of its context, in windows that tile the range: those of one computation over all
     * the readings, in the range only.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aRangesSlotsAreThoseOfOneComputationOverAllReadings(long seed) {
        Random random = new Random(seed);
        SeriesProfile profile = randomProfile(random, 6 * 60);
        List<Reading> all = randomReadings(random, 2_000, 24 * 3600);
        Instant from = Slots.floor(all.get(500).time());
        TimeRange range = new TimeRange(from, from.plusSeconds(900L * (100 + random.nextInt(2_000))));
        TimeRange context = Slots.contextFor(range, profile);
        SlotStream stream = SlotStream.within(profile, range, 1 + random.nextInt(200));
        List<Slot> streamed = new ArrayList<>();
        List<Instant> ends = new ArrayList<>(List.of(stream.done()));
        for (Reading r : all) {
            if (!r.time().isBefore(context.from()) && r.time().isBefore(context.to())) {
                streamed.addAll(stream.add(r));
                ends.add(stream.done());
            }
        }
        streamed.addAll(stream.finish());
        ends.add(stream.done());
        assertEquals(Slots.compute(all, profile, range), streamed, "profile " + profile);
        assertEquals(range.from(), ends.get(0));
        assertEquals(range.to(), ends.get(ends.size() - 1), "the last window ends where the range does");
        for (int i = 1; i < ends.size(); i++) {
            assertTrue(!ends.get(i).isBefore(ends.get(i - 1)), "windows follow each other");
        }
    }

    @Test
    void aWindowComesOnceAWindowOfReadingsMoreHasComeHoweverManyAreHeldForContext() {
        // a day's reach: every window keeps two days of minute readings for the next one's context
        SeriesProfile profile = new SeriesProfile(Quantity.POWER, Sampling.COV, Duration.ofDays(1));
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        SlotStream stream = SlotStream.within(profile, new TimeRange(start, start.plusSeconds(3 * 86_400)), 500);
        int windows = 0;
        for (int i = 0; i < 4 * 1_440; i++) {
            Instant before = stream.done();
            stream.add(new Reading(start.minusSeconds(86_400).plusSeconds(60L * i), 1));
            windows += stream.done().equals(before) ? 0 : 1;
        }
        assertTrue(stream.held() > 2 * 1_440, "held for context: " + stream.held());
        // 5,760 readings, 500 a window: not one window a slot (192 slots past the first day's reach)
        assertTrue(windows <= 5_760 / 500, "windows: " + windows);
    }

    private static SeriesProfile randomProfile(Random random, int maxGapMinutes) {
        return new SeriesProfile(random.nextBoolean() ? Quantity.ENERGY : Quantity.POWER,
                random.nextBoolean() ? Sampling.REGULAR : Sampling.COV, Duration.ofMinutes(15 + random.nextInt(maxGapMinutes)));
    }

    /** Readings a second to half an hour apart, and one gap in ten up to {@code longGapSeconds}. */
    private static List<Reading> randomReadings(Random random, int count, int longGapSeconds) {
        List<Reading> all = new ArrayList<>();
        Instant t = Instant.parse("2024-03-30T22:00:07Z");
        for (int i = 0; i < count; i++) {
            t = t.plusSeconds(random.nextInt(10) == 0 ? random.nextInt(longGapSeconds) + 1 : random.nextInt(1800) + 1);
            all.add(new Reading(t, random.nextInt(100_000) / 7.0));
        }
        return all;
    }
}
