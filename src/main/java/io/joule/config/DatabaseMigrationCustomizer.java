package io.joule.config;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Runs before Flyway migrates at start (Quarkus customizes Flyway's configuration before its first connection): lets
 * non-transactional migrations (continuous aggregates) run without Flyway's transactional lock hanging them, and
 * creates the database if it is missing ({@link MissingDatabase}), so the packaged app, like dev mode, starts on a
 * fresh PostgreSQL with no other step.
 */
@Singleton
public class DatabaseMigrationCustomizer implements FlywayConfigurationCustomizer {
    private final DatabaseConfig config;
    private final Optional<String> jdbcUrl;
    private final Optional<String> user;
    private final Optional<String> password;

    public DatabaseMigrationCustomizer(DatabaseConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
        // Without a URL, or with one naming no database, Flyway's own error says what is wrong.
        jdbcUrl.ifPresent(url -> DatabaseLocation.parse(url).ifPresent(location ->
                new MissingDatabase(url, location, user, password, config.connectTimeout()).ensureExists(config.createIfMissing())));
    }
}
