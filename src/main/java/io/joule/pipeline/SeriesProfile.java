package io.joule.pipeline;

import java.time.Duration;
import java.util.Objects;

/** The facts about a series that the slot arithmetic needs. */
public record SeriesProfile(Quantity quantity, Sampling sampling, Duration maxGap) {
    public SeriesProfile {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(sampling, "sampling");
        if (maxGap == null || maxGap.isNegative() || maxGap.isZero()) {
            throw new IllegalArgumentException("max_gap must be positive");
        }
    }

    /** Whether readings become 15-minute energy slots: power or energy, at regular or change-of-value times. */
    public boolean slotted() {
        return quantity != Quantity.OTHER && sampling != Sampling.IRREGULAR;
    }

    /**
     * The farthest a reading's interval can reach, and so the farthest one reading can influence
     * another: intervals never exceed max_gap (or the 15-minute default interval).
     */
    public Duration reach() {
        return maxGap.compareTo(Slots.SLOT) > 0 ? maxGap : Slots.SLOT;
    }
}
