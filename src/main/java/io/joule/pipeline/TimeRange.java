package io.joule.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
        return joinGapsUpTo(byStart, Duration.ZERO);
    }

    /** Ranges sorted by start, merged where they overlap or lie at most {@code gap} apart: sorted and disjoint. */
    public static List<TimeRange> joinGapsUpTo(List<TimeRange> byStart, Duration gap) {
        List<TimeRange> out = new ArrayList<>();
        for (TimeRange range : byStart) {
            int last = out.size() - 1;
            if (last >= 0 && !range.from().isAfter(out.get(last).to().plus(gap))) {
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
     * gaps between them) until {@code max} are left; of equal gaps the earlier close first, so evenly spaced ranges do
     * not all collapse into one.
     */
    public static List<TimeRange> joinClosest(List<TimeRange> disjoint, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        if (disjoint.size() <= max) {
            return disjoint;
        }
        int gaps = disjoint.size() - 1;
        Integer[] byWidth = new Integer[gaps];
        for (int i = 0; i < gaps; i++) {
            byWidth[i] = i;
        }
        Arrays.sort(byWidth, Comparator.comparingLong((Integer i) -> disjoint.get(i + 1).from().getEpochSecond()
                - disjoint.get(i).to().getEpochSecond()).thenComparingInt(i -> i));
        boolean[] joined = new boolean[gaps];
        for (int k = 0; k < disjoint.size() - max; k++) {
            joined[byWidth[k]] = true;
        }
        List<TimeRange> out = new ArrayList<>(max);
        Instant from = disjoint.get(0).from();
        for (int i = 0; i < gaps; i++) {
            if (!joined[i]) {
                out.add(new TimeRange(from, disjoint.get(i).to()));
                from = disjoint.get(i + 1).from();
            }
        }
        out.add(new TimeRange(from, disjoint.get(disjoint.size() - 1).to()));
        return out;
    }
}
