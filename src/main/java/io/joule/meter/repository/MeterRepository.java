package io.joule.meter.repository;

import io.joule.meter.DailyStat;
import io.joule.timeseries.ReadingDay;
import io.joule.timeseries.RollupStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Meter SQL of the read paths: channels and daily statistics (an import's SQL is {@link MeterImportRepository}). */
@ApplicationScoped
public class MeterRepository {
    private final RollupStore rollups;

    public MeterRepository(RollupStore rollups) {
        this.rollups = rollups;
    }

    /** All channels of meter $1, in the answer's order, and whether each passes the serial ($2) and data type ($3) filters. */
    private static final String CHANNELS = """
            select c.series_id, s.zone, c.serial, c.data_type, c.period, c.rate, c.units, c.plant_code,
                   ($2::text is null or c.serial = $2) and ($3::text is null or c.data_type = $3) as wanted
            from meter_channel c join series s on s.id = c.series_id
            where c.meter_code = $1
            order by c.serial, c.data_type, c.period nulls first, c.rate nulls first
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
     * no such meter. The channels' lookup is also the meter's: one statement, then one per zone the channels are kept in.
     */
    public Uni<Optional<List<DailyStat>>> dailyStats(SqlClient db, String meterCode, String serial, String dataType, LocalDate from,
            LocalDate to) {
        return db.preparedQuery(CHANNELS).execute(Tuple.of(meterCode, serial, dataType)).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.empty());
            }
            Map<Long, Channel> channels = new HashMap<>();
            Map<ZoneId, List<Long>> byZone = new LinkedHashMap<>();
            for (Row r : rows) {
                if (r.getBoolean("wanted")) {
                    Channel c = new Channel(channels.size(), r.getString("zone"), r.getString("serial"), r.getString("data_type"),
                            r.getString("period"), r.getString("rate"), r.getString("units"), r.getString("plant_code"));
                    channels.put(r.getLong("series_id"), c);
                    byZone.computeIfAbsent(ZoneId.of(c.zone()), z -> new ArrayList<>()).add(r.getLong("series_id"));
                }
            }
            return Multi.createFrom().iterable(byZone.entrySet())
                    .onItem().transformToUniAndConcatenate(zone -> rollups.readingDaily(db, zone.getValue(), zone.getKey(), from, to))
                    .onItem().<ReadingDay>disjoint().collect().asList()
                    .map(days -> Optional.of(days.stream()
                            .sorted(Comparator.comparing(ReadingDay::date).thenComparingInt(d -> channels.get(d.seriesId()).order()))
                            .map(d -> channels.get(d.seriesId()).stat(d)).toList()));
        });
    }

    /** A channel's facts that every row of its statistics repeats; {@code order} is its place in the answer's order. */
    private record Channel(int order, String zone, String serial, String dataType, String period, String rate, String units,
            String plantCode) {
        DailyStat stat(ReadingDay d) {
            return new DailyStat(d.date(), d.start(), d.end(), zone, serial, dataType, period, rate, units, plantCode, d.min(), d.max(),
                    d.sum() / d.count(), d.count());
        }
    }

    /** The channels of the first {@code meters} meters whose code sorts after {@code after} (null: from the first). */
    public Uni<RowSet<Row>> channels(SqlClient db, String after, int meters) {
        return db.preparedQuery(LIST_CHANNELS).execute(Tuple.of(after == null ? "" : after, meters));
    }
}
