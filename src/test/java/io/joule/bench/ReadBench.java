package io.joule.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.meter.repository.MeterRepository;
import io.joule.pipeline.TimeRange;
import io.joule.sensor.repository.SensorReportRepository;
import io.joule.ship.RankingWindow;
import io.joule.ship.repository.ShipRollupRepository;
import io.joule.ship.rest.ShipDataResource;
import io.joule.testing.Api;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.repository.ReadingRollupRepository;
import io.joule.timeseries.repository.RollupRepository;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reads at the database's speed (issue 10): wrk against each read endpoint beside pgbench -M prepared running the
 * SQL the service runs for it (read from the repositories' constants), both with 8 connections on 2 threads for 10 s
 * after a warm-up, in the same run. Where a request runs more than one statement, pgbench runs the main one and the
 * line says so. Needs wrk and pgbench on the PATH (Debian: wrk, postgresql-client); without them it is skipped.
 */
@QuarkusTest
class ReadBench {
    static final int CONNECTIONS = 8;
    static final int SECONDS = 10;
    static final int WRK_WARM_UP_SECONDS = 3;
    static final int PGBENCH_WARM_UP_SECONDS = 2;
    static final int SHIPS = 100;
    static final int LINKED_SENSORS = 5;

    @Inject
    RollupStore rollups;

    /** An endpoint, the statement pgbench runs for it, and what the request runs besides (named from the constants, so a rename fails here). */
    record Read(String path, String key, String url, String itemsPath, ServiceSql sql, List<String> parameters, String otherStatements,
            double goal, boolean tailGoal) {
    }

    record Measured(Read read, Wrk joule, double pgbenchTps) {
        double ratio() {
            return joule.rps() / pgbenchTps;
        }

        boolean met() {
            return ratio() >= read.goal() && (!read.tailGoal() || joule.tailRatio() <= 4);
        }
    }

    @Test
    void readsAgainstPgbench() throws Exception {
        Assumptions.assumeTrue(BenchSupport.onPath("wrk") && BenchSupport.onPath("pgbench"),
                "ReadBench skipped: wrk and pgbench are needed on the PATH (apt-get install wrk postgresql-client)");
        Assumptions.assumeTrue("postgresql".equals(rollups.implementation()),
                "ReadBench skipped: it runs the rollup tables' SQL, and this database serves statistics from TimescaleDB aggregates");
        List<Read> reads = reads();
        for (Read read : reads) {
            // The URL as wrk sends it: already encoded.
            int answered = Api.as(read.key()).urlEncodingEnabled(false).when().get(read.url()).then().statusCode(200).extract().path(read.itemsPath());
            int rows = read.sql().rows(read.parameters());
            // Both sides must read the same rows, and some: a baseline of an empty answer measures nothing.
            assertEquals(answered, rows, read.path() + ": the endpoint's items against " + read.sql().name() + "'s rows");
            assertTrue(rows > 0, read.path() + " reads nothing");
        }
        rankingMatchesItsParameters(reads.get(2));

        String base = "http://localhost:" + RestAssured.port;
        for (Read read : reads) {
            // Every path once before any is measured: the first measured would otherwise pay for the shared code's JIT.
            Wrk.run(read.key(), base + read.url(), CONNECTIONS, WRK_WARM_UP_SECONDS);
        }
        List<Measured> measured = new ArrayList<>();
        for (Read read : reads) {
            Wrk.run(read.key(), base + read.url(), CONNECTIONS, WRK_WARM_UP_SECONDS); // its own code, pool, caches
            Wrk joule = Wrk.run(read.key(), base + read.url(), CONNECTIONS, SECONDS);
            Pgbench.tps(read.sql(), read.parameters(), CONNECTIONS, PGBENCH_WARM_UP_SECONDS);
            measured.add(new Measured(read, joule, Pgbench.tps(read.sql(), read.parameters(), CONNECTIONS, SECONDS)));
        }
        Wrk.run(Api.ADMIN_KEY, base + "/q/health/live", CONNECTIONS, WRK_WARM_UP_SECONDS);
        Wrk live = Wrk.run(Api.ADMIN_KEY, base + "/q/health/live", CONNECTIONS, SECONDS);

        System.out.printf("%n== Read benchmark (%s) ==%n", BenchSupport.machine());
        System.out.printf("wrk -t2 -c%d -d%ds --latency beside pgbench -M prepared -c %d -j 2 -T %d of the service's SQL, each after a warm-up%n",
                CONNECTIONS, SECONDS, CONNECTIONS, SECONDS);
        System.out.printf("%-34s %9s %8s %8s %8s %11s %6s  %s%n", "path", "req/s", "p50 ms", "p99 ms", "p99/p50", "pgbench tps", "ratio", "goal");
        for (Measured m : measured) {
            Read r = m.read();
            String goal = String.format("%s %.1f%s: %s", "ratio >=", r.goal(), r.tailGoal() ? ", p99 <= 4x p50" : "", m.met() ? "met" : "NOT MET");
            System.out.printf("%-34s %,9.0f %8.2f %8.2f %8.1f %,11.0f %6.2f  %s%n", r.path(), m.joule().rps(), m.joule().p50(),
                    m.joule().p99(), m.joule().tailRatio(), m.pgbenchTps(), m.ratio(), goal);
            System.out.printf("    pgbench runs %s%s%n", r.sql().name(),
                    r.otherStatements().isEmpty() ? " (the request's only statement)" : "; the request also runs " + r.otherStatements());
            // What no endpoint can beat here: the floor, which neither checks a key nor asks the database.
            System.out.printf("    the floor (GET /q/health/live) against this baseline: %.2f%n", live.rps() / m.pgbenchTps());
        }
        System.out.printf("%-34s %,9.0f %8.2f %8.2f %8.1f%n%n", "GET /q/health/live (floor)", live.rps(), live.p50(), live.p99(), live.tailRatio());
    }

    private static List<Read> reads() throws Exception {
        ReadFixtures.Ships ships = ReadFixtures.ships(SHIPS);
        long ship = ships.first();
        String shipSeries = Long.toString(ReadFixtures.seriesId("ship", Long.toString(ship)));
        ReadFixtures.Meter meter = ReadFixtures.meter();
        ReadFixtures.UserSensors user = ReadFixtures.userWithSensors(LINKED_SENSORS);
        // A stored key, so the key check is the one real clients pay (the configured admin key needs no lookup).
        String coordinator = Api.issueKey("coordinator", null);

        LocalDate first = ReadFixtures.FIRST_DAY;
        LocalDate middle = first.plusDays(1);
        LocalDate last = first.plusDays(ReadFixtures.DAYS - 1);
        Instant dayStart = middle.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant dayEnd = dayStart.plusSeconds(86_400);
        Instant rankFrom = first.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(5 * 3600 + 15 * 60);
        Instant rankTo = last.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(19 * 3600 + 45 * 60);
        int pageRows = constant(ShipDataResource.class, "DEFAULT_LIMIT") + 1;
        LocalDate meterFrom = LocalDate.of(2020, 3, 2);
        LocalDate meterTo = LocalDate.of(2020, 3, 8);
        String sensor = user.sensorIds().get(0);
        // Each of these reads its days with its lookup, in one statement (see SeriesDays).
        ServiceSql meterChannels = ServiceSql.of(MeterRepository.class, "CHANNELS");
        ServiceSql userSensors = ServiceSql.of(SensorReportRepository.class, "SENSORS");
        ServiceSql oneSensor = ServiceSql.of(SensorReportRepository.class, "SENSOR");

        return List.of(
                new Read("GET /data, one ship-day (96 slots)", coordinator,
                        "/data?spaceship_id=" + ship + "&start=" + dayStart + "&end=" + dayEnd, "data.size()",
                        ServiceSql.of(TimeSeriesRepository.class, "SLOTS_BETWEEN").with(" limit $4"),
                        List.of(shipSeries, dayStart.toString(), dayEnd.toString(), Integer.toString(pageRows)), "", 0.5, true),
                new Read("GET /ships/{id}/daily, 3 days", coordinator, "/ships/" + ship + "/daily?from=" + first + "&to=" + last, "size()",
                        ServiceSql.of(RollupRepository.class, "DAILY"), List.of(shipSeries, first.toString(), last.toString()), "", 0.3, false),
                new Read("GET /topusers, " + SHIPS + " ships, 2.6 days", coordinator,
                        "/topusers?count=10&start=" + rankFrom + "&end=" + rankTo, "ships.size()",
                        ServiceSql.of(ShipRollupRepository.class, "TOP"), topParameters(new TimeRange(rankFrom, rankTo), 10), "", 0.3, false),
                new Read("GET /meters/{code}/daily-stats, 7 d", coordinator,
                        "/meters/" + meter.code() + "/daily-stats?from=" + meterFrom + "&to=" + meterTo + "&serial=" + meter.serial()
                                + "&data_type=" + URLEncoder.encode(meter.dataType(), StandardCharsets.UTF_8).replace("+", "%20"),
                        "size()", ServiceSql.composed(ReadingRollupRepository.dailyOf(meterChannels.sql(), 3), meterChannels.name() + " joined with reading_daily"),
                        List.of(meter.code(), meter.serial(), meter.dataType(), meterFrom.toString(), meterTo.toString()),
                        "", 0.3, false),
                new Read("GET /consumption, user, " + LINKED_SENSORS + " sensors", user.userKey(), "/consumption?date=" + middle, "size()",
                        ServiceSql.composed(RollupRepository.dailyOf(userSensors.sql(), 3), userSensors.name() + " joined with rollup_daily").withNull(3),
                        List.of("false", user.userId(), middle.toString(), middle.toString()), "", 0.3, false),
                new Read("GET /sensors/{id}/consumption, 3 d", user.userKey(),
                        "/sensors/" + sensor + "/consumption?from=" + first + "&to=" + last, "size()",
                        ServiceSql.composed(RollupRepository.dailyOf(oneSensor.sql(), 4), oneSensor.name() + " joined with rollup_daily").withNull(3),
                        List.of("false", user.userId(), sensor, first.toString(), last.toString()), "", 0.3, false));
    }

    /** ShipRollupRepository.top's eleven parameters: the window's whole days, its two hour ranges and two slot ranges, the count. */
    private static List<String> topParameters(TimeRange window, int count) {
        RankingWindow parts = RankingWindow.of(window);
        List<String> p = new ArrayList<>();
        TimeRange days = parts.days().isEmpty() ? null : parts.days().get(0);
        p.add(days == null ? LocalDate.EPOCH.toString() : days.from().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString());
        p.add(days == null ? LocalDate.EPOCH.toString() : days.to().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString());
        for (List<TimeRange> ranges : List.of(parts.hours(), parts.slots())) {
            for (int i = 0; i < 2; i++) {
                TimeRange r = i < ranges.size() ? ranges.get(i) : null;
                p.add((r == null ? Instant.EPOCH : r.from()).toString());
                p.add((r == null ? Instant.EPOCH : r.to()).toString());
            }
        }
        p.add(Integer.toString(count));
        return p;
    }

    /** The ranking's parameters are worked out here as the repository does: the same totals show they bound the same window. */
    private static void rankingMatchesItsParameters(Read top) throws Exception {
        List<Double> served = Api.as(top.key()).urlEncodingEnabled(false)
                .config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .when().get(top.url()).then().statusCode(200).extract().path("ships.consumption");
        List<String> totals = top.sql().column(top.parameters(), 2);
        assertEquals(served.size(), totals.size(), "ranked ships");
        for (int i = 0; i < totals.size(); i++) {
            assertEquals(Double.parseDouble(totals.get(i)), served.get(i), 1e-6, "total of the ship ranked " + (i + 1));
        }
    }

    private static int constant(Class<?> owner, String name) throws ReflectiveOperationException {
        var field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field.getInt(null);
    }
}
