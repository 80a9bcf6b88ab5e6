package io.joule.meter.repository;

import io.joule.meter.ChannelKey;
import io.joule.meter.DailyStat;
import io.joule.time.Zones;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Meter SQL: staging a file, moving it into readings, daily statistics and the channel registry. */
@ApplicationScoped
public class MeterRepository {

    /** A file is staged first so that duplicates are found, and nothing reaches reading, before it is whole. */
    private static final String CREATE_STAGING = """
            create temp table meter_staging (series_id bigint, ts timestamptz, value double precision, line bigint) on commit drop
            """;

    private static final String STAGE = """
            insert into meter_staging (series_id, ts, value, line)
            select * from unnest($1::bigint[], $2::timestamptz[], $3::float8[], $4::bigint[])
            """;

    private static final String DUPLICATES = """
            select (array_agg(line order by line))[2] as line, min(line) as first
            from meter_staging group by series_id, ts having count(*) > 1 order by 1 limit $1
            """;

    private static final String STAGED_RANGES = """
            select series_id, min(ts), max(ts) from meter_staging group by series_id
            """;

    private static final String UPSERT_FROM_STAGING = """
            insert into reading (series_id, ts, value)
            select series_id, ts, value from meter_staging
            on conflict (series_id, ts) do update set value = excluded.value
            where reading.value is distinct from excluded.value
            """;

    private static final String REGISTER_CHANNEL = """
            insert into meter_channel (series_id, meter_code, serial, data_type, period, rate, plant_code, units)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (series_id) do update set plant_code = excluded.plant_code, units = excluded.units
            """;

    private static final String DELETE_DAILY = """
            delete from reading_daily where series_id = $1 and day >= $2 and day <= $3
            """;

    /**
     * $2, $3, $4: the local days and their exact UTC bounds (see Zones), $5, $6 the first start and last end;
     * width_bucket finds each reading's day. Sums in time order, so bit-identical whatever the order of writes.
     */
    private static final String INSERT_DAILY = """
            insert into reading_daily (series_id, day, bucket_start, bucket_end, min_value, max_value, sum_value, readings)
            select $1, ($2::date[])[b], ($3::timestamptz[])[b], ($4::timestamptz[])[b], min(value), max(value), sum(value order by ts), count(*)
            from (select width_bucket(ts, $3::timestamptz[]) as b, ts, value from reading
                  where series_id = $1 and ts >= $5 and ts < $6) local
            group by b
            """;

    private static final String DAILY_STATS = """
            select d.day, d.bucket_start, d.bucket_end, s.zone, c.serial, c.data_type, c.period, c.rate, c.units, c.plant_code,
                   d.min_value, d.max_value, d.sum_value / d.readings as avg_value, d.readings
            from meter_channel c join reading_daily d on d.series_id = c.series_id join series s on s.id = c.series_id
            where c.meter_code = $1 and ($2::text is null or c.serial = $2) and ($3::text is null or c.data_type = $3)
              and d.day >= $4 and d.day <= $5
            order by d.day, c.serial, c.data_type, c.period nulls first, c.rate nulls first
            """;

    private static final String METER_EXISTS = "select 1 from meter_channel where meter_code = $1 limit 1";

    /** The channels of the first $2 meters whose code sorts after $1 ('' for the first page): keyset paging by meter code. */
    private static final String LIST_CHANNELS = """
            with page as (
                select distinct meter_code from meter_channel where meter_code > $1 order by meter_code limit $2)
            select c.meter_code, c.serial, c.data_type, c.period, c.rate, c.units, c.plant_code, s.zone,
                   (select min(ts) from reading r where r.series_id = c.series_id) as first_reading,
                   (select max(ts) from reading r where r.series_id = c.series_id) as last_reading
            from page p join meter_channel c on c.meter_code = p.meter_code join series s on s.id = c.series_id
            order by c.meter_code, c.serial, c.data_type, c.period nulls first, c.rate nulls first
            """;

    public Uni<Void> createStaging(SqlClient db) {
        return db.query(CREATE_STAGING).execute().replaceWithVoid();
    }

    public Uni<Void> stage(SqlClient db, Long[] series, OffsetDateTime[] times, Double[] values, Long[] lines) {
        return db.preparedQuery(STAGE).execute(Tuple.of(series, times, values, lines)).replaceWithVoid();
    }

    /** Pairs of (line, first line) that repeat a channel and time, at most {@code limit}. */
    public Uni<List<long[]>> duplicates(SqlClient db, int limit) {
        return db.preparedQuery(DUPLICATES).execute(Tuple.of(limit)).map(rows -> {
            List<long[]> out = new ArrayList<>();
            rows.forEach(r -> out.add(new long[] {r.getLong(0), r.getLong(1)}));
            return out;
        });
    }

    public record StagedRange(long seriesId, Instant from, Instant to) {
    }

    public Uni<List<StagedRange>> stagedRanges(SqlClient db) {
        return db.query(STAGED_RANGES).execute().map(rows -> {
            List<StagedRange> out = new ArrayList<>();
            rows.forEach(r -> out.add(new StagedRange(r.getLong(0), r.getOffsetDateTime(1).toInstant(), r.getOffsetDateTime(2).toInstant())));
            return out;
        });
    }

    public Uni<Void> upsertFromStaging(SqlClient db) {
        return db.query(UPSERT_FROM_STAGING).execute().replaceWithVoid();
    }

    public Uni<Void> registerChannel(SqlClient db, long seriesId, ChannelKey key, String plantCode, String units) {
        return db.preparedQuery(REGISTER_CHANNEL)
                .execute(Tuple.of(seriesId, key.meterCode(), key.serial(), key.dataType(), key.period(), key.rate())
                        .addValue(plantCode).addValue(units))
                .replaceWithVoid();
    }

    /** Rebuilds the daily statistics of every local day that [from, to] touches. */
    public Uni<Void> refreshDaily(SqlClient db, long seriesId, ZoneId zone, Instant from, Instant to) {
        LocalDate first = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        Zones.Days days = Zones.days(zone, first, last);
        return db.preparedQuery(DELETE_DAILY).execute(Tuple.of(seriesId, first, last))
                .chain(() -> db.preparedQuery(INSERT_DAILY).execute(Tuple.of(seriesId, days.dates(), days.starts(), days.ends(), days.start(), days.end())))
                .replaceWithVoid();
    }

    public Uni<Boolean> meterExists(SqlClient db, String meterCode) {
        return db.preparedQuery(METER_EXISTS).execute(Tuple.of(meterCode)).map(rows -> rows.size() > 0);
    }

    public Uni<List<DailyStat>> dailyStats(SqlClient db, String meterCode, String serial, String dataType, LocalDate from, LocalDate to) {
        return db.preparedQuery(DAILY_STATS).execute(Tuple.of(meterCode, serial, dataType, from, to)).map(rows -> {
            List<DailyStat> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                out.add(new DailyStat(r.getLocalDate("day"), r.getOffsetDateTime("bucket_start").toInstant(),
                        r.getOffsetDateTime("bucket_end").toInstant(), r.getString("zone"), r.getString("serial"), r.getString("data_type"), r.getString("period"),
                        r.getString("rate"), r.getString("units"), r.getString("plant_code"), r.getDouble("min_value"),
                        r.getDouble("max_value"), r.getDouble("avg_value"), r.getInteger("readings")));
            }
            return out;
        });
    }

    /** The channels of the first {@code meters} meters whose code sorts after {@code after} (null: from the first). */
    public Uni<RowSet<Row>> channels(SqlClient db, String after, int meters) {
        return db.preparedQuery(LIST_CHANNELS).execute(Tuple.of(after == null ? "" : after, meters));
    }

    static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
