package io.joule.meter;

/** What identifies a meter channel; period and rate only for TOU-2015 registers. */
public record ChannelKey(String meterCode, String serial, String dataType, String period, String rate) {
    /** The longest series key the registry keeps (series.key's check). */
    public static final int MAX_SERIES_KEY = 200;

    /** {@link #seriesKey()}'s length, without building it (a file's every row is checked). */
    public int seriesKeyLength() {
        int length = meterCode.length() + serial.length() + dataType.length() + 2;
        return period == null ? length : length + period.length() + rate.length() + 2;
    }

    /** The series key: the parts joined by '|', which no field may contain. */
    public String seriesKey() {
        String key = meterCode + "|" + serial + "|" + dataType;
        return period == null ? key : key + "|" + period + "|" + rate;
    }
}
