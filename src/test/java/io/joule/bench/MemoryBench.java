package io.joule.bench;

import io.joule.testing.PackagedApp;
import io.joule.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged app's resident memory (VmRSS, sampled every 50 ms) under the write and read benchmarks' load: 4 clients
 * posting 5,000-reading batches to POST /data, then wrk with 8 connections on GET /data for one ship-day. Once with G1 and
 * {@code -Xmx384m} and once with the README's lean JVM options, each beside the throughput it kept, so a smaller footprint is not
 * bought with speed unseen. Runs by failsafe after the package phase, as StartBench does.
 */
class MemoryBench {
    static final long GOAL_MB = 300;
    static final int SECONDS = 15;
    static final int CLIENTS = 4;
    static final int BATCH = 5_000;
    static final int CONNECTIONS = 8;
    static final Instant ORIGIN = Instant.parse("2016-01-01T00:00:00Z");
    static final int DISTINCT_BATCHES = 400;

    private record Figures(long afterStartMb, long writeMb, double readingsPerSecond, long readMb, Wrk read) {
    }

    @Test
    void residentMemoryUnderLoad() throws Exception {
        Path jar = PackagedApp.jar().orElse(null);
        Assumptions.assumeTrue(jar != null && BenchSupport.onPath("wrk"),
                "MemoryBench skipped: it needs the packaged app (./mvnw verify -Pbench packages it) and wrk on the PATH");
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("G1: -Xmx384m", List.of("-Xmx384m"));
        variants.put("README's: " + String.join(" ", BenchSupport.README_JVM_OPTIONS), BenchSupport.README_JVM_OPTIONS);
        Map<String, Figures> measured = new LinkedHashMap<>();
        for (var variant : variants.entrySet()) {
            String database = TestServer.freshName("joule_bench_memory_");
            try {
                measured.put(variant.getKey(), measure(jar, variant.getValue(), database));
            } finally {
                StartBench.SERVER.dropDatabase(database);
            }
        }
        System.out.printf("%n== Memory benchmark (%s), packaged app, peak RSS while loaded, %d s per phase ==%n", BenchSupport.host(), SECONDS);
        System.out.printf("%-62s %9s %9s %12s %9s %9s%n", "JVM options", "start MB", "write MB", "readings/s", "read MB", "req/s");
        measured.forEach((name, f) -> System.out.printf("%-62s %,9d %,9d %,12.0f %,9d %,9.0f  %s%n", name, f.afterStartMb(), f.writeMb(),
                f.readingsPerSecond(), f.readMb(), f.read().rps(), Math.max(f.writeMb(), f.readMb()) <= GOAL_MB ? "<= 300 MB: met" : "<= 300 MB: NOT MET"));
        System.out.printf("writes: %d clients x %,d-reading batches to POST /data; reads: wrk -c%d GET /data, one ship-day; load average at the end: %s%n%n",
                CLIENTS, BATCH, CONNECTIONS, StartBench.loadAverage());
    }

    private static Figures measure(Path jar, List<String> jvmOptions, String database) throws Exception {
        int port = PackagedApp.freePort();
        List<String> arguments = new ArrayList<>(jvmOptions);
        arguments.addAll(List.of("-jar", jar.getFileName().toString()));
        try (PackagedApp app = PackagedApp.start(jar.getParent(), arguments, StartBench.environment(database, port))) {
            app.awaitListening(Duration.ofMinutes(2));
            String base = "http://localhost:" + port;
            long afterStart = PeakRss.residentMb(app.pid());
            try (PeakRss rss = PeakRss.of(app.pid())) {
                double rate = write(base);
                long writeMb = rss.peakMb();
                String day = base + "/data?spaceship_id=" + ship(0) + "&start=" + ORIGIN + "&end=" + ORIGIN.plus(Duration.ofDays(1));
                Wrk.run("bench", day, CONNECTIONS, 3); // warm-up
                Wrk read = Wrk.run("bench", day, CONNECTIONS, SECONDS);
                return new Figures(afterStart, writeMb, rate, rss.peakMb(), read);
            }
        }
    }

    /** Readings per second that {@value #CLIENTS} clients got stored in {@value #SECONDS} s. */
    private static double write(String base) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong stored = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    for (int b = 0; System.nanoTime() < end; b++) {
                        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/data")).header("Authorization", "Bearer bench")
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch(client, b))).build();
                        HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException("POST /data answered " + answer.statusCode() + ": " + answer.body());
                        }
                        stored.addAndGet(BATCH);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return stored.get() / (double) SECONDS;
    }

    private static long ship(int client) {
        return 970_000_000L + client;
    }

    /** kW every minute; a client's batches cycle through {@value #DISTINCT_BATCHES} stretches from 2016, then replace them. */
    private static String batch(int client, int b) {
        Instant start = ORIGIN.plus(Duration.ofMinutes((long) BATCH * (b % DISTINCT_BATCHES)));
        StringBuilder json = new StringBuilder(BATCH * 56).append("{\"spaceship_id\": ").append(ship(client)).append(", \"units\": \"kW\", \"data\": [");
        for (int i = 0; i < BATCH; i++) {
            json.append(i == 0 ? "" : ",").append("{\"datetime\": \"").append(start.plus(Duration.ofMinutes(i)))
                    .append("\", \"value\": ").append(10 + (i * 7 + b) % 50).append('}');
        }
        return json.append("]}").toString();
    }
}
