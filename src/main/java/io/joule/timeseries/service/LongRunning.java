package io.joule.timeseries.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * A connection for background work (aggregate refresh, retention, the threshold move at start), whose statements may
 * run longer than a request's: the pool's statement timeout (joule.database.statement-timeout) is lifted for it, and
 * restored before the connection goes back to the pool.
 */
final class LongRunning {
    private LongRunning() {
    }

    static <T> Uni<T> withConnection(Pool pool, Function<SqlConnection, Uni<T>> work) {
        return pool.withConnection(db -> db.query("set statement_timeout = 0").execute()
                .chain(() -> work.apply(db))
                .onTermination().call(() -> db.query("reset statement_timeout").execute().onFailure().recoverWithNull()));
    }
}
