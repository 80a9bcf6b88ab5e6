package io.joule.timeseries;

import io.joule.forecast.HourlyEnergy;
import io.joule.pipeline.Slot;
import io.joule.pipeline.TimeRange;
import io.joule.ship.TopUsers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hourly and daily statistics of the 15-minute slots, the rankings built on them, and the daily statistics of
 * meter readings. Two
 * implementations give the same answers: transactional rollup tables (plain PostgreSQL) and
 * TimescaleDB continuous aggregates; {@code io.joule.timeseries.service.Rollups} picks one at start.
 */
public interface RollupStore {

    /** What serves the statistics: {@code postgresql} or {@code timescaledb}. */
    String implementation();

    /**
     * Called in a write's transaction, under the series' lock, after the slots in the ranges {@code slots} (sorted,
     * disjoint) were replaced by {@code computed} (in time order; null when the caller does not hold them): a store that
     * keeps rollup rows may write those of the hours and days wholly inside a range rather than read their slots back.
     */
    Uni<Void> slotsWritten(SqlClient db, long seriesId, ZoneId zone, List<TimeRange> slots, List<Slot> computed);

    /**
     * As {@link #slotsWritten(SqlClient, long, ZoneId, List, List)} for one range, on a JDBC connection (bulk imports).
     * {@code computed}, when not null, holds the rollups of every slot now in the range ({@link SlotBuckets}): a store
     * that keeps rollup rows may write them rather than read the slots back.
     */
    void slotsWritten(Connection db, long seriesId, ZoneId zone, TimeRange slots, SlotBuckets computed) throws SQLException;

    /** The local days from..to (inclusive) of the series' zone that have slots, in order. */
    Uni<List<DailyRollup>> daily(SqlClient db, long seriesId, ZoneId zone, LocalDate from, LocalDate to);

    /** As {@link #daily(SqlClient, long, ZoneId, LocalDate, LocalDate)} in the series' stored zone. */
    default Uni<List<DailyRollup>> daily(SqlClient db, long seriesId, LocalDate from, LocalDate to) {
        return db.preparedQuery("select zone from series where id = $1").execute(Tuple.of(seriesId))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(List.<DailyRollup>of())
                        : daily(db, seriesId, ZoneId.of(rows.iterator().next().getString(0)), from, to));
    }

    /**
     * As {@link #daily(SqlClient, long, ZoneId, LocalDate, LocalDate)} for every series the statement {@code lookup}
     * finds with {@code args} (see {@link SeriesDays}), in its order. This default asks one series at a time after the
     * lookup, all in one read-only snapshot (so a report over thousands of series holds one connection, not the pool, and
     * never shows half of a write); a store that keeps rows by local day joins them with the lookup in one statement.
     */
    default Uni<List<SeriesDays<DailyRollup>>> daily(SqlClient db, String lookup, Tuple args, LocalDate from, LocalDate to) {
        return SeriesDays.afterLookup(db, lookup, args, (c, found) -> Multi.createFrom().iterable(found)
                .onItem().transformToUniAndConcatenate(r -> SeriesDays.seriesId(r) == null
                        ? Uni.createFrom().item(new SeriesDays<DailyRollup>(r, List.of()))
                        : daily(c, SeriesDays.seriesId(r), ZoneId.of(r.getString("zone")), from, to).map(d -> new SeriesDays<>(r, d)))
                .collect().asList());
    }

    /**
     * As {@link #readingDaily(SqlClient, List, ZoneId, LocalDate, LocalDate)} for every series the statement
     * {@code lookup} finds with {@code args} (see {@link SeriesDays}), in its order. This default reads the series of each
     * zone together after the lookup, in one read-only snapshot; a store that keeps rows by local day joins them with the
     * lookup in one statement.
     */
    default Uni<List<SeriesDays<ReadingDay>>> readingDaily(SqlClient db, String lookup, Tuple args, LocalDate from, LocalDate to) {
        return SeriesDays.afterLookup(db, lookup, args, (c, found) -> {
            Map<ZoneId, List<Long>> byZone = new LinkedHashMap<>();
            for (Row r : found) {
                if (SeriesDays.seriesId(r) != null) {
                    byZone.computeIfAbsent(ZoneId.of(r.getString("zone")), z -> new ArrayList<>()).add(SeriesDays.seriesId(r));
                }
            }
            Map<Long, List<ReadingDay>> bySeries = new HashMap<>();
            return Multi.createFrom().iterable(byZone.entrySet())
                    .onItem().transformToUniAndConcatenate(zone -> readingDaily(c, zone.getValue(), zone.getKey(), from, to)
                            .invoke(days -> days.forEach(d -> bySeries.computeIfAbsent(d.seriesId(), k -> new ArrayList<>()).add(d))))
                    .collect().last()
                    .map(x -> found.stream().map(r -> new SeriesDays<>(r, SeriesDays.seriesId(r) == null ? List.<ReadingDay>of()
                            : bySeries.getOrDefault(SeriesDays.seriesId(r), List.of()))).toList());
        });
    }

    /** Energy of the UTC hours starting in [from, to) that have slots, in order. */
    Uni<List<HourlyEnergy>> hourly(SqlClient db, long seriesId, TimeRange range);

    /**
     * Called in an import's transaction, under the series' lock, after its readings in [first, last] were written.
     * {@code computed}, when not null, holds the days of those readings ({@link ReadingDays}) for a series that had
     * none in [first, last] before: a store that keeps daily rows may write them rather than read the readings back.
     */
    void readingsWritten(Connection db, long seriesId, ZoneId zone, Instant first, Instant last, List<ReadingDay> computed)
            throws SQLException;

    /** MIN/MAX/SUM/COUNT of the readings of each series (all kept in {@code zone}) per local day from..to (inclusive) that has readings. */
    Uni<List<ReadingDay>> readingDaily(SqlClient db, List<Long> seriesIds, ZoneId zone, LocalDate from, LocalDate to);

    /** Ships ranked by energy over the window: highest first, ties by id; ships without slots in it are left out. */
    Uni<List<TopUsers.Ship>> topShips(TimeRange window, int count);
}
