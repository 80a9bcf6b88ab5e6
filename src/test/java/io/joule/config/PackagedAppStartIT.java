package io.joule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.testing.PackagedApp;
import io.joule.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's packaged-app block on a server without the database: the jar creates it, or, where it may not,
 * stops with one log line naming the command to run and no stack trace. Started as an operator starts it, by
 * environment variables, since a start that fails is beyond {@code @QuarkusIntegrationTest}.
 */
class PackagedAppStartIT {
    static final Duration START = Duration.ofMinutes(3);
    static final TestServer SERVER = TestServer.fromEnvironment();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theReadmeBlockStartsOnAServerWithoutTheDatabase() throws Exception {
        String database = TestServer.freshName("joule_it_readme_");
        try (PackagedApp app = PackagedApp.start(PackagedApp.readmeEnv(SERVER, database))) {
            int port = app.awaitListening(START);
            assertTrue(app.logLines().contains("INFO  [io.jo.co.MissingDatabase] Created database \"" + database + "\" on "
                    + SERVER.hostAndPort() + ": it did not exist (joule.database.create-if-missing=true)"), app.output());
            assertEquals(200, get(port, "/q/health/ready").statusCode());
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/data"))
                    .header("Authorization", "Bearer change-me").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"spaceship_id": 2, "units": "kW", "data": [
                              {"datetime": "2018-08-24T00:00:00Z", "value": 22}, {"datetime": "2018-08-24T00:05:00Z", "value": 24},
                              {"datetime": "2018-08-24T00:10:00Z", "value": 23}, {"datetime": "2018-08-24T00:15:00Z", "value": 18},
                              {"datetime": "2018-08-24T00:20:00Z", "value": 22}, {"datetime": "2018-08-24T00:25:00Z", "value": 23},
                              {"datetime": "2018-08-24T00:30:00Z", "value": 8}]}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, posted.statusCode(), posted.body());
            assertEquals("{\"spaceship_id\":2,\"readings\":7,\"slots_written\":3,\"from\":\"2018-08-23T23:00:00Z\",\"to\":\"2018-08-24T02:30:00Z\"}",
                    posted.body());
        } finally {
            SERVER.dropDatabase(database);
        }
    }

    @Test
    void aRoleThatMayNotCreateDatabasesIsToldTheOneCommandToRun() throws Exception {
        String database = TestServer.freshName("joule_it_refused_");
        String role = TestServer.freshName("joule_it_role_");
        SERVER.execute("create role " + role + " login nocreatedb nosuperuser password 'it-" + role + "'");
        try (PackagedApp app = PackagedApp.start(PackagedApp.readmeEnv(SERVER, database, role, "it-" + role))) {
            assertEquals(1, app.awaitExit(START), app.output());
            assertEquals(List.of("ERROR [io.jo.co.MissingDatabase] Database \"" + database + "\" does not exist on " + SERVER.hostAndPort()
                    + " and role \"" + role + "\" may not create it. Create it as a superuser or a role with CREATEDB, then start again: "
                    + "createdb -h " + SERVER.host() + portOption() + " -U postgres -O " + role + " " + database), errorLines(app));
            assertNoStackTrace(app);
            assertEquals(List.of(), SERVER.databasesNamedLike(database));
        } finally {
            SERVER.dropDatabase(database);
            SERVER.execute("drop role if exists " + role);
        }
    }

    @Test
    void optingOutOfCreationStopsWithTheCommandInstead() throws Exception {
        String database = TestServer.freshName("joule_it_optout_");
        Map<String, String> env = PackagedApp.readmeEnv(SERVER, database);
        env.put("JOULE_DATABASE_CREATE_IF_MISSING", "false");
        try (PackagedApp app = PackagedApp.start(env)) {
            assertEquals(1, app.awaitExit(START), app.output());
            assertEquals(List.of("ERROR [io.jo.co.MissingDatabase] Database \"" + database + "\" does not exist on " + SERVER.hostAndPort()
                    + " and joule.database.create-if-missing is false. Create it, then start again: "
                    + "createdb -h " + SERVER.host() + portOption() + " -U " + SERVER.user() + " " + database), errorLines(app));
            assertNoStackTrace(app);
            assertEquals(List.of(), SERVER.databasesNamedLike(database));
        } finally {
            SERVER.dropDatabase(database);
        }
    }

    @Test
    void anUnreachableDatabaseStopsTheStartWithOneLine() throws Exception {
        int closedPort = PackagedApp.freePort();
        Map<String, String> env = PackagedApp.readmeEnv(SERVER, "joule");
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + closedPort + "/joule");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/joule");
        try (PackagedApp app = PackagedApp.start(env)) {
            assertEquals(1, app.awaitExit(START), app.output());
            assertEquals(List.of("ERROR [io.jo.co.DatabaseMigration] Cannot reach PostgreSQL for 127.0.0.1:" + closedPort
                    + ": Connection refused. Start it (or correct QUARKUS_DATASOURCE_JDBC_URL), then start Joule again"), errorLines(app));
            assertNoStackTrace(app);
        }
    }

    static String portOption() {
        return SERVER.port().map(p -> " -p " + p).orElse("");
    }

    static List<String> errorLines(PackagedApp app) throws Exception {
        return app.logLines().stream().filter(l -> l.startsWith("ERROR")).toList();
    }

    /** Quarkus's own stop message may follow the line, but no trace. */
    static void assertNoStackTrace(PackagedApp app) throws Exception {
        String output = app.output();
        assertTrue(output.lines().noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")), output);
        assertTrue(output.lines().count() <= 8, output);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
