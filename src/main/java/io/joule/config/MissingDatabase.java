package io.joule.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.PreventFurtherStepsException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Creates the configured database before Flyway first connects to it, so that a fresh PostgreSQL needs no step
 * before the first start. Where that is not allowed (the role has neither CREATEDB nor superuser, or
 * joule.database.create-if-missing is false), the start stops with one log line naming the command that creates it,
 * instead of Flyway's stack trace.
 */
final class MissingDatabase {
    static final String UNDEFINED_DATABASE = "3D000";
    static final String DUPLICATE_DATABASE = "42P04";
    static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** Where CREATE DATABASE is run from: every server has template1, nearly every one has postgres. */
    static final List<String> MAINTENANCE_DATABASES = List.of("postgres", "template1");
    /** The role that can create databases on a default installation, for the command an operator is told to run. */
    static final String USUAL_SUPERUSER = "postgres";

    private final String jdbcUrl;
    private final DatabaseLocation location;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Duration connectTimeout;

    MissingDatabase(String jdbcUrl, DatabaseLocation location, Optional<String> user, Optional<String> password,
            Duration connectTimeout) {
        this.jdbcUrl = jdbcUrl;
        this.location = location;
        this.user = user;
        this.password = password;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Returns when the database exists or has just been created, or when connecting fails for another reason (which
     * Flyway then reports as before); throws a {@link PreventFurtherStepsException} after logging what to run.
     */
    void ensureExists(boolean createIfMissing) {
        if (!missing()) {
            return;
        }
        String role = user.orElse(System.getProperty("user.name"));
        if (!createIfMissing) {
            throw stop("Database %s does not exist on %s and joule.database.create-if-missing is false. Create it, then start again: %s"
                    .formatted(location.quotedName(), location.server(), location.createdbCommand(role, role)));
        }
        SQLException failure = null;
        for (String maintenance : MAINTENANCE_DATABASES) {
            try (Connection c = connect(location.urlOf(maintenance)); Statement create = c.createStatement()) {
                create.execute("create database " + location.quotedName());
                Log.infof("Created database %s on %s: it did not exist (joule.database.create-if-missing=true)",
                        location.quotedName(), location.server());
                return;
            } catch (SQLException e) {
                if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    return; // another instance, starting at the same time, created it first
                }
                failure = e;
                if (!UNDEFINED_DATABASE.equals(e.getSQLState())) {
                    break; // only a missing maintenance database is worth trying the next one
                }
            }
        }
        String command = location.createdbCommand(USUAL_SUPERUSER, role);
        if (INSUFFICIENT_PRIVILEGE.equals(failure.getSQLState())) {
            throw stop("Database %s does not exist on %s and role \"%s\" may not create it. Create it as a superuser or a role with CREATEDB, then start again: %s"
                    .formatted(location.quotedName(), location.server(), role, command));
        }
        throw stop("Database %s does not exist on %s and creating it failed (%s). Create it as a superuser or a role with CREATEDB, then start again: %s"
                .formatted(location.quotedName(), location.server(), oneLine(failure.getMessage()), command));
    }

    private boolean missing() {
        try (Connection c = connect(jdbcUrl)) {
            return false;
        } catch (SQLException e) {
            return UNDEFINED_DATABASE.equals(e.getSQLState());
        }
    }

    private Connection connect(String url) throws SQLException {
        return connect(url, user, password, connectTimeout);
    }

    /** A plain JDBC connection, without the pool: what the start needs before the service runs. */
    static Connection connect(String url, Optional<String> user, Optional<String> password, Duration connectTimeout) throws SQLException {
        Properties properties = new Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        return new Driver().connect(url, properties);
    }

    /** Logs the one line an operator needs; Quarkus then prints only the exception's message, no stack trace. */
    private PreventFurtherStepsException stop(String line) {
        Log.error(line);
        return new PreventFurtherStepsException("Joule did not start: database " + location.quotedName() + " is missing", 1);
    }

    private static String oneLine(String message) {
        return message == null ? "no message" : message.replaceAll("\\s+", " ").trim();
    }
}
