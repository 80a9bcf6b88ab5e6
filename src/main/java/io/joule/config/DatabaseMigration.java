package io.joule.config;

import io.joule.config.PackagedMigrations.Migration;
import io.joule.problem.DatabaseOutage;
import io.quarkus.logging.Log;
import io.quarkus.runtime.PreventFurtherStepsException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/**
 * Brings the database to the packaged schema first thing at start (before {@code Rollups} looks at it): creates it
 * if it is missing ({@link MissingDatabase}), then runs Flyway only if flyway_schema_history differs from the
 * packaged migrations. Most starts find nothing to do, and building Flyway to learn that took about a second of a
 * 3.5 s start; Quarkus's Flyway builds it at every start whatever it is told to do, so it is off at build time
 * ({@code quarkus.flyway.enabled=false}) and Flyway is built here, only when a migration is pending, the database is
 * new, or anything about the history is unexpected: then it migrates, or fails, as it did at start before.
 */
@Singleton
public class DatabaseMigration {
    private static final String HISTORY = "flyway_schema_history";
    /** quarkus.datasource.db-version, which Hibernate's dialect assumes. */
    static final int OLDEST_SUPPORTED = 15;

    private final DatabaseConfig config;
    private final Optional<String> jdbcUrl;
    private final Optional<String> user;
    private final Optional<String> password;

    public DatabaseMigration(DatabaseConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        String url = jdbcUrl.orElseThrow(() -> new IllegalStateException(
                "quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL) is not set: the start migrates the database through it"));
        PackagedMigrations packaged = PackagedMigrations.load(DatabaseMigration.class.getClassLoader());
        try {
            if (!upToDate(url, packaged.migrations())) {
                migrate(url, packaged);
            }
        } catch (PreventFurtherStepsException stop) {
            // Thrown by a StartupEvent observer it is taken for a quiet stop, after which the process waits forever;
            // wrapped, Quarkus stops the start, prints only its message and exits with its code.
            throw new IllegalStateException(stop.getMessage(), stop);
        }
    }

    /** Whether the database holds exactly the packaged migrations; creates it first when it is missing. */
    private boolean upToDate(String url, List<Migration> packaged) {
        try (Connection db = MissingDatabase.connect(url, user, password, config.connectTimeout())) {
            warnIfOlderThanSupported(db);
            Optional<String> version = appliedVersion(db, packaged);
            version.ifPresent(v -> Log.infof("Schema at version %s, as packaged: nothing to migrate", v));
            return version.isPresent();
        } catch (SQLException e) {
            Optional<String> outage = DatabaseOutage.kind(e);
            if (outage.isPresent()) {
                // Flyway would say the same in a stack trace of fifty lines
                String server = DatabaseLocation.parse(url).map(DatabaseLocation::hosts).orElse("the configured URL");
                if (outage.get().equals(DatabaseOutage.SERVER_UNAVAILABLE)) {
                    Log.errorf("PostgreSQL for %s refuses connections for now (%s): it is starting up, shutting down or at its "
                            + "connection limit. Start Joule again when it accepts them", server, rootMessage(e));
                } else {
                    Log.errorf("Cannot reach PostgreSQL for %s: %s. Start it (or correct QUARKUS_DATASOURCE_JDBC_URL), then start Joule again",
                            server, rootMessage(e));
                }
                throw new PreventFurtherStepsException("Joule did not start: the database is unavailable", 1);
            }
            if (MissingDatabase.UNDEFINED_DATABASE.equals(e.getSQLState())) {
                // Without a database in the URL (pgjdbc then takes the user's name), Flyway's own error says what is wrong.
                DatabaseLocation.parse(url).ifPresent(location ->
                        new MissingDatabase(url, location, user, password, config.connectTimeout()).ensureExists(config.createIfMissing()));
            }
            return false; // a new database, or one Flyway then connects to and reports on itself
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = DatabaseOutage.root(failure);
        String message = root.getMessage() == null ? "" : root.getMessage().replaceAll("\\s+", " ").trim();
        // an unknown host's message is the bare host name
        return root instanceof java.net.UnknownHostException ? "unknown host " + message : message.isEmpty() ? root.getClass().getSimpleName() : message;
    }

    /** Hibernate's own check would connect before the database is created, so it is off and done here. */
    private static void warnIfOlderThanSupported(Connection db) throws SQLException {
        int version = db.getMetaData().getDatabaseMajorVersion();
        if (version < OLDEST_SUPPORTED) {
            Log.warnf("PostgreSQL %s is older than %d, which Joule needs: some statements will fail", db.getMetaData().getDatabaseProductVersion(), OLDEST_SUPPORTED);
        }
    }

    /**
     * Flyway over the packaged scripts. Its transactional lock is off: with it, the non-transactional migrations
     * (continuous aggregates) would wait forever for the lock their own session holds.
     */
    private void migrate(String url, PackagedMigrations packaged) {
        Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(url, user.orElse(null), password.orElse(null))
                .resourceProvider(packaged.resourceProvider())
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .load()
                .migrate();
    }

    /**
     * The schema version when flyway_schema_history records exactly the packaged migrations (same versions,
     * descriptions and checksums, all applied successfully, nothing else); empty when Flyway has anything to do or
     * say: no history yet, a pending or edited migration, a failed one, a baseline, one from a newer release.
     */
    static Optional<String> appliedVersion(Connection db, List<Migration> packaged) throws SQLException {
        try (Statement s = db.createStatement()) {
            try (ResultSet exists = s.executeQuery("select to_regclass('" + HISTORY + "') is not null")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            List<Migration> applied = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("select version, description, checksum, type, success from " + HISTORY + " order by installed_rank")) {
                while (rows.next()) {
                    String version = rows.getString("version");
                    Object checksum = rows.getObject("checksum");
                    // a repeatable migration (no version) or anything but a versioned SQL script is Flyway's to judge
                    if (version == null || !(checksum instanceof Integer crc) || !"SQL".equals(rows.getString("type")) || !rows.getBoolean("success")) {
                        return Optional.empty();
                    }
                    applied.add(new Migration(version, rows.getString("description"), crc));
                }
            }
            applied.sort(PackagedMigrations.BY_VERSION);
            return applied.equals(packaged) ? Optional.of(packaged.get(packaged.size() - 1).version()) : Optional.empty();
        }
    }
}
