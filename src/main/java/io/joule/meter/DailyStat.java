package io.joule.meter;

import java.time.Instant;
import java.time.LocalDate;

/** Daily MIN/MAX/AVG/COUNT of one channel's values as given in its files, with the day's exact UTC bounds. */
public record DailyStat(LocalDate date, Instant start, Instant end, String zone, String serial, String dataType, String period,
        String rate, String units, String plantCode, double min, double max, double avg, int count) {
}
