package io.joule.ship;

import io.joule.pipeline.TimeRange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a window [start, end) into whole UTC days (served by daily rollups), whole hours
 * (hourly rollups) and the 15-minute slots at its edges, so that together they cover the window
 * exactly once.
 */
public record RankingWindow(List<TimeRange> days, List<TimeRange> hours, List<TimeRange> slots) {

    public static RankingWindow of(TimeRange window) {
        Instant start = window.from();
        Instant end = window.to();
        Instant hourFrom = ceil(start, ChronoUnit.HOURS);
        Instant hourTo = end.truncatedTo(ChronoUnit.HOURS);
        if (!hourFrom.isBefore(hourTo)) {
            return new RankingWindow(List.of(), List.of(), List.of(window));
        }
        List<TimeRange> slots = nonEmpty(new TimeRange[] {range(start, hourFrom), range(hourTo, end)});
        Instant dayFrom = ceil(start, ChronoUnit.DAYS);
        Instant dayTo = end.truncatedTo(ChronoUnit.DAYS);
        if (!dayFrom.isBefore(dayTo)) {
            return new RankingWindow(List.of(), List.of(new TimeRange(hourFrom, hourTo)), slots);
        }
        List<TimeRange> hours = nonEmpty(new TimeRange[] {range(hourFrom, dayFrom), range(dayTo, hourTo)});
        return new RankingWindow(List.of(new TimeRange(dayFrom, dayTo)), hours, slots);
    }

    private static Instant ceil(Instant t, ChronoUnit unit) {
        Instant floor = t.truncatedTo(unit);
        return floor.equals(t) ? t : floor.plus(1, unit);
    }

    private static TimeRange range(Instant from, Instant to) {
        return from.isBefore(to) ? new TimeRange(from, to) : null;
    }

    private static List<TimeRange> nonEmpty(TimeRange[] ranges) {
        List<TimeRange> out = new ArrayList<>();
        for (TimeRange r : ranges) {
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }
}
