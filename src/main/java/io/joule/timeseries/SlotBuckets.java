package io.joule.timeseries;

import io.joule.pipeline.Slot;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The hourly and daily rollups of a run of slots, computed as the slots are computed, in time order, exactly as the
 * rollup tables' SQL composes them: a UTC hour's slots, and a local day's slots, each folded in time order
 * ({@link OrderedStats}). A slot out of time order ends it ({@link #add} answers false).
 */
public final class SlotBuckets {
    /** An hour's energy: the sum of its slots, their min and max, and how many there are. */
    public record Hour(Instant start, double energyKwh, double minKwh, double maxKwh, int slots) {
    }

    private final LocalDays local;
    private final List<Hour> hours = new ArrayList<>();
    private final List<DailyRollup> days = new ArrayList<>();
    private final OrderedStats hour = new OrderedStats();
    private final OrderedStats day = new OrderedStats();
    private long hourIndex;
    private Instant previous;

    public SlotBuckets(ZoneId zone) {
        this.local = new LocalDays(zone);
    }

    /** Adds the next slot; false (and nothing added) when it does not start after the one before. */
    public boolean add(Slot slot) {
        Instant at = slot.start();
        if (previous != null && !at.isAfter(previous)) {
            return false;
        }
        previous = at;
        long h = LocalDays.utcHour(at);
        if (hour.count > 0 && h != hourIndex) {
            closeHour();
        }
        if (!local.holds(at)) {
            closeDay();
            local.moveTo(at);
        }
        hourIndex = h;
        hour.add(slot.kwh());
        day.add(slot.kwh());
        return true;
    }

    /**
     * Adds the next slots (in time order); answers this, or null once one does not start after the one before or more
     * than {@code most} hours and days are held: the caller then reads the rollups back from the stored slots.
     */
    public SlotBuckets addAll(List<Slot> slots, int most) {
        for (Slot slot : slots) {
            if (!add(slot)) {
                return null;
            }
        }
        return size() > most ? null : this;
    }

    /** Ends the run; its hours and days are then complete. */
    public SlotBuckets finish() {
        closeHour();
        closeDay();
        return this;
    }

    public List<Hour> hours() {
        return hours;
    }

    public List<DailyRollup> days() {
        return days;
    }

    /** How many hours and days are held. */
    public int size() {
        return hours.size() + days.size();
    }

    private void closeHour() {
        if (hour.count > 0) {
            hours.add(new Hour(LocalDays.hourStart(hourIndex), hour.sum, hour.min, hour.max, hour.count));
            hour.clear();
        }
    }

    private void closeDay() {
        if (day.count > 0) {
            days.add(new DailyRollup(local.date(), local.start(), local.end(), day.sum, day.min, day.max, day.sum / day.count, day.count));
            day.clear();
        }
    }
}
