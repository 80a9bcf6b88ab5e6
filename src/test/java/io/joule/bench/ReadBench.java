package io.joule.bench;

import io.joule.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reads at the database's speed: wrk against GET /data and GET /ships/{id}/daily for one
 * ship-day (96 slots), beside pgbench -M prepared running the same SQL, both at 8 connections
 * for 10 s, in the same run. Needs wrk and pgbench on the PATH (Debian: wrk,
 * postgresql-client); without them it is skipped, saying so.
 */
@QuarkusTest
class ReadBench {
    static final int CONNECTIONS = 8;
    static final int SECONDS = 10;
    static final Instant DAY = Instant.parse("2018-08-24T00:00:00Z");

    @Test
    void readsAgainstPgbench() throws Exception {
        Assumptions.assumeTrue(onPath("wrk") && onPath("pgbench"),
                "ReadBench skipped: wrk and pgbench are needed on the PATH (apt-get install wrk postgresql-client)");
        long ship = 800_000_000L + System.nanoTime() % 1_000_000;
        Api.postData(Api.ADMIN_KEY, shipDay(ship)).statusCode(200);
        // A stored key, so the key check is the one real clients pay (the configured admin key needs no lookup).
        String key = Api.issueKey("coordinator", null);
        long seriesId = seriesId(ship);

        String base = "http://localhost:" + RestAssured.port;
        String data = base + "/data?spaceship_id=" + ship + "&start=2018-08-24T00:00:00Z&end=2018-08-25T00:00:00Z";
        String daily = base + "/ships/" + ship + "/daily?from=2018-08-23&to=2018-08-25";
        String slotSql = "select slot_start, kwh from slot_15m where series_id = " + seriesId
                + " and slot_start >= '2018-08-24T00:00:00Z' and slot_start < '2018-08-25T00:00:00Z' order by slot_start;";
        String dailySql = "select day, bucket_start, bucket_end, energy_kwh, min_kwh, max_kwh, slots from rollup_daily"
                + " where series_id = " + seriesId + " and day >= '2018-08-23' and day <= '2018-08-25' order by day;";

        wrk(key, data, 3); // warm-up: JIT, pool, caches
        wrk(key, daily, 3);
        Wrk dataRun = wrk(key, data, SECONDS);
        double slotTps = pgbench(slotSql);
        Wrk dailyRun = wrk(key, daily, SECONDS);
        double dailyTps = pgbench(dailySql);
        Wrk live = wrk(key, base + "/q/health/live", SECONDS);

        System.out.printf("%n== Read benchmark (%s), %d connections, %d s each ==%n", BenchSupport.machine(), CONNECTIONS, SECONDS);
        System.out.printf("%-44s %10s %10s %10s%n", "path", "req/s", "p50 ms", "p99 ms");
        print("GET /data, one ship-day (96 slots)", dataRun);
        System.out.printf("%-44s %,10.0f%n", "pgbench -M prepared, the same slot query", slotTps);
        System.out.printf("ratio GET /data : pgbench = %.2f (goal >= 0.5), p99/p50 = %.1f (goal <= 4)%n",
                dataRun.rps / slotTps, dataRun.p99 / dataRun.p50);
        print("GET /ships/{id}/daily, 3 days", dailyRun);
        System.out.printf("%-44s %,10.0f%n", "pgbench -M prepared, the same rollup query", dailyTps);
        System.out.printf("ratio GET /ships/{id}/daily : pgbench = %.2f (goal >= 0.3)%n", dailyRun.rps / dailyTps);
        print("GET /q/health/live (the request path's floor)", live);
        System.out.println();
    }

    private record Wrk(double rps, double p50, double p99) {
    }

    private static void print(String path, Wrk run) {
        System.out.printf("%-44s %,10.0f %10.2f %10.2f%n", path, run.rps, run.p50, run.p99);
    }

    private static String shipDay(long ship) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i <= 96; i++) {
            pairs.add(DAY.plusSeconds(900L * i).toString());
            pairs.add(Double.toString(10 + (i * 7 % 13) / 3.0));
        }
        return Api.batch(ship, "kW", pairs.toArray(String[]::new));
    }

    private static long seriesId(long ship) throws Exception {
        try (Connection c = BenchSupport.connect();
                ResultSet rs = c.createStatement().executeQuery("select id from series where kind = 'ship' and key = '" + ship + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Wrk wrk(String key, String url, int seconds) throws IOException, InterruptedException {
        String out = run(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--latency",
                "-H", "Authorization: Bearer " + key, url));
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk saw error answers from " + url + ":\n" + out);
        }
        return new Wrk(number(out, "Requests/sec:\\s+([0-9.]+)"), millis(out, "50%"), millis(out, "99%"));
    }

    private static double pgbench(String sql) throws IOException, InterruptedException {
        Path script = BenchSupport.tempFile("joule-read", ".sql");
        Files.writeString(script, sql + "\n");
        URI db = URI.create(BenchSupport.jdbcUrl().substring("jdbc:".length()));
        String out = run(List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(CONNECTIONS), "-j", "2",
                "-T", Integer.toString(SECONDS), "-h", db.getHost(), "-p", Integer.toString(db.getPort() < 0 ? 5432 : db.getPort()),
                "-U", BenchSupport.user(), "-f", script.toString(), db.getPath().substring(1)));
        return number(out, "tps = ([0-9.]+)");
    }

    /** wrk prints latencies as 812.00us, 1.57ms or 1.02s. */
    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + percentile + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk's output:\n" + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + regex + " in:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
