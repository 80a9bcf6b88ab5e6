package io.joule.config;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * Creates the reactive pool as Quarkus would, plus the two waits Quarkus has no key for: the pool acquire
 * timeout (Vert.x default 30 s, so an exhausted pool held requests for half a minute) and the TCP connect timeout
 * (default 60 s). Both are short so that an outage answers 503 quickly instead of piling up waiting requests. Each
 * connection starts with the statement timeout, sent in the startup packet so that it costs no round trip.
 */
@Singleton
public class DatabasePoolCreator implements PgPoolCreator {
    private final DatabaseConfig config;

    public DatabasePoolCreator(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        var pool = input.poolOptions()
                .setConnectionTimeout((int) Math.max(1, config.acquireTimeout().toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        long statementTimeout = config.statementTimeout().toMillis();
        input.pgConnectOptionsList().forEach(o -> {
            o.setConnectTimeout((int) Math.max(1, config.connectTimeout().toMillis()));
            if (statementTimeout > 0) {
                o.addProperty("statement_timeout", Long.toString(statementTimeout));
            }
        });
        return PgDriver.INSTANCE.createPool(input.vertx(), input.pgConnectOptionsList(), pool);
    }
}
