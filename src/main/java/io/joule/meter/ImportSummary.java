package io.joule.meter;

import java.time.Instant;
import java.util.List;

/** The answer to POST /meter-files. */
public record ImportSummary(String format, long rows, List<String> meters, List<Channel> channels, Instant from, Instant to) {

    public record Channel(String meterCode, String serial, String dataType, String period, String rate, String units,
            String plantCode) {
    }
}
