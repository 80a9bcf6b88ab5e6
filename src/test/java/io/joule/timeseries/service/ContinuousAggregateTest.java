package io.joule.timeseries.service;

import static io.joule.timeseries.service.RollupConsistencyTest.rawDaily;
import static io.joule.timeseries.service.RollupConsistencyTest.rawHourly;
import static io.joule.timeseries.service.RollupConsistencyTest.storeDaily;
import static io.joule.timeseries.service.RollupConsistencyTest.storeHourly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.joule.pipeline.Quantity;
import io.joule.pipeline.Reading;
import io.joule.pipeline.Sampling;
import io.joule.pipeline.SeriesProfile;
import io.joule.pipeline.Slot;
import io.joule.pipeline.Slots;
import io.joule.pipeline.TimeRange;
import io.joule.series.SeriesKind;
import io.joule.series.SeriesSpec;
import io.joule.ship.TopUsers;
import io.joule.ship.repository.ShipRollupRepository;
import io.joule.testing.Sql;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.service.Rollups;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TimescaleDB only (skipped, saying so, elsewhere): the continuous aggregates and policies exist,
 * and every answer equals a raw recomputation at once after late and corrected writes, while the
 * aggregates are stale (the refresher held off by its lock) and after they are refreshed, also for
 * writes into compressed chunks.
 */
@QuarkusTest
class ContinuousAggregateTest {
    static final SeriesProfile POWER = new SeriesProfile(Quantity.POWER, Sampling.REGULAR, Duration.ofHours(1));

    @Inject
    TimeSeriesWriter writer;
    @Inject
    RollupStore rollups;
    @Inject
    Rollups chosen;
    @Inject
    AggregateRefresher refresher;
    @Inject
    ShipRollupRepository rankings;
    @Inject
    Pool pool;
    @Inject
    TimescalePolicies policies;

    @BeforeEach
    void onlyOnTimescaleDb() {
        assumeTrue("timescaledb".equals(rollups.implementation()), "SKIPPED (TimescaleDB only): statistics here come from "
                + chosen.describe() + "; run with JOULE_TEST_DB_URL=jdbc:postgresql://host:port/ on a TimescaleDB server");
    }

    @Test
    void aggregatesAreHierarchicalAndPoliciesExist() throws Exception {
        assertEquals(List.of("reading_daily_utc|reading_hourly|t|t", "reading_hourly|reading|t|t", "slot_daily|slot_hourly|t|t",
                "slot_hourly|slot_15m|t|t"), Sql.rows("""
                select c.view_name, coalesce(p.view_name, c.hypertable_name), c.materialized_only, c.compression_enabled
                from timescaledb_information.continuous_aggregates c
                left join timescaledb_information.continuous_aggregates p on p.materialization_hypertable_name = c.hypertable_name
                where c.view_name in ('slot_hourly', 'slot_daily', 'reading_hourly', 'reading_daily_utc') order by 1"""));
        assertEquals(List.of("reading|30 days", "reading_daily_utc|30 days", "reading_hourly|30 days", "slot_15m|30 days",
                "slot_daily|30 days", "slot_hourly|30 days"), Sql.rows("""
                select hypertable_name, justify_hours((config->>'compress_after')::interval)
                from timescaledb_information.jobs where proc_name = 'policy_compression' order by 1"""));
        assertEquals(List.of("reading|series_id|ts", "slot_15m|series_id|slot_start"), Sql.rows("""
                select hypertable_name, string_agg(attname, ',') filter (where segmentby_column_index is not null),
                       string_agg(attname, ',') filter (where orderby_column_index is not null)
                from timescaledb_information.compression_settings where hypertable_name in ('reading', 'slot_15m')
                group by 1 order by 1"""));
    }

    @Test
    void aStartKeepsPoliciesThatAreAsConfiguredAndReplacesOnesThatAreNot() throws Exception {
        String jobs = "select hypertable_name || '|' || job_id || '|' || justify_hours((config->>'compress_after')::interval) "
                + "from timescaledb_information.jobs where proc_name = 'policy_compression' order by hypertable_name";
        List<String> before = Sql.rows(jobs);
        String changedAway = before.stream().filter(j -> j.startsWith("slot_daily|")).findFirst().orElseThrow();
        Sql.rows("select remove_compression_policy('slot_daily')");
        Sql.rows("select add_compression_policy('slot_daily', compress_after => interval '3 days')");
        String replaced = Sql.rows(jobs).stream().filter(j -> j.startsWith("slot_daily|")).findFirst().orElseThrow();
        assertTrue(replaced.endsWith("|3 days"), replaced);

        policies.onStart(new io.quarkus.runtime.StartupEvent());

        List<String> after = new ArrayList<>(Sql.rows(jobs));
        after.sort(null);
        List<String> expected = new ArrayList<>(before);
        expected.remove(changedAway);
        after.stream().filter(j -> j.startsWith("slot_daily|")).forEach(expected::add);
        expected.sort(null);
        assertEquals(expected, after, "only slot_daily's policy was replaced");
        assertTrue(after.stream().anyMatch(j -> j.startsWith("slot_daily|") && j.endsWith("|30 days") && !j.equals(replaced)), after.toString());
    }

    @ParameterizedTest(name = "zone {0}")
    @CsvSource({"UTC", "Europe/Berlin", "Asia/Kathmandu", "Asia/Kolkata", "Australia/Lord_Howe"})
    void exactWhileStaleAndAfterRefreshAcrossZonesAndDstDays(String zone) throws Exception {
        // 2024-03-29 .. 04-08 holds Berlin's spring-forward day and Lord Howe's half-hour fall-back day.
        SeriesSpec spec = meter(zone);
        Random random = new Random(zone.hashCode());
        TreeMap<Instant, Double> all = new TreeMap<>();
        long id = 0;
        for (int batch = 0; batch < 30; batch++) {
            id = write(spec, randomBatch(random, all));
        }
        refresher.refreshAll().await().atMost(Duration.ofMinutes(2));
        assertEquals(List.of("0"), Sql.rows("select count(*) from rollup_pending where series_id = ?", id));
        assertEquals(rawHourly(id), materializedHourly(id), "the refresh materialized every hour");
        assertExact(id, zone);

        try (Connection lock = Sql.connect()) {
            lock.createStatement().execute("select pg_advisory_lock(" + AggregateRefresher.LOCK + ")");
            for (int batch = 0; batch < 20; batch++) {
                write(spec, randomBatch(random, all));
            }
            assertNotEquals(rawHourly(id), materializedHourly(id), "the aggregates are stale now");
            assertExact(id, zone);
        }
        refresher.refreshAll().await().atMost(Duration.ofMinutes(2));
        assertEquals(rawHourly(id), materializedHourly(id), "refreshed");
        assertExact(id, zone);
    }

    @Test
    void topUsersAreExactWhileStaleAndAfterRefresh() throws Exception {
        long first = 880_000_000L + new Random().nextInt(1_000_000) * 10L;
        Instant start = Instant.parse("2071-01-01T00:00:00Z");
        for (int ship = 0; ship < 5; ship++) {
            List<Reading> readings = new ArrayList<>();
            for (Instant t = start; t.isBefore(start.plus(Duration.ofDays(3))); t = t.plus(Duration.ofMinutes(15))) {
                readings.add(new Reading(t, 10.0 + ship));
            }
            writer.write(SeriesSpec.ship(first + ship, Quantity.POWER), readings).await().atMost(Duration.ofSeconds(30));
        }
        refresher.refreshAll().await().atMost(Duration.ofMinutes(2));
        TimeRange window = new TimeRange(Instant.parse("2071-01-01T05:15:00Z"), Instant.parse("2071-01-03T19:45:00Z"));
        assertSameRanking(window, first);
        try (Connection lock = Sql.connect()) {
            lock.createStatement().execute("select pg_advisory_lock(" + AggregateRefresher.LOCK + ")");
            // Late corrections in a whole day, a whole hour and an edge slot lift ship 0 to the top.
            List<Reading> late = new ArrayList<>();
            for (String t : List.of("2071-01-02T10:00:00Z", "2071-01-01T07:00:00Z", "2071-01-03T19:30:00Z")) {
                late.add(new Reading(Instant.parse(t), 500.0));
            }
            writer.write(SeriesSpec.ship(first, Quantity.POWER), late.stream().sorted((a, b) -> a.time().compareTo(b.time())).toList())
                    .await().atMost(Duration.ofSeconds(30));
            assertEquals(first, assertSameRanking(window, first).get(0).spaceshipId());
        }
        refresher.refreshAll().await().atMost(Duration.ofMinutes(2));
        assertEquals(first, assertSameRanking(window, first).get(0).spaceshipId());
    }

    /** Readings on the last accepted day have slots whose range ends in year 10000: the refresher still materializes them. */
    @Test
    void theLastAcceptedDayIsMaterialized() throws Exception {
        TreeMap<Instant, Double> readings = new TreeMap<>(Map.of(
                Instant.parse("9999-12-30T22:00:00Z"), 4.0, Instant.parse("9999-12-30T23:45:00Z"), 8.0));
        long id = write(meter("UTC"), readings);
        refresher.refreshAll().await().atMost(Duration.ofSeconds(30));
        assertEquals(List.of("0"), Sql.rows("select count(*) from rollup_pending where series_id = ?", id));
        assertEquals(rawHourly(id), materializedHourly(id), "materialized");
    }

    @Test
    void lateWriteIntoACompressedChunkRecomputesExactly() throws Exception {
        SeriesSpec spec = meter("Europe/Berlin");
        TreeMap<Instant, Double> readings = new TreeMap<>();
        for (Instant t = Instant.parse("2023-06-01T00:00:00Z"); t.isBefore(Instant.parse("2023-06-10T00:00:00Z")); t = t.plusSeconds(900)) {
            readings.put(t, 4.0 + (t.getEpochSecond() / 900) % 5);
        }
        long id = write(spec, readings);
        refresher.refreshAll().await().atMost(Duration.ofMinutes(2));
        String chunks = """
                select count(*) filter (where is_compressed) from timescaledb_information.chunks
                where hypertable_name in ('reading', 'slot_15m')
                  and range_start < timestamptz '2023-06-10' and range_end > timestamptz '2023-06-01'""";
        Sql.rows("""
                select compress_chunk(format('%I.%I', chunk_schema, chunk_name)::regclass, true) from timescaledb_information.chunks
                where hypertable_name in ('reading', 'slot_15m')
                  and range_start < timestamptz '2023-06-10' and range_end > timestamptz '2023-06-01'""");
        assertTrue(Integer.parseInt(Sql.rows(chunks).get(0)) >= 2, "readings and slots of June 2023 are compressed");

        // Corrections and a new reading in the middle of the compressed range.
        TreeMap<Instant, Double> late = new TreeMap<>(Map.of(
                Instant.parse("2023-06-05T10:00:00Z"), 40.0, Instant.parse("2023-06-05T10:07:00Z"), 12.0,
                Instant.parse("2023-06-05T10:15:00Z"), 0.0, Instant.parse("2023-06-07T23:45:00Z"), 100.0));
        write(spec, late);
        readings.putAll(late);

        List<Slot> expected = Slots.computeAll(readings.entrySet().stream().map(e -> new Reading(e.getKey(), e.getValue())).toList(), POWER);
        List<String> stored = Sql.rows("select extract(epoch from slot_start)::bigint, kwh from slot_15m where series_id = ? order by 1", id);
        assertEquals(expected.stream().map(s -> s.start().getEpochSecond() + "|" + s.kwh()).toList(),
                stored.stream().map(r -> r.split("\\|")[0] + "|" + Double.parseDouble(r.split("\\|")[1])).toList(), "slots");
        assertEquals(rawDaily(id, "Europe/Berlin"), storeDailyJune(id), "daily statistics right after the late write");
        refresher.refreshAll().await().atMost(Duration.ofMinutes(2));
        assertEquals(rawDaily(id, "Europe/Berlin"), storeDailyJune(id), "and after the refresh");
    }

    private List<String> storeDailyJune(long id) {
        return rollups.daily(pool, id, ZoneId.of("Europe/Berlin"), java.time.LocalDate.of(2023, 5, 31), java.time.LocalDate.of(2023, 6, 11))
                .await().atMost(Duration.ofSeconds(30)).stream()
                .map(d -> d.date() + "|" + new java.math.BigDecimal(d.energyKwh()).setScale(9, java.math.RoundingMode.HALF_UP)
                        .stripTrailingZeros().toPlainString() + "|" + plain(d.minKwh()) + "|" + plain(d.maxKwh()) + "|" + d.slots())
                .toList();
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private void assertExact(long id, String zone) throws Exception {
        assertEquals(rawDaily(id, zone), storeDaily(rollups, pool, id, zone), "daily statistics as served");
        assertEquals(rawHourly(id), storeHourly(rollups, pool, id), "hourly energy as served");
    }

    private List<TopUsers.Ship> assertSameRanking(TimeRange window, long first) {
        List<TopUsers.Ship> served = rollups.topShips(window, 10).await().atMost(Duration.ofSeconds(30));
        List<TopUsers.Ship> raw = rankings.topFromSlots(window, 10).await().atMost(Duration.ofSeconds(30));
        assertEquals(raw.stream().map(TopUsers.Ship::spaceshipId).toList(), served.stream().map(TopUsers.Ship::spaceshipId).toList());
        assertEquals(5, served.size());
        for (int i = 0; i < raw.size(); i++) {
            assertEquals(raw.get(i).consumption(), served.get(i).consumption(), 1e-9 * raw.get(i).consumption());
        }
        assertTrue(served.stream().allMatch(s -> s.spaceshipId() >= first && s.spaceshipId() < first + 5));
        return served;
    }

    /** The materialized hourly aggregate as rawHourly formats the slots. */
    private static List<String> materializedHourly(long id) throws Exception {
        return Sql.rows("""
                select extract(epoch from bucket)::bigint, round(energy_kwh::numeric, 9) from slot_hourly
                where series_id = ? order by 1""", id).stream()
                .map(r -> Instant.ofEpochSecond(Long.parseLong(r.split("\\|")[0])) + "|"
                        + new java.math.BigDecimal(r.split("\\|")[1]).stripTrailingZeros().toPlainString()).toList();
    }

    private static TreeMap<Instant, Double> randomBatch(Random random, TreeMap<Instant, Double> all) {
        TreeMap<Instant, Double> readings = new TreeMap<>();
        Instant origin = Instant.parse("2024-03-29T00:00:00Z");
        Instant at = origin.plusSeconds(60L * random.nextInt(9 * 24 * 60));
        int size = 1 + random.nextInt(60);
        for (int i = 0; i < size; i++) {
            readings.put(at.plusSeconds(60L * random.nextInt(8 * 60)), (double) random.nextInt(500));
        }
        all.putAll(readings);
        return readings;
    }

    private long write(SeriesSpec spec, TreeMap<Instant, Double> readings) {
        List<Reading> batch = new ArrayList<>();
        readings.forEach((t, v) -> batch.add(new Reading(t, v)));
        return writer.write(spec, batch).await().atMost(Duration.ofSeconds(30)).seriesId();
    }

    private static SeriesSpec meter(String zone) {
        return new SeriesSpec(SeriesKind.METER, "cagg-" + UUID.randomUUID(), ZoneId.of(zone), Quantity.POWER, Sampling.REGULAR,
                Duration.ofHours(1));
    }
}
