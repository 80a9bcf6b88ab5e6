package io.joule.timeseries.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void theEdgeBucketsAreAggregatedWithGenericPlansAndTheTransactionGetsItsPlanModeBack() {
        ZoneId zone = ZoneId.of("Europe/London");
        // 10:15 – 13:45: its first and last hours and its day hold slots from outside it, so they are aggregated in SQL
        TimeRange range = new TimeRange(Instant.parse("2024-05-01T10:15:00Z"), Instant.parse("2024-05-01T13:45:00Z"));
        RollupRebuild rebuild = RollupRebuild.of(zone, List.of(range), null);
        List<String> seen = pool.withTransaction(db -> planCacheMode(db)
                .flatMap(before -> rollups.refresh(db, 987_654_321L, zone, rebuild)
                        .flatMap(done -> rollups.refresh(db, 987_654_321L, zone, rebuild))
                        .flatMap(done -> planCacheMode(db))
                        .flatMap(after -> plans(db, "%insert into rollup_hourly%group by r.f%")
                                .flatMap(hours -> plans(db, "%insert into rollup_daily%width_bucket%")
                                        .map(days -> List.of(before, after, hours, days))))))
                .await().atMost(WAIT);
        assertEquals(seen.get(0), seen.get(1), "plan_cache_mode after the rollups, in the same transaction");
        // the connection may have run them before (the pool's connections serve every test), never with a custom plan
        assertEquals("generic, never custom", seen.get(2), "the edge hours' statement");
        assertEquals("generic, never custom", seen.get(3), "the edge days' statement");
    }

    private static Uni<String> planCacheMode(SqlConnection db) {
        return db.query("show plan_cache_mode").execute().map(rows -> rows.iterator().next().getString(0));
    }

    /** The plans of the one statement prepared on this connection whose text is like {@code pattern}. */
    private static Uni<String> plans(SqlConnection db, String pattern) {
        return db.preparedQuery("select generic_plans, custom_plans from pg_prepared_statements where statement like $1")
                .execute(Tuple.of(pattern))
                .map(rows -> {
                    assertEquals(1, rows.size(), "statements like " + pattern);
                    var row = rows.iterator().next();
                    return row.getLong(0) >= 2 && row.getLong(1) == 0 ? "generic, never custom"
                            : row.getLong(0) + " generic, " + row.getLong(1) + " custom";
                });
    }
}
