package io.joule.timeseries.repository;

import static io.joule.time.Timestamps.utc;

import io.joule.forecast.HourlyEnergy;
import io.joule.jdbc.Jdbc;
import io.joule.pipeline.Slot;
import io.joule.pipeline.TimeRange;
import io.joule.ship.RankingWindow;
import io.joule.ship.TopUsers;
import io.joule.timeseries.DailyRollup;
import io.joule.timeseries.ReadingDay;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.SlotBuckets;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * TimescaleDB: statistics from the continuous aggregates slot_hourly and slot_daily (UTC days,
 * hierarchical on the hours), exact at once after every write. A write only records its slot range
 * in rollup_pending (its own transaction); a read splits its range into whole UTC days, whole hours
 * and edge slots ({@link RankingWindow}) and takes each bucket materialized where no pending range
 * touches it, else from the raw slots, in one statement (one snapshot). {@code AggregateRefresher}
 * materializes pending ranges in the background. A local day in any zone (DST, :30, :45) is such a
 * range, so it is as exact as the transactional rollups. Meter readings are served the same way
 * from reading_hourly and reading_daily_utc with reading_pending ({@link AggregateFamily}).
 *
 * <p>"One snapshot" needs more than one statement on TimescaleDB: a statement's plan lists the aggregates' chunks
 * as they were when it was planned, and under READ COMMITTED it then runs on a later snapshot. Planning these reads
 * over hundreds of chunks took 100 ms or more before they bounded their span (137 to 373 ms over 631 chunks), long
 * enough for a refresh to add a chunk and delete the pending range meanwhile, and the answer lacked that chunk's
 * buckets. Bounded, planning is shorter but still precedes the snapshot, so every read runs in a REPEATABLE READ
 * transaction of its own, whose snapshot is taken before planning ({@link #inOneSnapshot}).
 */
@ApplicationScoped
@Typed(ContinuousAggregateStore.class)
public class ContinuousAggregateStore implements RollupStore {

    /** The series' pending slot ranges, merged; %s is the series id expression. */
    private static final String PENDING = """
            (select coalesce(range_agg(slots), '{}'::tstzmultirange) as m from rollup_pending where series_id = %s) d""";

    /**
     * As the rollup ranking: per ship one lateral sum per part of the window (a fixed shape, so
     * each is a plain index-only range scan); a day or hour part also sums the raw slots of its
     * pending buckets. $1..$2 days, $3..$6 hours, $7..$10 edge slots (empty ranges when absent).
     * Totals are ranked at 1 mWh (6 decimals of kWh), as by the rollups.
     */
    private static final String TOP = """
            select ship, total from (
                select s.key::bigint as ship,
                       coalesce(a1.e, 0) + coalesce(r1.e, 0) + coalesce(a2.e, 0) + coalesce(r2.e, 0) + coalesce(a3.e, 0)
                       + coalesce(r3.e, 0) + coalesce(x1.e, 0) + coalesce(x2.e, 0) as total,
                       coalesce(a1.n, 0) + r1.n + coalesce(a2.n, 0) + r2.n + coalesce(a3.n, 0) + r3.n + x1.n + x2.n as slots
                from series s
                cross join lateral %s
                %s %s %s
                cross join lateral (select sum(kwh) as e, count(*) as n from slot_15m
                                    where series_id = s.id and slot_start >= $7 and slot_start < $8) x1
                cross join lateral (select sum(kwh) as e, count(*) as n from slot_15m
                                    where series_id = s.id and slot_start >= $9 and slot_start < $10) x2
                where s.kind = 'ship') ranked
            where slots > 0
            order by round(total::numeric, 6) desc, ship asc
            limit $11
            """.formatted(PENDING.formatted("s.id"), part("slot_daily", "1 day", 2, 1), part("slot_hourly", "1 hour", 1, 2),
            part("slot_hourly", "1 hour", 1, 3));

    /**
     * Laterals a{n} (materialized, away from pending ranges) and r{n} (raw slots of pending buckets) of part n. The raw
     * read repeats the part's bounds as plain bounds so that TimescaleDB plans only their chunks, as in
     * {@link AggregateFamily#localDays()}; so does {@link #HOURLY}.
     */
    private static String part(String aggregate, String width, int level, int n) {
        String f = "$" + (2 * n - 1);
        String t = "$" + (2 * n);
        return """
                cross join lateral (select sum(c.energy_kwh) as e, sum(c.slots) as n from %1$s c
                                    where c.series_id = s.id and c.bucket >= %4$s and c.bucket < %5$s
                                      and (isempty(d.m) or not (d.m && tstzrange(c.bucket, c.bucket + interval '%2$s')))) a%6$d
                cross join lateral (select sum(x.kwh) as e, count(*) as n from unnest(joule_raw_ranges(d.m, %3$d, %4$s, %5$s)) r
                                    join slot_15m x on x.series_id = s.id and x.slot_start >= %4$s and x.slot_start < %5$s
                                                      and x.slot_start >= lower(r) and x.slot_start < upper(r)) r%6$d
                """.formatted(aggregate, width, level, f, t, n);
    }

    private static final String HOURLY = """
            select bucket, energy_kwh from (
                select c.bucket, c.energy_kwh from %1$s, slot_hourly c
                where c.series_id = $1 and c.bucket >= $2 and c.bucket < $3
                  and not (d.m && tstzrange(c.bucket, c.bucket + interval '1 hour'))
                union all
                select date_bin('1 hour', x.slot_start, timestamptz '2000-01-01 00:00:00+00'), sum(x.kwh order by x.slot_start)
                from %1$s, unnest(joule_raw_ranges(d.m, 1, $2, $3)) r
                join slot_15m x on x.series_id = $1 and x.slot_start >= $2 and x.slot_start < $3 and x.slot_start >= lower(r) and x.slot_start < upper(r)
                group by 1) h
            order by bucket
            """.formatted(PENDING.formatted("$1"));

    private static final String DAILY = AggregateFamily.SLOTS.localDays();
    private static final String READING_DAILY = AggregateFamily.READINGS.localDays();
    private static final String MARK_SLOTS = AggregateFamily.SLOTS.markPending();
    private static final String MARK_READINGS = AggregateFamily.READINGS.markPending();

    /** Most pending ranges one write marks per series; see {@link #pending}. */
    static final int MAX_PENDING_PER_WRITE = 64;

    private static final Instant YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z");
    private static final Instant LAST_BEFORE_10000 = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final Pool pool;

    public ContinuousAggregateStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public String implementation() {
        return "timescaledb";
    }

    @Override
    public Uni<Void> slotsWritten(SqlClient db, long seriesId, ZoneId zone, List<TimeRange> slots, List<Slot> computed) {
        return db.preparedQuery(MARK_SLOTS).execute(Ranges.of(seriesId, pending(slots))).replaceWithVoid();
    }

    /**
     * The ranges a write marks pending: each widened to whole UTC days, as the refresher and the daily level work, and at
     * most {@link #MAX_PENDING_PER_WRITE}, the closest ones joined first. Every read merges a series' pending rows, so a
     * batch of readings hours apart must not leave one row per reading; a wider range only makes reads take more raw rows.
     */
    static List<TimeRange> pending(List<TimeRange> ranges) {
        return TimeRange.joinClosest(TimeRange.union(ranges.stream().map(r -> new TimeRange(r.from().truncatedTo(ChronoUnit.DAYS),
                ceilDayBefore10000(r.to()))).toList()), MAX_PENDING_PER_WRITE);
    }

    @Override
    public void slotsWritten(Connection db, long seriesId, ZoneId zone, TimeRange slots, SlotBuckets computed) throws SQLException {
        Jdbc.update(db, MARK_SLOTS, Ranges.jdbc(seriesId, slots));
    }

    @Override
    public Uni<List<DailyRollup>> daily(SqlClient db, long seriesId, ZoneId zone, LocalDate from, LocalDate to) {
        return localDays(db, DAILY, List.of(seriesId), zone, from, to, (series, day, r) -> {
            int slots = r.getLong("n").intValue();
            double energy = r.getDouble("total");
            return new DailyRollup(day, start(day, zone), start(day.plusDays(1), zone), energy, r.getDouble("low"), r.getDouble("high"),
                    energy / slots, slots);
        });
    }

    @Override
    public void readingsWritten(Connection db, long seriesId, ZoneId zone, Instant first, Instant last, List<ReadingDay> computed)
            throws SQLException {
        // A channel's days, when the import summed them, are where its rows are: rows years apart mark those, not the years
        List<TimeRange> written = computed == null ? List.of(new TimeRange(first, last.plusNanos(1000)))
                : pending(computed.stream().map(d -> new TimeRange(d.start(), d.end())).toList());
        Jdbc.update(db, MARK_READINGS, Ranges.jdbc(seriesId, written));
    }

    @Override
    public Uni<List<ReadingDay>> readingDaily(SqlClient db, List<Long> seriesIds, ZoneId zone, LocalDate from, LocalDate to) {
        return localDays(db, READING_DAILY, seriesIds, zone, from, to, (series, day, r) -> new ReadingDay(series, day,
                start(day, zone), start(day.plusDays(1), zone), r.getDouble("low"), r.getDouble("high"), r.getDouble("total"),
                r.getLong("n").intValue()));
    }

    /** What a row of {@link AggregateFamily#localDays()} says of the series' local day. */
    private interface DayRow<T> {
        T of(long seriesId, LocalDate day, Row row);
    }

    private static <T> Uni<List<T>> localDays(SqlClient db, String statement, List<Long> seriesIds, ZoneId zone, LocalDate from,
            LocalDate to, DayRow<T> read) {
        List<LocalDate> days = new ArrayList<>();
        List<OffsetDateTime> bounds = new ArrayList<>();
        Levels levels = new Levels();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(day);
            bounds.add(utc(start(day, zone)));
            levels.add(new TimeRange(start(day, zone), start(day.plusDays(1), zone)));
        }
        bounds.add(utc(start(to.plusDays(1), zone)));
        Tuple args = Tuple.of(seriesIds.toArray(Long[]::new), bounds.toArray(OffsetDateTime[]::new));
        levels.addTo(args);
        args.addValue(bounds.get(0)).addValue(bounds.get(bounds.size() - 1));
        return inOneSnapshot(db, c -> c.preparedQuery(statement).execute(args)).map(rows -> {
            List<T> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                out.add(read.of(r.getLong("series_id"), days.get(r.getInteger("label")), r));
            }
            return out;
        });
    }

    @Override
    public Uni<List<HourlyEnergy>> hourly(SqlClient db, long seriesId, TimeRange range) {
        // The hours starting in [from, to) are the whole hours of [ceil(from), ceil(to)).
        Instant from = ceil(range.from(), ChronoUnit.HOURS);
        Instant to = ceil(range.to(), ChronoUnit.HOURS);
        if (!from.isBefore(to)) {
            return Uni.createFrom().item(List.of());
        }
        return inOneSnapshot(db, c -> c.preparedQuery(HOURLY).execute(Tuple.of(seriesId, utc(from), utc(to)))).map(rows -> {
            List<HourlyEnergy> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(new HourlyEnergy(r.getOffsetDateTime(0).toInstant(), r.getDouble(1))));
            return out;
        });
    }

    @Override
    public Uni<List<TopUsers.Ship>> topShips(TimeRange window, int count) {
        RankingWindow parts = RankingWindow.of(window);
        Tuple args = Tuple.tuple();
        addRanges(args, parts.days(), 1);
        addRanges(args, parts.hours(), 2);
        addRanges(args, parts.slots(), 2);
        args.addValue(count);
        return inOneSnapshot(pool, c -> c.preparedQuery(TOP).execute(args)).map(rows -> {
            List<TopUsers.Ship> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(new TopUsers.Ship(r.getLong("ship"), r.getDouble("total"))));
            return out;
        });
    }

    /** {@code n} ranges as 2n bounds; a missing range is an empty one. */
    private static void addRanges(Tuple args, List<TimeRange> ranges, int n) {
        for (int i = 0; i < n; i++) {
            TimeRange r = i < ranges.size() ? ranges.get(i) : null;
            args.addValue(utc(r == null ? Instant.EPOCH : r.from()));
            args.addValue(utc(r == null ? Instant.EPOCH : r.to()));
        }
    }

    /**
     * Runs one read statement in a read-only REPEATABLE READ transaction of its own: the snapshot is taken when the
     * statement is parsed, before it is planned, so every chunk committed before it is planned in. Begin, read and
     * commit are pipelined on one connection, so this costs no round trip. On a caller's connection the caller's
     * transaction decides.
     */
    private static Uni<RowSet<Row>> inOneSnapshot(SqlClient db, Function<SqlClient, Uni<RowSet<Row>>> read) {
        if (!(db instanceof Pool pool)) {
            return read.apply(db);
        }
        return pool.withConnection(c -> Uni.combine().all()
                .unis(c.query("begin isolation level repeatable read, read only").execute(), read.apply(c), c.query("commit").execute())
                .collectFailures().with((begun, rows, committed) -> rows));
    }

    private static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /**
     * The next UTC midnight, or the last instant before year 10000: the refresher reads pending bounds as text, and the pg
     * client cannot parse a five-digit year.
     */
    private static Instant ceilDayBefore10000(Instant t) {
        Instant day = ceil(t, ChronoUnit.DAYS);
        // An asset reading on the last accepted day reaches 10000-01-01T23:45, which once stopped every refresh; no slot
        // starts after 9999-12-31T23:45, so the range may end before 10000 and still hold them all.
        return day.isBefore(YEAR_10000) ? day : LAST_BEFORE_10000;
    }

    private static Instant ceil(Instant t, ChronoUnit unit) {
        Instant floor = t.truncatedTo(unit);
        return floor.equals(t) ? t : floor.plus(1, unit);
    }

    /** The day, hour and slot parts of many ranges, as six arrays of bounds. */
    private static final class Levels {
        private final List<List<OffsetDateTime>> bounds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

        /**
         * A local day's parts. A UTC day bucket is the ordered sum of its hours, so only a day that is that UTC day takes
         * it whole; a longer one (London's autumn change) takes its hours, and its sum stays the ordered sum of its hours.
         */
        void add(TimeRange day) {
            RankingWindow window = RankingWindow.of(day);
            boolean utcDay = window.days().equals(List.of(day));
            window.days().forEach(r -> add(utcDay ? 0 : 2, r));
            window.hours().forEach(r -> add(2, r));
            window.slots().forEach(r -> add(4, r));
        }

        private void add(int at, TimeRange range) {
            bounds.get(at).add(utc(range.from()));
            bounds.get(at + 1).add(utc(range.to()));
        }

        void addTo(Tuple args) {
            bounds.forEach(b -> args.addValue(b.toArray(OffsetDateTime[]::new)));
        }
    }
}
