package io.joule.meter;

import java.time.LocalDateTime;

/** One parsed row of a meter file: a value of a channel at a local time. */
public record MeterRow(ChannelKey channel, LocalDateTime localTime, double value, String plantCode, String units) {
}
