package io.joule.sensor;

import java.time.LocalDate;

/** The original's report shape: a sensor's consumption on a day. */
public record ConsumptionReport(String sensorId, LocalDate date, double consumption) {
}
