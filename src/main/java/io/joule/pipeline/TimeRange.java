package io.joule.pipeline;

import java.time.Instant;
import java.util.ArrayList;
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
}
