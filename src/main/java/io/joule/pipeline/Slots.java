package io.joule.pipeline;

import io.joule.time.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the readings of one series into 15-minute energy slots (SPEC §3).
 *
 * <p>Reading i describes [t_i, end_i). end_i is the next reading when it is at most max_gap away;
 * otherwise a {@code regular} series covers one nominal interval (the interval before it when
 * that one was itself within max_gap, else 15 minutes) and a {@code cov} series holds for
 * max_gap. So no interval is longer than {@link SeriesProfile#reach()}, and one reading only
 * ever influences slots within two reaches of it: that locality is what lets a write recompute
 * a bounded range and still agree with a full recomputation.
 */
public final class Slots {
    public static final Duration SLOT = Duration.ofMinutes(15);
    static final long SLOT_MICROS = SLOT.toNanos() / 1_000;
    private static final double MICROS_PER_HOUR = 3_600_000_000d;
    /** No interval reaches past this: no query can reach a slot here or later, every time a client sends being before it. */
    private static final long PAST_SUPPORTED = micros(Timestamps.LATEST);

    private Slots() {
    }

    /**
     * The slots whose start lies in {@code window}, from readings sorted by time with distinct
     * times. Callers pass every reading in {@link #contextFor(TimeRange, SeriesProfile)} so the
     * edges are exact; slots no interval touches are absent ("no data" is not zero).
     */
    public static List<Slot> compute(List<Reading> readings, SeriesProfile profile, TimeRange window) {
        return compute(readings, profile, window, Integer.MAX_VALUE);
    }

    private static List<Slot> compute(List<Reading> readings, SeriesProfile profile, TimeRange window, int maxSlots) {
        if (!profile.slotted()) {
            throw new IllegalArgumentException("only power and energy series have slots: " + profile);
        }
        long windowFrom = micros(window.from());
        long windowTo = micros(window.to());
        long maxGap = profile.maxGap().toNanos() / 1_000;
        long reach = profile.reach().toNanos() / 1_000;
        SlotAccumulator out = new SlotAccumulator(windowFrom, windowTo, maxSlots);
        int n = readings.size();
        for (int i = 0; i < n; i++) {
            long t = micros(readings.get(i).time());
            if (i > 0 && micros(readings.get(i - 1).time()) >= t) {
                throw new IllegalArgumentException("readings must be sorted with distinct times");
            }
            if (t >= windowTo || t + reach <= windowFrom) {
                continue;
            }
            long end = intervalEnd(readings, i, t, profile.sampling(), maxGap);
            if (end > PAST_SUPPORTED && windowTo > PAST_SUPPORTED) {
                throw new PastSupportedTimeException(instant(t), instant(end));
            }
            double value = readings.get(i).value();
            if (profile.quantity() == Quantity.POWER) {
                spreadPower(out, t, end, value);
            } else {
                spreadEnergy(out, t, end, value);
            }
        }
        return out.slots();
    }

    /** All slots of the readings (sorted, distinct times), as a full recomputation would give. */
    public static List<Slot> computeAll(List<Reading> readings, SeriesProfile profile) {
        if (readings.isEmpty()) {
            return List.of();
        }
        return compute(readings, profile, slotsOf(readings.get(0).time(), readings.get(readings.size() - 1).time(), profile));
    }

    /** Where every slot of readings from {@code first} to {@code last} starts, with no other readings around them. */
    public static TimeRange slotsOf(Instant first, Instant last, SeriesProfile profile) {
        return new TimeRange(floor(first), ceil(last.plus(profile.reach())));
    }

    /** The slot ranges a write of readings in these spans can change: each span's {@link #affectedBy}, merged. */
    public static List<TimeRange> affectedBySpans(List<TimeClusters.Span> spans, SeriesProfile profile) {
        return TimeRange.union(spans.stream().map(s -> affectedBy(s.first(), s.last(), profile)).toList());
    }

    /**
     * The slots a write of readings with times in [minTime, maxTime] can change: every interval
     * that gains, loses or moves a neighbour lies within two reaches of a written reading.
     */
    public static TimeRange affectedBy(Instant minTime, Instant maxTime, SeriesProfile profile) {
        Duration reach = profile.reach();
        // reach + reach, not multipliedBy(2): this runs for every reading written, and multipliedBy divides a BigInteger
        return new TimeRange(floor(minTime.minus(reach)), ceil(maxTime.plus(reach).plus(reach)));
    }

    /**
     * The slot ranges a write of {@code written} (sorted by time) can change, in order and disjoint: each reading's
     * {@link #affectedBy(Instant, Instant, SeriesProfile)}, those that overlap or touch merged. So a batch's work follows
     * its readings, not the span from its first to its last.
     */
    public static List<TimeRange> affectedBy(List<Reading> written, SeriesProfile profile) {
        return TimeRange.union(written.stream().map(r -> affectedBy(r.time(), r.time(), profile)).toList());
    }

    /** How many slots the ranges (slot-aligned, disjoint) hold: the most a computation over them can give. */
    public static long slotsIn(List<TimeRange> ranges) {
        long seconds = 0;
        for (TimeRange r : ranges) {
            seconds += r.to().getEpochSecond() - r.from().getEpochSecond();
        }
        return seconds / SLOT.getSeconds();
    }

    /** The readings (inclusive bounds) needed to compute the slots of windows (sorted, disjoint): overlapping contexts merged. */
    public static List<TimeRange> contextFor(List<TimeRange> windows, SeriesProfile profile) {
        return TimeRange.union(windows.stream().map(w -> contextFor(w, profile)).toList());
    }

    /**
     * As {@link #compute(List, SeriesProfile, TimeRange)} for each of the windows (sorted, disjoint), given every reading
     * in their contexts: each window reads only the readings of its own context, found by binary search.
     */
    public static List<Slot> compute(List<Reading> readings, SeriesProfile profile, List<TimeRange> windows) {
        return compute(readings, profile, windows, Integer.MAX_VALUE);
    }

    /**
     * As {@link #compute(List, SeriesProfile, List)}, refused with {@link TooManySlotsException} before it holds more than
     * {@code maxSlots} slots: a change-of-value reading may hold for a day (96 slots), so a batch's slots are bounded by its
     * time, not its size, and memory must be bounded before they are made.
     */
    public static List<Slot> compute(List<Reading> readings, SeriesProfile profile, List<TimeRange> windows, int maxSlots) {
        if (windows.size() == 1) {
            return compute(readings, profile, windows.get(0), maxSlots);
        }
        List<Slot> out = new ArrayList<>();
        for (TimeRange window : windows) {
            TimeRange context = contextFor(window, profile);
            int from = firstNotBefore(readings, context.from());
            int to = firstNotBefore(readings, context.to().plusNanos(1_000));
            out.addAll(compute(readings.subList(from, to), profile, window, maxSlots - out.size()));
        }
        return out;
    }

    /**
     * A reading's interval reaches past {@link Timestamps#LATEST} (its energy would be stored where no answer can show
     * it): a reading shortly before the end of the supported range, with no reading after it that ends its interval.
     */
    public static final class PastSupportedTimeException extends RuntimeException {
        PastSupportedTimeException(Instant reading, Instant end) {
            super("The reading at " + reading + " covers time up to " + end + ", past the end of the supported range, "
                    + Timestamps.LATEST + ", where no answer could show its energy", null, false, false);
        }
    }

    /** A computation would make more slots than its caller may hold at once. */
    public static final class TooManySlotsException extends RuntimeException {
        TooManySlotsException() {
            super("more slots than allowed", null, false, false);
        }
    }

    /** The index of the first reading at or after t (readings sorted by time), or the size when there is none. */
    private static int firstNotBefore(List<Reading> readings, Instant t) {
        int low = 0;
        int high = readings.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (readings.get(mid).time().isBefore(t)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The readings (inclusive bounds) needed to compute the slots of {@code window} exactly. */
    public static TimeRange contextFor(TimeRange window, SeriesProfile profile) {
        Duration reach = profile.reach();
        return new TimeRange(window.from().minus(reach.multipliedBy(2)), window.to().plus(reach));
    }

    public static Instant floor(Instant t) {
        long m = Math.floorDiv(micros(t), SLOT_MICROS) * SLOT_MICROS;
        return instant(m);
    }

    public static Instant ceil(Instant t) {
        long m = -Math.floorDiv(-micros(t), SLOT_MICROS) * SLOT_MICROS;
        return instant(m);
    }

    private static long intervalEnd(List<Reading> readings, int i, long t, Sampling sampling, long maxGap) {
        boolean hasNext = i + 1 < readings.size();
        long next = hasNext ? micros(readings.get(i + 1).time()) : Long.MAX_VALUE;
        if (hasNext && next - t <= maxGap) {
            return next;
        }
        if (sampling == Sampling.COV) {
            return Math.min(next, t + maxGap);
        }
        long nominal = SLOT_MICROS;
        if (i > 0) {
            long before = t - micros(readings.get(i - 1).time());
            if (before <= maxGap) {
                nominal = before;
            }
        }
        return Math.min(next, t + nominal);
    }

    private static void spreadPower(SlotAccumulator out, long start, long end, double kw) {
        for (long s = floorMicros(start); s < end; s += SLOT_MICROS) {
            long overlap = Math.min(end, s + SLOT_MICROS) - Math.max(start, s);
            out.add(s, kw * (overlap / MICROS_PER_HOUR));
        }
    }

    /** Uniform rate inside the interval; the last piece takes the remainder so the pieces add up to the reading. */
    private static void spreadEnergy(SlotAccumulator out, long start, long end, double kwh) {
        long length = end - start;
        double given = 0;
        for (long s = floorMicros(start); s < end; s += SLOT_MICROS) {
            long sliceEnd = Math.min(end, s + SLOT_MICROS);
            long overlap = sliceEnd - Math.max(start, s);
            double piece = sliceEnd == end ? kwh - given : kwh * ((double) overlap / length);
            given += piece;
            out.add(s, piece);
        }
    }

    private static long floorMicros(long t) {
        return Math.floorDiv(t, SLOT_MICROS) * SLOT_MICROS;
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** Collects slot energies in time order, keeping only slots inside the window. */
    private static final class SlotAccumulator {
        private final long from;
        private final long to;
        private final int maxSlots;
        private final List<Slot> slots = new ArrayList<>();
        private long current = Long.MIN_VALUE;
        private double sum;

        SlotAccumulator(long from, long to, int maxSlots) {
            this.from = from;
            this.to = to;
            this.maxSlots = maxSlots;
        }

        void add(long slotStart, double kwh) {
            if (slotStart < from || slotStart >= to) {
                return;
            }
            if (slotStart != current) {
                flush();
                if (slots.size() >= maxSlots) {
                    throw new TooManySlotsException();
                }
                current = slotStart;
                sum = 0;
            }
            sum += kwh;
        }

        List<Slot> slots() {
            flush();
            return slots;
        }

        private void flush() {
            if (current != Long.MIN_VALUE) {
                slots.add(new Slot(instant(current), sum));
                current = Long.MIN_VALUE;
            }
        }
    }
}
