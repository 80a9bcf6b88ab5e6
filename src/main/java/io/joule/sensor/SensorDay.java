package io.joule.sensor;

import java.time.Instant;
import java.time.LocalDate;

/** One local day of a sensor's consumption, with the day's exact UTC bounds. */
public record SensorDay(LocalDate date, Instant start, Instant end, double consumption) {
}
