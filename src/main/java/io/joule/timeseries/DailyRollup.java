package io.joule.timeseries;

import java.time.Instant;
import java.time.LocalDate;

/** One local day of a series: exact UTC bounds and the statistics of its 15-minute slots. */
public record DailyRollup(LocalDate date, Instant start, Instant end, double energyKwh, double minKwh, double maxKwh,
        double avgKwh, int slots) {
}
