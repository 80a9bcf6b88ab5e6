package io.joule.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the service waits for, and reports, the database (pool size and idle time are quarkus.datasource.reactive.*). */
@ConfigMapping(prefix = "joule.database")
public interface DatabaseConfig {

    /** Longest wait for a pooled connection before the request answers 503 (env JOULE_DATABASE_ACQUIRE_TIMEOUT). */
    @WithDefault("5s")
    Duration acquireTimeout();

    /** Longest TCP connect to PostgreSQL (env JOULE_DATABASE_CONNECT_TIMEOUT). */
    @WithDefault("5s")
    Duration connectTimeout();

    /** The Retry-After a 503 suggests while the database is unavailable (env JOULE_DATABASE_RETRY_AFTER). */
    @WithDefault("5s")
    Duration retryAfter();

    /** At most one log line per outage kind in this interval; the others are counted (env JOULE_DATABASE_OUTAGE_LOG_INTERVAL). */
    @WithDefault("10s")
    Duration outageLogInterval();

    /**
     * Longest a read (a GET, or a stored key's check) waits for the database's answer before a 503: a server that
     * holds connections open but answers nothing (stopped, swapping, partitioned) (env JOULE_DATABASE_READ_TIMEOUT).
     */
    @WithDefault("30s")
    Duration readTimeout();

    /**
     * Longest a write waits for the database's answer before a 503, for the same servers (env
     * JOULE_DATABASE_WRITE_TIMEOUT). The write may still commit once the server answers again; re-sending it is safe.
     * Meter file imports (JDBC, on a worker thread) are not bounded by it.
     */
    @WithDefault("60s")
    Duration writeTimeout();

    /**
     * Longest any one statement of the reactive pool may run before PostgreSQL stops it (its statement_timeout; 0
     * turns it off) (env JOULE_DATABASE_STATEMENT_TIMEOUT). A read the service gave up on after its read timeout would
     * otherwise go on in PostgreSQL and keep its pooled connection; a write stopped so is rolled back and answers 503.
     * The background jobs (aggregate refresh, retention) lift it for their own connection. A meter import (JDBC) is not
     * bounded by it, but waits at most as long for a lock another transaction holds (PostgreSQL's lock_timeout).
     */
    @WithDefault("30s")
    Duration statementTimeout();

    /** Longest readiness probe query (env JOULE_DATABASE_HEALTH_TIMEOUT). */
    @WithDefault("3s")
    Duration healthTimeout();

    /**
     * Create the database at start if it does not exist, where the role may (CREATEDB or superuser); otherwise, or
     * when false, the start stops with one line naming the command to run (env JOULE_DATABASE_CREATE_IF_MISSING).
     */
    @WithDefault("true")
    boolean createIfMissing();
}
