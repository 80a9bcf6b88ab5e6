package io.joule.timeseries.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.joule.pipeline.Quantity;
import io.joule.pipeline.Reading;
import io.joule.pipeline.Sampling;
import io.joule.pipeline.Slots;
import io.joule.series.SeriesKind;
import io.joule.series.SeriesSpec;
import io.joule.testing.Sql;
import io.joule.timeseries.DailyRollup;
import io.joule.timeseries.WriteSummary;
import io.joule.timeseries.RollupStore;
import io.joule.forecast.HourlyEnergy;
import io.joule.pipeline.TimeRange;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rollups always equal a raw recomputation from the slots, and days follow the series' zone. */
@QuarkusTest
class RollupConsistencyTest {
    @Inject
    TimeSeriesWriter writer;
    @Inject
    RollupStore rollups;
    @Inject
    Pool pool;

    static SeriesSpec meter(String zone) {
        return new SeriesSpec(SeriesKind.METER, "test-" + UUID.randomUUID(), ZoneId.of(zone), Quantity.POWER,
                Sampling.REGULAR, Duration.ofHours(1));
    }

    WriteSummary write(SeriesSpec spec, TreeMap<Instant, Double> readings) {
        List<Reading> batch = new ArrayList<>();
        readings.forEach((t, v) -> batch.add(new Reading(t, v)));
        return writer.write(spec, batch).await().atMost(Duration.ofSeconds(30));
    }

    /** A batch spread over hours is mostly one range; spread over days, it is several ranges recomputed around its readings. */
    @ParameterizedTest(name = "zone {0}, a batch spread over {1} hours")
    @CsvSource({"UTC, 6", "Europe/Berlin, 6", "Asia/Kathmandu, 6", "Europe/Berlin, 96", "Asia/Kathmandu, 96"})
    void rollupsEqualARawRecomputationAfterLateAndCorrectedWrites(String zone, int spreadHours) throws Exception {
        SeriesSpec spec = meter(zone);
        Random random = new Random(zone.hashCode() + spreadHours);
        Instant origin = Instant.parse("2024-03-29T00:00:00Z");
        long seriesId = 0;
        for (int batch = 0; batch < 40; batch++) {
            TreeMap<Instant, Double> readings = new TreeMap<>();
            int size = 1 + random.nextInt(40);
            Instant at = origin.plusSeconds(60L * random.nextInt(5 * 24 * 60));
            for (int i = 0; i < size; i++) {
                // sevenths: sums whose last bits depend on the order of their terms
                readings.put(at.plusSeconds(60L * random.nextInt(spreadHours * 60)), random.nextInt(3500) / 7.0);
            }
            seriesId = write(spec, readings).seriesId();
        }
        assertEquals(fullRecomputation(seriesId, spec), storedSlots(seriesId), "slots as a full recomputation of the stored readings gives them");
        assertEquals(rawDaily(seriesId, zone), storeDaily(rollups, pool, seriesId, zone), "daily statistics as served");
        assertEquals(rawHourly(seriesId), storeHourly(rollups, pool, seriesId), "hourly energy as served");
        if (!"postgresql".equals(rollups.implementation())) {
            return; // the rollup tables are not kept where continuous aggregates serve
        }
        assertEquals(List.of("0|0|0"), exactMismatches(seriesId), "rollup rows that differ from their slots folded in time order, "
                + "and slots without their rows");
        assertEquals(Sql.rows("""
                select date_bin('1 hour', slot_start, timestamptz '2000-01-01 00:00:00+00'), round(sum(kwh)::numeric, 9),
                       min(kwh), max(kwh), count(*)
                from slot_15m where series_id = ? group by 1 order by 1""", seriesId),
                Sql.rows("""
                select bucket_start, round(energy_kwh::numeric, 9), min_kwh, max_kwh, slots
                from rollup_hourly where series_id = ? order by 1""", seriesId), "hourly");
        assertEquals(Sql.rows("""
                select (slot_start at time zone ?)::date, round(sum(kwh)::numeric, 9), min(kwh), max(kwh), count(*)
                from slot_15m where series_id = ? group by 1 order by 1""", zone, seriesId),
                Sql.rows("""
                select day, round(energy_kwh::numeric, 9), min_kwh, max_kwh, slots
                from rollup_daily where series_id = ? order by 1""", seriesId), "daily");
    }

    @Test
    void springForwardGivesA23HourDayAndFallBackA25HourDay() {
        SeriesSpec spec = meter("Europe/Berlin");
        TreeMap<Instant, Double> readings = new TreeMap<>();
        // 4 kW every 15 minutes (1 kWh a slot) over both changes of 2024.
        for (Instant t = Instant.parse("2024-03-30T12:00:00Z"); t.isBefore(Instant.parse("2024-04-01T12:00:00Z")); t = t.plusSeconds(900)) {
            readings.put(t, 4.0);
        }
        for (Instant t = Instant.parse("2024-10-26T12:00:00Z"); t.isBefore(Instant.parse("2024-10-28T12:00:00Z")); t = t.plusSeconds(900)) {
            readings.put(t, 4.0);
        }
        long id = write(spec, readings).seriesId();
        List<DailyRollup> march = rollups.daily(pool, id, LocalDate.of(2024, 3, 31), LocalDate.of(2024, 3, 31)).await().indefinitely();
        assertEquals(List.of(new DailyRollup(LocalDate.of(2024, 3, 31), Instant.parse("2024-03-30T23:00:00Z"),
                Instant.parse("2024-03-31T22:00:00Z"), 92, 1, 1, 1, 92)), march);
        List<DailyRollup> october = rollups.daily(pool, id, LocalDate.of(2024, 10, 27), LocalDate.of(2024, 10, 27)).await().indefinitely();
        assertEquals(List.of(new DailyRollup(LocalDate.of(2024, 10, 27), Instant.parse("2024-10-26T22:00:00Z"),
                Instant.parse("2024-10-27T23:00:00Z"), 100, 1, 1, 1, 100)), october);
    }

    @Test
    void daysStartAtLocalMidnightInZonesWithQuarterHourOffsets() {
        SeriesSpec spec = meter("Asia/Kathmandu");
        TreeMap<Instant, Double> readings = new TreeMap<>();
        for (Instant t = Instant.parse("2024-05-01T12:00:00Z"); t.isBefore(Instant.parse("2024-05-03T12:00:00Z")); t = t.plusSeconds(900)) {
            readings.put(t, 4.0);
        }
        long id = write(spec, readings).seriesId();
        List<DailyRollup> day = rollups.daily(pool, id, LocalDate.of(2024, 5, 2), LocalDate.of(2024, 5, 2)).await().indefinitely();
        assertEquals(List.of(new DailyRollup(LocalDate.of(2024, 5, 2), Instant.parse("2024-05-01T18:15:00Z"),
                Instant.parse("2024-05-02T18:15:00Z"), 96, 1, 1, 1, 96)), day);
    }

    @Test
    void aBatchSpanningTheSupportedRangeRollsUpTheDaysThatHoldSlots() throws Exception {
        // Listing every local day between its ends (2.9 million) ran a 192 MB heap out and held the event loop for seconds.
        SeriesSpec spec = meter("Europe/Berlin");
        TreeMap<Instant, Double> readings = new TreeMap<>();
        for (String day : List.of("1900-01-02", "1960-07-01", "9998-12-29")) {
            for (int quarter = 0; quarter < 8; quarter++) {
                readings.put(Instant.parse(day + "T00:00:00Z").plusSeconds(900L * quarter), 4.0);
            }
        }
        long id = write(spec, readings).seriesId();
        assertEquals(List.of(new DailyRollup(LocalDate.of(1900, 1, 2), Instant.parse("1900-01-01T23:00:00Z"),
                Instant.parse("1900-01-02T23:00:00Z"), 8, 1, 1, 1, 8)),
                rollups.daily(pool, id, LocalDate.of(1900, 1, 2), LocalDate.of(1900, 1, 2)).await().indefinitely());
        assertEquals(List.of(new DailyRollup(LocalDate.of(1960, 7, 1), Instant.parse("1960-06-30T23:00:00Z"),
                Instant.parse("1960-07-01T23:00:00Z"), 8, 1, 1, 1, 8)),
                rollups.daily(pool, id, LocalDate.of(1960, 7, 1), LocalDate.of(1960, 7, 1)).await().indefinitely());
        assertEquals(List.of(new DailyRollup(LocalDate.of(9998, 12, 29), Instant.parse("9998-12-28T23:00:00Z"),
                Instant.parse("9998-12-29T23:00:00Z"), 8, 1, 1, 1, 8)),
                rollups.daily(pool, id, LocalDate.of(9998, 12, 29), LocalDate.of(9998, 12, 29)).await().indefinitely());
        if ("postgresql".equals(rollups.implementation())) {
            assertEquals(List.of("0|0|0"), exactMismatches(id), "rollup rows that differ from their slots");
            assertEquals(List.of("3"), Sql.rows("select count(*) from rollup_daily where series_id = ?", id), "daily rows");
        }
    }

    @Test
    void aCenturiesWideBatchFarFromUtcRollsUpEverySlotIntoItsLocalDay() throws Exception {
        // 14 hours ahead, a UTC date overlaps two local days: slots on both sides of UTC midnight
        SeriesSpec spec = meter("Pacific/Kiritimati");
        TreeMap<Instant, Double> readings = new TreeMap<>();
        for (String day : List.of("1901-03-01", "2024-03-30", "9998-12-28")) {
            for (int quarter = -4; quarter < 4; quarter++) {
                readings.put(Instant.parse(day + "T10:00:00Z").plusSeconds(900L * quarter), 4.0);
            }
        }
        long id = write(spec, readings).seriesId();
        assertEquals(List.of(new DailyRollup(LocalDate.of(2024, 3, 30), Instant.parse("2024-03-29T10:00:00Z"),
                Instant.parse("2024-03-30T10:00:00Z"), 4, 1, 1, 1, 4), new DailyRollup(LocalDate.of(2024, 3, 31),
                Instant.parse("2024-03-30T10:00:00Z"), Instant.parse("2024-03-31T10:00:00Z"), 4, 1, 1, 1, 4)),
                rollups.daily(pool, id, LocalDate.of(2024, 3, 30), LocalDate.of(2024, 3, 31)).await().indefinitely());
        if ("postgresql".equals(rollups.implementation())) {
            assertEquals(List.of("0|0|0"), exactMismatches(id), "rollup rows that differ from their slots");
            assertEquals(List.of("6|24"), Sql.rows("select count(*), sum(slots) from rollup_daily where series_id = ?", id),
                    "two local days a cluster, every slot in one");
        }
    }

    @Test
    void aBatchFarFromStoredReadingsRewritesOnlyTheSlotsAndRollupsAroundItsReadings() throws Exception {
        SeriesSpec spec = meter("UTC");
        TreeMap<Instant, Double> day = new TreeMap<>();
        for (Instant t = Instant.parse("2024-04-10T00:00:00Z"); t.isBefore(Instant.parse("2024-04-11T00:00:00Z")); t = t.plusSeconds(900)) {
            day.put(t, 4.0);
        }
        long id = write(spec, day).seriesId();
        // TimescaleDB compresses chunks this old, and compressed rows have no xmin; the slots' values and count still tell
        boolean plain = "postgresql".equals(rollups.implementation());
        String firstWrite = plain ? Sql.rows("select distinct xmin::text from slot_15m where series_id = ?", id).get(0) : null;

        TreeMap<Instant, Double> farApart = new TreeMap<>();
        farApart.put(Instant.parse("2024-04-01T00:00:00Z"), 8.0);
        farApart.put(Instant.parse("2024-04-20T00:00:00Z"), 8.0);
        WriteSummary summary = write(spec, farApart);

        // two isolated readings: one nominal 15-minute interval each, not the 96 stored slots between them
        assertEquals(2, summary.slotsWritten());
        assertEquals(Instant.parse("2024-03-31T23:00:00Z"), summary.from());
        assertEquals(Instant.parse("2024-04-20T02:00:00Z"), summary.to());
        assertEquals(List.of("98|100"), Sql.rows("select count(*), sum(kwh) from slot_15m where series_id = ?", id));
        assertEquals(rawDaily(id, "UTC"), storeDaily(rollups, pool, id, "UTC"), "daily statistics as served");
        if (plain) {
            assertEquals(List.of("96"), Sql.rows("select count(*) from slot_15m where series_id = ? and xmin::text = ?", id, firstWrite),
                    "stored slots between the readings, untouched");
            assertEquals(List.of("2024-04-01 00:00:00+00|2", "2024-04-20 00:00:00+00|2"),
                    Sql.rows("select slot_start, kwh from slot_15m where series_id = ? and xmin::text <> ? order by 1", id, firstWrite));
            assertEquals(List.of("24|1"), Sql.rows("select count(*), count(distinct xmin::text) from rollup_hourly where series_id = ? "
                    + "and bucket_start >= '2024-04-10' and bucket_start < '2024-04-11' and xmin::text = ?", id, firstWrite),
                    "hourly rows between, untouched");
            assertEquals(List.of("2024-04-01|2", "2024-04-10|96", "2024-04-20|2"),
                    Sql.rows("select day, energy_kwh from rollup_daily where series_id = ? order by 1", id));
            assertEquals(List.of("0|0|0"), exactMismatches(id), "rollup rows that differ from their slots");
        }
    }

    /**
     * Hours and days wholly inside a write's ranges take the rollups computed with its slots; those at the ranges' ends are
     * read back. A week of 5-minute readings over a spring-forward day, written in parts, latest first (so every part's
     * last hour and day already hold later slots) and in shuffled order, has to the last bit the rollup rows of the same
     * week written at once.
     */
    @Test
    void aWeekWrittenInPartsHasTheRollupRowsOfOneWrite() throws Exception {
        TreeMap<Instant, Double> week = new TreeMap<>();
        Instant origin = Instant.parse("2024-03-27T21:35:00Z");
        Random random = new Random(42);
        for (int i = 0; i < 7 * 288; i++) {
            week.put(origin.plusSeconds(300L * i), random.nextInt(3500) / 7.0);
        }
        long atOnce = write(meter("Europe/Berlin"), week).seriesId();
        List<Instant> times = new ArrayList<>(week.keySet());
        List<TreeMap<Instant, Double>> parts = new ArrayList<>();
        for (int from = 0; from < times.size(); ) {
            int to = Math.min(times.size(), from + 50 + random.nextInt(650));
            parts.add(new TreeMap<>(week.subMap(times.get(from), true, times.get(to - 1), true)));
            from = to;
        }
        List<TreeMap<Instant, Double>> latestFirst = new ArrayList<>(parts);
        Collections.reverse(latestFirst);
        List<TreeMap<Instant, Double>> shuffled = new ArrayList<>(parts);
        Collections.shuffle(shuffled, random);
        String hourly = "select bucket_start, energy_kwh, min_kwh, max_kwh, slots from rollup_hourly where series_id = ? order by 1";
        String daily = "select day, bucket_start, bucket_end, energy_kwh, min_kwh, max_kwh, slots from rollup_daily where series_id = ? order by 1";
        boolean plain = "postgresql".equals(rollups.implementation());
        if (plain) {
            assertEquals(169, Sql.rows(hourly, atOnce).size(), "UTC hours 2024-03-27T21:00 to 2024-04-03T21:00");
            assertEquals(List.of("2024-03-31|2024-03-30 23:00:00+00|2024-03-31 22:00:00+00|92"),
                    Sql.rows("select day, bucket_start, bucket_end, slots from rollup_daily where series_id = ? and day = '2024-03-31'", atOnce),
                    "the 23-hour day");
            assertEquals(List.of("0|0|0"), exactMismatches(atOnce), "rollup rows that differ from their slots, written at once");
        }
        for (List<TreeMap<Instant, Double>> order : List.of(latestFirst, shuffled)) {
            SeriesSpec spec = meter("Europe/Berlin");
            long inParts = 0;
            for (TreeMap<Instant, Double> part : order) {
                inParts = write(spec, part).seriesId();
            }
            if (!plain) {
                assertEquals(storeDaily(rollups, pool, atOnce, "Europe/Berlin"), storeDaily(rollups, pool, inParts, "Europe/Berlin"));
                continue;
            }
            assertEquals(Sql.rows(hourly, atOnce), Sql.rows(hourly, inParts), "hourly rows");
            assertEquals(Sql.rows(daily, atOnce), Sql.rows(daily, inParts), "daily rows");
            assertEquals(List.of("0|0|0"), exactMismatches(inParts), "rollup rows that differ from their slots, written in parts");
        }
    }

    /** The slots of every stored reading of the series, computed at once: epoch second|kWh, in order. */
    static List<String> fullRecomputation(long seriesId, SeriesSpec spec) throws Exception {
        List<Reading> stored = new ArrayList<>();
        for (String row : Sql.rows("select extract(epoch from ts)::bigint, value from reading where series_id = ? order by ts", seriesId)) {
            String[] cells = row.split("\\|");
            stored.add(new Reading(Instant.ofEpochSecond(Long.parseLong(cells[0])), Double.parseDouble(cells[1])));
        }
        return Slots.computeAll(stored, spec.profile()).stream().map(s -> s.start().getEpochSecond() + "|" + s.kwh()).toList();
    }

    /** The stored slots of the series as {@link #fullRecomputation} gives them. */
    static List<String> storedSlots(long seriesId) throws Exception {
        return Sql.rows("select extract(epoch from slot_start)::bigint, kwh from slot_15m where series_id = ? order by 1", seriesId)
                .stream().map(row -> row.split("\\|")).map(cells -> cells[0] + "|" + Double.parseDouble(cells[1])).toList();
    }

    /**
     * Hourly and daily rows that are not, to the last bit, what their slots sum to in time order (their min, max and
     * count too), and slots that no hourly row holds: each count should be 0.
     */
    static List<String> exactMismatches(long seriesId) throws Exception {
        return Sql.rows("""
                select (select count(*) from rollup_hourly h cross join lateral (
                            select sum(kwh order by slot_start) as e, min(kwh) as mn, max(kwh) as mx, count(*) as n from slot_15m x
                            where x.series_id = h.series_id and x.slot_start >= h.bucket_start and x.slot_start < h.bucket_start + interval '1 hour') x
                        where h.series_id = ? and (h.energy_kwh, h.min_kwh, h.max_kwh, h.slots) is distinct from (x.e, x.mn, x.mx, x.n)),
                       (select count(*) from rollup_daily d cross join lateral (
                            select sum(kwh order by slot_start) as e, min(kwh) as mn, max(kwh) as mx, count(*) as n from slot_15m x
                            where x.series_id = d.series_id and x.slot_start >= d.bucket_start and x.slot_start < d.bucket_end) x
                        where d.series_id = ? and (d.energy_kwh, d.min_kwh, d.max_kwh, d.slots) is distinct from (x.e, x.mn, x.mx, x.n)),
                       (select count(*) from slot_15m x where x.series_id = ? and not exists (select 1 from rollup_hourly h
                            where h.series_id = x.series_id and x.slot_start >= h.bucket_start and x.slot_start < h.bucket_start + interval '1 hour'))
                """, seriesId, seriesId, seriesId);
    }

    /** Per local day from the raw slots: date|energy (9 decimals)|min|max|slots. */
    static List<String> rawDaily(long seriesId, String zone) throws Exception {
        return Sql.rows("""
                select (slot_start at time zone ?)::date, round(sum(kwh)::numeric, 9), min(kwh), max(kwh), count(*)
                from slot_15m where series_id = ? group by 1 order by 1""", zone, seriesId).stream().map(r -> {
            String[] f = r.split("\\|");
            return f[0] + "|" + new java.math.BigDecimal(f[1]).stripTrailingZeros().toPlainString() + "|"
                    + plain(Double.parseDouble(f[2])) + "|" + plain(Double.parseDouble(f[3])) + "|" + f[4];
        }).toList();
    }

    /** The same from the store, over March and April 2024. */
    static List<String> storeDaily(RollupStore rollups, Pool pool, long seriesId, String zone) {
        List<DailyRollup> days = rollups.daily(pool, seriesId, ZoneId.of(zone), LocalDate.of(2024, 3, 1), LocalDate.of(2024, 4, 30))
                .await().atMost(Duration.ofSeconds(30));
        return days.stream().map(d -> d.date() + "|" + new java.math.BigDecimal(d.energyKwh()).setScale(9, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "|" + plain(d.minKwh()) + "|" + plain(d.maxKwh()) + "|" + d.slots()).toList();
    }

    /** Per UTC hour from the raw slots: start|energy (9 decimals). */
    static List<String> rawHourly(long seriesId) throws Exception {
        return Sql.rows("""
                select extract(epoch from date_bin('1 hour', slot_start, timestamptz '2000-01-01 00:00:00+00'))::bigint, round(sum(kwh)::numeric, 9)
                from slot_15m where series_id = ? group by 1 order by 1""", seriesId).stream()
                .map(r -> Instant.ofEpochSecond(Long.parseLong(r.split("\\|")[0])) + "|"
                        + new java.math.BigDecimal(r.split("\\|")[1]).stripTrailingZeros().toPlainString()).toList();
    }

    static List<String> storeHourly(RollupStore rollups, Pool pool, long seriesId) {
        List<HourlyEnergy> hours = rollups.hourly(pool, seriesId,
                new TimeRange(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-30T00:00:00Z"))).await().atMost(Duration.ofSeconds(30));
        return hours.stream().map(h -> h.hour() + "|" + new java.math.BigDecimal(h.kwh()).setScale(9, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString()).toList();
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
