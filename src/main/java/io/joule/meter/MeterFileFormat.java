package io.joule.meter;

import static io.joule.text.ClientText.abbreviate;

import io.joule.csv.CsvNumbers;
import io.joule.text.ClientText;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The three meter file layouts (SPEC §6), recognised by their header. */
public enum MeterFileFormat {
    LP("LP", List.of("MeterPoint Code", "Serial Number", "Plant Code", "Date/Time", "Data Type", "Data Value", "Units", "Status"),
            "dd/MM/uuuu HH:mm:ss", 0, 1, 2, 3, 4, 5, 6, -1, -1, true),
    TOU_2015("TOU-2015", List.of("MeterPoint Code", "Serial Number", "Plant Code", "Date/Time", "Data Type", "Energy",
            "Maximum Demand", "Time of Max Demand", "Units", "Status", "Period", "DLS Active", "Billing Reset Count",
            "Billing Reset Date/Time", "Rate"),
            "dd/MM/uuuu HH:mm:ss", 0, 1, 2, 3, 4, 5, 8, 10, 14, false),
    TOU_2018("TOU-2018", List.of("MeterCode", "Serial", "PlantCode", "DateTime", "Quality", "Stream", "DataType", "Energy", "Units"),
            "d/MM/uuuu H:mm", 0, 1, 2, 3, 6, 7, 8, -1, -1, true);

    /** The longest code, name or unit kept from a row. */
    static final int MAX_TEXT = 64;
    /** The longest field of any column, kept or not. */
    static final int MAX_FIELD = 256;

    /** The date Excel-era exports write for "no date". */
    static final String EMPTY_DATE = "30/12/1899";

    private final String code;
    private final List<String> header;
    private final DateTimeFormatter time;
    /** dd/MM/uuuu HH:mm:ss (two-digit day and hour, seconds) rather than d/MM/uuuu H:mm. */
    private final boolean longTime;
    private final int meter;
    private final int serial;
    private final int plant;
    private final int dateTime;
    private final int dataType;
    private final int value;
    private final int units;
    private final int period;
    private final int rate;
    private final boolean intervalData;

    MeterFileFormat(String code, List<String> header, String timePattern, int meter, int serial, int plant, int dateTime,
            int dataType, int value, int units, int period, int rate, boolean intervalData) {
        this.code = code;
        this.header = header;
        this.time = DateTimeFormatter.ofPattern(timePattern).withResolverStyle(ResolverStyle.STRICT);
        this.longTime = timePattern.equals("dd/MM/uuuu HH:mm:ss");
        this.meter = meter;
        this.serial = serial;
        this.plant = plant;
        this.dateTime = dateTime;
        this.dataType = dataType;
        this.value = value;
        this.units = units;
        this.period = period;
        this.rate = rate;
        this.intervalData = intervalData;
    }

    public static Optional<MeterFileFormat> byHeader(List<String> fields) {
        List<String> trimmed = fields.stream().map(String::trim).toList();
        return Arrays.stream(values()).filter(f -> f.header.equals(trimmed)).findFirst();
    }

    public static String expectedHeaders() {
        StringBuilder out = new StringBuilder();
        for (MeterFileFormat f : values()) {
            out.append(out.length() == 0 ? "" : "; ").append(f.code).append(": ").append(String.join(",", f.header));
        }
        return out.toString();
    }

    public String code() {
        return code;
    }

    /** Interval data (LP, TOU-2018) feeds 15-minute slots from its kWh channels; TOU-2015 registers are snapshots. */
    public boolean intervalData() {
        return intervalData;
    }

    /** The row, or the reason it is refused. */
    public MeterRow parse(List<String> fields) throws BadRowException {
        if (fields.size() != header.size()) {
            throw new BadRowException("has " + fields.size() + " fields; the " + code + " layout has " + header.size());
        }
        for (int i = 0; i < fields.size(); i++) {
            String problem = ClientText.problem(fields.get(i), MAX_FIELD);
            if (problem != null) {
                throw new BadRowException(header.get(i) + " " + problem);
            }
        }
        String meterCode = required(fields, meter, header.get(meter));
        if (meterCode.equals(".") || meterCode.equals("..")) {
            // a URL normalizes the segment away, so GET /meters/{code}/daily-stats could never name it
            throw new BadRowException(header.get(meter) + " '" + meterCode + "' cannot be a path segment; use another code");
        }
        String serialNumber = required(fields, serial, header.get(serial));
        String type = required(fields, dataType, header.get(dataType));
        String periodName = period < 0 ? null : required(fields, period, header.get(period));
        String rateName = rate < 0 ? null : required(fields, rate, header.get(rate));
        String unit = required(fields, units, header.get(units));
        String text = fields.get(dateTime).trim();
        if (text.startsWith(EMPTY_DATE)) {
            throw new BadRowException(header.get(dateTime) + " is empty (" + abbreviate(text) + ")");
        }
        LocalDateTime at = quickTime(text);
        try {
            at = at != null ? at : LocalDateTime.parse(text, time);
        } catch (DateTimeException e) {
            throw new BadRowException(header.get(dateTime) + " '" + abbreviate(text) + "' is not a date and time like "
                    + (this == TOU_2018 ? "12/09/2018 5:30" : "31/08/2018 00:45:00"));
        }
        String number = fields.get(value).trim();
        double v = CsvNumbers.parse(number, Double.MAX_VALUE).orElseThrow(
                () -> new BadRowException(header.get(value) + " '" + abbreviate(number) + "' is not a number"));
        if (Math.abs(v) > 1e12) {
            throw new BadRowException(header.get(value) + " '" + abbreviate(number) + "' is out of range (|value| ≤ 1e12)");
        }
        String plantCode = fields.get(plant).trim();
        if (plantCode.length() > MAX_TEXT) {
            throw new BadRowException(header.get(plant) + " '" + abbreviate(plantCode) + "' must be at most " + MAX_TEXT + " characters");
        }
        ChannelKey channel = new ChannelKey(meterCode, serialNumber, type, periodName, rateName);
        if (channel.seriesKeyLength() > ChannelKey.MAX_SERIES_KEY) {
            throw new BadRowException("the channel's meter code, serial number, data type, period and rate have "
                    + channel.seriesKeyLength() + " characters together with their 4 separators; at most " + ChannelKey.MAX_SERIES_KEY);
        }
        return new MeterRow(channel, at, v, plantCode.isEmpty() ? null : plantCode, unit);
    }

    /**
     * The time when the text has exactly the layout's digits and separators and is a valid date and time, parsed
     * without the formatter (whose parse is most of a row's cost); null for anything else, which the formatter then
     * parses or refuses. Whatever this accepts, the formatter accepts with the same value (MeterFileFormatTest).
     */
    LocalDateTime quickTime(String s) {
        int[] at = {0};
        int day = digits(s, at, longTime ? 2 : 1, 2);
        int month = day < 0 || !separator(s, at, '/') ? -1 : digits(s, at, 2, 2);
        int year = month < 0 || !separator(s, at, '/') ? -1 : digits(s, at, 4, 4);
        int hour = year < 0 || !separator(s, at, ' ') ? -1 : digits(s, at, longTime ? 2 : 1, 2);
        int minute = hour < 0 || !separator(s, at, ':') ? -1 : digits(s, at, 2, 2);
        int second = minute < 0 ? -1 : longTime ? (separator(s, at, ':') ? digits(s, at, 2, 2) : -1) : 0;
        if (second < 0 || at[0] != s.length()) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number of min..max ASCII digits at at[0], moving past them, or -1. */
    private static int digits(String s, int[] at, int min, int max) {
        int value = 0;
        int n = 0;
        while (n < max && at[0] + n < s.length() && s.charAt(at[0] + n) >= '0' && s.charAt(at[0] + n) <= '9') {
            value = value * 10 + s.charAt(at[0] + n) - '0';
            n++;
        }
        if (n < min || (at[0] + n < s.length() && s.charAt(at[0] + n) >= '0' && s.charAt(at[0] + n) <= '9')) {
            return -1; // too few digits, or more than the fast path takes
        }
        at[0] += n;
        return value;
    }

    private static boolean separator(String s, int[] at, char c) {
        if (at[0] < s.length() && s.charAt(at[0]) == c) {
            at[0]++;
            return true;
        }
        return false;
    }

    private static String required(List<String> fields, int index, String name) throws BadRowException {
        String v = fields.get(index).trim();
        if (v.isEmpty()) {
            throw new BadRowException(name + " is empty");
        }
        if (v.length() > MAX_TEXT || v.indexOf('|') >= 0) {
            throw new BadRowException(name + " '" + abbreviate(v) + "' must be at most " + MAX_TEXT + " characters without '|'");
        }
        return v;
    }

    /** A row the import refuses, with the reason. */
    public static final class BadRowException extends Exception {
        public BadRowException(String reason) {
            super(reason, null, false, false);
        }
    }
}
