package io.joule.ship;

import io.joule.pipeline.Slots;
import java.time.Instant;

/** How a slot is shown: by its start (storage) or by its end ("right" labels). */
public enum SlotLabel {
    START, END;

    public Instant show(Instant slotStart) {
        return this == START ? slotStart : slotStart.plus(Slots.SLOT);
    }

    /** The start of the slot shown as {@code shown}: the inverse of {@link #show(Instant)}. */
    public Instant slotStart(Instant shown) {
        return this == START ? shown : shown.minus(Slots.SLOT);
    }
}
