package io.joule.timeseries.repository;

import io.joule.forecast.HourlyEnergy;
import io.joule.pipeline.Slot;
import io.joule.pipeline.TimeRange;
import io.joule.ship.TopUsers;
import io.joule.ship.repository.ShipRollupRepository;
import io.joule.timeseries.DailyRollup;
import io.joule.timeseries.ReadingDay;
import io.joule.timeseries.RollupRebuild;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.SeriesDays;
import io.joule.timeseries.SlotBuckets;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Plain PostgreSQL: rollup tables (and reading_daily) rebuilt for the affected buckets in every write's transaction. */
@ApplicationScoped
@Typed(TransactionalRollupStore.class)
public class TransactionalRollupStore implements RollupStore {
    private final RollupRepository rollups;
    private final ShipRollupRepository rankings;
    private final ReadingRollupRepository readings;

    public TransactionalRollupStore(RollupRepository rollups, ShipRollupRepository rankings, ReadingRollupRepository readings) {
        this.rollups = rollups;
        this.rankings = rankings;
        this.readings = readings;
    }

    @Override
    public String implementation() {
        return "postgresql";
    }

    @Override
    public Uni<Void> slotsWritten(SqlClient db, long seriesId, ZoneId zone, List<TimeRange> slots, List<Slot> computed) {
        return rollups.refresh(db, seriesId, zone, RollupRebuild.of(zone, slots, computed));
    }

    @Override
    public void slotsWritten(Connection db, long seriesId, ZoneId zone, TimeRange slots, SlotBuckets computed) throws SQLException {
        if (computed == null) {
            rollups.refresh(db, seriesId, zone, slots);
        } else {
            rollups.replace(db, seriesId, zone, slots, computed);
        }
    }

    @Override
    public Uni<List<DailyRollup>> daily(SqlClient db, long seriesId, ZoneId zone, LocalDate from, LocalDate to) {
        return rollups.daily(db, seriesId, from, to);
    }

    @Override
    public Uni<List<SeriesDays<DailyRollup>>> daily(SqlClient db, String lookup, Tuple args, LocalDate from, LocalDate to) {
        // Each series' rows are kept by its own local day, so one join serves every zone.
        return rollups.daily(db, lookup, args, from, to);
    }

    @Override
    public Uni<List<HourlyEnergy>> hourly(SqlClient db, long seriesId, TimeRange range) {
        return rollups.hourly(db, seriesId, range);
    }

    @Override
    public void readingsWritten(Connection db, long seriesId, ZoneId zone, Instant first, Instant last, List<ReadingDay> computed)
            throws SQLException {
        if (computed == null) {
            readings.refresh(db, seriesId, zone, first, last);
        } else {
            readings.replace(db, seriesId, zone, first, last, computed);
        }
    }

    @Override
    public Uni<List<ReadingDay>> readingDaily(SqlClient db, List<Long> seriesIds, ZoneId zone, LocalDate from, LocalDate to) {
        return readings.daily(db, seriesIds, from, to);
    }

    @Override
    public Uni<List<SeriesDays<ReadingDay>>> readingDaily(SqlClient db, String lookup, Tuple args, LocalDate from, LocalDate to) {
        return readings.daily(db, lookup, args, from, to);
    }

    @Override
    public Uni<List<TopUsers.Ship>> topShips(TimeRange window, int count) {
        return rankings.top(window, count);
    }
}
