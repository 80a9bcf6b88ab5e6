package io.joule.meter.repository;

import io.joule.meter.DailyStat;
import io.joule.timeseries.ReadingDay;
import io.joule.timeseries.RollupStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Meter SQL of the read paths: channels and daily statistics (an import's SQL is {@link MeterImportRepository}). */
@ApplicationScoped
public class MeterRepository {
    private final RollupStore rollups;

    public MeterRepository(RollupStore rollups) {
        this.rollups = rollups;
    }

    /**
     * All channels of meter $1 in the answer's order ({@code ord}), a channel's series only when it passes the serial ($2)
     * and data type ($3) filters: the others have no days (see SeriesDays), yet show that the meter exists.
     */
    private static final String CHANNELS = """
            select case when ($2::text is null or c.serial = $2) and ($3::text is null or c.data_type = $3) then c.series_id end as series_id,
                   s.zone, c.serial, c.data_type, c.period, c.rate, c.units, c.plant_code,
                   row_number() over (order by c.serial, c.data_type, c.period nulls first, c.rate nulls first) as ord
            from meter_channel c join series s on s.id = c.series_id
            where c.meter_code = $1
            """;

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

    /**
     * Daily statistics of the meter's channels that pass the filters (null: any), by day and channel; empty when there is
     * no such meter. The channels' lookup is also the meter's, and on PostgreSQL the statistics are read with it.
     */
    public Uni<Optional<List<DailyStat>>> dailyStats(SqlClient db, String meterCode, String serial, String dataType, LocalDate from,
            LocalDate to) {
        return rollups.readingDaily(db, CHANNELS, Tuple.of(meterCode, serial, dataType), from, to).map(channels -> {
            if (channels.isEmpty()) {
                return Optional.empty();
            }
            List<DailyStat> stats = new ArrayList<>();
            // Channels come in the answer's order and each one's days in order, so a stable sort by day gives day, channel.
            channels.forEach(c -> c.days().forEach(d -> stats.add(stat(c.series(), d))));
            stats.sort(Comparator.comparing(DailyStat::date));
            return Optional.of(stats);
        });
    }

    /** A channel's facts, which every row of its statistics repeats, with one day's figures. */
    private static DailyStat stat(Row channel, ReadingDay d) {
        return new DailyStat(d.date(), d.start(), d.end(), channel.getString("zone"), channel.getString("serial"),
                channel.getString("data_type"), channel.getString("period"), channel.getString("rate"), channel.getString("units"),
                channel.getString("plant_code"), d.min(), d.max(), d.sum() / d.count(), d.count());
    }

    /** The channels of the first {@code meters} meters whose code sorts after {@code after} (null: from the first). */
    public Uni<RowSet<Row>> channels(SqlClient db, String after, int meters) {
        return db.preparedQuery(LIST_CHANNELS).execute(Tuple.of(after == null ? "" : after, meters));
    }
}
