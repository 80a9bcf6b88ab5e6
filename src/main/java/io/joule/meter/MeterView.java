package io.joule.meter;

import java.time.Instant;
import java.util.List;

/** A meter with its channels, as GET /meters lists them. */
public record MeterView(String meterCode, List<ChannelView> channels) {

    public record ChannelView(String serial, String dataType, String period, String rate, String units, String plantCode,
            String zone, Instant firstReading, Instant lastReading) {
    }
}
