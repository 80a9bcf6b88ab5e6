package io.joule.meter.rest;

import static io.joule.testing.Api.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.pipeline.Reading;
import io.joule.pipeline.Slot;
import io.joule.pipeline.Slots;
import io.joule.series.SeriesSpec;
import io.joule.testing.Sql;
import io.joule.timeseries.DailyRollup;
import io.joule.timeseries.service.Rollups;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The bulk import (COPY, a slot recompute that reads stored readings a page at a time) leaves exactly what a full
 * recomputation gives, whichever way a file arrives: straight into readings, staged over stored readings, in
 * overlapping parts, or staged after a direct copy met a known channel or a repeated time.
 */
@QuarkusTest
class MeterImportConsistencyTest {
    @Inject
    Rollups rollups;
    @Inject
    Pool pool;
    static final String HEADER = "MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\n";
    static final DateTimeFormatter LP_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    static final LocalDateTime START = LocalDateTime.of(2021, 3, 20, 0, 0); // crosses Berlin's spring and autumn changes
    /** More than two pages of StoredSlotRecompute (10,000 readings) per channel. */
    static final int ROWS = 25_000;
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /**
     * The local times of a channel's rows: quarter-hours with a half-hour gap every 97 and a 3-hour gap (over max_gap)
     * every 1,000, leaving out those in Berlin's spring gap, which do not exist.
     */
    static final List<LocalDateTime> TIMES = new ArrayList<>();

    static {
        for (int i = 0; TIMES.size() < ROWS; i++) {
            LocalDateTime t = START.plusMinutes(15L * i + 15L * (i / 97) + 180L * (i / 1000));
            if (!BERLIN.getRules().getValidOffsets(t).isEmpty()) {
                TIMES.add(t);
            }
        }
    }

    static LocalDateTime time(int i) {
        return TIMES.get(i);
    }

    static String value(int i, int type) {
        return (i * 37 + type * 11) % 1000 / 10 + "." + (i % 7);
    }

    static final String[] TYPES = {"Import Wh Total", "Export Wh Total", "Import varh Total"};

    /** Rows from..to-1 of the three channels of a meter (two kWh, one kvarh), channel after channel. */
    static String file(String meter, int from, int to, int changedRow) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int type = 0; type < TYPES.length; type++) {
            for (int i = from; i < to; i++) {
                String v = i == changedRow && type == 0 ? "123.25" : value(i, type);
                csv.append(meter).append(',').append(meter).append(",PC,").append(LP_TIME.format(time(i))).append(',').append(TYPES[type])
                        .append(',').append(v).append(',').append(type == 2 ? "kvarh" : "kwh").append(",\n");
            }
        }
        return csv.toString();
    }

    static String meter() {
        return "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static ValidatableResponse post(String csv) {
        return admin().contentType("text/csv").queryParam("zone", "Europe/Berlin").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post("/meter-files").then();
    }

    /** Every stored fact of the meter's channels, without ids or the meter code, to compare two meters. */
    static List<String> state(String meter) throws Exception {
        return Sql.rows("""
                select split_part(s.key, '|', 3),
                       (select string_agg(r.ts || '=' || r.value, ',' order by r.ts) from reading r where r.series_id = s.id),
                       (select string_agg(x.slot_start || '=' || x.kwh, ',' order by x.slot_start) from slot_15m x where x.series_id = s.id),
                       (select string_agg(h.bucket_start || '=' || h.energy_kwh || '/' || h.min_kwh || '/' || h.max_kwh || '/' || h.slots, ','
                               order by h.bucket_start) from rollup_hourly h where h.series_id = s.id),
                       (select string_agg(d.day || '=' || d.bucket_start || '/' || d.energy_kwh || '/' || d.min_kwh || '/' || d.max_kwh || '/' || d.slots, ','
                               order by d.day) from rollup_daily d where d.series_id = s.id),
                       (select string_agg(d.day || '=' || d.bucket_start || '/' || d.min_value || '/' || d.max_value || '/' || d.sum_value || '/' || d.readings, ','
                               order by d.day) from reading_daily d where d.series_id = s.id)
                from series s where s.kind = 'meter' and s.key like ? order by 1""", meter + "|%");
    }

    @Test
    void aLargeFileGivesTheSlotsRollupsAndDailyStatisticsOfAFullRecomputation() throws Exception {
        String meter = meter();
        post(file(meter, 0, ROWS, -1)).statusCode(201).body("rows", equalTo(3 * ROWS));
        for (String type : TYPES) {
            String key = meter + "|" + meter + "|" + type;
            boolean kwh = !type.contains("varh");
            List<Reading> readings = new ArrayList<>();
            List<String> stored = new ArrayList<>();
            try (Connection c = Sql.connect()) {
                try (PreparedStatement q = c.prepareStatement("""
                        select r.ts, r.value from reading r join series s on s.id = r.series_id where s.kind = 'meter' and s.key = ? order by 1""")) {
                    q.setString(1, key);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            readings.add(new Reading(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getDouble(2)));
                        }
                    }
                }
                try (PreparedStatement q = c.prepareStatement("""
                        select x.slot_start, x.kwh from slot_15m x join series s on s.id = x.series_id where s.kind = 'meter' and s.key = ? order by 1""")) {
                    q.setString(1, key);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            stored.add(rs.getObject(1, OffsetDateTime.class).toInstant() + "=" + rs.getDouble(2));
                        }
                    }
                }
            }
            assertEquals(ROWS, readings.size(), type);
            List<String> expected = new ArrayList<>();
            if (kwh) {
                for (Slot s : Slots.computeAll(readings, SeriesSpec.meterChannel(key, BERLIN, true, true).profile())) {
                    expected.add(s.start() + "=" + s.kwh());
                }
            }
            assertEquals(expected.size(), stored.size(), type);
            assertEquals(expected, stored, type);
            if (kwh) {
                assertEquals(true, expected.size() > ROWS, "slots of " + type + ": " + expected.size());
            }
        }
        // Each rollup and daily statistic is what its bucket's slots or readings sum to, in time order, and none is missing.
        String series = "(select id from series where kind = 'meter' and key like '" + meter + "|%')";
        // On TimescaleDB the continuous aggregates serve and the rollup tables stay empty: the statistics are checked as served.
        boolean rollupTables = "postgresql".equals(rollups.implementation());
        if (!rollupTables) {
            assertServedDaysEqualTheirSlots(meter);
        }
        assertEquals(List.of("0|0|0|0"), Sql.rows("""
                select (select count(*) from rollup_hourly h cross join lateral (
                            select sum(kwh order by slot_start) as e, min(kwh) as mn, max(kwh) as mx, count(*) as n from slot_15m x
                            where x.series_id = h.series_id and x.slot_start >= h.bucket_start and x.slot_start < h.bucket_start + interval '1 hour') x
                        where h.series_id in %1$s and (h.energy_kwh, h.min_kwh, h.max_kwh, h.slots) is distinct from (x.e, x.mn, x.mx, x.n)),
                       (select count(*) from rollup_daily d cross join lateral (
                            select sum(kwh order by slot_start) as e, min(kwh) as mn, max(kwh) as mx, count(*) as n from slot_15m x
                            where x.series_id = d.series_id and x.slot_start >= d.bucket_start and x.slot_start < d.bucket_end) x
                        where d.series_id in %1$s and (d.energy_kwh, d.min_kwh, d.max_kwh, d.slots) is distinct from (x.e, x.mn, x.mx, x.n)),
                       (select count(*) from reading_daily d cross join lateral (
                            select min(mn) as mn, max(mx) as mx, sum(e order by h) as e, sum(n) as n from (
                                select date_bin('1 hour', ts, timestamptz '2000-01-01 00:00:00+00') as h, min(value) as mn, max(value) as mx,
                                       sum(value order by ts) as e, count(*) as n from reading r
                                where r.series_id = d.series_id and r.ts >= d.bucket_start and r.ts < d.bucket_end group by 1) hours) x
                        where d.series_id in %1$s and (d.min_value, d.max_value, d.sum_value, d.readings) is distinct from (x.mn, x.mx, x.e, x.n)),
                       %2$s
                """.formatted(series, rollupTables ? """
                       (select count(*) from slot_15m x where x.series_id in %1$s
                            and not exists (select 1 from rollup_hourly h where h.series_id = x.series_id and h.bucket_start = date_bin('1 hour', x.slot_start, timestamptz '2000-01-01 00:00:00+00'))
                            or x.series_id in %1$s
                            and not exists (select 1 from rollup_daily d where d.series_id = x.series_id and x.slot_start >= d.bucket_start and x.slot_start < d.bucket_end))
                       """.formatted(series) : "0")));
        // a Berlin day is 23 hours in spring: the local day of the change has its exact bounds and every row of it
        long rowsThatDay = TIMES.stream().filter(t -> t.toLocalDate().equals(java.time.LocalDate.of(2021, 3, 28))).count();
        assertEquals(true, rowsThatDay > 80 && rowsThatDay <= 92, "rows on 2021-03-28: " + rowsThatDay);
        long varh = Long.parseLong(Sql.rows("select id from series where kind = 'meter' and key = ?", meter + "|" + meter + "|Import varh Total").get(0));
        assertEquals(List.of("2021-03-28|2021-03-27T23:00:00Z|2021-03-28T22:00:00Z|" + rowsThatDay),
                rollups.readingDaily(pool, List.of(varh), BERLIN, LocalDate.of(2021, 3, 28), LocalDate.of(2021, 3, 28))
                        .await().atMost(Duration.ofSeconds(60)).stream().map(d -> d.date() + "|" + d.start() + "|" + d.end() + "|" + d.count()).toList());
    }

    /** Every local day of each kWh channel, as the store serves it, holds exactly its slots, and no day with slots is missing. */
    void assertServedDaysEqualTheirSlots(String meter) throws Exception {
        for (String type : TYPES) {
            if (type.contains("varh")) {
                continue;
            }
            long id = Long.parseLong(Sql.rows("select id from series where kind = 'meter' and key = ?", meter + "|" + meter + "|" + type).get(0));
            List<DailyRollup> days = rollups.daily(pool, id, BERLIN, LocalDate.of(2020, 1, 1), LocalDate.of(2023, 12, 31))
                    .await().atMost(Duration.ofSeconds(60));
            assertEquals(Sql.rows("select count(distinct (slot_start at time zone 'Europe/Berlin')::date) from slot_15m where series_id = ?", id),
                    List.of(Integer.toString(days.size())), type);
            for (DailyRollup day : days) {
                String[] raw = Sql.rows("select sum(kwh order by slot_start) || '|' || count(*) from slot_15m where series_id = ? and slot_start >= ? and slot_start < ?",
                        id, java.sql.Timestamp.from(day.start()), java.sql.Timestamp.from(day.end())).get(0).split("\\|");
                assertEquals(Integer.parseInt(raw[1]), day.slots(), type + " " + day.date());
                assertEquals(Double.parseDouble(raw[0]), day.energyKwh(), 1e-9, type + " " + day.date());
            }
        }
    }

    @Test
    void overlappingPartsOverStoredReadingsGiveTheStateOfOneImport() throws Exception {
        String whole = meter();
        String parts = meter();
        int changed = 12_345;
        post(file(whole, 0, ROWS, changed)).statusCode(201);
        // the later part first (straight into readings), then the earlier one over it (staged: it overlaps stored
        // readings, and changes one of them), then the earlier part again (staged, changes nothing)
        post(file(parts, 10_000, ROWS, -1)).statusCode(201).body("rows", equalTo(3 * (ROWS - 10_000)));
        post(file(parts, 0, 15_000, changed)).statusCode(201).body("rows", equalTo(3 * 15_000));
        post(file(parts, 0, 15_000, changed)).statusCode(201);
        List<String> expected = state(whole);
        assertEquals(3, expected.size());
        assertEquals(expected, state(parts));
    }

    @Test
    void rowsYearsApartRecomputeOnlyAroundThemselvesAndGiveTheStateOfOneImport() throws Exception {
        String meter = meter();
        String reference = meter();
        post(file(meter, 0, 2_000, -1)).statusCode(201);
        String far = HEADER + "%1$s,%1$s,PC,01/01/2020 12:00:00,Import Wh Total,7.5,kwh,\n%1$s,%1$s,PC,01/06/2022 12:00:00,Import Wh Total,2.5,kwh,\n";
        boolean plain = "postgresql".equals(rollups.implementation());
        String series = "(select id from series where kind = 'meter' and key = '" + meter + "|" + meter + "|Import Wh Total')";
        String middle = " where series_id = " + series + " and %s >= '2021-03-21' and %s < '2021-04-05'";
        // on TimescaleDB the rollup tables stay empty and compressed rows have no xmin: the state comparison below still tells
        String firstWrite = plain ? Sql.rows("select distinct xmin::text from slot_15m" + middle.formatted("slot_start", "slot_start")).get(0) : null;

        post(String.format(far, meter)).statusCode(201).body("rows", equalTo(2)).body("from", equalTo("2020-01-01T11:00:00Z"))
                .body("to", equalTo("2022-06-01T10:00:00Z"));

        post(file(reference, 0, 2_000, -1).replace(HEADER, String.format(far, reference))).statusCode(201);
        assertEquals(state(reference), state(meter), "the state of one import of both files");
        if (plain) {
            for (String[] table : new String[][] {{"slot_15m", "slot_start"}, {"rollup_hourly", "bucket_start"}, {"rollup_daily", "day"},
                    {"reading_daily", "day"}}) {
                List<String> counts = Sql.rows("select count(*), count(*) filter (where xmin::text = '" + firstWrite + "') from " + table[0]
                        + middle.formatted(table[1], table[1]));
                String[] both = counts.get(0).split("\\|");
                assertEquals(both[0], both[1], table[0] + " rows between the far rows, all untouched");
                assertTrue(Integer.parseInt(both[0]) > 0, table[0] + " has rows between");
            }
        }
    }

    /**
     * A new channel's slots are computed while its rows are read when they come in time order, and from its stored
     * readings after the copy when they do not: the same state, also when rows years apart make several spans.
     */
    @Test
    void rowsInTimeOrderAndLatestFirstGiveTheSameState() throws Exception {
        String inOrder = meter();
        String latestFirst = meter();
        for (String meter : List.of(inOrder, latestFirst)) {
            List<String> rows = new ArrayList<>();
            rows.add(String.format("%1$s,%1$s,PC,01/01/2020 12:00:00,Import Wh Total,7.5,kwh,", meter));
            rows.addAll(List.of(file(meter, 0, 2_000, -1).substring(HEADER.length()).split("\n")));
            rows.add(String.format("%1$s,%1$s,PC,01/06/2022 12:00:00,Import Wh Total,2.5,kwh,", meter));
            if (meter.equals(latestFirst)) {
                java.util.Collections.reverse(rows);
            }
            post(HEADER + String.join("\n", rows) + "\n").statusCode(201).body("rows", equalTo(3 * 2_000 + 2));
        }
        List<String> expected = state(inOrder);
        assertEquals(3, expected.size());
        assertEquals(List.of("2"), Sql.rows("""
                select count(*) from reading r join series s on s.id = r.series_id where s.kind = 'meter' and s.key = ?
                and r.ts in ('2020-01-01T11:00:00Z', '2022-06-01T10:00:00Z')""", inOrder + "|" + inOrder + "|Import Wh Total"), "the rows years apart");
        assertEquals(expected, state(latestFirst));
    }

    /**
     * A new channel's slots written while the file is read (past the slots held between the rows' COPYs), and then a row
     * of it out of order: its slots are recomputed from its readings, replacing those written, as for a file in order.
     */
    @Test
    void aRowOutOfOrderAfterSlotsWereWrittenGivesTheStateOfTheFileInOrder() throws Exception {
        String late = meter();
        String inOrder = meter();
        String early = "%1$s,%1$s,PC,19/03/2021 23:45:00,Import Wh Total,4.5,kwh,\n";
        post(file(late, 0, ROWS, -1) + String.format(early, late)).statusCode(201).body("rows", equalTo(3 * ROWS + 1));
        post(HEADER + String.format(early, inOrder) + file(inOrder, 0, ROWS, -1).substring(HEADER.length())).statusCode(201);
        assertEquals(state(inOrder), state(late));
    }

    /**
     * Three long new channels whose slots are written while they are read, then more new channels than the readings held
     * for their slots may cover: every channel's slots are given up on the way (those written included) and recomputed
     * from its readings, as for the same rows latest first.
     */
    @Test
    void manyNewChannelsGiveUpTheirSlotsOnTheWayAndGetThemAfter() throws Exception {
        String many = meter();
        String latestFirst = meter();
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                messages.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.joule.meter.service.MeterImportService");
        log.addHandler(handler);
        try {
            for (String meter : List.of(many, latestFirst)) {
                List<String> lines = new ArrayList<>();
                for (int c = 0; c < 113; c++) {
                    // 3 x 40,000 rows, then 110 x 950: 224,500 rows, past MAX_HELD_READINGS at the 27th check
                    for (int i = 0; i < (c < 3 ? 40_000 : 950); i++) {
                        lines.add(meter + "," + meter + ",PC," + LP_TIME.format(START.plusMinutes(15L * i)) + ",Import Wh " + c + ","
                                + value(i, c) + ",kwh,");
                    }
                }
                if (meter.equals(latestFirst)) {
                    java.util.Collections.reverse(lines);
                }
                admin().contentType("text/csv").body((HEADER + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))
                        .when().post("/meter-files").then().statusCode(201).body("rows", equalTo(3 * 40_000 + 110 * 950));
                if (meter.equals(many)) {
                    assertTrue(messages.stream().anyMatch(m -> m.contains("given up on the way")), "the slots were given up: " + messages);
                }
            }
        } finally {
            log.removeHandler(handler);
        }
        List<String> expected = state(many);
        assertEquals(113, expected.size());
        assertEquals(expected, state(latestFirst));
    }

    @Test
    void aKnownChannelAfterNewOnesStagesTheWholeFile() throws Exception {
        String known = meter();
        String fresh = meter();
        post(file(known, 0, 2_000, -1)).statusCode(201);
        // the new meter's rows come first and are copied straight into readings until the known meter's rows come
        String mixed = file(fresh, 0, 2_000, -1) + file(known, 0, 2_000, 1_000).substring(HEADER.length());
        post(mixed).statusCode(201).body("rows", equalTo(2 * 3 * 2_000)).body("meters", contains(
                known.compareTo(fresh) < 0 ? known : fresh, known.compareTo(fresh) < 0 ? fresh : known));
        String reference = meter();
        post(file(reference, 0, 2_000, 1_000)).statusCode(201);
        assertEquals(state(reference), state(known));
        assertEquals(state(reference).size(), state(fresh).size());
        assertEquals(List.of("6000"), Sql.rows("""
                select count(*) from reading r join series s on s.id = r.series_id where s.kind = 'meter' and s.key like ?""", fresh + "|%"));
    }

    @Test
    void aTimeRepeatedFarIntoANewChannelIsReportedByLineAndNothingIsKept() throws Exception {
        String meter = meter();
        String csv = file(meter, 0, ROWS, -1);
        String[] lines = csv.split("\n");
        // line 3 is row 1 of the first channel; its copy goes last, after 75,000 rows were copied straight into readings
        post(csv + lines[2] + "\n").statusCode(400)
                .body("detail", equalTo("The file repeats readings; nothing was imported"))
                .body("errors.line", contains(lines.length + 1))
                .body("errors[0].detail", equalTo("repeats the channel and time of line 3"));
        assertEquals(List.of("0|0"), Sql.rows("""
                select (select count(*) from series where kind = 'meter' and key like ?),
                       (select count(*) from meter_channel where meter_code = ?)""", meter + "|%", meter));
    }
}
