package io.joule.timeseries;

import io.joule.pipeline.Slot;
import io.joule.pipeline.TimeRange;
import io.joule.time.Zones;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
 * @param edgeHours one-hour ranges, sorted and distinct: each is labelled by its start, never binned by the database
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
        SortedSet<Instant> edgeHours = new TreeSet<>();
        SortedSet<LocalDate> edgeDays = new TreeSet<>();
        for (TimeRange range : ranges) {
            Instant last = range.to().minusNanos(1_000);
            Instant firstHour = floorHour(range.from());
            Instant lastHour = floorHour(last);
            hours.add(new TimeRange(firstHour, lastHour.plus(HOUR)));
            if (!inside(firstHour, firstHour.plus(HOUR), range)) {
                edgeHours.add(firstHour);
            }
            if (lastHour.isAfter(firstHour) && !inside(lastHour, lastHour.plus(HOUR), range)) {
                edgeHours.add(lastHour);
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
        SlotBuckets buckets = computed == null ? null : buckets(zone, ranges, computed);
        if (buckets == null) {
            return new RollupRebuild(allHours, days, oneHourEach(allHours), days, List.of(), List.of());
        }
        return new RollupRebuild(allHours, days, edgeHours.stream().map(h -> new TimeRange(h, h.plus(HOUR))).toList(), edgeDays,
                buckets.hours().stream().filter(h -> !edgeHours.contains(h.start())).toList(),
                buckets.days().stream().filter(d -> !edgeDays.contains(d.date())).toList());
    }

    /** The slots' buckets, or null unless the slots come in time order and each lies in a range (then nothing is trusted). */
    private static SlotBuckets buckets(ZoneId zone, List<TimeRange> ranges, List<Slot> computed) {
        SlotBuckets buckets = new SlotBuckets(zone);
        int r = 0;
        for (Slot slot : computed) {
            while (r < ranges.size() && !slot.start().isBefore(ranges.get(r).to())) {
                r++;
            }
            if (r == ranges.size() || slot.start().isBefore(ranges.get(r).from()) || !buckets.add(slot)) {
                return null;
            }
        }
        return buckets.finish();
    }

    private static List<TimeRange> oneHourEach(List<TimeRange> hourRanges) {
        List<TimeRange> out = new ArrayList<>();
        for (TimeRange range : hourRanges) {
            for (Instant h = range.from(); h.isBefore(range.to()); h = h.plus(HOUR)) {
                out.add(new TimeRange(h, h.plus(HOUR)));
            }
        }
        return out;
    }

    private static Instant floorHour(Instant t) {
        return LocalDays.hourStart(LocalDays.utcHour(t));
    }

    private static boolean inside(Instant from, Instant to, TimeRange range) {
        return !from.isBefore(range.from()) && !to.isAfter(range.to());
    }

    private static boolean inside(LocalDate day, ZoneId zone, TimeRange range) {
        return inside(Zones.startOf(day, zone).toInstant(), Zones.startOf(day.plusDays(1), zone).toInstant(), range);
    }
}
