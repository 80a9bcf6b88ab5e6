package io.joule.timeseries.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.pipeline.TimeRange;
import io.joule.timeseries.RollupRebuild;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a write's rollups are planned, seen from the connection that ran them (pg_prepared_statements). */
@QuarkusTest
class RollupRepositoryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;
    @Inject
    RollupRepository rollups;

    @Test
    void theBucketsAggregatedInSqlArePlannedGenericallyAndTheTransactionGetsItsPlanModeBack() {
        ZoneId zone = ZoneId.of("Europe/London");
        // no slots computed: every hour and day of 10:15 – 13:45 is aggregated from slot_15m, its first and last hours
        // and its day among them
        TimeRange range = new TimeRange(Instant.parse("2024-05-01T10:15:00Z"), Instant.parse("2024-05-01T13:45:00Z"));
        RollupRebuild rebuild = RollupRebuild.of(zone, List.of(range), null);
        // the pool's connections serve every test: what ran before on this one is counted first
        List<Object> seen = pool.withTransaction(db -> db.query("set local plan_cache_mode = force_custom_plan").execute()
                .flatMap(set -> plans(db, DELETE_HOURS))
                .flatMap(deletesBefore -> rollups.refresh(db, 987_654_321L, zone, rebuild)
                        .flatMap(done -> rollups.refresh(db, 987_654_321L, zone, rebuild))
                        .flatMap(done -> planCacheMode(db))
                        .flatMap(after -> plans(db, DELETE_HOURS)
                                .flatMap(deletes -> plans(db, "%insert into rollup_hourly%group by r.f%")
                                        .flatMap(hours -> plans(db, "%insert into rollup_daily%width_bucket%")
                                                .map(days -> List.of(after, deletes.minus(deletesBefore), hours, days)))))))
                .await().atMost(WAIT);
        assertEquals("force_custom_plan", seen.get(0), "the transaction's plan_cache_mode after the rollups");
        assertEquals(new Plans(0, 2), seen.get(1), "the hours' delete, planned as the transaction says, before the generic ones");
        assertEquals(0, ((Plans) seen.get(2)).custom(), "the edge hours' statement: " + seen.get(2));
        assertEquals(0, ((Plans) seen.get(3)).custom(), "the edge days' statement: " + seen.get(3));
        assertTrue(((Plans) seen.get(2)).generic() >= 2 && ((Plans) seen.get(3)).generic() >= 2, "both ran here, generically");
    }

    private static final String DELETE_HOURS = "delete from rollup_hourly where series_id = $1 and bucket_start >= $2 and%";

    record Plans(long generic, long custom) {
        Plans minus(Plans before) {
            return new Plans(generic - before.generic, custom - before.custom);
        }
    }

    private static Uni<String> planCacheMode(SqlConnection db) {
        return db.query("show plan_cache_mode").execute().map(rows -> rows.iterator().next().getString(0));
    }

    /** The plans so far of the statement prepared on this connection whose text is like {@code pattern} (none: 0, 0). */
    private static Uni<Plans> plans(SqlConnection db, String pattern) {
        return db.preparedQuery("select generic_plans, custom_plans from pg_prepared_statements where statement like $1")
                .execute(Tuple.of(pattern))
                .map(rows -> {
                    assertTrue(rows.size() <= 1, "statements like " + pattern);
                    if (rows.size() == 0) {
                        return new Plans(0, 0);
                    }
                    var row = rows.iterator().next();
                    return new Plans(row.getLong(0), row.getLong(1));
                });
    }
}
