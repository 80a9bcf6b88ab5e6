package io.joule.bench;

import io.joule.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Ingest through POST /data (JSON batches of 5,000 readings from 4 concurrent clients, each its
 * own ship) against psql COPY of the same rows into a keyed table in the same database.
 */
@QuarkusTest
class IngestBench {
    static final int CLIENTS = 4;
    static final int BATCH = 5_000;
    static final int BATCHES_PER_CLIENT = 16;
    static final Instant ORIGIN = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void ingestAgainstCopy() throws Exception {
        HttpClient http = HttpClient.newBuilder().build();
        long firstShip = 900_000_000L + (System.nanoTime() % 1_000_000) * 10;
        // Warm-up on other ships, so the JIT and the pool are ready.
        run(http, bodies(firstShip + 100, 4));
        List<List<String>> bodies = bodies(firstShip, BATCHES_PER_CLIENT);
        long start = System.nanoTime();
        run(http, bodies);
        double apiSeconds = (System.nanoTime() - start) / 1e9;
        long rows = (long) CLIENTS * BATCHES_PER_CLIENT * BATCH;

        Path csv = BenchSupport.tempFile("joule-copy", ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            for (int c = 0; c < CLIENTS; c++) {
                for (int i = 0; i < BATCHES_PER_CLIENT * BATCH; i++) {
                    out.write((firstShip + c) + "," + ORIGIN.plusSeconds(300L * i) + "," + value(i) + "\n");
                }
            }
        }
        BenchSupport.psql("create table if not exists bench_copy (series_id bigint, ts timestamptz, value double precision, primary key (series_id, ts))");
        BenchSupport.psql("truncate bench_copy");
        double copySeconds = BenchSupport.psql("\\copy bench_copy from '" + csv + "' csv");
        BenchSupport.psql("drop table bench_copy");

        double apiRate = rows / apiSeconds;
        double copyRate = rows / copySeconds;
        System.out.printf("%n== Ingest benchmark (%s) ==%n", BenchSupport.machine());
        System.out.printf("%-46s %12s %10s%n", "path", "rows/s", "seconds");
        System.out.printf("%-46s %,12.0f %10.2f%n", "POST /data, " + CLIENTS + " clients x " + BATCH + "-reading batches", apiRate, apiSeconds);
        System.out.printf("%-46s %,12.0f %10.2f%n", "psql \\copy into a keyed table (baseline)", copyRate, copySeconds);
        System.out.printf("ratio POST /data : COPY = %.2f (goal >= 0.5)%n%n", apiRate / copyRate);
    }

    /** Per client, its batches as JSON, built before the clock starts. */
    private static List<List<String>> bodies(long firstShip, int batchesPerClient) {
        List<List<String>> all = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            List<String> bodies = new ArrayList<>();
            for (int b = 0; b < batchesPerClient; b++) {
                bodies.add(body(firstShip + c, b));
            }
            all.add(bodies);
        }
        return all;
    }

    private static void run(HttpClient http, List<List<String>> bodiesPerClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (List<String> bodies : bodiesPerClient) {
            clients.add(pool.submit(() -> {
                for (String body : bodies) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/data"))
                            .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
    }

    private static String body(long ship, int batch) {
        StringBuilder json = new StringBuilder(BATCH * 56).append("{\"spaceship_id\": ").append(ship)
                .append(", \"units\": \"kW\", \"data\": [");
        for (int i = 0; i < BATCH; i++) {
            int n = batch * BATCH + i;
            json.append(i == 0 ? "" : ",").append("{\"datetime\":\"").append(ORIGIN.plusSeconds(300L * n))
                    .append("\",\"value\":").append(value(n)).append('}');
        }
        return json.append("]}").toString();
    }

    private static double value(int n) {
        return 100 + (n * 37 % 1000) / 10.0;
    }
}
