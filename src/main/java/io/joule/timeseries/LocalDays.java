package io.joule.timeseries;

import io.joule.time.Zones;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The local day of a zone that a stream of instants in time order is in, found anew only when it ends. */
final class LocalDays {
    private static final long HOUR_SECONDS = 3600;
    private final ZoneId zone;
    private LocalDate date;
    private Instant start;
    private Instant end;

    LocalDays(ZoneId zone) {
        this.zone = zone;
    }

    /** The UTC hour an instant is in, as date_bin('1 hour', t, '2000-01-01 UTC') bins it. */
    static long utcHour(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), HOUR_SECONDS);
    }

    static Instant hourStart(long utcHour) {
        return Instant.ofEpochSecond(utcHour * HOUR_SECONDS);
    }

    boolean holds(Instant t) {
        return end != null && !t.isBefore(start) && t.isBefore(end);
    }

    void moveTo(Instant t) {
        date = Zones.dayOf(t, zone);
        start = date.atStartOfDay(zone).toInstant();
        end = date.plusDays(1).atStartOfDay(zone).toInstant();
    }

    LocalDate date() {
        return date;
    }

    Instant start() {
        return start;
    }

    Instant end() {
        return end;
    }
}
