package io.joule.config;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Runs before Flyway migrates: lets non-transactional migrations (continuous aggregates) run
 * without Flyway's transactional lock hanging them, and in dev mode creates the dev database
 * so that {@code ./mvnw quarkus:dev} needs no other step.
 */
@Singleton
public class DatabaseMigrationCustomizer implements FlywayConfigurationCustomizer {
    private static final Pattern DATABASE = Pattern.compile("^(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?$");

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            createDevDatabaseIfMissing();
        }
    }

    private static void createDevDatabaseIfMissing() {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        Matcher m = DATABASE.matcher(url);
        if (!m.matches()) {
            return;
        }
        String database = m.group(2);
        try (Connection c = DriverManager.getConnection(m.group(1) + "postgres", user, password);
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    c.createStatement().execute("create database " + database);
                    Log.infof("Created dev database %s", database);
                }
            }
        } catch (SQLException e) {
            Log.warnf("Could not create dev database %s: %s", database, e.getMessage());
        }
    }
}
