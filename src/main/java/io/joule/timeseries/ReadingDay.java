package io.joule.timeseries;

import java.time.Instant;
import java.time.LocalDate;

/** MIN/MAX/SUM/COUNT of a series' readings on one local day [start, end) of its zone. */
public record ReadingDay(long seriesId, LocalDate date, Instant start, Instant end, double min, double max, double sum, int count) {
}
