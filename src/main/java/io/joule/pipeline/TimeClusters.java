package io.joule.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The times of a stream of readings, in any order, as a few clusters: readings at most {@code join} apart share one,
 * and past {@code max} clusters the closest are joined. Every time added lies in a cluster, so work done per cluster
 * covers every reading, and work between clusters years apart is not done. Memory is bounded by {@code max}.
 */
public final class TimeClusters {
    /** A cluster: the first and last time in it (equal for one reading). */
    public record Span(Instant first, Instant last) {
    }

    private final Duration join;
    private final int max;
    private final TreeMap<Instant, Instant> lastByFirst = new TreeMap<>();

    public TimeClusters(Duration join, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        this.join = join;
        this.max = max;
    }

    public void add(Instant t) {
        Map.Entry<Instant, Instant> before = lastByFirst.floorEntry(t);
        if (before != null && !t.isAfter(before.getValue())) {
            return;
        }
        Instant first = t;
        Instant last = t;
        if (before != null && !t.isAfter(before.getValue().plus(join))) {
            first = before.getKey();
        }
        Map.Entry<Instant, Instant> after = lastByFirst.higherEntry(t);
        if (after != null && !after.getKey().isAfter(t.plus(join))) {
            last = after.getValue();
            lastByFirst.remove(after.getKey());
        }
        lastByFirst.put(first, last);
        if (lastByFirst.size() > max) {
            joinClosestHalf();
        }
    }

    /** The clusters in time order; empty when nothing was added. */
    public List<Span> spans() {
        List<Span> out = new ArrayList<>(lastByFirst.size());
        lastByFirst.forEach((first, last) -> out.add(new Span(first, last)));
        return out;
    }

    /** Joins clusters until at most half of {@code max} are left, so a stream of scattered times joins rarely. */
    private void joinClosestHalf() {
        // as half-open ranges [first, last + 1 ns) for TimeRange, which needs from < to
        List<TimeRange> ranges = new ArrayList<>(lastByFirst.size());
        lastByFirst.forEach((first, last) -> ranges.add(new TimeRange(first, last.plusNanos(1))));
        lastByFirst.clear();
        for (TimeRange r : TimeRange.joinClosest(ranges, Math.max(1, max / 2))) {
            lastByFirst.put(r.from(), r.to().minusNanos(1));
        }
    }
}
