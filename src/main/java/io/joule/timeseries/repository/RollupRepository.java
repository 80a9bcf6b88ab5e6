package io.joule.timeseries.repository;

import static io.joule.time.Timestamps.utc;

import io.joule.forecast.HourlyEnergy;
import io.joule.jdbc.BinaryCopy;
import io.joule.jdbc.Jdbc;
import io.joule.pipeline.TimeRange;
import io.joule.time.Zones;
import io.joule.timeseries.DailyRollup;
import io.joule.timeseries.RollupRebuild;
import io.joule.timeseries.SeriesDays;
import io.joule.timeseries.SlotBuckets;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Recomputes the hourly and daily rollups of a slot range from slot_15m. */
@ApplicationScoped
public class RollupRepository {

    private static final String DAILY = """
            select day, bucket_start, bucket_end, energy_kwh, min_kwh, max_kwh, slots
            from rollup_daily where series_id = $1 and day >= $2 and day <= $3 order by day
            """;

    private static final String HOURLY = """
            select bucket_start, energy_kwh from rollup_hourly
            where series_id = $1 and bucket_start >= $2 and bucket_start < $3 order by bucket_start
            """;

    private static final RangeDelete DELETE_HOURLY = RangeDelete.of("rollup_hourly", "bucket_start");

    /** $2, $3: the bounds of the hour ranges rebuilt (sorted, disjoint); each is read by its own index range scan. */
    private static final String INSERT_HOURLY = """
            insert into rollup_hourly (series_id, bucket_start, energy_kwh, min_kwh, max_kwh, slots)
            select $1, date_bin('1 hour', x.slot_start, timestamptz '2000-01-01 00:00:00+00'), sum(x.kwh order by x.slot_start),
                   min(x.kwh), max(x.kwh), count(*)
            from unnest($2::timestamptz[], $3::timestamptz[]) r(f, t)
            cross join lateral (select slot_start, kwh from slot_15m where series_id = $1 and slot_start >= r.f and slot_start < r.t offset 0) x
            group by 2
            """;

    /**
     * One hour [$2, $3), labelled $2 rather than by date_bin: the hours beside it are copied with the labels Java gives
     * them, and no PostgreSQL version may bin a slot of this range (before 2000 included) into one of theirs.
     */
    private static final String INSERT_ONE_HOUR = """
            insert into rollup_hourly (series_id, bucket_start, energy_kwh, min_kwh, max_kwh, slots)
            select $1, $2::timestamptz, sum(kwh order by slot_start), min(kwh), max(kwh), count(*)
            from slot_15m where series_id = $1 and slot_start >= $2 and slot_start < $3
            having count(*) > 0
            """;

    /**
     * $2, $3: the bounds of single hours, each labelled by its start: the hours beside them are inserted with the labels
     * Java gives them, and date_bin in some PostgreSQL releases put a time before its 2000 origin that falls on the hour
     * into the hour before, which would collide with one of theirs.
     */
    private static final String INSERT_EACH_HOUR = """
            insert into rollup_hourly (series_id, bucket_start, energy_kwh, min_kwh, max_kwh, slots)
            select $1, r.f, sum(x.kwh order by x.slot_start), min(x.kwh), max(x.kwh), count(*)
            from unnest($2::timestamptz[], $3::timestamptz[]) r(f, t)
            cross join lateral (select slot_start, kwh from slot_15m where series_id = $1 and slot_start >= r.f and slot_start < r.t offset 0) x
            group by r.f
            """;

    /** Hours computed in Java: $2 their starts, $3 – $6 their energy, min, max and slot count. */
    private static final String INSERT_HOURS = """
            insert into rollup_hourly (series_id, bucket_start, energy_kwh, min_kwh, max_kwh, slots)
            select $1, h.* from unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::int4[]) h
            """;

    /**
     * INSERT_EACH_HOUR and INSERT_DAILY run between these two, with generic plans: with their arrays' lengths known, a
     * custom plan always looked cheaper, so PostgreSQL planned them at every write (pg_stat_statements, 200 1,000-reading
     * batches: planning 40.8 ms in all before, 2.2 ms after; execution 449.1 and 462.1 ms). Each range is an index probe
     * either way (a lateral join). The other statements keep PostgreSQL's choice: generic, RangeDelete's few-keys delete
     * filtered a series' whole span between its ranges (performance log, 2026-12-07). The transaction's own mode, whatever
     * set it, is kept aside and put back.
     */
    private static final String GENERIC_PLANS = """
            select set_config('joule.plan_cache_mode', current_setting('plan_cache_mode'), true),
                   set_config('plan_cache_mode', 'force_generic_plan', true)
            """;
    /** Outside a transaction nothing was kept aside (the setting is empty or unknown), and the mode stays as it is. */
    private static final String PLANS_AS_BEFORE = """
            select set_config('plan_cache_mode',
                              coalesce(nullif(current_setting('joule.plan_cache_mode', true), ''), current_setting('plan_cache_mode')), true)
            """;

    private static final String DELETE_DAILY = """
            delete from rollup_daily where series_id = $1 and day >= $2 and day <= $3
            """;

    private static final String DELETE_DAYS = """
            delete from rollup_daily where series_id = $1 and day = any($2::date[])
            """;

    /**
     * $2, $3, $4: the local days and their exact UTC bounds, computed in Java (the zone never reaches SQL);
     * $5, $6 the bounds of each run of consecutive days, each read by one index range scan; width_bucket finds each
     * slot's day in the sorted starts. Sums run in time order, so a rollup is bit-identical whatever order the slots
     * were written in.
     */
    private static final String INSERT_DAILY = """
            insert into rollup_daily (series_id, day, bucket_start, bucket_end, energy_kwh, min_kwh, max_kwh, slots)
            select $1, ($2::date[])[b], ($3::timestamptz[])[b], ($4::timestamptz[])[b],
                   sum(kwh order by slot_start), min(kwh), max(kwh), count(*)
            from (select width_bucket(x.slot_start, $3::timestamptz[]) as b, x.slot_start, x.kwh
                  from unnest($5::timestamptz[], $6::timestamptz[]) r(f, t)
                  cross join lateral (select slot_start, kwh from slot_15m
                                      where series_id = $1 and slot_start >= r.f and slot_start < r.t offset 0) x) local
            group by b
            """;

    /** Days computed in Java: $2 – $4 their dates and exact UTC bounds, $5 – $8 their energy, min, max and slot count. */
    private static final String INSERT_DAYS = """
            insert into rollup_daily (series_id, day, bucket_start, bucket_end, energy_kwh, min_kwh, max_kwh, slots)
            select $1, d.* from unnest($2::date[], $3::timestamptz[], $4::timestamptz[], $5::float8[], $6::float8[], $7::float8[], $8::int4[]) d
            """;

    static final String SLOT_UTC_DATES = """
            select distinct (slot_start at time zone 'UTC')::date from slot_15m
            where series_id = $1 and slot_start >= $2 and slot_start < $3
            """;

    /** The UTC hours [hourFrom, hourTo) and the local days firstDay..lastDay that a slot range overlaps. */
    private record Buckets(OffsetDateTime hourFrom, OffsetDateTime hourTo, LocalDate firstDay, LocalDate lastDay) {
        static Buckets of(ZoneId zone, TimeRange slots) {
            return new Buckets(utc(slots.from()).withMinute(0),
                    utc(slots.to().minusNanos(1_000)).withMinute(0).withSecond(0).withNano(0).plusHours(1),
                    Zones.dayOf(slots.from(), zone), Zones.dayOf(slots.to().minusNanos(1_000), zone));
        }

        TimeRange hours() {
            return new TimeRange(hourFrom.toInstant(), hourTo.toInstant());
        }
    }

    /**
     * Rebuilds every hourly and daily bucket that overlaps the slot ranges (sorted, disjoint); call after the slots are
     * written. Only the buckets of the ranges are read and written, however far apart the ranges lie. The buckets
     * {@code rebuild} computed are inserted as they are; the others are read back from slot_15m.
     */
    public Uni<Void> refresh(SqlClient db, long seriesId, ZoneId zone, RollupRebuild rebuild) {
        List<Uni<?>> statements = new ArrayList<>(8);
        statements.add(DELETE_HOURLY.execute(db, seriesId, rebuild.hours(), false)); // rollup_hourly is never a hypertable
        statements.add(db.preparedQuery(DELETE_DAYS).execute(Tuple.of(seriesId, rebuild.days().toArray(LocalDate[]::new))));
        if (!rebuild.innerHours().isEmpty()) {
            statements.add(db.preparedQuery(INSERT_HOURS).execute(hourRows(seriesId, rebuild.innerHours())));
        }
        if (!rebuild.innerDays().isEmpty()) {
            statements.add(db.preparedQuery(INSERT_DAYS).execute(dayRows(seriesId, rebuild.innerDays())));
        }
        if (!rebuild.edgeHours().isEmpty() || !rebuild.edgeDays().isEmpty()) {
            statements.add(db.preparedQuery(GENERIC_PLANS).execute());
            if (!rebuild.edgeHours().isEmpty()) {
                statements.add(db.preparedQuery(INSERT_EACH_HOUR).execute(Ranges.of(seriesId, rebuild.edgeHours())));
            }
            if (!rebuild.edgeDays().isEmpty()) {
                Zones.Days days = Zones.days(zone, rebuild.edgeDays());
                Zones.Runs runs = days.runs();
                statements.add(db.preparedQuery(INSERT_DAILY).execute(Tuple.of(seriesId, days.dates(), days.starts(), days.ends(),
                        runs.starts(), runs.ends())));
            }
            statements.add(db.preparedQuery(PLANS_AS_BEFORE).execute());
        }
        // Pipelined: the statements are sent at once and run in this order on the connection (each table's deletes
        // before its inserts, which fill disjoint buckets).
        return Uni.combine().all().unis(statements).discardItems();
    }

    private static Tuple hourRows(long seriesId, List<SlotBuckets.Hour> hours) {
        int n = hours.size();
        OffsetDateTime[] starts = new OffsetDateTime[n];
        Double[] energy = new Double[n];
        Double[] min = new Double[n];
        Double[] max = new Double[n];
        Integer[] slots = new Integer[n];
        for (int i = 0; i < n; i++) {
            SlotBuckets.Hour h = hours.get(i);
            starts[i] = utc(h.start());
            energy[i] = h.energyKwh();
            min[i] = h.minKwh();
            max[i] = h.maxKwh();
            slots[i] = h.slots();
        }
        return Tuple.from(List.of(seriesId, starts, energy, min, max, slots));
    }

    private static Tuple dayRows(long seriesId, List<DailyRollup> days) {
        int n = days.size();
        LocalDate[] dates = new LocalDate[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        Double[] energy = new Double[n];
        Double[] min = new Double[n];
        Double[] max = new Double[n];
        Integer[] slots = new Integer[n];
        for (int i = 0; i < n; i++) {
            DailyRollup d = days.get(i);
            dates[i] = d.date();
            starts[i] = utc(d.start());
            ends[i] = utc(d.end());
            energy[i] = d.energyKwh();
            min[i] = d.minKwh();
            max[i] = d.maxKwh();
            slots[i] = d.slots();
        }
        return Tuple.from(List.of(seriesId, dates, starts, ends, energy, min, max, slots));
    }

    /**
     * As {@link #refresh(SqlClient, long, ZoneId, RollupRebuild)} for one range, on a JDBC connection; past
     * {@link DailyStatements#MAX_LISTED_DAYS} days it lists only those with slots.
     */
    public void refresh(Connection db, long seriesId, ZoneId zone, TimeRange slots) throws SQLException {
        Buckets b = Buckets.of(zone, slots);
        Jdbc.update(db, DELETE_HOURLY.one(), seriesId, b.hourFrom(), b.hourTo());
        Jdbc.update(db, INSERT_HOURLY, Ranges.jdbc(seriesId, b.hours()));
        Jdbc.update(db, DELETE_DAILY, seriesId, b.firstDay(), b.lastDay());
        DailyStatements.insert(db, INSERT_DAILY, seriesId, DailyStatements.days(db, SLOT_UTC_DATES, seriesId, zone, b.firstDay(), b.lastDay()));
    }

    /**
     * As {@link #refresh(Connection, long, ZoneId, TimeRange)}, given the rollups of the slots just written over the whole
     * range: the hours and days at its two ends may hold slots from outside it, so they are computed from slot_15m; the
     * ones between are {@code computed}'s, copied.
     */
    public void replace(Connection db, long seriesId, ZoneId zone, TimeRange slots, SlotBuckets computed) throws SQLException {
        Buckets b = Buckets.of(zone, slots);
        OffsetDateTime lastHour = b.hourTo().minusHours(1);
        Jdbc.update(db, DELETE_HOURLY.one(), seriesId, b.hourFrom(), b.hourTo());
        Jdbc.update(db, INSERT_ONE_HOUR, seriesId, b.hourFrom(), b.hourFrom().plusHours(1));
        if (lastHour.isAfter(b.hourFrom())) {
            Jdbc.update(db, INSERT_ONE_HOUR, seriesId, lastHour, b.hourTo());
        }
        Jdbc.update(db, DELETE_DAILY, seriesId, b.firstDay(), b.lastDay());
        DailyStatements.insertEnds(db, INSERT_DAILY, seriesId, zone, b.firstDay(), b.lastDay());
        Instant innerHoursFrom = b.hourFrom().plusHours(1).toInstant();
        Instant innerHoursTo = lastHour.toInstant();
        try (BinaryCopy copy = BinaryCopy.into(db, "rollup_hourly", "series_id, bucket_start, energy_kwh, min_kwh, max_kwh, slots")) {
            for (SlotBuckets.Hour h : computed.hours()) {
                if (!h.start().isBefore(innerHoursFrom) && h.start().isBefore(innerHoursTo)) {
                    copy.row(6).int8(seriesId).timestamptz(h.start()).float8(h.energyKwh()).float8(h.minKwh()).float8(h.maxKwh()).int4(h.slots());
                }
            }
            copy.end();
        }
        try (BinaryCopy copy = BinaryCopy.into(db, "rollup_daily",
                "series_id, day, bucket_start, bucket_end, energy_kwh, min_kwh, max_kwh, slots")) {
            for (DailyRollup d : computed.days()) {
                if (d.date().isAfter(b.firstDay()) && d.date().isBefore(b.lastDay())) {
                    copy.row(8).int8(seriesId).date(d.date()).timestamptz(d.start()).timestamptz(d.end())
                            .float8(d.energyKwh()).float8(d.minKwh()).float8(d.maxKwh()).int4(d.slots());
                }
            }
            copy.end();
        }
    }

    /** The daily rows of local days from..to (inclusive), in order. */
    public Uni<List<DailyRollup>> daily(SqlClient db, long seriesId, LocalDate from, LocalDate to) {
        return db.preparedQuery(DAILY).execute(Tuple.of(seriesId, from, to)).map(rows -> {
            List<DailyRollup> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(dailyRollup(r)));
            return out;
        });
    }

    /** The statement of {@link #daily(SqlClient, String, Tuple, LocalDate, LocalDate)} for a lookup of that many parameters. */
    public static String dailyOf(String lookup, int parameters) {
        return SeriesDays.joined(lookup, parameters, "rollup_daily", "d.day, d.bucket_start, d.bucket_end, d.energy_kwh, d.min_kwh, d.max_kwh, d.slots");
    }

    /** The daily rows from..to of every series the lookup finds (see {@link SeriesDays}), in one statement. */
    public Uni<List<SeriesDays<DailyRollup>>> daily(SqlClient db, String lookup, Tuple args, LocalDate from, LocalDate to) {
        return db.preparedQuery(dailyOf(lookup, args.size())).execute(SeriesDays.withDays(args, from, to)).map(rows -> SeriesDays.grouped(rows, RollupRepository::dailyRollup));
    }

    private static DailyRollup dailyRollup(Row r) {
        int slots = r.getInteger("slots");
        double energy = r.getDouble("energy_kwh");
        return new DailyRollup(r.getLocalDate("day"), r.getOffsetDateTime("bucket_start").toInstant(),
                r.getOffsetDateTime("bucket_end").toInstant(), energy, r.getDouble("min_kwh"), r.getDouble("max_kwh"), energy / slots, slots);
    }

    /** Hourly energy of the hours starting in [from, to), in order. */
    public Uni<List<HourlyEnergy>> hourly(SqlClient db, long seriesId, TimeRange range) {
        return db.preparedQuery(HOURLY)
                .execute(Tuple.of(seriesId, utc(range.from()), utc(range.to())))
                .map(rows -> {
                    List<HourlyEnergy> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(new HourlyEnergy(r.getOffsetDateTime(0).toInstant(), r.getDouble(1))));
                    return out;
                });
    }
}
