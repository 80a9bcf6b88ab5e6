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
import java.util.Arrays;
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
 * table, batch for batch on as many connections (one COPY, one transaction, per batch), in the same run: after a
 * warm-up round, {@value #ROUNDS} rounds whose pairs alternate their order, so that the machine's drift falls on both sides.
 */
@QuarkusTest
class IngestBench {
    static final int[] BATCH_SIZES = {1_000, 5_000};
    static final int[] CLIENT_COUNTS = {1, 4};
    static final int READINGS_PER_CONFIGURATION = 480_000;
    /** In the past (the service refuses readings more than a day ahead), and within SPEC's 1900..9999. */
    static final Instant ORIGIN = Instant.parse("2016-01-01T00:00:00Z");
    static final long STEP_SECONDS = 300;
    /** Measured rounds per configuration (-Dbench.rounds); each pairs POST /data with COPY of the same readings. */
    static final int ROUNDS = 4;

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

    /** One configuration's wall times, a pair per round: POST /data and COPY of the same readings. */
    record Result(int size, int clients, double[] apiSeconds, double[] copySeconds) {
        double apiRate() {
            return READINGS_PER_CONFIGURATION / BenchSupport.median(apiSeconds);
        }

        double copyRate() {
            return READINGS_PER_CONFIGURATION / BenchSupport.median(copySeconds);
        }

        /** Each round's ratio, POST /data's rate to COPY's in the same round. */
        double[] roundRatios() {
            return BenchSupport.roundRatios(copySeconds, apiSeconds);
        }

        /** The median of the rounds' ratios: each round compares a pair measured side by side. */
        double ratio() {
            return BenchSupport.median(roundRatios());
        }
    }

    @Test
    void ingestAgainstCopy() throws Exception {
        int rounds = BenchSupport.rounds(ROUNDS);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // Ships of their own per configuration and round, so no batch meets another's readings.
        long[] nextShip = {900_000_000L + System.nanoTime() % 1_000_000 * 1_000};
        BenchSupport.psql("create table if not exists bench_copy (series_id bigint, ts timestamptz, value double precision, primary key (series_id, ts))");
        List<Result> results = new ArrayList<>();
        for (int size : BATCH_SIZES) {
            for (int clientCount : CLIENT_COUNTS) {
                results.add(new Result(size, clientCount, new double[rounds], new double[rounds]));
            }
        }
        // Round -1 is the warm-up: every configuration once, so that both sides meet the measured rounds compiled alike.
        // The order of the pair alternates, so that what one side leaves behind (autovacuum, a checkpoint) falls on both.
        for (int round = -1; round < rounds; round++) {
            for (Result r : results) {
                List<Client> clients = clients(nextShip[0], r.clients(), r.size(), READINGS_PER_CONFIGURATION / r.clients() / r.size());
                nextShip[0] += 10;
                BenchSupport.psql("truncate bench_copy");
                double api;
                double copy;
                if (round % 2 == 0) {
                    api = post(http, clients);
                    copy = copy(clients);
                } else {
                    copy = copy(clients);
                    api = post(http, clients);
                }
                if (round >= 0) {
                    r.apiSeconds()[round] = api;
                    r.copySeconds()[round] = copy;
                }
            }
        }
        BenchSupport.psql("drop table bench_copy");

        System.out.printf("%n== Ingest benchmark (%s) ==%n", BenchSupport.machine());
        System.out.printf("%,d kW readings (5-minute steps from %s) per configuration; baseline: pgjdbc COPY of the same readings into "
                + "a keyed table, one COPY per batch on as many connections as clients; after a warm-up round of every configuration, "
                + "%d rounds whose pairs alternate their order: median rates, the median of the rounds' ratios (the goal's), and the "
                + "lowest and highest ratio of one round%n", READINGS_PER_CONFIGURATION, ORIGIN, rounds);
        System.out.printf("%-34s %14s %14s %6s %13s  %s%n", "POST /data", "readings/s", "COPY rows/s", "ratio", "rounds", "goal");
        for (Result r : results) {
            double ratio = r.ratio();
            double[] range = r.roundRatios().clone();
            Arrays.sort(range);
            System.out.printf("%-34s %,14.0f %,14.0f %6.2f %13s  ratio >= 0.5: %s%n",
                    String.format("%,d-reading batches x %d client%s", r.size(), r.clients(), r.clients() == 1 ? "" : "s"),
                    r.apiRate(), r.copyRate(), ratio, String.format("%.2f - %.2f", range[0], range[range.length - 1]), ratio >= 0.5 ? "met" : "NOT MET");
            for (int round = 0; round < rounds; round++) {
                System.out.printf("  round %d (%s first) %,23.0f %,14.0f %6.2f%n", round + 1, round % 2 == 0 ? "POST" : "COPY",
                        READINGS_PER_CONFIGURATION / r.apiSeconds()[round], READINGS_PER_CONFIGURATION / r.copySeconds()[round],
                        r.copySeconds()[round] / r.apiSeconds()[round]);
            }
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
