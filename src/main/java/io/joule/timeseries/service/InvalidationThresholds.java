package io.joule.timeseries.service;

import io.joule.time.Timestamps;
import io.joule.timeseries.repository.AggregateFamily;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps every continuous aggregate's invalidation threshold past every instant Joule accepts, so that every write
 * logs its invalidation. TimescaleDB (2.28.3) logs none for rows at or past a hypertable's threshold, which a refresh
 * moves to its window's end, and a writer reads the threshold just before it commits: a write still committing when
 * a refresh moved the threshold past it, and materialized without it, was never materialized, and the next round
 * deleted its pending range. Moving the threshold once, before any write of this instance, closes that.
 */
@ApplicationScoped
public class InvalidationThresholds {
    /** The refreshed day that moves the thresholds: a week past every accepted instant and every slot derived from one. */
    private static final Instant FROM = Timestamps.LATEST.plus(7, ChronoUnit.DAYS);
    private static final Instant TO = FROM.plus(1, ChronoUnit.DAYS);
    /** {@link #TO} as TimescaleDB stores a timestamptz threshold: microseconds since 1970. */
    static final long PAST_EVERY_INPUT = TO.getEpochSecond() * 1_000_000L;
    private static final String[] AGGREGATES = AggregateFamily.ALL.stream()
            .flatMap(f -> Stream.of(f.hourly(), f.daily())).toArray(String[]::new);
    private static final String ALL_RAISED = """
            select count(*) filter (where t.watermark >= $2) = cardinality($1::text[])
            from _timescaledb_catalog.continuous_aggs_invalidation_threshold t
            join _timescaledb_catalog.continuous_agg c on c.raw_hypertable_id = t.hypertable_id
            where c.user_view_name = any($1::text[])
            """;
    /** Write transactions of this database that may have read a threshold before the move. */
    private static final String OLDER_WRITES = """
            select coalesce(array_agg(x), '{}') from (
                select backend_xid::text as x from pg_stat_activity
                where datname = current_database() and backend_xid is not null and pid <> pg_backend_pid()
                union all
                select transaction::text from pg_prepared_xacts where database = current_database()) older
            """;
    private static final String STILL_RUNNING = """
            select exists (select 1 from pg_stat_activity where datname = current_database() and backend_xid::text = any($1::text[]))
                or exists (select 1 from pg_prepared_xacts where database = current_database() and transaction::text = any($1::text[]))
            """;

    private final Pool pool;
    private final Rollups rollups;

    public InvalidationThresholds(Pool pool, Rollups rollups) {
        this.pool = pool;
        this.rollups = rollups;
    }

    /** Before the HTTP server takes writes, and before the refresher's first round. */
    void onStart(@Observes @Priority(30) StartupEvent event) throws Exception {
        if (!rollups.aggregatesPresent()) {
            return;
        }
        CompletableFuture<Void> moved = new CompletableFuture<>();
        raise(() -> moved.complete(null)).subscribe().with(done -> { }, failure -> {
            if (!moved.completeExceptionally(failure)) {
                Log.warnf("Continuous aggregates: waiting for writes older than the threshold move failed: %s", failure.getMessage());
            }
        });
        moved.get(5, TimeUnit.MINUTES);
    }

    /**
     * Moves every threshold still below {@link #PAST_EVERY_INPUT} there under the refresh lock (none of this when all
     * are there already, so a start never waits for another instance's lock for nothing). TimescaleDB marks the span a
     * threshold moved over as to be materialized, so rows written before are not lost. Writes of other instances that
     * read the old threshold may still be committing: the lock, which the refresher needs too, is kept until they have
     * ended, after {@code moved} has let the start go on.
     */
    Uni<Void> raise(Runnable moved) {
        return allRaised(pool).chain(raised -> raised ? Uni.createFrom().voidItem() : LongRunning.withConnection(pool, db -> db
                .query("select pg_advisory_lock(" + AggregateRefresher.LOCK + ")").execute()
                .chain(() -> allRaised(db))
                .chain(meanwhile -> meanwhile ? Uni.createFrom().voidItem() : move(db)
                        .invoke(moved)
                        .chain(() -> db.query(OLDER_WRITES).execute())
                        .chain(rows -> olderWritesEnded(db, rows.iterator().next().getArrayOfStrings(0))))
                .onTermination().call(() -> db.query("select pg_advisory_unlock(" + AggregateRefresher.LOCK + ")").execute())))
                .invoke(moved);
    }

    private static Uni<Boolean> allRaised(SqlClient db) {
        return db.preparedQuery(ALL_RAISED).execute(Tuple.of(AGGREGATES, PAST_EVERY_INPUT)).map(rows -> rows.iterator().next().getBoolean(0));
    }

    private static Uni<Void> move(SqlConnection db) {
        return Multi.createFrom().iterable(AggregateFamily.ALL)
                .onItem().transformToUniAndConcatenate(family -> AggregateRefresher.materialize(db, family, FROM, TO))
                .collect().last().replaceWithVoid()
                .invoke(() -> Log.infof("Continuous aggregates: invalidation thresholds moved a week past %s, so every write is logged for refresh",
                        Timestamps.LATEST));
    }

    private static Uni<Void> olderWritesEnded(SqlConnection db, String[] xids) {
        if (xids.length == 0) {
            return Uni.createFrom().voidItem();
        }
        Log.infof("Continuous aggregates: no refresh until %d write transaction(s) older than the threshold move have ended", xids.length);
        return db.preparedQuery(STILL_RUNNING).execute(Tuple.of((Object) xids)).map(rows -> rows.iterator().next().getBoolean(0))
                .repeat().withDelay(Duration.ofMillis(100)).whilst(running -> running)
                .collect().last().replaceWithVoid();
    }
}
