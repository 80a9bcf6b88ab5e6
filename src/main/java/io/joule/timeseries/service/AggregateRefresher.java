package io.joule.timeseries.service;

import static io.joule.time.Timestamps.utc;

import io.joule.timeseries.repository.AggregateFamily;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Materializes pending slot and reading ranges into their continuous aggregates ({@link AggregateFamily}), then
 * forgets them. Only rows
 * read before the refresh are deleted, and a refresh sees every write committed before it started,
 * so a range written meanwhile stays pending (and is read raw) until the next round.
 *
 * <p>That holds only while every write logs its invalidation. TimescaleDB logs none for rows at or past a hypertable's
 * invalidation threshold, which a refresh moves to its window's end, and a writer reads the threshold before it commits
 * (2.28.3): a write whose commit ends while a refresh moves the threshold past it and materializes without it is never
 * materialized, and the next round deletes its pending range. So at start every aggregate's threshold is moved past
 * every instant Joule accepts, once ({@link #raiseThresholds()}); from then on every write logs its invalidation.
 */
@ApplicationScoped
public class AggregateRefresher {
    static final int BATCH = 1000;
    /** The session advisory lock one refresher holds at a time (several instances may run). */
    public static final long LOCK = 7_013_001L;
    /** Past {@link io.joule.time.Timestamps#LATEST}: 10000-01-01T00:00Z as TimescaleDB stores a timestamptz, in µs since 1970. */
    static final long PAST_EVERY_INPUT = 253_402_300_800_000_000L;
    private static final String PAST_EVERY_INPUT_WINDOW = "'9999-12-31 00:00:00+00', '10000-01-01 00:00:00+00'";
    private static final String LOW_THRESHOLDS = """
            select count(*) from _timescaledb_catalog.continuous_aggs_invalidation_threshold t
            join _timescaledb_catalog.continuous_agg c on c.raw_hypertable_id = t.hypertable_id
            where c.user_view_name in ('slot_hourly', 'slot_daily', 'reading_hourly', 'reading_daily_utc') and t.watermark < %d
            """.formatted(PAST_EVERY_INPUT);
    private static final Duration OLDER_WRITES_WAIT = Duration.ofSeconds(60);


    private final Pool pool;
    private final Rollups rollups;

    public AggregateRefresher(Pool pool, Rollups rollups) {
        this.pool = pool;
        this.rollups = rollups;
    }

    void onStart(@Observes @Priority(30) StartupEvent event) {
        if (rollups.aggregatesPresent()) {
            raiseThresholds().await().atMost(OLDER_WRITES_WAIT.plusMinutes(5));
        }
    }

    /**
     * Moves the invalidation threshold of every aggregate still below {@link #PAST_EVERY_INPUT} there, by refreshing the
     * empty last day before it, under the refresh lock. TimescaleDB marks the span it moved over as to be materialized,
     * so rows written before are not lost. Writes of other instances that read the old threshold may still be committing,
     * so the lock is kept until every transaction older than the move has ended (at most {@link #OLDER_WRITES_WAIT}).
     */
    Uni<Void> raiseThresholds() {
        return pool.withConnection(db -> db.query("select pg_advisory_lock(" + LOCK + ")").execute()
                .chain(() -> db.query(LOW_THRESHOLDS).execute())
                .chain(low -> low.iterator().next().getLong(0) == 0 ? Uni.createFrom().voidItem() : Multi.createFrom()
                        .iterable(AggregateFamily.ALL).onItem().transformToUniAndConcatenate(family -> db
                                .query("call refresh_continuous_aggregate('" + family.hourly() + "', " + PAST_EVERY_INPUT_WINDOW + ")").execute()
                                .chain(() -> db.query("call refresh_continuous_aggregate('" + family.daily() + "', " + PAST_EVERY_INPUT_WINDOW + ")")
                                        .execute()))
                        .collect().last()
                        .chain(() -> db.query("select pg_snapshot_xmax(pg_current_snapshot())::text").execute())
                        .chain(xmax -> olderWritesEnded(db, xmax.iterator().next().getString(0), System.nanoTime() + OLDER_WRITES_WAIT.toNanos()))
                        .invoke(() -> Log.info("Continuous aggregates: invalidation thresholds moved past 9999-12-31, so every write is logged for refresh")))
                .onTermination().call(() -> db.query("select pg_advisory_unlock(" + LOCK + ")").execute()));
    }

    private Uni<Void> olderWritesEnded(SqlConnection db, String xmax, long deadline) {
        return db.preparedQuery("select pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8").execute(Tuple.of(xmax)).chain(rows -> {
            if (rows.iterator().next().getBoolean(0)) {
                return Uni.createFrom().voidItem();
            }
            if (System.nanoTime() > deadline) {
                Log.warnf("Continuous aggregates: transactions older than the threshold move (before xid %s) still run after %s;"
                        + " a write among them may be missing from the aggregates until its range is written again", xmax, OLDER_WRITES_WAIT);
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(50)).chain(() -> olderWritesEnded(db, xmax, deadline));
        });
    }

    @Scheduled(every = "${joule.timescale.refresh-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!rollups.aggregatesPresent()) {
            return Uni.createFrom().voidItem();
        }
        return refreshPending().onFailure().recoverWithUni(e -> {
            Log.warnf("Refreshing the continuous aggregates failed (reads stay exact; retrying): %s", e.getMessage());
            return Uni.createFrom().item(0);
        }).replaceWithVoid();
    }

    /**
     * One round: up to {@value #BATCH} pending ranges of each family; answers how many were materialized (0 also
     * when another instance holds the refresh lock, {@value #LOCK}).
     */
    public Uni<Integer> refreshPending() {
        return pool.withConnection(db -> db.query("select pg_try_advisory_lock(" + LOCK + ")").execute().flatMap(locked -> {
            if (!locked.iterator().next().getBoolean(0)) {
                return Uni.createFrom().item(0);
            }
            return Multi.createFrom().iterable(AggregateFamily.ALL).onItem().transformToUniAndConcatenate(family -> refresh(db, family))
                    .collect().with(Collectors.summingInt(n -> n))
                    .onTermination().call(() -> db.query("select pg_advisory_unlock(" + LOCK + ")").execute());
        }));
    }

    private Uni<Integer> refresh(SqlConnection db, AggregateFamily family) {
        String pending = "select id, lower(%2$s), upper(%2$s) from %1$s order by id limit %3$d".formatted(family.pending(), family.span(), BATCH);
        return db.query(pending).execute().flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<Long> ids = new ArrayList<>(rows.size());
            Instant from = Instant.MAX;
            Instant to = Instant.MIN;
            for (Row r : rows) {
                ids.add(r.getLong(0));
                Instant lower = r.getOffsetDateTime(1).toInstant();
                Instant upper = r.getOffsetDateTime(2).toInstant();
                from = lower.isBefore(from) ? lower : from;
                to = upper.isAfter(to) ? upper : to;
            }
            // Whole UTC days: the daily aggregate refreshes whole buckets only.
            String window = "'%s', '%s'".formatted(utc(from.truncatedTo(ChronoUnit.DAYS)),
                    utc(to.minusNanos(1000).truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS)));
            // CALL cannot run in a transaction block: simple queries, one statement each.
            return db.query("call refresh_continuous_aggregate('" + family.hourly() + "', " + window + ")").execute()
                    .chain(() -> db.query("call refresh_continuous_aggregate('" + family.daily() + "', " + window + ")").execute())
                    .chain(() -> db.preparedQuery("delete from " + family.pending() + " where id = any($1)")
                            .execute(Tuple.of((Object) ids.toArray(Long[]::new))))
                    .map(done -> ids.size());
        });
    }

    /** Refreshes until nothing is pending, waiting while another round holds the lock (tests and benchmarks). */
    public Uni<Void> refreshAll() {
        return refreshPending()
                .flatMap(n -> pool.query("select (select count(*) from rollup_pending) + (select count(*) from reading_pending)").execute().map(rows -> rows.iterator().next().getLong(0)))
                .flatMap(left -> left == 0 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(50)).chain(this::refreshAll));
    }

}
