package io.joule.pipeline;

import java.time.Instant;
import java.util.Objects;

/** One canonical reading: kW for power, kWh for interval energy. */
public record Reading(Instant time, double value) {
    public Reading {
        Objects.requireNonNull(time, "time");
    }
}
