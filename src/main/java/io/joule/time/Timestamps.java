package io.joule.time;

import java.time.DateTimeException;
import java.time.Instant;
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
    private static final Pattern DASHED_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T)(\\d{2})-(\\d{2})-(\\d{2}(?:\\.\\d{1,9})?)(Z|[+-]\\d{2}:\\d{2})$");
    /** A '+' offset that a query string decoded into a space. */
    private static final Pattern SPACED_OFFSET = Pattern.compile("^(.*\\d) (\\d{2}:\\d{2})$");

    private Timestamps() {
    }

    /** The instant, or empty when the text is not a valid timestamp with an offset. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        String iso = DASHED_TIME.matcher(text).replaceFirst("$1$2:$3:$4$5");
        iso = SPACED_OFFSET.matcher(iso).replaceFirst("$1+$2");
        try {
            Instant t = OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (t.isBefore(EARLIEST) || !t.isBefore(LATEST)) {
                return Optional.empty();
            }
            return Optional.of(t.truncatedTo(ChronoUnit.MICROS));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public static String expectation() {
        return "an ISO-8601 timestamp with an offset, e.g. 2018-08-24T00:15:00Z or 2018-08-24T02:15:00+02:00, between 1900 and 9999";
    }
}
