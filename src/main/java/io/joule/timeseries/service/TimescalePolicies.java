package io.joule.timeseries.service;

import io.joule.timeseries.TimescaleConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies the configured columnstore (compression) policies where V11 and V21 enabled compression:
 * chunks of readings and slots older than {@code joule.timescale.compress-after}, and of the four
 * continuous aggregates older than {@code joule.timescale.aggregate-compress-after}, are compressed
 * by TimescaleDB's own jobs. Late writes into them still work: they are DML on compressed
 * chunks, and the write path recomputes the same way.
 */
@ApplicationScoped
public class TimescalePolicies {
    static final String[] TABLES = {"reading", "slot_15m"};
    static final String[] AGGREGATES = {"slot_hourly", "slot_daily", "reading_hourly", "reading_daily_utc"};

    private static final String COMPRESSIBLE = """
            select coalesce(bool_and(compression_enabled), false) from timescaledb_information.hypertables
            where hypertable_name in ('reading', 'slot_15m')
            """;

    /**
     * The compression policies in place, by relation, and whether each is as configured ($1 seconds for the tables,
     * $2 for the aggregates, compared as PostgreSQL writes the interval, so '1 month' is not 30 days): most starts find
     * them so and change nothing.
     */
    private static final String POLICIES = """
            select hypertable_name, coalesce(config->>'compress_after' = make_interval(secs => case when hypertable_name in ('reading', 'slot_15m')
                   then $1::float8 else $2::float8 end)::text, false)
            from timescaledb_information.jobs where proc_name = 'policy_compression' and hypertable_schema = current_schema()
            """;

    private final Pool pool;
    private final TimescaleConfig config;
    private final Rollups rollups;

    public TimescalePolicies(Pool pool, TimescaleConfig config, Rollups rollups) {
        this.pool = pool;
        this.config = config;
        this.rollups = rollups;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (!rollups.aggregatesPresent()) {
            return;
        }
        boolean compressible = pool.query(COMPRESSIBLE).execute().await().atMost(Duration.ofMinutes(1)).iterator().next().getBoolean(0);
        if (!compressible) {
            return;
        }
        Map<String, Boolean> policies = new HashMap<>();
        pool.preparedQuery(POLICIES).execute(Tuple.of((double) config.compressAfter().toSeconds(), (double) config.aggregateCompressAfter().toSeconds()))
                .await().atMost(Duration.ofMinutes(1)).forEach(r -> policies.put(r.getString(0), r.getBoolean(1)));
        for (String table : TABLES) {
            compressAfter(table, config.compressAfter(), policies);
        }
        for (String aggregate : AGGREGATES) {
            compressAfter(aggregate, config.aggregateCompressAfter(), policies);
        }
        Log.infof("Columnstore: %s", config.compression() ? "readings and slots compressed after " + config.compressAfter()
                + ", their continuous aggregates after " + config.aggregateCompressAfter() : "off (joule.timescale.compression=false)");
    }

    /**
     * Replaces the relation's compression policy by one of this age, or by none when compression is off; leaves it
     * when it is already so (removing and re-adding takes locks on the relation at every start).
     */
    private void compressAfter(String relation, Duration age, Map<String, Boolean> asConfigured) {
        if (config.compression() ? Boolean.TRUE.equals(asConfigured.get(relation)) : !asConfigured.containsKey(relation)) {
            return;
        }
        pool.preparedQuery("select remove_compression_policy($1::regclass, if_exists => true)").execute(Tuple.of(relation))
                .await().atMost(Duration.ofMinutes(1));
        if (config.compression()) {
            pool.preparedQuery("select add_compression_policy($1::regclass, compress_after => make_interval(secs => $2))")
                    .execute(Tuple.of(relation, (double) age.toSeconds())).await().atMost(Duration.ofMinutes(1));
        }
    }
}
