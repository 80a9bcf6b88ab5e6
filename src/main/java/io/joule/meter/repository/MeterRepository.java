package io.joule.meter.repository;

import io.joule.meter.DailyStat;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Meter SQL of the read paths: channels and daily statistics (an import's SQL is {@link MeterImportRepository}). */
@ApplicationScoped
public class MeterRepository {

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
