package io.joule.pipeline;

import java.time.Instant;

/** A 15-minute slot, labelled by its start, with the energy used in it in kWh. */
public record Slot(Instant start, double kwh) {
}
