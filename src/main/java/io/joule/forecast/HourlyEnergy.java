package io.joule.forecast;

import java.time.Instant;

/** The energy of one UTC hour. */
public record HourlyEnergy(Instant hour, double kwh) {
}
