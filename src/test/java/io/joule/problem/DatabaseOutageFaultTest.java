package io.joule.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.testing.Api;
import io.joule.testing.FaultProxy;
import io.joule.testing.ProxiedDatabase;
import io.joule.testing.Sql;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Fault injection: several clients write ship batches while a TCP proxy between the service and PostgreSQL is cut
 * and restored. Every acknowledged batch must be stored, every failure must be a 503 problem+json with Retry-After,
 * the outage must log a few short lines rather than a trace per request, and the service must recover by itself.
 */
@QuarkusTest
@TestProfile(DatabaseOutageFaultTest.Proxied.class)
class DatabaseOutageFaultTest {
    static final int CLIENTS = 4;
    static final int READINGS_PER_BATCH = 12;

    /** The service's reactive datasource goes through the proxy; JDBC (and so {@link Sql}) goes direct. */
    public static class Proxied extends ProxiedDatabase.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("joule.database.acquire-timeout", "2s", "joule.database.connect-timeout", "2s");
        }
    }

    FaultProxy proxy;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One batch a client sent and what it was told. */
    record Sent(long ship, int batch, int status, String contentType, String retryAfter, String body) {
    }

    @Test
    void acknowledgedBatchesSurviveAnOutageFailuresAre503AndTheServiceRecovers() throws Exception {
        long[] ships = new long[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            ships[c] = Api.newShipId();
        }
        String deviceKey = Api.issueKey("device", "ship:" + ships[0]);
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean cut = new AtomicBoolean();
        CountDownLatch acknowledgedBeforeCut = new CountDownLatch(CLIENTS);
        CountDownLatch failedDuringCut = new CountDownLatch(CLIENTS);
        CountDownLatch restored = new CountDownLatch(1);
        CapturedLog log = CapturedLog.attach();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long ship = ships[c];
                clients.add(pool.submit(() -> {
                    int batch = 0;
                    int acknowledged = 0;
                    int failedInCut = 0;
                    // before the cut: until 3 batches are in; during it: until 3 failed; after it: until one is in again
                    while (acknowledged < 3) {
                        acknowledged += ok(post(ship, batch++, sent)) ? 1 : 0;
                    }
                    acknowledgedBeforeCut.countDown();
                    while (!cut.get()) {
                        post(ship, batch++, sent);
                    }
                    while (failedInCut < 3) {
                        failedInCut += ok(post(ship, batch++, sent)) ? 0 : 1;
                    }
                    failedDuringCut.countDown();
                    restored.await();
                    for (int attempt = 0; attempt < 100 && !ok(post(ship, batch++, sent)); attempt++) {
                        Thread.sleep(100);
                    }
                    return null;
                }));
            }
            assertTrue(acknowledgedBeforeCut.await(20, TimeUnit.SECONDS), "every client got batches in before the cut");
            HttpResponse<String> readyBefore = get("q/health/ready", null);
            log.start();
            proxy.cut();
            cut.set(true);
            assertTrue(failedDuringCut.await(20, TimeUnit.SECONDS), "every client saw failures during the cut");

            HttpResponse<String> ready = get("q/health/ready", null);
            HttpResponse<String> read = get("data?spaceship_id=" + ships[0], deviceKey);
            log.stop();
            proxy.restore();
            restored.countDown();
            for (Future<?> client : clients) {
                client.get(30, TimeUnit.SECONDS);
            }
            HttpResponse<String> readyAfter = get("q/health/ready", null);

            assertEquals(200, readyBefore.statusCode(), readyBefore.body());
            assertEquals(200, readyAfter.statusCode(), "ready again without a restart: " + readyAfter.body());

            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"DOWN\""), ready.body());
            assertTrue(ready.body().contains("database unreachable"), ready.body());
            assertFalse(ready.body().contains("5432") || ready.body().contains("127.0.0.1") || ready.body().contains("localhost")
                    || ready.body().contains(String.valueOf(proxy.port())), "readiness names no address: " + ready.body());
            // a stored device key cannot be checked without the database: 503, not 401
            assertEquals(503, read.statusCode(), read.body());
            assertEquals("application/problem+json", read.headers().firstValue("Content-Type").orElse(""));
            assertEquals("5", read.headers().firstValue("Retry-After").orElse(""));

            List<Sent> failures = sent.stream().filter(s -> !ok(s)).toList();
            assertTrue(failures.size() >= 3 * CLIENTS, "failures during the cut: " + failures.size());
            for (Sent f : failures) {
                assertEquals(503, f.status(), f.toString());
                assertEquals("application/problem+json", f.contentType(), f.toString());
                assertEquals("5", f.retryAfter(), f.toString());
                assertTrue(f.body().contains("\"status\":503") && f.body().contains("\"title\":\"Service Unavailable\""), f.toString());
            }
            for (int c = 0; c < CLIENTS; c++) {
                long ship = ships[c];
                List<Sent> mine = sent.stream().filter(s -> s.ship() == ship).toList();
                assertTrue(ok(mine.get(mine.size() - 1)), "client " + c + " recovered without a restart");
                for (Sent s : mine.stream().filter(DatabaseOutageFaultTest::ok).toList()) {
                    assertEquals(List.of(READINGS_PER_BATCH + "|" + first(s.batch()) + "|" + last(s.batch())), Sql.rows("""
                            select count(*), min(r.ts) at time zone 'UTC', max(r.ts) at time zone 'UTC' from reading r
                            join series s on s.id = r.series_id
                            where s.kind = 'ship' and s.key = ? and r.ts between ?::timestamptz and ?::timestamptz""",
                            Long.toString(ship), first(s.batch()) + "Z", last(s.batch()) + "Z"), "acknowledged " + s);
                }
            }
            // a few short lines per kind, never a stack trace per request
            assertTrue(log.warnings() >= 1 && log.warnings() <= 6, "outage warnings: " + log.warnings() + " " + log.lines());
            assertEquals(0, log.withTrace(), "records with a stack trace during the cut: " + log.lines());
        } finally {
            proxy.restore();
            pool.shutdownNow();
            log.detach();
        }
    }

    private static boolean ok(Sent s) {
        return s.status() / 100 == 2;
    }

    /** Batch {@code n} of a ship: 12 five-minute kW readings in hour {@code n} of 2030-01-01 onwards. */
    private Sent post(long ship, int n, List<Sent> sent) throws Exception {
        StringBuilder json = new StringBuilder("{\"spaceship_id\": " + ship + ", \"units\": \"kW\", \"data\": [");
        for (int i = 0; i < READINGS_PER_BATCH; i++) {
            json.append(i == 0 ? "" : ",").append("{\"datetime\": \"")
                    .append(Instant.parse("2030-01-01T00:00:00Z").plusSeconds(3600L * n + 300L * i)).append("\", \"value\": ")
                    .append(10 + i).append('}');
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("data")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + Api.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.append("]}").toString())).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        Sent s = new Sent(ship, n, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                r.headers().firstValue("Retry-After").orElse(null), r.body());
        sent.add(s);
        return s;
    }

    private static String first(int batch) {
        return localUtc(Instant.parse("2030-01-01T00:00:00Z").plusSeconds(3600L * batch));
    }

    private static String last(int batch) {
        return localUtc(Instant.parse("2030-01-01T00:00:00Z").plusSeconds(3600L * batch + 300L * (READINGS_PER_BATCH - 1)));
    }

    private static String localUtc(Instant t) {
        return t.toString().replace("T", " ").replace("Z", "");
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Log records of every logger while started: how many outage warnings, and how many carried a stack trace. */
    static final class CapturedLog extends Handler {
        private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean on;

        static CapturedLog attach() {
            CapturedLog log = new CapturedLog();
            Logger.getLogger("").addHandler(log);
            return log;
        }

        void start() {
            on = true;
        }

        void stop() {
            on = false;
        }

        void detach() {
            Logger.getLogger("").removeHandler(this);
        }

        long warnings() {
            return snapshot().stream().filter(r -> r.getLoggerName().equals(DatabaseOutages.class.getName())).count();
        }

        long withTrace() {
            return snapshot().stream().filter(r -> r.getThrown() != null && r.getLevel().intValue() >= Level.WARNING.intValue())
                    .count();
        }

        List<String> lines() {
            return snapshot().stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()).toList();
        }

        private List<LogRecord> snapshot() {
            synchronized (records) {
                return List.copyOf(records);
            }
        }

        @Override
        public void publish(LogRecord record) {
            if (on) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
