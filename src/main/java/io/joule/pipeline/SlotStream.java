package io.joule.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The slots of a series that has no other readings, computed while its readings come in time order (a bulk import of a
 * new channel): a window of slots is computed once every reading of its context has come ({@link Slots#contextFor}),
 * and the readings no later window reaches are dropped, so memory holds a window's readings, however many come. The
 * slots, in time order, are those {@link Slots#computeAll} gives for all of the readings at once.
 */
public final class SlotStream {
    /** Readings held before a window is computed: one computation per this many, not one per reading. */
    static final int WINDOW_READINGS = 1_024;

    private final SeriesProfile profile;
    private final Duration reach;
    private List<Reading> around = new ArrayList<>();
    /** Slots before this start were given out. */
    private Instant done;
    private Instant first;
    private Instant last;

    public SlotStream(SeriesProfile profile) {
        if (!profile.slotted()) {
            throw new IllegalArgumentException("only power and energy series have slots: " + profile);
        }
        this.profile = profile;
        this.reach = profile.reach();
    }

    /** Adds the next reading, after every earlier one; answers the slots now complete, in time order (mostly none). */
    public List<Slot> add(Reading reading) {
        if (!follows(reading.time())) {
            throw new IllegalArgumentException("readings must come in time order with distinct times");
        }
        if (first == null) {
            first = reading.time();
            done = Slots.floor(first);
        }
        last = reading.time();
        around.add(reading);
        if (around.size() < WINDOW_READINGS) {
            return List.of();
        }
        // a later reading changes intervals from the last one held on, so a slot a reach before that is final
        Instant ready = Slots.floor(reading.time().minus(reach));
        return ready.isAfter(done) ? window(ready) : List.of();
    }

    /** How many readings are held for windows not yet complete. */
    public int held() {
        return around.size();
    }

    /** Whether a reading at {@code t} may come next: after every reading so far. */
    public boolean follows(Instant t) {
        return last == null || t.isAfter(last);
    }

    /** Where every slot of the readings so far starts (null before the first). */
    public TimeRange range() {
        return first == null ? null : Slots.slotsOf(first, last, profile);
    }

    /** The remaining slots, once the last reading has come. */
    public List<Slot> finish() {
        return first == null ? List.of() : window(range().to());
    }

    private List<Slot> window(Instant until) {
        List<Slot> slots = Slots.compute(around, profile, new TimeRange(done, until));
        done = until;
        Instant needed = done.minus(reach).minus(reach);
        int keep = 0;
        while (keep < around.size() && around.get(keep).time().isBefore(needed)) {
            keep++;
        }
        // a new list: cleared in place, the list would keep the array of its largest window (held() would not count it)
        around = new ArrayList<>(around.subList(keep, around.size()));
        return slots;
    }
}
