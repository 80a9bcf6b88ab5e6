package io.joule.timeseries;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily statistics of one series' readings, computed as the readings stream in time order, exactly as
 * reading_daily's SQL composes them: a local day's readings grouped by UTC hour (an hour that a :30 day boundary
 * cuts is two groups), each group folded in time order ({@link OrderedStats}), the groups' results folded in time
 * order. So a bulk import writes its days without reading its readings back. A reading out of time order ends it
 * ({@link #add} answers false).
 */
public final class ReadingDays {
    private final long seriesId;
    private final ZoneId zone;
    private final List<ReadingDay> days = new ArrayList<>();
    private final LocalDays local;
    private final OrderedStats day = new OrderedStats();
    private final OrderedStats hour = new OrderedStats();
    private long hourIndex;
    private Instant previous;

    public ReadingDays(long seriesId, ZoneId zone) {
        this.seriesId = seriesId;
        this.zone = zone;
        this.local = new LocalDays(zone);
    }

    /** Adds the next reading; false (and nothing added) when it is not later than the one before. */
    public boolean add(Instant at, double value) {
        if (previous != null && !at.isAfter(previous)) {
            return false;
        }
        previous = at;
        long h = LocalDays.utcHour(at);
        if (!local.holds(at)) {
            closeDay();
            local.moveTo(at);
        } else if (h != hourIndex) {
            day.add(hour);
            hour.clear();
        }
        hourIndex = h;
        hour.add(value);
        return true;
    }

    /** Ends the stream: its days, in order. Their number grows with the readings' span, not with their number. */
    public List<ReadingDay> finish() {
        closeDay();
        return days;
    }

    /** How many days are held, the open one included. */
    public int size() {
        return days.size() + (hour.count > 0 ? 1 : 0);
    }

    private void closeDay() {
        if (hour.count == 0) {
            return;
        }
        day.add(hour);
        days.add(new ReadingDay(seriesId, local.date(), local.start(), local.end(), day.min, day.max, day.sum, day.count));
        day.clear();
        hour.clear();
    }
}
