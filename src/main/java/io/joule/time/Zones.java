package io.joule.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The one zone representation (SPEC §1): a {@link ZoneId} whose fixed offsets are ISO offsets
 * ({@code +05:45}, east positive) and whose zero offset is {@code UTC}. PostgreSQL is never given
 * a zone's text: it reads {@code +05:00} as a POSIX offset of the opposite sign, so local days are
 * turned into exact UTC bounds here ({@link #days}) and SQL only compares timestamps.
 */
public final class Zones {
    public static final ZoneId UTC = ZoneId.of("UTC");
    public static final int MAX_LENGTH = 64;

    private Zones() {
    }

    /** The zone, or empty when the text is not an IANA name, {@code UTC}, or an offset of whole minutes such as +05:45, UTC+5 or GMT-03:30. */
    public static Optional<ZoneId> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            ZoneId zone = canonical(ZoneId.of(text));
            // an offset with seconds (+05:45:30) puts local midnight between slots; no zone in use has one
            return zone instanceof ZoneOffset offset && offset.getTotalSeconds() % 60 != 0 ? Optional.empty() : Optional.of(zone);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** {@code UTC+05:00}, {@code GMT+5}, {@code Etc/GMT-5} and {@code +05:00} are the same zone, {@code +05:00}; a zero offset is {@code UTC}. */
    public static ZoneId canonical(ZoneId zone) {
        if (zone.normalized() instanceof ZoneOffset offset) {
            return offset.getTotalSeconds() == 0 ? UTC : offset;
        }
        return zone;
    }

    public static String expectation() {
        return "an IANA time zone such as UTC or Europe/London, or a fixed offset such as +05:45, -03:30, UTC+05:00 or GMT+5";
    }

    /**
     * The local day whose bounds ({@link #days}) hold {@code t}: the last day that starts at or before it, as SQL's
     * {@code width_bucket} over the days' starts finds it. That is {@code t}'s local date except where a clock went back
     * across midnight (America/St_Johns before 2011: 2006-10-29 starts at 02:30Z, while 02:45Z reads 23:15 on the 28th).
     */
    public static LocalDate dayOf(Instant t, ZoneId zone) {
        LocalDate day = t.atZone(zone).toLocalDate();
        while (!day.plusDays(1).atStartOfDay(zone).toInstant().isAfter(t)) {
            day = day.plusDays(1);
        }
        while (day.atStartOfDay(zone).toInstant().isAfter(t)) {
            day = day.minusDays(1);
        }
        return day;
    }

    /** Local days of the zone, in order, as parallel arrays of dates and exact UTC starts and ends. */
    public record Days(LocalDate[] dates, OffsetDateTime[] starts, OffsetDateTime[] ends) {
        public OffsetDateTime start() {
            return starts[0];
        }

        public OffsetDateTime end() {
            return ends[ends.length - 1];
        }

        /** The bounds of each run of consecutive days: a scan of the runs reads the listed days and nothing between them. */
        public Runs runs() {
            List<OffsetDateTime> runStarts = new ArrayList<>();
            List<OffsetDateTime> runEnds = new ArrayList<>();
            for (int i = 0; i < dates.length; i++) {
                if (i == 0 || !follows(i)) {
                    runStarts.add(starts[i]);
                }
                if (i == dates.length - 1 || !follows(i + 1)) {
                    runEnds.add(ends[i]);
                }
            }
            return new Runs(runStarts.toArray(OffsetDateTime[]::new), runEnds.toArray(OffsetDateTime[]::new));
        }

        private boolean follows(int i) {
            return dates[i - 1].plusDays(1).equals(dates[i]);
        }
    }

    /** Runs of consecutive days as parallel arrays of their UTC starts and ends. */
    public record Runs(OffsetDateTime[] starts, OffsetDateTime[] ends) {
    }

    /** The given local days (in order) of the zone. */
    public static Days days(ZoneId zone, SortedSet<LocalDate> dates) {
        return of(zone, dates.toArray(LocalDate[]::new));
    }

    /**
     * The local days that overlap the given UTC dates, or {@code first} or {@code last}, as {@link #days} gives them: the
     * days of a range that hold data, when listing every day of it would not fit (a batch may span 1900 to 9999).
     */
    public static Days daysOverlapping(ZoneId zone, Collection<LocalDate> utcDates, LocalDate first, LocalDate last) {
        TreeSet<LocalDate> local = new TreeSet<>(List.of(first, last));
        for (LocalDate utcDate : utcDates) {
            LocalDate to = dayOf(utcDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1_000), zone);
            for (LocalDate d = dayOf(utcDate.atStartOfDay(ZoneOffset.UTC).toInstant(), zone); !d.isAfter(to); d = d.plusDays(1)) {
                local.add(d);
            }
        }
        return days(zone, local);
    }

    /** The exact UTC start of the zone's local day, as {@link #days} bounds it. */
    public static OffsetDateTime startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    public static Days days(ZoneId zone, LocalDate first, LocalDate last) {
        LocalDate[] dates = new LocalDate[Math.toIntExact(last.toEpochDay() - first.toEpochDay() + 1)];
        for (int i = 0; i < dates.length; i++) {
            dates[i] = first.plusDays(i);
        }
        return of(zone, dates);
    }

    /** The ascending dates with their bounds; a day that follows the one before starts where it ends, computed once. */
    private static Days of(ZoneId zone, LocalDate[] dates) {
        OffsetDateTime[] starts = new OffsetDateTime[dates.length];
        OffsetDateTime[] ends = new OffsetDateTime[dates.length];
        for (int i = 0; i < dates.length; i++) {
            starts[i] = i > 0 && dates[i - 1].plusDays(1).equals(dates[i]) ? ends[i - 1] : startOf(dates[i], zone);
            ends[i] = startOf(dates[i].plusDays(1), zone);
        }
        return new Days(dates, starts, ends);
    }
}
