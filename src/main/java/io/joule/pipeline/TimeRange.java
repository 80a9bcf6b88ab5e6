package io.joule.pipeline;

import java.time.Instant;
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
}
