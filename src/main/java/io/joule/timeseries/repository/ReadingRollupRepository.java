package io.joule.timeseries.repository;

import io.joule.jdbc.BinaryCopy;
import io.joule.jdbc.Jdbc;
import io.joule.time.Zones;
import io.joule.timeseries.ReadingDay;
import io.joule.timeseries.SeriesDays;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Plain PostgreSQL: the reading_daily table, recomputed for the affected local days in the import's transaction. */
@ApplicationScoped
public class ReadingRollupRepository {

    private static final String DELETE_DAILY = """
            delete from reading_daily where series_id = $1 and day >= $2 and day <= $3
            """;

    /**
     * $2, $3, $4: the local days and their exact UTC bounds (see Zones), $5, $6 the bounds of each run of consecutive
     * days, each scanned by its own index range scan; width_bucket finds each reading's day. A day's sum is the time-ordered sum of its UTC hours' (or its part of an
     * hour's) time-ordered sums, as the continuous aggregates compose it: bit-identical on both databases, whatever the
     * order of writes.
     */
    private static final String INSERT_DAILY = """
            insert into reading_daily (series_id, day, bucket_start, bucket_end, min_value, max_value, sum_value, readings)
            select $1, ($2::date[])[b], ($3::timestamptz[])[b], ($4::timestamptz[])[b], min(mn), max(mx), sum(e order by h), sum(n)
            from (select width_bucket(x.ts, $3::timestamptz[]) as b, date_bin('1 hour', x.ts, timestamptz '2000-01-01 00:00:00+00') as h,
                         min(x.value) as mn, max(x.value) as mx, sum(x.value order by x.ts) as e, count(*) as n
                  from unnest($5::timestamptz[], $6::timestamptz[]) r(f, t)
                  cross join lateral (select ts, value from reading where series_id = $1 and ts >= r.f and ts < r.t offset 0) x
                  group by 1, 2) hours
            group by b
            """;

    private static final String READING_UTC_DATES = """
            select distinct (ts at time zone 'UTC')::date from reading where series_id = $1 and ts >= $2 and ts < $3
            """;

    private static final String DAILY = """
            select series_id, day, bucket_start, bucket_end, min_value, max_value, sum_value, readings from reading_daily
            where series_id = any($1) and day >= $2 and day <= $3 order by day, series_id
            """;

    /** Rebuilds the daily statistics of every local day that [first, last] touches. */
    public void refresh(Connection db, long seriesId, ZoneId zone, Instant first, Instant last) throws SQLException {
        LocalDate from = Zones.dayOf(first, zone);
        LocalDate to = Zones.dayOf(last, zone);
        Jdbc.update(db, DELETE_DAILY, seriesId, from, to);
        DailyStatements.insert(db, INSERT_DAILY, seriesId, DailyStatements.days(db, READING_UTC_DATES, seriesId, zone, from, to));
    }

    /**
     * As {@link #refresh}, for a series that had no reading in [first, last] before, given the days of its readings
     * there: the two days at the ends may also hold readings from before {@code first} or after {@code last}, so they
     * are computed from the table; the days between are {@code computed}'s, copied.
     */
    public void replace(Connection db, long seriesId, ZoneId zone, Instant first, Instant last, List<ReadingDay> computed) throws SQLException {
        LocalDate from = Zones.dayOf(first, zone);
        LocalDate to = Zones.dayOf(last, zone);
        Jdbc.update(db, DELETE_DAILY, seriesId, from, to);
        DailyStatements.insertEnds(db, INSERT_DAILY, seriesId, zone, from, to);
        try (BinaryCopy copy = BinaryCopy.into(db, "reading_daily",
                "series_id, day, bucket_start, bucket_end, min_value, max_value, sum_value, readings")) {
            for (ReadingDay d : computed) {
                if (d.date().isAfter(from) && d.date().isBefore(to)) {
                    copy.row(8).int8(seriesId).date(d.date()).timestamptz(d.start()).timestamptz(d.end())
                            .float8(d.min()).float8(d.max()).float8(d.sum()).int4(d.count());
                }
            }
            copy.end();
        }
    }

    public Uni<List<ReadingDay>> daily(SqlClient db, List<Long> seriesIds, LocalDate from, LocalDate to) {
        return db.preparedQuery(DAILY).execute(Tuple.of(seriesIds.toArray(Long[]::new), from, to)).map(rows -> {
            List<ReadingDay> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(readingDay(r)));
            return out;
        });
    }

    /** The statement of {@link #daily(SqlClient, String, Tuple, LocalDate, LocalDate)} for a lookup of that many parameters. */
    public static String dailyOf(String lookup, int parameters) {
        return SeriesDays.joined(lookup, parameters, "reading_daily",
                "d.day, d.bucket_start, d.bucket_end, d.min_value, d.max_value, d.sum_value, d.readings");
    }

    /** The daily statistics from..to of every series the lookup finds (see {@link SeriesDays}), in one statement. */
    public Uni<List<SeriesDays<ReadingDay>>> daily(SqlClient db, String lookup, Tuple args, LocalDate from, LocalDate to) {
        return db.preparedQuery(dailyOf(lookup, args.size())).execute(SeriesDays.withDays(args, from, to))
                .map(rows -> SeriesDays.grouped(rows, ReadingRollupRepository::readingDay));
    }

    private static ReadingDay readingDay(Row r) {
        return new ReadingDay(r.getLong("series_id"), r.getLocalDate("day"), r.getOffsetDateTime("bucket_start").toInstant(),
                r.getOffsetDateTime("bucket_end").toInstant(), r.getDouble("min_value"), r.getDouble("max_value"),
                r.getDouble("sum_value"), r.getInteger("readings"));
    }
}
