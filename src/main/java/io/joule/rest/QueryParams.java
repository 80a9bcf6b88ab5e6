package io.joule.rest;

import static io.joule.text.ClientText.abbreviate;

import io.joule.pipeline.TimeRange;
import io.joule.problem.ProblemException;
import io.joule.text.ClientText;
import io.joule.time.Timestamps;
import io.joule.time.Zones;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/** Query parameters are taken as text and checked here, so a bad one is a named 400, never a 404 or 500. */
public final class QueryParams {
    private QueryParams() {
    }

    public static long positiveLong(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badParameter(name, "required: a positive integer");
        }
        String text = value.trim();
        try {
            long v = Long.parseLong(text);
            if (ClientText.isAsciiInteger(text) && v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below with the same message
        }
        throw ProblemException.badParameter(name, "must be a positive 64-bit integer, got '" + abbreviate(value) + "'");
    }

    /** [start, end) with either bound optional (open); start must come before end. */
    public static TimeRange range(String start, String end) {
        Instant from = start == null || start.isEmpty() ? Timestamps.EARLIEST : instant("start", start);
        Instant to = end == null || end.isEmpty() ? Timestamps.LATEST : instant("end", end);
        if (!from.isBefore(to)) {
            throw ProblemException.badParameter("end", "must be after start (" + from + "), got " + to);
        }
        return new TimeRange(from, to);
    }

    /** A whole number in [min, max], or {@code otherwise} when absent. */
    public static int intBetween(String name, String value, int min, int max, int otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        String text = value.trim();
        try {
            int v = Integer.parseInt(text);
            if (ClientText.isAsciiInteger(text) && v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below with the same message
        }
        throw ProblemException.badParameter(name, "must be a whole number from " + min + " to " + max + ", got '" + abbreviate(value) + "'");
    }

    /** Inclusive local dates {@code from..to}, both required, at most {@code maxDays} days. */
    public static LocalDate[] dates(String from, String to, int maxDays) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw ProblemException.badParameter("to", "must not be before from (" + first + "), got " + last);
        }
        if (first.plusDays(maxDays).isBefore(last.plusDays(1))) {
            throw ProblemException.badParameter("to", "at most " + maxDays + " days per request");
        }
        return new LocalDate[] {first, last};
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.badParameter(name, "required: a date YYYY-MM-DD");
        }
        try {
            LocalDate d = LocalDate.parse(value, java.time.format.DateTimeFormatter.ISO_LOCAL_DATE);
            if (!d.isBefore(Timestamps.FIRST_DATE) && !d.isAfter(Timestamps.LAST_DATE)) {
                return d;
            }
        } catch (java.time.DateTimeException e) {
            // refused below with the same message
        }
        throw ProblemException.badParameter(name, "'" + abbreviate(value) + "' is not a date YYYY-MM-DD between 1900 and 9998");
    }

    /** A zone (IANA name or fixed offset, see Zones), UTC when absent. */
    public static java.time.ZoneId zone(String name, String value) {
        if (value == null || value.isEmpty()) {
            return Zones.UTC;
        }
        return Zones.parse(value).orElseThrow(() -> ProblemException.badParameter(name,
                "'" + abbreviate(value) + "' is not " + Zones.expectation()));
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.badParameter(name, "required: " + Timestamps.expectation());
        }
        return Timestamps.parse(value).orElseThrow(() -> ProblemException.badParameter(name,
                "'" + abbreviate(value) + "' is not " + Timestamps.expectation()));
    }

    public static <E extends Enum<E>> E choice(String name, String value, Class<E> type, E otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                return e;
            }
        }
        throw ProblemException.badParameter(name, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + abbreviate(value) + "'");
    }

}
