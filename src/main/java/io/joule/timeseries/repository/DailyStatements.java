package io.joule.timeseries.repository;

import io.joule.jdbc.Jdbc;
import io.joule.time.Zones;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the daily inserts of rollup_daily and reading_daily, which take the same parameters: $1 the series, $2..$4 the
 * local days and their exact UTC bounds, $5 and $6 the start and end of each run of consecutive days (the rows scanned).
 */
final class DailyStatements {

    /**
     * Most local days listed one by one for a daily insert; a wider range lists only the days that hold data, found by a
     * query ({@code utcDates}), so a batch spanning centuries costs what its data costs.
     */
    static final int MAX_LISTED_DAYS = 400;

    private DailyStatements() {
    }

    /**
     * The days {@code from..to} of the zone, or where there are more than {@link #MAX_LISTED_DAYS} of them those with data:
     * {@code utcDates} answers the distinct UTC dates of the rows with $1 the series, $2 ≤ time < $3.
     */
    static Zones.Days days(Connection db, String utcDates, long seriesId, ZoneId zone, LocalDate from, LocalDate to) throws SQLException {
        if (!tooMany(from, to)) {
            return Zones.days(zone, from, to);
        }
        List<LocalDate> dates = new ArrayList<>();
        try (PreparedStatement query = Jdbc.prepare(db, utcDates, seriesId, Zones.startOf(from, zone), Zones.startOf(to.plusDays(1), zone));
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                dates.add(rows.getObject(1, LocalDate.class));
            }
        }
        return Zones.daysOverlapping(zone, dates, from, to);
    }

    static boolean tooMany(LocalDate from, LocalDate to) {
        return to.toEpochDay() - from.toEpochDay() + 1 > MAX_LISTED_DAYS;
    }

    static void insert(Connection db, String sql, long seriesId, Zones.Days days) throws SQLException {
        Zones.Runs runs = days.runs();
        Jdbc.update(db, sql, seriesId, days.dates(), days.starts(), days.ends(), runs.starts(), runs.ends());
    }

    /** Inserts the first and the last of the days {@code from..to}, each alone: a range's end days may hold rows from outside it. */
    static void insertEnds(Connection db, String sql, long seriesId, ZoneId zone, LocalDate from, LocalDate to) throws SQLException {
        insert(db, sql, seriesId, Zones.days(zone, from, from));
        if (!to.equals(from)) {
            insert(db, sql, seriesId, Zones.days(zone, to, to));
        }
    }
}
