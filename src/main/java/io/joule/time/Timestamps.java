package io.joule.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the instants clients send: ISO-8601 with {@code Z} or an offset, and the seed's
 * {@code 2018-08-24T00-00-00Z}. Dates are checked strictly (no 30 February), times carry an
 * offset (a local time is ambiguous), and precision is kept to the microsecond, as stored.
 */
public final class Timestamps {
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");
    /** Dates clients may ask about: whole years inside [EARLIEST, LATEST), so every local day's bounds are supported in any zone but the extremes. */
    public static final java.time.LocalDate FIRST_DATE = java.time.LocalDate.of(1900, 1, 1);
    public static final java.time.LocalDate LAST_DATE = java.time.LocalDate.of(9998, 12, 31);
    /** The length of {@link #show(Instant, char[])}'s text: 2018-08-24T00:15:00Z. */
    public static final int SHOWN_LENGTH = 20;
    /** The supported range of every time any input carries, stated as in errors. */
    public static final String RANGE = "from 1900-01-01T00:00:00Z to before 9999-12-31T00:00:00Z";
    private static final Pattern DASHED_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T)(\\d{2})-(\\d{2})-(\\d{2}(?:\\.\\d{1,9})?)(Z|[+-]\\d{2}:\\d{2})$");
    /** The plain UTC form's shape: d is a digit, any other character itself. */
    private static final String PLAIN_UTC = "dddd-dd-ddTdd:dd:ddZ";
    /** A '+' offset that a query string decoded into a space. */
    private static final Pattern SPACED_OFFSET = Pattern.compile("^(.*\\d) (\\d{2}:\\d{2})$");

    private Timestamps() {
    }

    /** The instant, or empty when the text is not a valid timestamp with an offset. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        if (text.length() == PLAIN_UTC.length()) {
            char[] c = text.toCharArray();
            if (isPlainUtc(c, 0)) {
                return Optional.ofNullable(plainUtc(c, 0));
            }
        }
        String iso = DASHED_TIME.matcher(text).replaceFirst("$1$2:$3:$4$5");
        iso = SPACED_OFFSET.matcher(iso).replaceFirst("$1+$2");
        try {
            Instant t = OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (!supported(t)) {
                return Optional.empty();
            }
            return Optional.of(t.truncatedTo(ChronoUnit.MICROS));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The instant of the text {@code c[from, from + length)} when it is {@code yyyy-MM-ddTHH:mm:ssZ} and valid, else null
     * ({@link #parse(String)} then decides). A batch's timestamps are read from the JSON parser's buffer this way, without
     * a String each: the String, its checks and its parse were a fifth of a POST /data batch's event-loop time.
     */
    public static Instant parsePlainUtc(char[] c, int from, int length) {
        return length == PLAIN_UTC.length() && isPlainUtc(c, from) ? plainUtc(c, from) : null;
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ}, by far the most common form, parsed without a formatter. */
    private static boolean isPlainUtc(char[] c, int from) {
        for (int i = 0; i < PLAIN_UTC.length(); i++) {
            char expected = PLAIN_UTC.charAt(i);
            char actual = c[from + i];
            if (expected == 'd' ? actual < '0' || actual > '9' : actual != expected) {
                return false;
            }
        }
        return true;
    }

    /** The instant of a text in the plain form, or null when its date or time does not exist or is out of range. */
    private static Instant plainUtc(char[] c, int from) {
        int year = digits(c, from, 4);
        int month = digits(c, from + 5, 2);
        int day = digits(c, from + 8, 2);
        int hour = digits(c, from + 11, 2);
        int minute = digits(c, from + 14, 2);
        int second = digits(c, from + 17, 2);
        if (year < 1900 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        Instant t = Instant.ofEpochSecond(epochDay(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second);
        return supported(t) ? t : null;
    }

    private static int lengthOfMonth(int year, int month) {
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return month == 2 ? (leap ? 29 : 28) : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /**
     * Days since 1970-01-01 of a valid date of a year from 1 on (the proleptic Gregorian calendar, as {@link LocalDate});
     * {@code LocalDate} and its checks were a tenth of a POST /data batch's parse.
     */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = y / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static int digits(char[] c, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (c[i] - '0');
        }
        return v;
    }

    /**
     * The instant at UTC, as the pg client binds timestamptz. Not {@code Instant.atOffset}: on JDK 17 that builds the
     * offset's ZoneRules anew for every call, which was 4% of a POST /data batch's event-loop time.
     */
    public static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    /** Whether the instant is in the one supported range, [{@link #EARLIEST}, {@link #LATEST}), of every input. */
    public static boolean supported(Instant t) {
        return !t.isBefore(EARLIEST) && t.isBefore(LATEST);
    }

    /**
     * The instant as {@link Instant#toString()} writes it, without its formatter for whole seconds in the supported range
     * (every slot's time): answers show many of them, and the formatter was a tenth of a read's time.
     */
    public static String show(Instant t) {
        char[] c = new char[SHOWN_LENGTH];
        return show(t, c) ? new String(c) : t.toString();
    }

    /**
     * Writes the instant into {@code c} (at least {@link #SHOWN_LENGTH} long) as {@link #show(Instant)} does and answers
     * true, or answers false, writing nothing, where that is {@link Instant#toString()}'s own (a fraction of a second, or
     * out of the range): a writer of many slots then makes no string for each.
     */
    public static boolean show(Instant t, char[] c) {
        if (t.getNano() != 0 || !supported(t)) {
            return false;
        }
        long seconds = t.getEpochSecond();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        put(c, 0, 4, day.getYear());
        c[4] = '-';
        put(c, 5, 7, day.getMonthValue());
        c[7] = '-';
        put(c, 8, 10, day.getDayOfMonth());
        c[10] = 'T';
        put(c, 11, 13, secondOfDay / 3600);
        c[13] = ':';
        put(c, 14, 16, secondOfDay / 60 % 60);
        c[16] = ':';
        put(c, 17, 19, secondOfDay % 60);
        c[19] = 'Z';
        return true;
    }

    private static void put(char[] c, int from, int to, int value) {
        for (int i = to - 1; i >= from; i--, value /= 10) {
            c[i] = (char) ('0' + value % 10);
        }
    }

    public static String expectation() {
        return "an ISO-8601 timestamp with an offset, e.g. 2018-08-24T00:15:00Z or 2018-08-24T02:15:00+02:00, between 1900 and 9999";
    }
}
