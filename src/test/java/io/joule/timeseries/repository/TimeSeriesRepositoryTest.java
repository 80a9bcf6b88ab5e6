package io.joule.timeseries.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.joule.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TimeSeriesRepositoryTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;
    @Inject
    TimeSeriesRepository repository;

    private static io.smallrye.mutiny.Uni<String> show(SqlClient db, String setting) {
        return db.query("show " + setting).execute().map(rows -> rows.iterator().next().getString(0));
    }

    @Test
    void aSeriesLockSetsItsTransactionsTimeoutAndPlansAndOnlyThatTransactions() throws Exception {
        boolean timescale = !Sql.rows("select 1 from pg_extension where extname = 'timescaledb'").isEmpty();
        List<String> inside = pool.withTransaction(db -> repository.lockSeries(db, 4_242_424_242L)
                .flatMap(locked -> show(db, "statement_timeout"))
                .flatMap(timeout -> show(db, "plan_cache_mode").map(plans -> List.of(timeout, plans))))
                .await().atMost(WAIT);
        assertEquals(List.of("1min", timescale ? "auto" : "force_generic_plan"), inside);
        List<String> after = pool.withConnection(db -> show(db, "statement_timeout")
                .flatMap(timeout -> show(db, "plan_cache_mode").map(plans -> List.of(timeout, plans))))
                .await().atMost(WAIT);
        assertEquals(List.of("30s", "auto"), after);
    }
}
