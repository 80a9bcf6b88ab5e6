package io.joule.bench;

import io.joule.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Ingest through POST /data (issue 10): JSON batches of 1,000 and 5,000 kW readings from 1 and 4 concurrent clients
 * (each client its own ship and connection), each configuration beside pgjdbc COPY of the same readings into a keyed
 * table, batch for batch on as many connections (one COPY, one transaction, per batch), in the same run.
 */
@QuarkusTest
class IngestBench {
    static final int[] BATCH_SIZES = {1_000, 5_000};
    static final int[] CLIENT_COUNTS = {1, 4};
    static final int READINGS_PER_CONFIGURATION = 480_000;
    /** In the past (the service refuses readings more than a day ahead), and within SPEC's 1900..9999. */
    static final Instant ORIGIN = Instant.parse("2016-01-01T00:00:00Z");
    static final long STEP_SECONDS = 300;

    /** One client: its ship, and its readings from ORIGIN on, in consecutive batches of {@code size}. */
    record Client(long ship, int batches, int size) {
        String json(int batch) {
            StringBuilder json = new StringBuilder(size * 56).append("{\"spaceship_id\": ").append(ship).append(", \"units\": \"kW\", \"data\": [");
            for (int i = 0; i < size; i++) {
                int n = batch * size + i;
                json.append(i == 0 ? "" : ",").append("{\"datetime\":\"").append(ORIGIN.plusSeconds(STEP_SECONDS * n))
                        .append("\",\"value\":").append(value(n)).append('}');
            }
            return json.append("]}").toString();
        }

        String csv(int batch) {
            StringBuilder csv = new StringBuilder(size * 40);
            for (int i = 0; i < size; i++) {
                int n = batch * size + i;
                csv.append(ship).append(',').append(ORIGIN.plusSeconds(STEP_SECONDS * n)).append(',').append(value(n)).append('\n');
            }
            return csv.toString();
        }
    }

    record Result(int size, int clients, double apiSeconds, double copySeconds) {
        double apiRate() {
            return READINGS_PER_CONFIGURATION / apiSeconds;
        }

        double copyRate() {
            return READINGS_PER_CONFIGURATION / copySeconds;
        }
    }

    @Test
    void ingestAgainstCopy() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // Ships of their own per configuration and for the warm-up, so no batch meets another's readings.
        long nextShip = 900_000_000L + System.nanoTime() % 1_000_000 * 100;
        BenchSupport.psql("create table if not exists bench_copy (series_id bigint, ts timestamptz, value double precision, primary key (series_id, ts))");
        for (int size : BATCH_SIZES) {
            List<Client> warmUp = clients(nextShip, 4, size, 20_000 / size);
            nextShip += 10;
            post(http, warmUp);
            copy(warmUp);
        }

        List<Result> results = new ArrayList<>();
        for (int size : BATCH_SIZES) {
            for (int clientCount : CLIENT_COUNTS) {
                List<Client> clients = clients(nextShip, clientCount, size, READINGS_PER_CONFIGURATION / clientCount / size);
                nextShip += 10;
                BenchSupport.psql("truncate bench_copy");
                results.add(new Result(size, clientCount, post(http, clients), copy(clients)));
            }
        }
        BenchSupport.psql("drop table bench_copy");

        System.out.printf("%n== Ingest benchmark (%s) ==%n", BenchSupport.machine());
        System.out.printf("%,d kW readings (5-minute steps from %s) per configuration; baseline: pgjdbc COPY of the same readings into "
                + "a keyed table, one COPY per batch on as many connections as clients%n", READINGS_PER_CONFIGURATION, ORIGIN);
        System.out.printf("%-34s %14s %9s %14s %9s %6s  %s%n", "POST /data", "readings/s", "seconds", "COPY rows/s", "seconds", "ratio", "goal");
        for (Result r : results) {
            double ratio = r.apiRate() / r.copyRate();
            System.out.printf("%-34s %,14.0f %9.2f %,14.0f %9.2f %6.2f  ratio >= 0.5: %s%n",
                    String.format("%,d-reading batches x %d client%s", r.size(), r.clients(), r.clients() == 1 ? "" : "s"),
                    r.apiRate(), r.apiSeconds(), r.copyRate(), r.copySeconds(), ratio, ratio >= 0.5 ? "met" : "NOT MET");
        }
        System.out.println();
    }

    private static List<Client> clients(long firstShip, int count, int size, int batches) {
        List<Client> clients = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            clients.add(new Client(firstShip + c, batches, size));
        }
        return clients;
    }

    /** Posts every client's batches, the clients at once; answers the wall time in seconds. Bodies are built before the clock. */
    private static double post(HttpClient http, List<Client> clients) throws Exception {
        URI data = URI.create("http://localhost:" + RestAssured.port + "/data");
        List<Callable<Void>> work = new ArrayList<>();
        for (Client client : clients) {
            List<String> bodies = new ArrayList<>();
            for (int b = 0; b < client.batches(); b++) {
                bodies.add(client.json(b));
            }
            work.add(() -> {
                for (String body : bodies) {
                    HttpRequest request = HttpRequest.newBuilder(data).header("Authorization", "Bearer " + Api.ADMIN_KEY)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("POST /data answered " + response.statusCode() + ": " + response.body());
                    }
                }
                return null;
            });
        }
        return concurrently(work);
    }

    /** COPYs every client's batches into bench_copy, a connection per client; answers the wall time in seconds. */
    private static double copy(List<Client> clients) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (Client client : clients) {
                Connection connection = BenchSupport.connect();
                connections.add(connection);
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                List<String> batches = new ArrayList<>();
                for (int b = 0; b < client.batches(); b++) {
                    batches.add(client.csv(b));
                }
                work.add(() -> {
                    for (String batch : batches) {
                        copy.copyIn("copy bench_copy (series_id, ts, value) from stdin (format csv)", new StringReader(batch));
                    }
                    return null;
                });
            }
            return concurrently(work);
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private static double concurrently(List<Callable<Void>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            long start = System.nanoTime();
            List<Future<Void>> running = new ArrayList<>();
            for (Callable<Void> w : work) {
                running.add(pool.submit(w));
            }
            for (Future<Void> f : running) {
                f.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double value(int n) {
        return 100 + (n * 37 % 1000) / 10.0;
    }
}
