package io.joule.timeseries.service;

import io.joule.series.SeriesKind;
import io.joule.timeseries.RetentionConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Opt-in retention of raw readings per series kind (on both databases). Raw readings are kept by
 * default; slots, rollups and aggregates are never deleted, so every statistic over the past stays
 * as it was. Rows are deleted per series kind, which TimescaleDB's chunk-wide drop_chunks cannot do.
 */
@ApplicationScoped
public class ReadingRetention {

    private static final String DELETE = """
            delete from reading r using series s
            where s.id = r.series_id and s.kind = $1 and r.ts < now() - make_interval(secs => $2)
            """;

    private final Pool pool;
    private final RetentionConfig config;
    private final Rollups rollups;

    public ReadingRetention(Pool pool, RetentionConfig config, Rollups rollups) {
        this.pool = pool;
        this.config = config;
        this.rollups = rollups;
    }

    /**
     * An unknown kind stops the start, rather than keeping data the operator meant to drop; so does a kind whose
     * statistics the deletion would change.
     */
    void onStart(@Observes StartupEvent event) {
        for (var entry : config.readings().entrySet()) {
            SeriesKind kind = kind(entry.getKey());
            if (entry.getValue().isNegative() || entry.getValue().isZero()) {
                throw new IllegalArgumentException("joule.retention.readings." + entry.getKey() + " must be a positive duration");
            }
            unsafe(kind, rollups.implementation()).ifPresent(reason -> {
                throw new IllegalArgumentException(reason);
            });
            Log.infof("Retention: %s readings older than %s are deleted", entry.getKey(), entry.getValue());
        }
    }

    @Scheduled(every = "${joule.retention.interval:1h}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return apply().onFailure().recoverWithUni(e -> {
            Log.warnf("Retention failed (retrying next round): %s", e.getMessage());
            return Uni.createFrom().item(0L);
        }).replaceWithVoid();
    }

    /** Deletes the readings past their kind's age; answers how many. */
    public Uni<Long> apply() {
        if (config.readings().isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return LongRunning.withConnection(pool, db -> {
            Uni<Long> done = Uni.createFrom().item(0L);
            for (Map.Entry<String, Duration> entry : config.readings().entrySet()) {
                SeriesKind kind = kind(entry.getKey());
                done = done.flatMap(total -> db.preparedQuery(DELETE).execute(Tuple.of(kind.code(), (double) entry.getValue().toSeconds()))
                        .map(rows -> total + rows.rowCount()));
            }
            return done;
        });
    }

    /**
     * Why deleting this kind's old readings would change answers about the past, if it would: on TimescaleDB, meter
     * daily statistics read the partial hours of local days (and any range a refresh covers) from the raw readings.
     */
    static Optional<String> unsafe(SeriesKind kind, String implementation) {
        if (kind == SeriesKind.METER && "timescaledb".equals(implementation)) {
            return Optional.of("joule.retention.readings.meter is not supported on TimescaleDB: meter daily statistics are "
                    + "computed from the continuous aggregates and the raw readings, so deleting readings would change the "
                    + "statistics of the days deleted. Remove the setting (JOULE_RETENTION_READINGS_METER)");
        }
        return Optional.empty();
    }

    static SeriesKind kind(String name) {
        try {
            return SeriesKind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("joule.retention.readings." + name + ": no such series kind; one of "
                    + Arrays.toString(SeriesKind.values()).toLowerCase(Locale.ROOT), e);
        }
    }
}
