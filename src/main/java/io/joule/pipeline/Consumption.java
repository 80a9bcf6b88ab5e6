package io.joule.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Water level to consumption (SPEC §4): a rise between consecutive readings (in time order) is
 * consumption, a fall is a refill and counts zero; the rise belongs to the 15-minute slot of the
 * later reading.
 */
public final class Consumption {
    /** Most slot ranges one sensor's write recomputes. */
    static final int MAX_RANGES = 64;
    /** Slot ranges at most this far apart are recomputed as one. */
    static final Duration JOINED = Duration.ofDays(1);

    private Consumption() {
    }

    /**
     * The consumption of the slots in {@code window} from levels sorted by time; pass the last
     * reading before the window too, or the window's first reading has no rise.
     */
    public static List<Slot> compute(List<Reading> levels, TimeRange window) {
        List<Slot> out = new ArrayList<>();
        Instant current = null;
        double sum = 0;
        for (int i = 1; i < levels.size(); i++) {
            Instant t = levels.get(i).time();
            if (!window.contains(t)) {
                continue;
            }
            Instant slot = Slots.floor(t);
            if (!slot.equals(current)) {
                if (current != null) {
                    out.add(new Slot(current, sum));
                }
                current = slot;
                sum = 0;
            }
            sum += Math.max(0, levels.get(i).value() - levels.get(i - 1).value());
        }
        if (current != null) {
            out.add(new Slot(current, sum));
        }
        return out;
    }

    /**
     * The written levels (sorted) whose next stored level must be looked up: a stored level between two written ones whose
     * slots are at most {@link #JOINED} apart lies in the range recomputed for them ({@link #affectedBy}). So a batch
     * with no gap over a day needs one lookup, after its last level.
     */
    public static List<Instant> successorLookups(List<Instant> written) {
        List<Instant> out = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            boolean last = i == written.size() - 1;
            if (last || Slots.floor(written.get(i + 1)).isAfter(Slots.floor(written.get(i)).plus(Slots.SLOT).plus(JOINED))) {
                out.add(written.get(i));
            }
        }
        return out;
    }

    /**
     * The slots a write of levels changes, sorted and disjoint: the slot of each written level, and of each stored level
     * that now follows one ({@code successors}, found for {@link #successorLookups}; null where none follows), whose rise
     * starts from the written one. Levels far apart cost their own slots, not the span between them; ranges a day or less
     * apart are one, and at most {@value #MAX_RANGES} are made (the closest joined): each range costs its own lookup of
     * the level before it, which on TimescaleDB visits every older chunk (10,000 levels 29 minutes apart took 21 s).
     */
    public static List<TimeRange> affectedBy(List<Instant> written, List<Instant> successors) {
        List<TimeRange> slots = new ArrayList<>();
        written.forEach(t -> slots.add(slotOf(t)));
        successors.stream().filter(Objects::nonNull).forEach(t -> slots.add(slotOf(t)));
        slots.sort(Comparator.comparing(TimeRange::from));
        return TimeRange.joinClosest(TimeRange.joinGapsUpTo(TimeRange.union(slots), JOINED), MAX_RANGES);
    }

    /** The consumption of each range's slots, given each range's levels and the last level before it ({@code levels.get(i)}). */
    public static List<Slot> compute(List<List<Reading>> levels, List<TimeRange> ranges) {
        List<Slot> out = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            out.addAll(compute(levels.get(i), ranges.get(i)));
        }
        return out;
    }

    private static TimeRange slotOf(Instant t) {
        Instant start = Slots.floor(t);
        return new TimeRange(start, start.plus(Slots.SLOT));
    }
}
