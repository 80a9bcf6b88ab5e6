package io.joule.timeseries.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Background work runs without the pool's statement timeout, and every pooled connection has it again afterwards. */
@QuarkusTest
class LongRunningTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    private static Uni<String> statementTimeout(SqlConnection db) {
        return db.query("show statement_timeout").execute().map(rows -> rows.iterator().next().getString(0));
    }

    @Test
    void aBackgroundConnectionHasNoStatementTimeoutAndGivesTheConnectionBackWithIt() {
        assertEquals("0", LongRunning.withConnection(pool, LongRunningTest::statementTimeout).await().atMost(WAIT));
        assertThrows(RuntimeException.class, () -> LongRunning.withConnection(pool, db -> db.query("select 1 / 0").execute())
                .await().atMost(WAIT));
        int size = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.max-size", Integer.class);
        // all of the pool's connections at once: the two above are among them
        List<SqlConnection> all = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                all.add(pool.getConnection().await().atMost(WAIT));
            }
            List<String> settings = new ArrayList<>();
            for (SqlConnection db : all) {
                settings.add(statementTimeout(db).await().atMost(WAIT));
            }
            assertEquals(Collections.nCopies(size, "30s"), settings);
        } finally {
            all.forEach(db -> db.close().await().atMost(WAIT));
        }
    }
}
