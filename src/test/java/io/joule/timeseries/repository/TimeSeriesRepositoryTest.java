package io.joule.timeseries.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.joule.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a write's transaction runs with once it holds its series' lock, and that none of it outlives the transaction. */
@QuarkusTest
class TimeSeriesRepositoryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;
    @Inject
    TimeSeriesRepository timeSeries;

    @Test
    void aWriteOnPlainPostgreSqlPlansGenericallyAndOnTimescaleDbAsPostgreSqlChooses() throws Exception {
        boolean timescale = !Sql.rows("select count(*) from pg_extension where extname = 'timescaledb'").equals(List.of("0"));
        String expected = timescale ? "auto" : "force_generic_plan";
        List<String> seen = pool.withConnection(db -> db.begin()
                .flatMap(tx -> timeSeries.lockSeries(db, 424_242)
                        .flatMap(locked -> planCacheMode(db))
                        .flatMap(inside -> tx.commit().flatMap(done -> planCacheMode(db)).map(after -> List.of(inside, after)))))
                .await().atMost(WAIT);
        assertEquals(List.of(expected, "auto"), seen, "plan_cache_mode in the write's transaction, then after it on the same connection");
    }

    private static Uni<String> planCacheMode(SqlConnection db) {
        return db.query("show plan_cache_mode").execute().map(rows -> rows.iterator().next().getString(0));
    }
}
