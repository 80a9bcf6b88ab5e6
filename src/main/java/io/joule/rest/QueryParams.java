package io.joule.rest;

import io.joule.pipeline.TimeRange;
import io.joule.problem.ProblemException;
import io.joule.time.Timestamps;
import java.time.Instant;
import java.util.Locale;

/** Query parameters are taken as text and checked here, so a bad one is a named 400, never a 404 or 500. */
public final class QueryParams {
    private QueryParams() {
    }

    public static long positiveLong(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badParameter(name, "required: a positive integer");
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v > 0) {
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

    public static Instant instant(String name, String value) {
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

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 57) + "..." : value;
    }
}
