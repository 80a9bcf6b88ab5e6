package io.joule.meter;

/** What identifies a meter channel; period and rate only for TOU-2015 registers. */
public record ChannelKey(String meterCode, String serial, String dataType, String period, String rate) {

    /** The series key: the parts joined by '|', which no field may contain. */
    public String seriesKey() {
        String key = meterCode + "|" + serial + "|" + dataType;
        return period == null ? key : key + "|" + period + "|" + rate;
    }
}
