package io.joule.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.joule.pipeline.Quantity;
import io.joule.pipeline.Reading;
import io.joule.pipeline.TimeRange;
import io.joule.series.SeriesSpec;
import io.joule.ship.TopUsers;
import io.joule.ship.repository.ShipRollupRepository;
import io.joule.timeseries.DailyRollup;
import io.joule.timeseries.RollupStore;
import io.joule.time.Zones;
import io.joule.timeseries.repository.AggregateFamily;
import io.joule.timeseries.repository.ContinuousAggregateStore;
import io.joule.timeseries.repository.ReadingRollupRepository;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.joule.timeseries.repository.TransactionalRollupStore;
import io.joule.timeseries.service.AggregateRefresher;
import io.joule.timeseries.service.Rollups;
import io.joule.timeseries.service.TimeSeriesWriter;
import io.joule.timeseries.WriteMemory;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * TimescaleDB only (skipped, saying so, elsewhere): storage per million readings with and without
 * the columnstore; top users and daily statistics from continuous aggregates against the rollup
 * tables and raw slots; write throughput with aggregates against with rollups.
 * Ships and days: -Dbench.ships (default 1000), -Dbench.days (default 365), -Dbench.meters (default 100).
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimescaleBench {
    static final int SHIPS = Integer.getInteger("bench.ships", 1000);
    static final int DAYS = Integer.getInteger("bench.days", 365);
    static final int RUNS = 3;
    static final long FIRST_KEY = 600_000_000L;

    @Inject
    Rollups rollups;
    @Inject
    ContinuousAggregateStore aggregates;
    @Inject
    TransactionalRollupStore transactional;
    @Inject
    ShipRollupRepository rankings;
    @Inject
    AggregateRefresher refresher;
    @Inject
    TimeSeriesRepository repository;
    @Inject
    ReadingRollupRepository readingRollups;
    @Inject
    Pool pool;

    @BeforeEach
    void onlyOnTimescaleDb() {
        assumeTrue("timescaledb".equals(rollups.implementation()), "SKIPPED (TimescaleDB only): statistics here come from "
                + rollups.describe() + "; run -Pbench with JOULE_TEST_DB_URL=jdbc:postgresql://host:port/ on a TimescaleDB server");
    }

    @Test
    void bytesPerMillionReadings() throws Exception {
        // 100 meters x 10,000 five-minute kW readings (one decimal, a daily shape plus noise) in 2095.
        try (Connection c = BenchSupport.connect()) {
            c.createStatement().execute("""
                    insert into reading (series_id, ts, value)
                    select 9000000 + m, timestamptz '2095-01-01 00:00:00+00' + i * interval '5 minutes',
                           round((100 + m + 40 * sin(i / 45.8) + random() * 8)::numeric, 1)::float8
                    from generate_series(1, 100) m cross join generate_series(0, 9999) i""");
            c.createStatement().execute("analyze reading");
            String chunks = "from timescaledb_information.chunks where hypertable_name = 'reading' and range_start >= '2095-01-01' and range_start < '2096-01-01'";
            long before = longOf(c, "select sum(total_bytes) from chunks_detailed_size('reading') d where d.chunk_name in (select chunk_name " + chunks + ")");
            c.createStatement().execute("select compress_chunk(format('%I.%I', chunk_schema, chunk_name)::regclass) " + chunks);
            long after = longOf(c, "select sum(after_compression_total_bytes) from chunk_compression_stats('reading') s where s.chunk_name in (select chunk_name " + chunks + ")");
            long rows = longOf(c, "select count(*) from reading where series_id > 9000000 and ts >= '2095-01-01'");
            System.out.printf("%n== TimescaleDB storage (%s) ==%n", BenchSupport.machine());
            System.out.printf("%,d readings (100 meters x 10,000 five-minute kW values, one decimal), table + indexes + TOAST%n", rows);
            System.out.printf("%-34s %,14d bytes per million readings%n", "row store (baseline)", before * 1_000_000 / rows);
            System.out.printf("%-34s %,14d bytes per million readings%n", "columnstore (compressed)", after * 1_000_000 / rows);
            System.out.printf("compression ratio %.1fx%n%n", (double) before / after);
        }
    }

    @Test
    void rankingsAndDailyStatisticsFromAggregatesRollupsAndSlots() throws Exception {
        Instant from = Instant.parse("2094-01-01T00:00:00Z");
        Instant to = from.plus(Duration.ofDays(DAYS));
        long loadStart = System.nanoTime();
        try (Connection c = BenchSupport.connect()) {
            var sql = c.createStatement();
            sql.execute("insert into series (kind, key, zone, quantity, sampling, max_gap) select 'ship', (" + FIRST_KEY
                    + " + i)::text, 'UTC', 'energy', 'regular', interval '1 hour' from generate_series(1, " + SHIPS + ") i");
            sql.execute("""
                    insert into slot_15m (series_id, slot_start, kwh)
                    select s.id, t, 1 + (s.id %% 97) / 10.0 + ((extract(epoch from t) / 900)::bigint %% 7) / 10.0
                    from series s cross join generate_series(timestamptz '%s', timestamptz '%s' - interval '15 minutes', interval '15 minutes') t
                    where s.kind = 'ship' and s.key::bigint > %d and s.key::bigint <= %d""".formatted(from, to, FIRST_KEY, FIRST_KEY + SHIPS));
            // The rollup tables, as the transactional store keeps them on plain PostgreSQL.
            sql.execute("""
                    insert into rollup_hourly (series_id, bucket_start, energy_kwh, min_kwh, max_kwh, slots)
                    select series_id, date_bin('1 hour', slot_start, timestamptz '2000-01-01 00:00:00+00'), sum(kwh), min(kwh), max(kwh), count(*)
                    from slot_15m where slot_start >= '%s' and slot_start < '%s' group by 1, 2""".formatted(from, to));
            sql.execute("""
                    insert into rollup_daily (series_id, day, bucket_start, bucket_end, energy_kwh, min_kwh, max_kwh, slots)
                    select series_id, (slot_start at time zone 'UTC')::date, min(date_trunc('day', slot_start at time zone 'UTC')) at time zone 'UTC',
                           min(date_trunc('day', slot_start at time zone 'UTC')) at time zone 'UTC' + interval '1 day',
                           sum(kwh), min(kwh), max(kwh), count(*)
                    from slot_15m where slot_start >= '%s' and slot_start < '%s' group by 1, 2""".formatted(from, to));
            // The continuous aggregates, as the background refresher materializes them.
            sql.execute("call refresh_continuous_aggregate('slot_hourly', '%s', '%s')".formatted(from, to));
            sql.execute("call refresh_continuous_aggregate('slot_daily', '%s', '%s')".formatted(from, to));
            sql.execute("vacuum analyze");
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        TimeRange window = new TimeRange(from.plus(Duration.ofMinutes(5 * 60 + 15)), to.minus(Duration.ofMinutes(28 * 60 + 15)));
        double[] cagg = new double[RUNS];
        double[] rollup = new double[RUNS];
        double[] raw = new double[RUNS];
        List<TopUsers.Ship> a = null;
        List<TopUsers.Ship> r = null;
        List<TopUsers.Ship> s = null;
        for (int i = 0; i < RUNS; i++) {
            a = BenchSupport.time(cagg, i, () -> aggregates.topShips(window, 10).await().atMost(Duration.ofMinutes(5)));
            r = BenchSupport.time(rollup, i, () -> transactional.topShips(window, 10).await().atMost(Duration.ofMinutes(5)));
            s = BenchSupport.time(raw, i, () -> rankings.topFromSlots(window, 10).await().atMost(Duration.ofMinutes(5)));
        }
        assertSameRanking(s, a);
        assertSameRanking(s, r);

        // Daily statistics of one ship over the whole period, for 10 ships in turn.
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate lastDay = firstDay.plusDays(DAYS - 1);
        List<Long> ids = new ArrayList<>();
        try (Connection c = BenchSupport.connect();
                ResultSet rs = c.createStatement().executeQuery("select id from series where kind = 'ship' and key::bigint > " + FIRST_KEY
                        + " and key::bigint <= " + (FIRST_KEY + SHIPS) + " order by id limit 10")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        double[] dCagg = new double[RUNS];
        double[] dRollup = new double[RUNS];
        double[] dRaw = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            List<List<DailyRollup>> fromAggregates = BenchSupport.time(dCagg, i, () -> daily(aggregates, ids, firstDay, lastDay));
            List<List<DailyRollup>> fromRollups = BenchSupport.time(dRollup, i, () -> daily(transactional, ids, firstDay, lastDay));
            List<List<String>> fromSlots = BenchSupport.time(dRaw, i, () -> rawDaily(ids, from, to));
            assertEquals(DAYS, fromAggregates.get(0).size());
            for (int k = 0; k < ids.size(); k++) {
                assertEquals(summary(fromRollups.get(k)), summary(fromAggregates.get(k)), "aggregates = rollups");
                assertEquals(fromSlots.get(k), summary(fromAggregates.get(k)), "aggregates = raw slots");
            }
        }
        // GET /ships/{id}/daily while late writes are pending: six two-hour ranges per ship, read raw.
        double[] dPending = new double[RUNS];
        try (Connection c = BenchSupport.connect()) {
            pendSixRanges(c, AggregateFamily.SLOTS, from, "s.kind = 'ship' and s.key::bigint > %d and s.key::bigint <= %d"
                    .formatted(FIRST_KEY, FIRST_KEY + SHIPS));
            for (int i = 0; i < RUNS; i++) {
                List<List<DailyRollup>> fromAggregates = BenchSupport.time(dPending, i, () -> daily(aggregates, ids, firstDay, lastDay));
                List<List<String>> fromSlots = rawDaily(ids, from, to);
                for (int k = 0; k < ids.size(); k++) {
                    assertEquals(fromSlots.get(k), summary(fromAggregates.get(k)), "aggregates with pending ranges = raw slots");
                }
            }
            c.createStatement().execute("delete from rollup_pending");
        }
        System.out.printf("%n== TimescaleDB rankings and daily statistics (%s) ==%n", BenchSupport.machine());
        System.out.printf("%d ships x %d days of 15-minute slots (%,d slots), loaded with rollups and aggregates in %.0f s%n",
                SHIPS, DAYS, SHIPS * DAYS * 96L, loadSeconds);
        System.out.printf("top 10 over %s .. %s, median of %d:%n", window.from(), window.to(), RUNS);
        printMs("continuous aggregates (days+hours+edge slots)", cagg);
        printMs("PostgreSQL rollup tables (same split)", rollup);
        printMs("raw slots (baseline)", raw);
        System.out.printf("rankings identical, totals within 1e-9; aggregates vs raw %.1fx, vs rollups %.2fx%n",
                BenchSupport.median(raw) / BenchSupport.median(cagg), BenchSupport.median(rollup) / BenchSupport.median(cagg));
        System.out.printf("daily statistics of %d days for 10 ships, one query each, median of %d:%n", DAYS, RUNS);
        printMs("continuous aggregates", dCagg);
        printMs("continuous aggregates, 6 pending ranges per ship", dPending);
        printMs("PostgreSQL rollup tables", dRollup);
        printMs("raw slots (baseline)", dRaw);
        System.out.printf("all three equal day by day%n%n");
    }

    /**
     * Meter daily statistics over a year in Asia/Kolkata (every local day has partial UTC hours at both ends): from the
     * reading aggregates, from reading_daily (what plain PostgreSQL serves) and from the raw readings, equal to the last
     * bit; then again with pending reading ranges, which the aggregates' read takes raw.
     */
    @Test
    void meterDailyStatsFromAggregatesReadingDailyAndReadings() throws Exception {
        int meters = Integer.getInteger("bench.meters", 100);
        ZoneId zone = ZoneId.of("Asia/Kolkata");
        LocalDate firstDay = LocalDate.of(2093, 1, 1);
        LocalDate lastDay = firstDay.plusDays(DAYS - 1);
        Instant from = firstDay.atStartOfDay(zone).toInstant();
        Instant to = lastDay.plusDays(1).atStartOfDay(zone).toInstant();
        List<Long> ids = new ArrayList<>();
        long loadStart = System.nanoTime();
        try (Connection c = BenchSupport.connect()) {
            var sql = c.createStatement();
            sql.execute("insert into series (kind, key, zone, quantity, sampling, max_gap) select 'meter', 'bench-meter-' || i, '" + zone
                    + "', 'energy', 'regular', interval '1 hour' from generate_series(1, " + meters + ") i");
            sql.execute("""
                    insert into meter_channel (series_id, meter_code, serial, data_type, units)
                    select id, key, key, 'Import Wh Total', 'kwh' from series where kind = 'meter' and key like 'bench-meter-%'""");
            sql.execute("""
                    insert into reading (series_id, ts, value)
                    select s.id, t, round((0.2 + (s.id %% 13) / 10.0 + 0.15 * sin(extract(epoch from t) / 7200) + random() / 5)::numeric, 3)::float8
                    from series s cross join generate_series(timestamptz '%s', timestamptz '%s' - interval '15 minutes', interval '15 minutes') t
                    where s.kind = 'meter' and s.key like 'bench-meter-%%'""".formatted(from, to));
            try (ResultSet rs = sql.executeQuery("select id from series where kind = 'meter' and key like 'bench-meter-%' order by id")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            c.setAutoCommit(false);
            for (long id : ids) {
                readingRollups.refresh(c, id, zone, from, to.minusNanos(1000));
            }
            c.commit();
            c.setAutoCommit(true);
            sql.execute("call refresh_continuous_aggregate('reading_hourly', '%s', '%s')".formatted(from.minus(Duration.ofDays(1)), to.plus(Duration.ofDays(1))));
            sql.execute("call refresh_continuous_aggregate('reading_daily_utc', '%s', '%s')".formatted(from.minus(Duration.ofDays(1)), to.plus(Duration.ofDays(1))));
            sql.execute("vacuum analyze");
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        List<Long> ten = ids.subList(0, 10);
        double[] cagg = new double[RUNS];
        double[] table = new double[RUNS];
        double[] raw = new double[RUNS];
        double[] pending = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            List<List<String>> a = BenchSupport.time(cagg, i, () -> readingDaily(aggregates, ten, zone, firstDay, lastDay));
            List<List<String>> t = BenchSupport.time(table, i, () -> readingDaily(transactional, ten, zone, firstDay, lastDay));
            List<List<String>> r = BenchSupport.time(raw, i, () -> rawReadingDaily(ten, zone, firstDay, lastDay));
            assertEquals(DAYS, a.get(0).size());
            assertEquals(r, a, "aggregates = raw readings, bit for bit");
            assertEquals(r, t, "reading_daily = raw readings, bit for bit");
        }
        try (Connection c = BenchSupport.connect()) {
            pendSixRanges(c, AggregateFamily.READINGS, from, "s.kind = 'meter' and s.key like 'bench-meter-%'");
            for (int i = 0; i < RUNS; i++) {
                List<List<String>> a = BenchSupport.time(pending, i, () -> readingDaily(aggregates, ten, zone, firstDay, lastDay));
                assertEquals(rawReadingDaily(ten, zone, firstDay, lastDay), a, "with pending ranges");
            }
            c.createStatement().execute("delete from reading_pending where series_id in (select id from series where kind = 'meter' and key like 'bench-meter-%')");
        }
        System.out.printf("%n== TimescaleDB meter daily statistics (%s) ==%n", BenchSupport.machine());
        System.out.printf("%d meters x %d days of 15-minute readings in %s (%,d readings), loaded with reading_daily and aggregates in %.0f s%n",
                meters, DAYS, zone, meters * DAYS * 96L, loadSeconds);
        System.out.printf("daily statistics of %d local days for 10 meters, one query each, median of %d:%n", DAYS, RUNS);
        printMs("continuous aggregates", cagg);
        printMs("continuous aggregates, 6 pending ranges per meter", pending);
        printMs("reading_daily table (PostgreSQL)", table);
        printMs("raw readings (baseline)", raw);
        System.out.printf("all equal bit for bit%n%n");
    }

    /** The four continuous aggregates' sizes before and after compressing all their chunks (after the other benchmarks filled them). */
    @Test
    @Order(Integer.MAX_VALUE)
    void aggregateColumnstoreSizes() throws Exception {
        System.out.printf("%n== TimescaleDB continuous aggregates in the columnstore (%s) ==%n", BenchSupport.machine());
        try (Connection c = BenchSupport.connect()) {
            for (String view : List.of("slot_hourly", "slot_daily", "reading_hourly", "reading_daily_utc")) {
                String table;
                try (ResultSet rs = c.createStatement().executeQuery("""
                        select format('%%I.%%I', materialization_hypertable_schema, materialization_hypertable_name)
                        from timescaledb_information.continuous_aggregates where view_name = '%s'""".formatted(view))) {
                    rs.next();
                    table = rs.getString(1);
                }
                long rows = longOf(c, "select count(*) from " + view);
                c.createStatement().execute("select count(compress_chunk(ch, true)) from show_chunks('" + table + "') ch");
                try (ResultSet rs = c.createStatement().executeQuery("""
                        select coalesce(sum(before_compression_total_bytes), 0), coalesce(sum(after_compression_total_bytes), 0)
                        from hypertable_compression_stats('%s')""".formatted(table))) {
                    rs.next();
                    long before = rs.getLong(1);
                    long after = rs.getLong(2);
                    System.out.printf("%-18s %,12d rows %,14d bytes row store %,14d bytes compressed (%.1fx)%n", view, rows, before, after,
                            after == 0 ? 0.0 : (double) before / after);
                }
            }
        }
        System.out.println();
    }

    @Test
    void writeThroughputWithAggregatesAndWithRollups() throws Exception {
        TimeSeriesWriter withAggregates = new TimeSeriesWriter(pool, repository, aggregates, new WriteMemory());
        TimeSeriesWriter withRollups = new TimeSeriesWriter(pool, repository, transactional, new WriteMemory());
        long ship = 800_000_000L + (System.nanoTime() % 1_000_000) * 100;
        write(withAggregates, ship, 2);
        write(withRollups, ship + 10, 2);
        double[] agg = new double[RUNS];
        double[] roll = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            agg[i] = write(withAggregates, ship + 20 + 10 * i, 8);
            roll[i] = write(withRollups, ship + 60 + 10 * i, 8);
        }
        refresher.refreshAll().await().atMost(Duration.ofMinutes(5));
        System.out.printf("%n== TimescaleDB write path (%s) ==%n", BenchSupport.machine());
        System.out.printf("4 concurrent writers x 8 batches of 5,000 five-minute kW readings (TimeSeriesWriter, no HTTP), median of %d:%n", RUNS);
        System.out.printf("%-52s %,12.0f rows/s%n", "with continuous aggregates (pending range + refresher)", BenchSupport.median(agg));
        System.out.printf("%-52s %,12.0f rows/s%n", "with transactional rollups (baseline)", BenchSupport.median(roll));
        System.out.printf("ratio %.2f%n%n", BenchSupport.median(agg) / BenchSupport.median(roll));
    }

    /** Four writers, one ship each, {@code batches} batches of 5,000 readings; answers rows/s. */
    private static double write(TimeSeriesWriter writer, long firstShip, int batches) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            long ship = firstShip + c;
            done.add(threads.submit(() -> {
                Instant origin = Instant.parse("2030-01-01T00:00:00Z");
                for (int b = 0; b < batches; b++) {
                    List<Reading> readings = new ArrayList<>(5000);
                    for (int i = 0; i < 5000; i++) {
                        int n = b * 5000 + i;
                        readings.add(new Reading(origin.plusSeconds(300L * n), 100 + (n * 37 % 1000) / 10.0));
                    }
                    writer.write(SeriesSpec.ship(ship, Quantity.POWER), readings).await().atMost(Duration.ofMinutes(2));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();
        return 4.0 * batches * 5000 / ((System.nanoTime() - start) / 1e9);
    }

    private List<List<DailyRollup>> daily(RollupStore store, List<Long> ids, LocalDate first, LocalDate last) {
        List<List<DailyRollup>> out = new ArrayList<>();
        for (long id : ids) {
            out.add(store.daily(pool, id, ZoneOffset.UTC, first, last).await().atMost(Duration.ofMinutes(1)));
        }
        return out;
    }

    /** Six late two-hour ranges per series that {@code which} (a condition on series s) selects, as writes leave them until a refresh. */
    private static void pendSixRanges(Connection c, AggregateFamily family, Instant from, String which) throws java.sql.SQLException {
        c.createStatement().execute("""
                insert into %2$s (series_id, %3$s)
                select s.id, tstzrange(timestamptz '%1$s' + k * interval '53 days' + interval '90 minutes',
                                       timestamptz '%1$s' + k * interval '53 days' + interval '210 minutes')
                from series s, generate_series(0, 5) k where %4$s""".formatted(from, family.pending(), family.span(), which));
        c.createStatement().execute("analyze " + family.pending());
    }

    private static void printMs(String what, double[] seconds) {
        System.out.printf("%-52s %10.1f ms%n", what, BenchSupport.median(seconds) * 1000);
    }

    private List<List<String>> readingDaily(RollupStore store, List<Long> ids, ZoneId zone, LocalDate first, LocalDate last) {
        List<List<String>> out = new ArrayList<>();
        for (long id : ids) {
            out.add(store.readingDaily(pool, List.of(id), zone, first, last).await().atMost(Duration.ofMinutes(1)).stream()
                    .map(d -> d.date() + "|" + d.min() + "|" + d.max() + "|" + d.sum() + "|" + d.count()).toList());
        }
        return out;
    }

    /** The local days' statistics straight from the readings: the ordered sum of each day's UTC-hour sums. */
    private static List<List<String>> rawReadingDaily(List<Long> ids, ZoneId zone, LocalDate first, LocalDate last) {
        Zones.Days days = Zones.days(zone, first, last);
        List<List<String>> out = new ArrayList<>();
        try (Connection c = BenchSupport.connect();
                var ps = c.prepareStatement("""
                        select (?::date[])[b], min(mn), max(mx), sum(e order by h), sum(n)
                        from (select width_bucket(ts, ?::timestamptz[]) as b, date_bin('1 hour', ts, timestamptz '2000-01-01 00:00:00+00') as h,
                                     min(value) as mn, max(value) as mx, sum(value order by ts) as e, count(*) as n
                              from reading where series_id = ? and ts >= ? and ts < ? group by 1, 2) hours
                        group by b order by b""")) {
            for (long id : ids) {
                ps.setArray(1, c.createArrayOf("date", days.dates()));
                ps.setArray(2, c.createArrayOf("timestamptz", days.starts()));
                ps.setLong(3, id);
                ps.setObject(4, days.start());
                ps.setObject(5, days.end());
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getObject(1, LocalDate.class) + "|" + rs.getDouble(2) + "|" + rs.getDouble(3) + "|" + rs.getDouble(4) + "|" + rs.getInt(5));
                    }
                }
                out.add(rows);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static List<List<String>> rawDaily(List<Long> ids, Instant from, Instant to) {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = BenchSupport.connect();
                var ps = c.prepareStatement("""
                        select (slot_start at time zone 'UTC')::date, sum(kwh), min(kwh), max(kwh), count(*) from slot_15m
                        where series_id = ? and slot_start >= ? and slot_start < ? group by 1 order by 1""")) {
            for (long id : ids) {
                ps.setLong(1, id);
                ps.setObject(2, from.atOffset(ZoneOffset.UTC));
                ps.setObject(3, to.atOffset(ZoneOffset.UTC));
                List<String> days = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        days.add(line(rs.getObject(1, LocalDate.class), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getInt(5)));
                    }
                }
                out.add(days);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static List<String> summary(List<DailyRollup> days) {
        return days.stream().map(d -> line(d.date(), d.energyKwh(), d.minKwh(), d.maxKwh(), d.slots())).toList();
    }

    private static String line(LocalDate day, double energy, double min, double max, int slots) {
        return String.format("%s|%.6f|%s|%s|%d", day, energy, min, max, slots);
    }

    private static void assertSameRanking(List<TopUsers.Ship> expected, List<TopUsers.Ship> actual) {
        assertEquals(expected.stream().map(TopUsers.Ship::spaceshipId).toList(), actual.stream().map(TopUsers.Ship::spaceshipId).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).consumption(), actual.get(i).consumption(), 1e-9 * expected.get(i).consumption());
        }
    }

    private static long longOf(Connection c, String query) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
