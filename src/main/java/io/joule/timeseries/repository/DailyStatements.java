package io.joule.timeseries.repository;

import io.joule.jdbc.Jdbc;
import io.joule.time.Zones;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Runs the daily inserts of rollup_daily and reading_daily, which take the same parameters: $1 the series, $2..$4 the
 * local days and their exact UTC bounds, $5 and $6 the first start and the last end.
 */
final class DailyStatements {

    private DailyStatements() {
    }

    static void insert(Connection db, String sql, long seriesId, Zones.Days days) throws SQLException {
        Jdbc.update(db, sql, seriesId, days.dates(), days.starts(), days.ends(), days.start(), days.end());
    }

    /** Inserts the first and the last of the days {@code from..to}, each alone: a range's end days may hold rows from outside it. */
    static void insertEnds(Connection db, String sql, long seriesId, ZoneId zone, LocalDate from, LocalDate to) throws SQLException {
        insert(db, sql, seriesId, Zones.days(zone, from, from));
        if (!to.equals(from)) {
            insert(db, sql, seriesId, Zones.days(zone, to, to));
        }
    }
}
