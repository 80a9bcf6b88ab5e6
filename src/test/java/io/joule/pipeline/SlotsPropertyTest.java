package io.joule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bounded recompute of {@link Slots#affectedBy} and {@link Slots#contextFor} agrees with a
 * full recomputation whatever the batches, and interval energy is conserved.
 */
class SlotsPropertyTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void incrementalRecomputeEqualsFullRecompute(long seed) {
        assertIncrementalEqualsFull(seed, false);
    }

    /** Each batch recomputes only around each of its readings, several ranges when they lie far apart. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void recomputeAroundEachReadingEqualsFullRecompute(long seed) {
        assertIncrementalEqualsFull(seed, true);
    }

    private static void assertIncrementalEqualsFull(long seed, boolean aroundEachReading) {
        Random random = new Random(seed);
        SeriesProfile profile = new SeriesProfile(random.nextBoolean() ? Quantity.ENERGY : Quantity.POWER,
                random.nextBoolean() ? Sampling.REGULAR : Sampling.COV, Duration.ofMinutes(15 + random.nextInt(120)));
        TreeMap<Instant, Double> stored = new TreeMap<>();
        TreeMap<Instant, Double> slots = new TreeMap<>();
        Instant origin = Instant.parse("2024-03-30T22:00:00Z");
        for (int batch = 0; batch < 60; batch++) {
            Map<Instant, Double> written = new TreeMap<>();
            // Sparse readings in small batches, spaced about max_gap apart, so that late readings
            // shorten and lengthen their neighbours' nominal intervals.
            int size = 1 + random.nextInt(3);
            for (int i = 0; i < size; i++) {
                Instant t = origin.plusSeconds(60L * random.nextInt(2 * 24 * 60) + random.nextInt(60));
                written.put(t, (double) random.nextInt(1000) / 7);
            }
            stored.putAll(written);
            Instant min = ((TreeMap<Instant, Double>) written).firstKey();
            Instant max = ((TreeMap<Instant, Double>) written).lastKey();
            List<Reading> batchReadings = new ArrayList<>();
            written.forEach((t, v) -> batchReadings.add(new Reading(t, v)));
            List<TimeRange> affected = aroundEachReading ? Slots.affectedBy(batchReadings, profile)
                    : List.of(Slots.affectedBy(min, max, profile));
            List<TimeRange> contexts = aroundEachReading ? Slots.contextFor(affected, profile)
                    : List.of(Slots.contextFor(affected.get(0), profile));
            List<Reading> around = new ArrayList<>();
            contexts.forEach(c -> stored.subMap(c.from(), true, c.to(), true).forEach((t, v) -> around.add(new Reading(t, v))));
            affected.forEach(a -> slots.subMap(a.from(), a.to()).clear());
            Slots.compute(around, profile, affected).forEach(s -> slots.put(s.start(), s.kwh()));
        }
        List<Reading> all = new ArrayList<>();
        stored.forEach((t, v) -> all.add(new Reading(t, v)));
        TreeMap<Instant, Double> full = new TreeMap<>();
        Slots.computeAll(all, profile).forEach(s -> full.put(s.start(), s.kwh()));
        assertEquals(full, slots, "profile " + profile);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void intervalEnergyIsConserved(long seed) {
        Random random = new Random(seed);
        SeriesProfile profile = new SeriesProfile(Quantity.ENERGY, Sampling.REGULAR, Duration.ofHours(1));
        TreeMap<Instant, Double> readings = new TreeMap<>();
        Instant origin = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 500; i++) {
            readings.put(origin.plusSeconds(random.nextInt(5 * 24 * 3600)), random.nextDouble() * 50);
        }
        List<Reading> all = new ArrayList<>();
        readings.forEach((t, v) -> all.add(new Reading(t, v)));
        double total = all.stream().mapToDouble(Reading::value).sum();
        double slotted = Slots.computeAll(all, profile).stream().mapToDouble(Slot::kwh).sum();
        assertEquals(total, slotted, 1e-9 * total);
    }
}
