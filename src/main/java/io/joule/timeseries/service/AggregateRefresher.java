package io.joule.timeseries.service;

import io.joule.pipeline.TimeRange;
import io.joule.timeseries.repository.AggregateFamily;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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
 * every instant Joule accepts, once ({@link InvalidationThresholds}); from then on every write logs its invalidation.
 */
@ApplicationScoped
public class AggregateRefresher {
    static final int BATCH = 1000;
    /** Most refresh windows a round makes of its pending ranges, per family. */
    static final int MAX_WINDOWS = 16;
    /** The session advisory lock one refresher holds at a time (several instances may run). */
    public static final long LOCK = 7_013_001L;

    private final Pool pool;
    private final Rollups rollups;

    public AggregateRefresher(Pool pool, Rollups rollups) {
        this.pool = pool;
        this.rollups = rollups;
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
        return LongRunning.withConnection(pool, db -> db.query("select pg_try_advisory_lock(" + LOCK + ")").execute().flatMap(locked -> {
            if (!locked.iterator().next().getBoolean(0)) {
                return Uni.createFrom().item(0);
            }
            // TimescaleDB says NOTICE for every window already up to date, which the pg client logs as a WARN
            return db.query("set client_min_messages = warning").execute()
                    .chain(() -> Multi.createFrom().iterable(AggregateFamily.ALL).onItem().transformToUniAndConcatenate(family -> refresh(db, family))
                            .collect().with(Collectors.summingInt(n -> n)))
                    // the unlock must not depend on the reset: a lock left on a pooled connection would stop every later round
                    .onTermination().call(() -> db.query("reset client_min_messages").execute().onFailure().recoverWithNull()
                            .chain(() -> db.query("select pg_advisory_unlock(" + LOCK + ")").execute()));
        }));
    }

    private Uni<Integer> refresh(SqlConnection db, AggregateFamily family) {
        // Bounds as epoch seconds (the windows are whole days): read as text, a bound in year 10000 could not be parsed,
        // and one such row stopped every round
        String pending = "select id, floor(extract(epoch from lower(%2$s)))::bigint, ceil(extract(epoch from upper(%2$s)))::bigint from %1$s order by id limit %3$d"
                .formatted(family.pending(), family.span(), BATCH);
        return db.query(pending).execute().flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<Long> ids = new ArrayList<>(rows.size());
            List<TimeRange> days = new ArrayList<>(rows.size());
            for (Row r : rows) {
                ids.add(r.getLong(0));
                days.add(wholeUtcDays(Instant.ofEpochSecond(r.getLong(1)), Instant.ofEpochSecond(r.getLong(2))));
            }
            days.sort(Comparator.comparing(TimeRange::from));
            return Multi.createFrom().iterable(windows(days))
                    .onItem().transformToUniAndConcatenate(w -> materialize(db, family, w.from(), w.to()))
                    .collect().last()
                    .chain(() -> db.preparedQuery("delete from " + family.pending() + " where id = any($1)")
                            .execute(Tuple.of((Object) ids.toArray(Long[]::new))))
                    .map(done -> ids.size());
        });
    }

    /**
     * The windows a round refreshes: its ranges' whole UTC days, joined where they touch, and the closest joined until
     * at most {@value #MAX_WINDOWS}. One window over the round's whole span would make TimescaleDB materialize every
     * day between two ranges years apart (it merges more than a few invalidations in a window into one).
     */
    static List<TimeRange> windows(List<TimeRange> wholeDaysByStart) {
        return TimeRange.joinClosest(TimeRange.union(wholeDaysByStart), MAX_WINDOWS);
    }

    /** Whole UTC days: the daily aggregate refreshes whole buckets only. */
    static TimeRange wholeUtcDays(Instant from, Instant to) {
        return new TimeRange(from.truncatedTo(ChronoUnit.DAYS), to.minusNanos(1000).truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS));
    }

    /**
     * Refreshes the family's hourly, then its daily aggregate over [from, to), whole UTC days. The bounds go as epoch
     * seconds: a slot range can end in year 10000, which ISO text writes as "+10000-…", and PostgreSQL reads that "+"
     * as an offset and refuses it.
     */
    static Uni<Void> materialize(SqlConnection db, AggregateFamily family, Instant from, Instant to) {
        String window = "to_timestamp(%d), to_timestamp(%d)".formatted(from.getEpochSecond(), to.getEpochSecond());
        // CALL cannot run in a transaction block: simple queries, one statement each.
        return db.query("call refresh_continuous_aggregate('" + family.hourly() + "', " + window + ")").execute()
                .chain(() -> db.query("call refresh_continuous_aggregate('" + family.daily() + "', " + window + ")").execute())
                .replaceWithVoid();
    }

    /** Refreshes until nothing is pending, waiting while another round holds the lock (tests and benchmarks). */
    public Uni<Void> refreshAll() {
        return refreshPending()
                .flatMap(n -> pool.query("select (select count(*) from rollup_pending) + (select count(*) from reading_pending)").execute().map(rows -> rows.iterator().next().getLong(0)))
                .flatMap(left -> left == 0 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().voidItem().onItem().delayIt().by(java.time.Duration.ofMillis(50)).chain(this::refreshAll));
    }
}
