package io.joule.timeseries;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily statistics of one series' readings, computed as the readings stream in time order, exactly as
 * reading_daily's SQL composes them: a local day's readings grouped by UTC hour (an hour that a :30 day boundary
 * cuts is two groups), each group summed in time order from its first term, the groups' sums added in time order,
 * and min and max folded as PostgreSQL's {@code float8smaller}/{@code float8larger} fold them. So a bulk import
 * writes its days without reading its readings back. Readings out of time order end it ({@link #add} answers false).
 */
public final class ReadingDays {
    private static final long HOUR = 3600;

    private final long seriesId;
    private final ZoneId zone;
    private final List<ReadingDay> days = new ArrayList<>();
    private Instant previous;

    private LocalDate date;
    private Instant dayStart;
    private Instant dayEnd;
    private double dayMin;
    private double dayMax;
    private double daySum;
    private int dayCount;
    private boolean dayOpen;

    private long hour;
    private double hourMin;
    private double hourMax;
    private double hourSum;
    private int hourCount;

    public ReadingDays(long seriesId, ZoneId zone) {
        this.seriesId = seriesId;
        this.zone = zone;
    }

    /** Adds the next reading; false (and nothing added) when it is not later than the one before. */
    public boolean add(Instant at, double value) {
        if (previous != null && !at.isAfter(previous)) {
            return false;
        }
        previous = at;
        long h = Math.floorDiv(at.getEpochSecond(), HOUR);
        if (dayEnd == null || !at.isBefore(dayEnd)) {
            closeDay();
            date = at.atZone(zone).toLocalDate();
            dayStart = date.atStartOfDay(zone).toInstant();
            dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
            startHour(h, value);
        } else if (h != hour) {
            closeHour();
            startHour(h, value);
        } else {
            hourSum += value;
            hourMin = hourMin < value ? hourMin : value;
            hourMax = hourMax > value ? hourMax : value;
            hourCount++;
        }
        return true;
    }

    /** Ends the stream: its days, in order. Their number grows with the readings' span, not with their number. */
    public List<ReadingDay> finish() {
        closeDay();
        return days;
    }

    /** How many days are held, the open one included. */
    public int size() {
        return days.size() + (dayEnd == null ? 0 : 1);
    }

    private void startHour(long h, double value) {
        hour = h;
        hourMin = value;
        hourMax = value;
        hourSum = value;
        hourCount = 1;
    }

    private void closeHour() {
        if (!dayOpen) {
            dayMin = hourMin;
            dayMax = hourMax;
            daySum = hourSum;
            dayCount = hourCount;
            dayOpen = true;
            return;
        }
        dayMin = dayMin < hourMin ? dayMin : hourMin;
        dayMax = dayMax > hourMax ? dayMax : hourMax;
        daySum += hourSum;
        dayCount += hourCount;
    }

    private void closeDay() {
        if (dayEnd == null) {
            return;
        }
        closeHour();
        days.add(new ReadingDay(seriesId, date, dayStart, dayEnd, dayMin, dayMax, daySum, dayCount));
        dayEnd = null;
        dayOpen = false;
    }
}
