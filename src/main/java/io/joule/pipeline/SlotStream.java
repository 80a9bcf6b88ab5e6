package io.joule.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Slots computed while readings come in time order: a window of slots is computed once every reading of its context has
 * come ({@link Slots#contextFor}), and the readings no later window reaches are dropped, so memory holds a window's
 * readings, however many come. Either the slots of a series that has no other readings (a bulk import of a new
 * channel), which are those {@link Slots#computeAll} gives for all of them at once; or, {@link #within} a range, the
 * slots there of a stored series' readings read back in time order from the range's context.
 */
public final class SlotStream {
    /** Readings that come between windows: one computation per this many, not one per reading. */
    static final int WINDOW_READINGS = 1_024;

    private final SeriesProfile profile;
    private final Duration reach;
    private final int windowReadings;
    /** Where the slots end when they are those of a range, not of the readings (null). */
    private final Instant end;
    private List<Reading> around = new ArrayList<>();
    /** Readings added since the last window: the held ones include its context, which may be more than a window. */
    private int added;
    /** Slots before this start were given out. */
    private Instant done;
    private Instant first;
    private Instant last;

    /** The slots of a new series' readings. */
    public SlotStream(SeriesProfile profile) {
        this(profile, null, WINDOW_READINGS);
    }

    private SlotStream(SeriesProfile profile, TimeRange slots, int windowReadings) {
        if (!profile.slotted()) {
            throw new IllegalArgumentException("only power and energy series have slots: " + profile);
        }
        if (windowReadings < 1) {
            throw new IllegalArgumentException("a window needs at least one reading: " + windowReadings);
        }
        this.profile = profile;
        this.reach = profile.reach();
        this.windowReadings = windowReadings;
        this.done = slots == null ? null : slots.from();
        this.end = slots == null ? null : slots.to();
    }

    /**
     * The slots starting in {@code slots}, of the readings of {@code Slots.contextFor(slots, profile)}, given in time
     * order: every window of the range is given out, up to its end, with or without readings (so slots stored there
     * with none left can be deleted). A window is computed once {@code windowReadings} more have come.
     */
    public static SlotStream within(SeriesProfile profile, TimeRange slots, int windowReadings) {
        return new SlotStream(profile, slots, windowReadings);
    }

    /** Adds the next reading, after every earlier one; answers the slots now complete, in time order (mostly none). */
    public List<Slot> add(Reading reading) {
        if (!follows(reading.time())) {
            throw new IllegalArgumentException("readings must come in time order with distinct times");
        }
        if (first == null) {
            first = reading.time();
            done = end == null ? Slots.floor(first) : done;
        }
        last = reading.time();
        around.add(reading);
        if (++added < windowReadings) {
            return List.of();
        }
        // a later reading changes intervals from the last one held on, so a slot a reach before that is final
        Instant ready = Slots.floor(reading.time().minus(reach));
        ready = end != null && ready.isAfter(end) ? end : ready;
        return ready.isAfter(done) ? window(ready) : List.of();
    }

    /** Slots before this start were given out: the end of the last window (null while a new series has no readings). */
    public Instant done() {
        return done;
    }

    /** How many readings are held for windows not yet complete. */
    public int held() {
        return around.size();
    }

    /** Whether a reading at {@code t} may come next: after every reading so far. */
    public boolean follows(Instant t) {
        return last == null || t.isAfter(last);
    }

    /** Where every slot of a new series' readings so far starts (null before the first); not the range of {@link #within}. */
    public TimeRange range() {
        return first == null ? null : Slots.slotsOf(first, last, profile);
    }

    /** The remaining slots, once the last reading has come: a range's up to its end, a new series' up to its last. */
    public List<Slot> finish() {
        Instant until = end != null ? end : first == null ? null : range().to();
        return until != null && until.isAfter(done) ? window(until) : List.of();
    }

    private List<Slot> window(Instant until) {
        List<Slot> slots = Slots.compute(around, profile, new TimeRange(done, until));
        done = until;
        added = 0;
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
