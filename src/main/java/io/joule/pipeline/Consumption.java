package io.joule.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Water level to consumption (SPEC §4): a rise between consecutive readings (in time order) is
 * consumption, a fall is a refill and counts zero; the rise belongs to the 15-minute slot of the
 * later reading.
 */
public final class Consumption {
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
     * The slots a write of levels changes, sorted and disjoint: the slot of each written level and of the level stored
     * next after it (whose rise now starts from the written one): {@code nextAfter.get(i)} follows {@code written.get(i)},
     * null when none does. Levels far apart cost their own slots, not the span between them.
     */
    public static List<TimeRange> affectedBy(List<Instant> written, List<Instant> nextAfter) {
        List<TimeRange> slots = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            slots.add(slotOf(written.get(i)));
            if (nextAfter.get(i) != null) {
                slots.add(slotOf(nextAfter.get(i)));
            }
        }
        slots.sort(java.util.Comparator.comparing(TimeRange::from));
        return TimeRange.union(slots);
    }

    private static TimeRange slotOf(Instant t) {
        Instant start = Slots.floor(t);
        return new TimeRange(start, start.plus(Slots.SLOT));
    }
}
