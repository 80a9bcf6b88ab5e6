package io.joule.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A half-open UTC range [from, to). */
public record TimeRange(Instant from, Instant to) {
    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to: " + from + " .. " + to);
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    /** Ranges sorted by start, those that overlap or touch merged: sorted and disjoint. */
    public static List<TimeRange> union(List<TimeRange> byStart) {
        List<TimeRange> out = new ArrayList<>();
        for (TimeRange range : byStart) {
            int last = out.size() - 1;
            if (last >= 0 && !range.from().isAfter(out.get(last).to())) {
                if (range.to().isAfter(out.get(last).to())) {
                    out.set(last, new TimeRange(out.get(last).from(), range.to()));
                }
            } else {
                out.add(range);
            }
        }
        return out;
    }

    /**
     * Sorted, disjoint ranges as at most {@code max}: the ranges either side of the narrowest gaps are joined (with the
     * gaps between them) until no more than {@code max} are left. Ties join together, so fewer may be left.
     */
    public static List<TimeRange> joinClosest(List<TimeRange> disjoint, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        if (disjoint.size() <= max) {
            return disjoint;
        }
        long[] gaps = new long[disjoint.size() - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = disjoint.get(i + 1).from().getEpochSecond() - disjoint.get(i).to().getEpochSecond();
        }
        long[] sorted = gaps.clone();
        Arrays.sort(sorted);
        long joinedUpTo = sorted[gaps.length - max];
        List<TimeRange> out = new ArrayList<>();
        Instant from = disjoint.get(0).from();
        for (int i = 0; i < gaps.length; i++) {
            if (gaps[i] > joinedUpTo) {
                out.add(new TimeRange(from, disjoint.get(i).to()));
                from = disjoint.get(i + 1).from();
            }
        }
        out.add(new TimeRange(from, disjoint.get(disjoint.size() - 1).to()));
        return out;
    }
}
