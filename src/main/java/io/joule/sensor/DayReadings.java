package io.joule.sensor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The original's daily input shape: a sensor's readings of one local day. */
public record DayReadings(String sensorId, LocalDate date, List<Level> data) {

    public record Level(double waterLevel, Instant createdAt) {
    }
}
