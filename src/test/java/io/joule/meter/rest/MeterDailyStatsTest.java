package io.joule.meter.rest;

import static io.joule.testing.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joule.testing.Sql;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.service.AggregateRefresher;
import io.joule.timeseries.service.Rollups;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GET /meters/{code}/daily-stats answers PostgreSQL's values to the last bit on both databases: right after an import,
 * after a late correction, and on TimescaleDB also while the reading aggregates are stale (the refresher held off by
 * its lock), after they are refreshed, and after a late write into compressed chunks of the readings and of the
 * aggregates. On plain PostgreSQL the refresh and compression steps do not exist; the answers are checked all the same.
 */
@QuarkusTest
class MeterDailyStatsTest {
    static final DateTimeFormatter LP_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RollupStore rollups;
    @Inject
    Rollups chosen;
    @Inject
    AggregateRefresher refresher;

    /**
     * Asia/Kathmandu (+05:45): 2032-03-10 is [03-09T18:15Z, 03-10T18:15Z), so its first and last UTC hours are partial
     * and 03-11's first reading shares the last one. The literals are what PostgreSQL computes for the ordered sum of the
     * UTC-hour sums (5.6 here; the plain ordered sum of the values is 5.6000000000000005).
     */
    @Test
    void aPartialHourZoneAnswersPostgresqlsLiteralsThroughCorrectionsRefreshAndCompression() throws Exception {
        String meter = meter();
        ZoneId zone = ZoneId.of("Asia/Kathmandu");
        Map<String, Double> first = new TreeMap<>(Map.of("2032-03-09T18:15:00Z", 0.1, "2032-03-09T18:20:00Z", 0.2,
                "2032-03-09T18:35:00Z", 0.7, "2032-03-09T18:45:00Z", 0.3, "2032-03-09T19:15:00Z", 0.6, "2032-03-10T06:15:00Z", 1.1,
                "2032-03-10T18:05:00Z", 2.2, "2032-03-10T18:10:00Z", 0.4, "2032-03-10T18:15:00Z", 5.0));
        List<String> firstDays = List.of("2032-03-10|2032-03-09T18:15:00Z|2032-03-10T18:15:00Z|0.1|2.2|0.7|8",
                "2032-03-11|2032-03-10T18:15:00Z|2032-03-11T18:15:00Z|5.0|5.0|5.0|1");
        try (Connection held = holdRefresh()) {
            importFile(meter, zone, first);
            assertEquals(firstDays, served(meter, "2032-03-09", "2032-03-12"), "right after the import");
        }
        refresh(meter);
        assertEquals(firstDays, served(meter, "2032-03-09", "2032-03-12"), "after the refresh");

        try (Connection held = holdRefresh()) {
            importFile(meter, zone, Map.of("2032-03-09T18:20:00Z", 0.25, "2032-03-10T06:17:00Z", 0.15));
            assertStale(meter);
            assertEquals(List.of("2032-03-10|2032-03-09T18:15:00Z|2032-03-10T18:15:00Z|0.1|2.2|0.6444444444444444|9", firstDays.get(1)),
                    served(meter, "2032-03-09", "2032-03-12"), "right after a late correction");
        }
        refresh(meter);
        compress("2032-03-08", "2032-03-13");
        List<String> lastDays = List.of("2032-03-10|2032-03-09T18:15:00Z|2032-03-10T18:15:00Z|0.05|2.2|0.585|10", firstDays.get(1));
        try (Connection held = holdRefresh()) {
            importFile(meter, zone, Map.of("2032-03-10T12:00:00Z", 0.05));
            assertEquals(lastDays, served(meter, "2032-03-09", "2032-03-12"), "right after a late write into compressed chunks");
        }
        refresh(meter);
        assertEquals(lastDays, served(meter, "2032-03-09", "2032-03-12"), "after refreshing compressed aggregates");
        assertEquals(List.of("2032-03-11|2032-03-10T18:15:00Z|2032-03-11T18:15:00Z|5.0|5.0|5.0|1"), served(meter, "2032-03-11", "2032-03-11"),
                "a range of one day");
    }

    /**
     * Europe/London's autumn day 2033-10-30 is [10-29T23:00Z, 10-31T00:00Z): 25 hours holding the whole UTC day 10-30,
     * whose materialized bucket would add 0.1 + (0.2 + 0.3) = 0.6; PostgreSQL's ordered sum of the hours is
     * (0.1 + 0.2) + 0.3 = 0.6000000000000001, so the day is read by its hours.
     */
    @Test
    void aDayHoldingAWholeUtcDaySumsItsHours() throws Exception {
        String meter = meter();
        ZoneId zone = ZoneId.of("Europe/London");
        List<String> day = List.of("2033-10-30|2033-10-29T23:00:00Z|2033-10-31T00:00:00Z|0.1|0.3|0.20000000000000004|3");
        try (Connection held = holdRefresh()) {
            importFile(meter, zone, Map.of("2033-10-29T23:10:00Z", 0.1, "2033-10-30T02:10:00Z", 0.2, "2033-10-30T03:10:00Z", 0.3));
            assertEquals(day, served(meter, "2033-10-29", "2033-10-31"), "right after the import");
        }
        refresh(meter);
        assertEquals(day, served(meter, "2033-10-29", "2033-10-31"), "after the refresh");
    }

    /**
     * Five-minute readings over DST days (Berlin's spring change, London's autumn one: a 25-hour day holding a whole UTC
     * day, Lord Howe's half-hour change), :30/:45 zones and UTC (whole days from the daily aggregate), then corrections and new readings at odd minutes: every local
     * day equals the ordered sum of its UTC hours' ordered sums, computed here, bit for bit.
     */
    @ParameterizedTest(name = "zone {0}")
    @CsvSource({"UTC, 2033-06-01", "Asia/Kolkata, 2033-01-10", "Asia/Kathmandu, 2033-01-10", "Europe/Berlin, 2033-03-25", "Europe/London, 2033-10-28",
            "Australia/Lord_Howe, 2033-03-31"})
    void everyLocalDayIsExactAcrossZonesAndDstDays(String zoneName, String firstDay) throws Exception {
        String meter = meter();
        ZoneId zone = ZoneId.of(zoneName);
        LocalDate from = LocalDate.parse(firstDay);
        LocalDate to = from.plusDays(5);
        Random random = new Random(zoneName.hashCode() * 31L + 7);
        TreeMap<Instant, Double> all = new TreeMap<>();
        Map<String, Double> file = new TreeMap<>();
        for (Instant t = from.atStartOfDay(zone).toInstant(); t.isBefore(to.atStartOfDay(zone).toInstant()); t = t.plusSeconds(300)) {
            if (ambiguous(t, zone)) {
                continue;
            }
            double value = random.nextDouble() * 100;
            all.put(t, value);
            file.put(t.toString(), value);
        }
        try (Connection held = holdRefresh()) {
            importFile(meter, zone, file);
            assertEquals(expected(all, zone, from.minusDays(1), to), served(meter, from.minusDays(1).toString(), to.toString()), "after the import");
        }
        refresh(meter);
        assertEquals(expected(all, zone, from.minusDays(1), to), served(meter, from.minusDays(1).toString(), to.toString()), "after the refresh");
        try (Connection held = holdRefresh()) {
            Map<String, Double> late = new TreeMap<>();
            for (int i = 0; i < 40; i++) {
                Instant t = all.firstKey().plusSeconds(60L * random.nextInt(5 * 24 * 60));
                if (ambiguous(t, zone)) {
                    continue;
                }
                double value = random.nextDouble() * 150;
                all.put(t, value);
                late.put(t.toString(), value);
            }
            importFile(meter, zone, late);
            assertStale(meter);
            assertEquals(expected(all, zone, from.minusDays(1), to), served(meter, from.minusDays(1).toString(), to.toString()), "after late data");
        }
        refresh(meter);
        assertEquals(expected(all, zone, from.minusDays(1), to), served(meter, from.minusDays(1).toString(), to.toString()), "refreshed");
    }

    /**
     * A file that continues a channel's stored readings, in the middle of a day: that day holds readings of both files,
     * the days after only the new file's (which the import computes as it reads them).
     */
    @Test
    void aFileContinuingStoredReadingsMidDayKeepsEveryDayExact() throws Exception {
        String meter = meter();
        ZoneId zone = ZoneId.of("Asia/Kolkata");
        TreeMap<Instant, Double> all = every20Minutes(LocalDate.parse("2034-01-01").atStartOfDay(zone).toInstant(),
                LocalDate.parse("2034-01-07").atStartOfDay(zone).toInstant(), 11);
        Instant middle = LocalDateTime.parse("2034-01-03T12:10:00").atZone(zone).toInstant();
        Map<String, Double> before = new TreeMap<>();
        Map<String, Double> after = new TreeMap<>();
        all.forEach((t, value) -> (t.isBefore(middle) ? before : after).put(t.toString(), value));
        importFile(meter, zone, before);
        importFile(meter, zone, after);
        assertEquals(expected(all, zone, LocalDate.parse("2033-12-31"), LocalDate.parse("2034-01-07")),
                served(meter, "2033-12-31", "2034-01-07"));
        assertEquals(6, served(meter, "2033-12-31", "2034-01-07").size());
    }

    /** Rows out of time order are not summed on the way: their days come from the table, as exact. */
    @Test
    void rowsOutOfTimeOrderKeepEveryDayExact() throws Exception {
        String meter = meter();
        ZoneId zone = ZoneId.of("Asia/Kathmandu");
        TreeMap<Instant, Double> all = every20Minutes(Instant.parse("2035-05-01T00:00:00Z"), Instant.parse("2035-05-05T00:00:00Z"), 5);
        Map<String, Double> reversed = new LinkedHashMap<>();
        all.descendingMap().forEach((t, v) -> reversed.put(t.toString(), v));
        importFile(meter, zone, reversed);
        assertEquals(expected(all, zone, LocalDate.parse("2035-04-30"), LocalDate.parse("2035-05-06")), served(meter, "2035-04-30", "2035-05-06"));
    }

    /**
     * A file of more days than an import sums on the way (MAX_COMPUTED_DAYS: here 10 meters' channels of 2,600 days): they come
     * from the table, as exact.
     */
    @Test
    void aFileOfMoreDaysThanAreSummedOnTheWayKeepsEveryDayExact() throws Exception {
        String meter = meter();
        ZoneId zone = ZoneId.of("Europe/Berlin");
        TreeMap<Instant, Double> all = new TreeMap<>();
        StringBuilder csv = new StringBuilder(MeterImportConsistencyTest.HEADER);
        LocalDate first = LocalDate.parse("2000-01-01");
        for (int c = 0; c < 10; c++) {
            for (int d = 0; d < 2_600; d++) {
                Instant t = first.plusDays(d).atTime(12, 0).atZone(zone).toInstant();
                double value = (d + c) % 97 / 4.0;
                if (c == 0) {
                    all.put(t, value);
                }
                String code = c == 0 ? meter : meter + c;
                csv.append(code).append(',').append(code).append(",PC,").append(LP_TIME.format(t.atZone(zone).toLocalDateTime()))
                        .append(",Import varh Total,").append(value).append(",kvarh,\n");
            }
        }
        admin().contentType("text/csv").queryParam("zone", zone.getId()).body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .when().post("/meter-files").then().statusCode(201);
        for (String[] window : new String[][] {{"2000-01-01", "2000-01-04"}, {"2003-06-01", "2003-06-04"}, {"2007-02-01", "2007-02-05"}}) {
            assertEquals(expected(all, zone, LocalDate.parse(window[0]), LocalDate.parse(window[1])),
                    served(meter, window[0], window[1]), window[0]);
        }
    }

    /** Readings every 20 minutes in [from, to), of one decimal, drawn from the seed. */
    private static TreeMap<Instant, Double> every20Minutes(Instant from, Instant to, long seed) {
        Random random = new Random(seed);
        TreeMap<Instant, Double> readings = new TreeMap<>();
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(1200)) {
            readings.put(t, Math.round(random.nextDouble() * 1000) / 10.0);
        }
        return readings;
    }

    /** A local time that an autumn change repeats: a file cannot name its later instant. */
    private static boolean ambiguous(Instant t, ZoneId zone) {
        return zone.getRules().getValidOffsets(LocalDateTime.ofInstant(t, zone)).size() != 1;
    }

    /** PostgreSQL's definition: a local day's readings grouped by UTC hour, each hour summed in time order, the hours in time order. */
    static List<String> expected(NavigableMap<Instant, Double> readings, ZoneId zone, LocalDate from, LocalDate to) {
        List<String> out = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Instant start = day.atStartOfDay(zone).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
            NavigableMap<Instant, Double> of = readings.subMap(start, true, end, false);
            if (of.isEmpty()) {
                continue;
            }
            // Sums start from their first term, as PostgreSQL's sum does (0.0 + x is x anyway for these values).
            List<Double> hours = new ArrayList<>();
            Instant hourStart = null;
            for (Map.Entry<Instant, Double> r : of.entrySet()) {
                Instant h = r.getKey().truncatedTo(ChronoUnit.HOURS);
                if (h.equals(hourStart)) {
                    hours.set(hours.size() - 1, hours.get(hours.size() - 1) + r.getValue());
                } else {
                    hours.add(r.getValue());
                    hourStart = h;
                }
            }
            double sum = hours.get(0);
            for (int i = 1; i < hours.size(); i++) {
                sum += hours.get(i);
            }
            double min = of.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = of.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            out.add(day + "|" + start + "|" + end + "|" + min + "|" + max + "|" + (sum / of.size()) + "|" + of.size());
        }
        return out;
    }

    private List<String> served(String meter, String from, String to) throws Exception {
        String body = admin().queryParam("from", from).queryParam("to", to).when().get("/meters/" + meter + "/daily-stats")
                .then().statusCode(200).extract().asString();
        List<String> out = new ArrayList<>();
        for (JsonNode d : JSON.readTree(body)) {
            out.add(d.get("date").asText() + "|" + Instant.parse(d.get("start").asText()) + "|" + Instant.parse(d.get("end").asText()) + "|"
                    + d.get("min").doubleValue() + "|" + d.get("max").doubleValue() + "|" + d.get("avg").doubleValue() + "|" + d.get("count").intValue());
        }
        return out;
    }

    private boolean timescale() {
        return "timescaledb".equals(rollups.implementation());
    }

    /** On TimescaleDB a connection holding the refresher's lock, so that reads meet pending readings; elsewhere just a connection. */
    private Connection holdRefresh() throws Exception {
        Connection c = Sql.connect();
        if (timescale()) {
            c.createStatement().execute("select pg_advisory_lock(" + AggregateRefresher.LOCK + ")");
        } else {
            Log.infof("Refresher steps do not apply: statistics come from %s", chosen.describe());
        }
        return c;
    }

    private void assertStale(String meter) throws Exception {
        if (timescale()) {
            assertTrue(Integer.parseInt(Sql.rows("select count(*) from reading_pending p join meter_channel c on c.series_id = p.series_id"
                    + " where c.meter_code = ?", meter).get(0)) > 0, "the meter's readings are pending: served raw");
        }
    }

    private void refresh(String meter) throws Exception {
        if (timescale()) {
            refresher.refreshAll().await().atMost(Duration.ofMinutes(2));
            assertEquals(List.of("0|t"), Sql.rows("""
                    select (select count(*) from reading_pending p where p.series_id = c.series_id),
                           exists (select 1 from reading_hourly h where h.series_id = c.series_id)
                    from meter_channel c where c.meter_code = ?""", meter), "materialized");
        }
    }

    /** Compresses the chunks of the readings and of the reading aggregates that overlap [from, to). */
    private void compress(String from, String to) throws Exception {
        if (!timescale()) {
            return;
        }
        String chunks = """
                from timescaledb_information.chunks where range_start < timestamptz '%s' and range_end > timestamptz '%s'
                  and hypertable_name in (select 'reading' union all select materialization_hypertable_name
                                          from timescaledb_information.continuous_aggregates where view_name in ('reading_hourly', 'reading_daily_utc'))
                """.formatted(to, from);
        Sql.rows("select compress_chunk(format('%I.%I', chunk_schema, chunk_name)::regclass, true) " + chunks);
        assertEquals(List.of("3"), Sql.rows("select count(distinct hypertable_name) filter (where is_compressed) " + chunks),
                "readings and both aggregates are compressed there");
    }

    private static void importFile(String meter, ZoneId zone, Map<String, Double> readings) {
        StringBuilder csv = new StringBuilder(MeterImportConsistencyTest.HEADER);
        readings.forEach((t, v) -> csv.append(meter).append(',').append(meter).append(",PC,")
                .append(LP_TIME.format(Instant.parse(t).atZone(zone).toLocalDateTime())).append(",Import varh Total,").append(v).append(",kvarh,\n"));
        admin().contentType("text/csv").queryParam("zone", zone.getId()).body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .when().post("/meter-files").then().statusCode(201);
    }

    private static String meter() {
        return "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
