package io.joule.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.joule.testing.Api;
import io.joule.testing.FaultProxy;
import io.joule.testing.ProxiedDatabase;
import io.joule.testing.Sql;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A database that holds its connections open but answers nothing (a stopped or partitioned server) costs a read its
 * read timeout and a write its write timeout, then a 503, not a wait until the client gives up; a statement that waits
 * in PostgreSQL is stopped there by the statement timeout, so reads given up on free their connections and a write
 * keeps nothing; a database that refuses connections logs no stack trace a few seconds after each answer.
 */
@QuarkusTest
@TestProfile(DatabaseFreezeTest.Proxied.class)
@Timeout(120) // a bound that regressed would leave a request waiting for a lock this test holds
class DatabaseFreezeTest {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(3);

    /**
     * Stored keys are looked up on every request (no key cache), so their check meets the frozen database too. Two
     * pooled connections, so that two reads stuck in PostgreSQL would leave none for a third; one meter import
     * connection, so that a test sees the one an import left.
     */
    public static class Proxied extends ProxiedDatabase.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("joule.database.read-timeout", READ_TIMEOUT.toSeconds() + "s", "joule.database.acquire-timeout", "2s",
                    "joule.database.connect-timeout", "2s", "joule.key-cache-ttl", "0s",
                    "joule.database.statement-timeout", READ_TIMEOUT.toSeconds() + "s", "quarkus.datasource.reactive.max-size", "2",
                    "joule.database.outage-log-interval", "0s", "joule.max-concurrent-imports", "1",
                    "joule.database.write-timeout", WRITE_TIMEOUT.toSeconds() + "s"); // each test sees its own outage's line
        }
    }

    FaultProxy proxy;

    @Inject
    AgroalDataSource imports;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void reconnect() {
        proxy.thaw();
        proxy.restore();
    }

    @Test
    void readsOfAFrozenDatabaseAnswer503AfterTheReadTimeoutAndRecover() throws Exception {
        String read = slotsOfANewShip("1.5");
        String coordinator = Api.issueKey("coordinator", null);
        assertEquals(200, get(read, coordinator).statusCode());

        DatabaseOutageFaultTest.CapturedLog log = DatabaseOutageFaultTest.CapturedLog.attach();
        try {
            log.start();
            proxy.freeze();
            for (String key : new String[] {Api.ADMIN_KEY, coordinator}) { // the admin key needs no lookup, a stored one does
                assert503After(READ_TIMEOUT, READ_TIMEOUT.multipliedBy(3), () -> get(read, key));
            }
            proxy.thaw();
            log.stop();
            HttpResponse<String> after = get(read, coordinator);
            assertEquals(200, after.statusCode(), "answers again once the database does: " + after.body());
            assertTrue(after.body().contains("\"value\":1.5"), after.body());
            assertEquals(0, log.withTrace(), "records with a stack trace: " + log.lines());
            assertTrue(log.lines().stream().anyMatch(l -> l.contains(DatabaseOutage.NO_ANSWER)), "the outage is named: " + log.lines());
        } finally {
            log.detach();
        }
    }

    @Test
    void aWriteToAFrozenDatabaseAnswers503AfterTheWriteTimeoutAndMayBeSentAgain() throws Exception {
        long ship = Api.newShipId();
        String batch = Api.batch(ship, "kWh", "2030-01-01T00:00:00Z", "2.5");
        openEveryPooledConnection();
        proxy.freeze();
        assert503After(WRITE_TIMEOUT, WRITE_TIMEOUT.multipliedBy(2), () -> post("data", batch));
        proxy.thaw();
        HttpResponse<String> again = post("data", batch);
        assertEquals(200, again.statusCode(), "the same batch again, once the database answers: " + again.body());
        HttpResponse<String> read = get("data?spaceship_id=" + ship + "&start=2030-01-01T00:00:00Z&end=2030-01-02T00:00:00Z", Api.ADMIN_KEY);
        assertTrue(read.body().contains("\"value\":2.5"), read.body());
    }

    @Test
    void aRefusedConnectionLogsNoStackTraceWhenThePoolsTimerFiresLater() throws Exception {
        long ship = Api.newShipId();
        Api.postData(Api.ADMIN_KEY, Api.batch(ship, "kWh", "2030-01-01T00:00:00Z", "1.5")).statusCode(200);
        DatabaseOutageFaultTest.CapturedLog log = DatabaseOutageFaultTest.CapturedLog.attach();
        try {
            log.start();
            proxy.cut();
            for (int i = 0; i < 3; i++) {
                assertEquals(503, get("data?spaceship_id=" + ship, Api.ADMIN_KEY).statusCode());
            }
            Thread.sleep(3_500); // past the 2 s acquire timeout of every request above
            log.stop();
            assertEquals(0, log.withTrace(), "records with a stack trace: " + log.lines());
        } finally {
            log.detach();
        }
    }

    @Test
    void readsGivenUpOnAreStoppedInPostgreSqlAndFreeTheirConnections() throws Exception {
        String slots = slotsOfANewShip("1.5");
        try (Connection locker = lockingSlots()) {
            List<CompletableFuture<HttpResponse<String>>> stuck = List.of(getAsync(slots), getAsync(slots)); // both connections
            for (CompletableFuture<HttpResponse<String>> read : stuck) {
                assertEquals(503, read.get(10, TimeUnit.SECONDS).statusCode());
            }
            // (not a ship's days: on TimescaleDB their aggregates read slot_15m too)
            HttpResponse<String> other = get("api-keys", Api.ADMIN_KEY);
            assertEquals(200, other.statusCode(), "a read of another table gets a connection while the lock is held: " + other.body());
            assertTrue(other.body().startsWith("["), other.body());
            assertEquals(List.of("0"), Sql.rows("select count(*) from pg_stat_activity where pid <> pg_backend_pid() "
                    + "and wait_event_type = 'Lock' and query like '%from slot_15m%'"), "no statement of the service still waits");
            locker.rollback();
        }
        assertEquals(200, get(slots, Api.ADMIN_KEY).statusCode());
    }

    @Test
    void aWriteThatWaitsInPostgreSqlIsStoppedThereAndKeepsNothing() throws Exception {
        long ship = Api.newShipId();
        try (Connection locker = lockingSlots()) {
            Api.postData(Api.ADMIN_KEY, Api.batch(ship, "kWh", "2030-01-01T00:00:00Z", "1.5"))
                    .statusCode(503).header("Retry-After", "5").contentType("application/problem+json");
            // still locked: only PostgreSQL's statement timeout can have ended the write's wait
            assertEquals(0, waitingOnSlots(0), "no statement of the service still waits for the lock");
            locker.rollback();
        }
        assertEquals(List.of("0"), Sql.rows("select count(*) from reading r join series s on s.id = r.series_id "
                + "where s.kind = 'ship' and s.key = ?", Long.toString(ship)), "nothing of the write was kept");
        Api.postData(Api.ADMIN_KEY, Api.batch(ship, "kWh", "2030-01-01T00:00:00Z", "1.5")).statusCode(200);
    }

    @Test
    void aMeterImportWaitsForAnotherImportsChannelLockPastTheLockTimeout() throws Exception {
        String file = lpFileOf("F" + Api.newShipId());
        try (Connection otherImport = Sql.connect()) { // holds the lock a registering import holds
            otherImport.setAutoCommit(false);
            try (Statement lock = otherImport.createStatement()) {
                lock.execute("select pg_advisory_xact_lock(-6220001)");
            }
            CompletableFuture<Integer> imported = CompletableFuture.supplyAsync(() -> Api.admin().contentType("text/csv").body(file)
                    .when().post("/meter-files").then().extract().statusCode());
            Thread.sleep(READ_TIMEOUT.multipliedBy(2).toMillis()); // past the import's 2 s lock timeout
            otherImport.rollback();
            assertEquals(201, imported.get(30, TimeUnit.SECONDS));
        }
        assertEquals("0", lockTimeoutOfTheImportConnection(), "the pooled import connection has no lock timeout left");
    }

    interface Exchange {
        HttpResponse<String> send() throws Exception;
    }

    /** The exchange answers a 503 problem with Retry-After once {@code timeout} has passed, and before {@code atMost}. */
    private static void assert503After(Duration timeout, Duration atMost, Exchange exchange) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> frozen = exchange.send();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(503, frozen.statusCode(), frozen.body());
        assertEquals("application/problem+json", frozen.headers().firstValue("Content-Type").orElse(""));
        assertEquals("5", frozen.headers().firstValue("Retry-After").orElse(""));
        assertTrue(waited.compareTo(timeout) >= 0 && waited.compareTo(atMost) < 0,
                "answered after the timeout of " + timeout + ", not long after it: " + waited);
    }

    /**
     * Both pooled connections open and idle, so that a request meets the frozen server on one of them: below its size the
     * pool may open a new connection for a request rather than hand it an idle one, and a connect to a frozen server
     * ends at the acquire timeout instead. Two reads held by a table lock at once make the pool open both.
     */
    private void openEveryPooledConnection() throws Exception {
        String read = slotsOfANewShip("1");
        try (Connection locker = lockingSlots()) {
            List<CompletableFuture<HttpResponse<String>>> held = List.of(getAsync(read), getAsync(read));
            waitingOnSlots(2);
            locker.rollback();
            for (CompletableFuture<HttpResponse<String>> r : held) {
                assertEquals(200, r.get(10, TimeUnit.SECONDS).statusCode());
            }
        }
    }

    @Test
    void aMeterImportThatWaitsForALockAnswers503AfterTheLockTimeoutAndKeepsNothing() throws Exception {
        String meter = "F" + Api.newShipId();
        String file = lpFileOf(meter);
        try (Connection locker = lockingSlots()) {
            long started = System.nanoTime();
            Api.admin().contentType("text/csv").body(file).when().post("/meter-files")
                    .then().statusCode(503).header("Retry-After", "5").contentType("application/problem+json");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(waited.compareTo(READ_TIMEOUT.multipliedBy(3)) < 0, "the lock timeout ended the wait: " + waited);
            locker.rollback();
        }
        assertEquals("0", lockTimeoutOfTheImportConnection(), "a refused import leaves its pooled connection without a lock timeout");
        Api.admin().queryParam("from", "2015-08-30").queryParam("to", "2015-09-01").when().get("/meters/" + meter + "/daily-stats")
                .then().statusCode(404);
        Api.admin().contentType("text/csv").body(file).when().post("/meter-files").then().statusCode(201);
    }

    /** How many statements of others wait for the slots' lock, once that is {@code expected} (or after 5 s). */
    private static int waitingOnSlots(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int waiting;
        do {
            waiting = Integer.parseInt(Sql.rows("select count(*) from pg_stat_activity where pid <> pg_backend_pid() "
                    + "and wait_event_type = 'Lock' and query like '%slot_15m%'").get(0));
        } while (waiting != expected && System.nanoTime() < deadline && sleep(50));
        return waiting;
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    /** The meter file pool's one connection (joule.max-concurrent-imports=1), as an import leaves it. */
    private String lockTimeoutOfTheImportConnection() throws SQLException {
        try (Connection db = imports.getConnection(); Statement show = db.createStatement();
                java.sql.ResultSet rows = show.executeQuery("select current_setting('lock_timeout')")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** The sample LP file as the given meter's. */
    private String lpFileOf(String meter) throws java.io.IOException {
        try (InputStream in = getClass().getResourceAsStream("/lp-tou/LP_210095893_20150901T011608049.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("210095893", meter);
        }
    }

    /** A new ship with one kWh reading: the GET path of its day's slots. */
    private static String slotsOfANewShip(String kwh) {
        long ship = Api.newShipId();
        Api.postData(Api.ADMIN_KEY, Api.batch(ship, "kWh", "2030-01-01T00:00:00Z", kwh)).statusCode(200);
        return "data?spaceship_id=" + ship + "&start=2030-01-01T00:00:00Z&end=2030-01-02T00:00:00Z";
    }

    /** A connection holding slot_15m locked until it rolls back or closes: statements on the slots wait meanwhile. */
    private static Connection lockingSlots() throws SQLException {
        Connection locker = Sql.connect();
        locker.setAutoCommit(false);
        try (Statement lock = locker.createStatement()) {
            lock.execute("lock table slot_15m in access exclusive mode");
        }
        return locker;
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Api.ADMIN_KEY).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Api.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
