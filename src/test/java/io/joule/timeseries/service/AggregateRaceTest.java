package io.joule.timeseries.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.joule.testing.Sql;
import io.joule.timeseries.RollupStore;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TimescaleDB only (skipped, saying so, elsewhere): reads and refreshes racing. Each race is held open by a lock or a
 * prepared transaction at the moment it needs, so each test either passes or fails the same way every run.
 */
@QuarkusTest
class AggregateRaceTest {
    @Inject
    RollupStore rollups;
    @Inject
    AggregateRefresher refresher;
    @Inject
    InvalidationThresholds thresholds;
    @Inject
    Pool pool;

    @BeforeEach
    void onlyOnTimescaleDb() {
        assumeTrue("timescaledb".equals(rollups.implementation()), "SKIPPED (TimescaleDB only)");
    }

    @Test
    void everyAggregateThresholdIsPastEveryInput() throws Exception {
        assertEquals(List.of("reading_daily_utc|t", "reading_hourly|t", "slot_daily|t", "slot_hourly|t"), Sql.rows("""
                select c.user_view_name, t.watermark >= 253402300800000000
                from _timescaledb_catalog.continuous_aggs_invalidation_threshold t
                join _timescaledb_catalog.continuous_agg c on c.raw_hypertable_id = t.hypertable_id order by 1"""));
    }

    /**
     * A write that commits while a refresh moves the invalidation threshold past it is still materialized. The write
     * is held between its pre-commit work (where TimescaleDB reads the threshold) and its commit by PREPARE
     * TRANSACTION, so this needs {@code max_prepared_transactions > 0} (skipped, saying so, without).
     */
    @Test
    void aWriteCommittingDuringARefreshOfItsDayIsMaterialized() throws Exception {
        assumeTrue(Integer.parseInt(Sql.rows("show max_prepared_transactions").get(0)) > 0,
                "SKIPPED (needs max_prepared_transactions > 0 to hold a write between its pre-commit and its commit)");
        // A day later than any other test writes, so that without the fix it would lie past the threshold.
        LocalDate day = LocalDate.of(9990, 1, 1).plusDays(new Random().nextInt(3000));
        long early = 9_100_000_000L + new Random().nextInt(1_000_000);
        long late = early + 1;
        String gid = "joule-head-race-" + UUID.randomUUID();
        try (Connection lock = Sql.connect(); Statement held = lock.createStatement()) {
            held.execute("select pg_advisory_lock(" + AggregateRefresher.LOCK + ")");
            insertReadings(lock, early, day + " 00:00:00+00", 5.0);
            try (Connection writer = Sql.connect()) {
                writer.setAutoCommit(false);
                insertReadings(writer, late, day + " 10:00:00+00", 1.0);
                insertReadings(writer, late, day + " 10:30:00+00", 2.0);
                insertReadings(writer, late, day + " 11:00:00+00", 3.0);
                writer.createStatement().execute("prepare transaction '" + gid + "'");
            }
            // The refresher's round over the day, while the write is prepared but not committed.
            held.execute("call refresh_continuous_aggregate('reading_hourly', '" + day + "', '" + day.plusDays(1) + "')");
            held.execute("call refresh_continuous_aggregate('reading_daily_utc', '" + day + "', '" + day.plusDays(1) + "')");
            held.execute("commit prepared '" + gid + "'");
            held.execute("select pg_advisory_unlock(" + AggregateRefresher.LOCK + ")");
        } finally {
            rollBackIfPrepared(gid);
        }
        refresher.refreshAll().await().atMost(Duration.ofMinutes(2));

        assertEquals(List.of("0"), Sql.rows("select count(*) from reading_pending where series_id = ?", late));
        assertEquals(List.of(day + "|1.0|3.0|6.0|3"), rollups.readingDaily(pool, List.of(late), ZoneOffset.UTC, day, day)
                .await().atMost(Duration.ofSeconds(30)).stream().map(d -> d.date() + "|" + d.min() + "|" + d.max() + "|" + d.sum() + "|" + d.count())
                .toList(), "the prepared write, committed during the refresh, is in the materialized day");
        assertEquals(List.of("2"), Sql.rows("select count(*) from reading_hourly where series_id = ?", late), "its two hours");
    }

    /**
     * On a database whose thresholds are still where refreshes left them (as before this fix), the move lets the start
     * go on at once but keeps the refresh lock until a write that was already past its pre-commit has ended.
     */
    @Test
    void aThresholdMoveHoldsTheRefreshUntilOlderWritesHaveEnded() throws Exception {
        assumeTrue(Integer.parseInt(Sql.rows("show max_prepared_transactions").get(0)) > 0,
                "SKIPPED (needs max_prepared_transactions > 0 to hold a write open across the move)");
        String gid = "joule-threshold-move-" + UUID.randomUUID();
        try {
            try (Connection writer = Sql.connect()) {
                writer.createStatement().execute("update _timescaledb_catalog.continuous_aggs_invalidation_threshold set watermark = 0");
                writer.setAutoCommit(false);
                insertReadings(writer, 9_300_000_000L + new Random().nextInt(1_000_000), "2020-01-01 00:00:00+00", 1.0);
                writer.createStatement().execute("prepare transaction '" + gid + "'");
            }
            java.util.concurrent.CompletableFuture<Void> moved = new java.util.concurrent.CompletableFuture<>();
            var raised = thresholds.raise(() -> moved.complete(null)).subscribeAsCompletionStage();
            moved.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(List.of("true|true|true|true"), Sql.rows("""
                    select string_agg((t.watermark >= 253402300800000000)::text, '|')
                    from _timescaledb_catalog.continuous_aggs_invalidation_threshold t"""), "moved before the start goes on");
            Thread.sleep(500);
            assertEquals(List.of("f"), Sql.rows("select pg_try_advisory_lock(" + AggregateRefresher.LOCK + ")"),
                    "no refresh while the prepared write may have read the old threshold");
            try (Connection c = Sql.connect()) {
                c.createStatement().execute("rollback prepared '" + gid + "'");
            }
            raised.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            try (Connection c = Sql.connect(); Statement lock = c.createStatement()) {
                try (var rs = lock.executeQuery("select pg_try_advisory_lock(" + AggregateRefresher.LOCK + ")")) {
                    rs.next();
                    assertTrue(rs.getBoolean(1), "the lock is free once the older write has ended");
                }
            }
        } finally {
            rollBackIfPrepared(gid);
        }
    }

    /**
     * A read planned before a refresh adds an aggregate chunk and deletes the pending range, and run after, still
     * answers the range. The read covers two days, the first in an older chunk of the readings, and its planning is
     * held on that chunk, locked meanwhile; the refresh covers only the second day, so it never waits for the lock.
     */
    @Test
    void aReadPlannedBeforeARefreshAddsAChunkAnswersItsRows() throws Exception {
        // Years no other test writes, so that the refresh adds the aggregates' chunks for the day.
        LocalDate near = LocalDate.of(8000, 1, 1).plusDays(new Random().nextInt(300_000));
        long series = 9_200_000_000L + new Random().nextInt(1_000_000);
        try (Connection lock = Sql.connect(); Statement held = lock.createStatement(); Connection blocker = Sql.connect()) {
            held.execute("set statement_timeout = '30s'");
            held.execute("select pg_advisory_lock(" + AggregateRefresher.LOCK + ")");
            insertReadings(lock, series + 1, near + " 12:00:00+00", 0.0);
            String older = Sql.rows("""
                    select format('%I.%I', chunk_schema, chunk_name), (range_end at time zone 'UTC')::date from timescaledb_information.chunks
                    where hypertable_name = 'reading' and range_start <= ?::timestamptz and range_end > ?::timestamptz""",
                    near + " 12:00:00+00", near + " 12:00:00+00").get(0);
            String olderChunk = older.split("\\|")[0];
            // The day the next chunk starts (chunks span whole days).
            LocalDate day = LocalDate.parse(older.split("\\|")[1]);
            insertReadings(lock, series, day + " 10:00:00+00", 1.0);
            insertReadings(lock, series, day + " 10:30:00+00", 2.0);
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("lock table " + olderChunk + " in access exclusive mode");

            var read = rollups.readingDaily(pool, List.of(series), ZoneOffset.UTC, day.minusDays(1), day).subscribeAsCompletionStage();
            waitUntilAwaited(olderChunk);
            held.execute("call refresh_continuous_aggregate('reading_hourly', '" + day + "', '" + day.plusDays(1) + "')");
            held.execute("call refresh_continuous_aggregate('reading_daily_utc', '" + day + "', '" + day.plusDays(1) + "')");
            held.execute("delete from reading_pending where series_id = " + series);
            blocker.rollback();

            assertEquals(List.of(day + "|1.0|2.0|3.0|2"), read.get(30, java.util.concurrent.TimeUnit.SECONDS).stream()
                    .map(d -> d.date() + "|" + d.min() + "|" + d.max() + "|" + d.sum() + "|" + d.count()).toList(),
                    "the read planned before the refresh");
            held.execute("select pg_advisory_unlock(" + AggregateRefresher.LOCK + ")");
        }
    }

    /** A prepared transaction outlives its session: left behind it would hold its locks until rolled back. */
    private static void rollBackIfPrepared(String gid) throws Exception {
        if (!Sql.rows("select gid from pg_prepared_xacts where gid = ?", gid).isEmpty()) {
            try (Connection c = Sql.connect()) {
                c.createStatement().execute("rollback prepared '" + gid + "'");
            }
        }
    }

    /** Waits until a session waits for a lock on the relation (the read, planning). */
    private static void waitUntilAwaited(String relation) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Integer.parseInt(Sql.rows("select count(*) from pg_locks where relation = ?::regclass and not granted", relation).get(0)) == 0) {
            assertTrue(System.nanoTime() < deadline, "the read never waited for " + relation + " while planning");
            Thread.sleep(20);
        }
    }

    /** A reading as the meter import stores it: the row and its pending range, in the connection's transaction. */
    private static void insertReadings(Connection db, long series, String at, double value) throws Exception {
        try (var row = db.prepareStatement("insert into reading (series_id, ts, value) values (?, ?::timestamptz, ?)");
             var pending = db.prepareStatement(
                     "insert into reading_pending (series_id, span) values (?, tstzrange(?::timestamptz, ?::timestamptz + interval '1 microsecond'))")) {
            row.setLong(1, series);
            row.setString(2, at);
            row.setDouble(3, value);
            row.executeUpdate();
            pending.setLong(1, series);
            pending.setString(2, at);
            pending.setString(3, at);
            pending.executeUpdate();
        }
    }
}
