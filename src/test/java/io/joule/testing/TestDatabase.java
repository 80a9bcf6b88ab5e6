package io.joule.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one source of the tests' database, tried in order: an explicit URL
 * ({@code JOULE_TEST_DB_URL=jdbc:postgresql://host:port/db}, with {@code JOULE_TEST_DB_USER} and
 * {@code JOULE_TEST_DB_PASSWORD}), used as is, or a server URL ending in {@code /} on which a fresh
 * database is created and dropped as below; else a fresh database on localhost:5432, dropped afterwards;
 * else, where Docker runs, a TimescaleDB container; else a message saying how to get one.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {
    static final String LOCAL_SERVER = "jdbc:postgresql://localhost:5432/";
    static final String TIMESCALE_IMAGE = "timescale/timescaledb:2.29.2-pg17";

    private String createdDatabase;
    private String adminUrl;
    private String user;
    private String password;
    private PostgreSQLContainer container;

    @Override
    public Map<String, String> start() {
        String explicit = System.getenv("JOULE_TEST_DB_URL");
        user = env("JOULE_TEST_DB_USER", "postgres");
        password = env("JOULE_TEST_DB_PASSWORD", "");
        if (explicit != null && !explicit.isBlank() && !explicit.endsWith("/")) {
            return config(explicit, user, password);
        }
        // A server without a database (jdbc:postgresql://host:5433/) gets a fresh database per run, as localhost:5432 does.
        boolean explicitServer = explicit != null && !explicit.isBlank();
        String server = explicitServer ? explicit : LOCAL_SERVER;
        adminUrl = server + "postgres";
        try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
            createdDatabase = "joule_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            c.createStatement().execute("create database " + createdDatabase);
            return config(server + createdDatabase, user, password);
        } catch (SQLException local) {
            if (explicitServer) {
                throw new IllegalStateException("JOULE_TEST_DB_URL=" + explicit + " did not answer: " + local.getMessage(), local);
            }
            if (dockerAvailable()) {
                container = new PostgreSQLContainer(DockerImageName.parse(TIMESCALE_IMAGE).asCompatibleSubstituteFor("postgres"))
                        // AggregateRaceTest holds a write between its pre-commit and its commit as a prepared transaction
                        .withCommand("postgres", "-c", "fsync=off", "-c", "max_prepared_transactions=4");
                container.start();
                return config(container.getJdbcUrl(), container.getUsername(), container.getPassword());
            }
            throw new IllegalStateException("""
                    The tests need PostgreSQL 15+ and found none:
                      - no JOULE_TEST_DB_URL in the environment,
                      - nothing answered on localhost:5432 as user %s (%s),
                      - no Docker for a TimescaleDB container.
                    Start PostgreSQL (Debian: apt-get install postgresql && pg_ctlcluster 15 main start), or set
                    JOULE_TEST_DB_URL=jdbc:postgresql://host:5432/db with JOULE_TEST_DB_USER and JOULE_TEST_DB_PASSWORD."""
                    .formatted(user, local.getMessage()), local);
        }
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
        if (createdDatabase != null && System.getenv("JOULE_TEST_KEEP_DB") == null) {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
                c.createStatement().execute("drop database if exists " + createdDatabase + " with (force)");
            } catch (SQLException e) {
                System.err.println("Could not drop test database " + createdDatabase + ": " + e.getMessage());
            }
        }
    }

    private static Map<String, String> config(String jdbcUrl, String user, String password) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.reactive.url", jdbcUrl.substring("jdbc:".length()));
        config.put("quarkus.datasource.username", user);
        config.put("quarkus.datasource.password", password);
        return config;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v;
    }
}
