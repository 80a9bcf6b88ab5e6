package io.joule.timeseries;

import io.joule.pipeline.Slot;
import io.joule.pipeline.TimeRange;
import io.joule.time.Zones;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The hourly and daily rollups a write of slots over sorted, disjoint ranges rebuilds: every UTC hour and local day that
 * overlaps a range. Those wholly inside one range hold only slots the write computed, so their rows are
 * {@link SlotBuckets}' ({@code innerHours}, {@code innerDays}); those at a range's ends may also hold stored slots from
 * outside it ({@code edgeHours}, {@code edgeDays}) and are read back from the stored slots.
 *
 * @param hours every hour overlapping a range, as sorted, disjoint ranges
 * @param days every local day overlapping a range
 */
public record RollupRebuild(List<TimeRange> hours, SortedSet<LocalDate> days, List<TimeRange> edgeHours, SortedSet<LocalDate> edgeDays,
        List<SlotBuckets.Hour> innerHours, List<DailyRollup> innerDays) {
    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * @param computed every slot now in the ranges, in time order; null (or slots out of order) and every bucket is read back
     */
    public static RollupRebuild of(ZoneId zone, List<TimeRange> ranges, List<Slot> computed) {
        List<TimeRange> hours = new ArrayList<>(ranges.size());
        SortedSet<LocalDate> days = new TreeSet<>();
        List<TimeRange> edgeHours = new ArrayList<>();
        SortedSet<LocalDate> edgeDays = new TreeSet<>();
        for (TimeRange range : ranges) {
            Instant last = range.to().minusNanos(1_000);
            Instant firstHour = floorHour(range.from());
            Instant lastHour = floorHour(last);
            hours.add(new TimeRange(firstHour, lastHour.plus(HOUR)));
            if (!inside(firstHour, firstHour.plus(HOUR), range)) {
                edgeHours.add(new TimeRange(firstHour, firstHour.plus(HOUR)));
            }
            if (lastHour.isAfter(firstHour) && !inside(lastHour, lastHour.plus(HOUR), range)) {
                edgeHours.add(new TimeRange(lastHour, lastHour.plus(HOUR)));
            }
            LocalDate firstDay = Zones.dayOf(range.from(), zone);
            LocalDate lastDay = Zones.dayOf(last, zone);
            for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
                days.add(day);
            }
            if (!inside(firstDay, zone, range)) {
                edgeDays.add(firstDay);
            }
            if (lastDay.isAfter(firstDay) && !inside(lastDay, zone, range)) {
                edgeDays.add(lastDay);
            }
        }
        List<TimeRange> allHours = TimeRange.union(hours);
        SlotBuckets buckets = computed == null ? null : buckets(zone, computed);
        if (buckets == null) {
            return new RollupRebuild(allHours, days, allHours, days, List.of(), List.of());
        }
        Set<Instant> edgeHourStarts = new HashSet<>();
        edgeHours.forEach(h -> edgeHourStarts.add(h.from()));
        return new RollupRebuild(allHours, days, TimeRange.union(edgeHours), edgeDays,
                buckets.hours().stream().filter(h -> !edgeHourStarts.contains(h.start())).toList(),
                buckets.days().stream().filter(d -> !edgeDays.contains(d.date())).toList());
    }

    private static SlotBuckets buckets(ZoneId zone, List<Slot> computed) {
        SlotBuckets buckets = new SlotBuckets(zone);
        for (Slot slot : computed) {
            if (!buckets.add(slot)) {
                return null;
            }
        }
        return buckets.finish();
    }

    private static Instant floorHour(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), HOUR.getSeconds()) * HOUR.getSeconds());
    }

    private static boolean inside(Instant from, Instant to, TimeRange range) {
        return !from.isBefore(range.from()) && !to.isAfter(range.to());
    }

    private static boolean inside(LocalDate day, ZoneId zone, TimeRange range) {
        return inside(Zones.startOf(day, zone).toInstant(), Zones.startOf(day.plusDays(1), zone).toInstant(), range);
    }
}
