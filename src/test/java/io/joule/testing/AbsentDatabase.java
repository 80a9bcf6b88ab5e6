package io.joule.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Points the service at a database that does not exist yet, on the {@link TestServer}, and drops it afterwards. Its
 * name has capitals and a hyphen, so only a quoted CREATE DATABASE makes the database the service then connects to.
 * Injects itself into a test's {@code AbsentDatabase} field.
 */
public class AbsentDatabase implements QuarkusTestResourceLifecycleManager {
    private final TestServer server = TestServer.fromEnvironment();
    private final String name = "Joule-IT_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    public Map<String, String> start() {
        try {
            if (!server.databasesNamedLike(name).isEmpty()) {
                throw new IllegalStateException("database " + name + " exists already");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The test server " + server.url() + " did not answer: " + e.getMessage(), e);
        }
        String jdbcUrl = server.jdbcUrl(name);
        return Map.of("quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.reactive.url", jdbcUrl.substring("jdbc:".length()),
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password(),
                "joule.admin-key", Api.ADMIN_KEY);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(AbsentDatabase.class));
    }

    @Override
    public void stop() {
        try {
            server.dropDatabase(name);
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    public String name() {
        return name;
    }

    public TestServer server() {
        return server;
    }

    /** Databases on the server with this name ignoring case, by their exact names. */
    public List<String> onServer() throws SQLException {
        return server.databasesNamedLike(name);
    }

    /** How many migrations Flyway recorded as applied in it. */
    public int appliedMigrations() throws SQLException {
        try (Connection c = server.connect(name);
                ResultSet rs = c.createStatement().executeQuery("select count(*) from flyway_schema_history where success")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
