package io.joule.timeseries.service;

import io.joule.forecast.HourlyEnergy;
import io.joule.pipeline.Slot;
import io.joule.pipeline.TimeRange;
import io.joule.ship.TopUsers;
import io.joule.timeseries.DailyRollup;
import io.joule.timeseries.ReadingDay;
import io.joule.timeseries.SlotBuckets;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.SeriesDays;
import io.joule.timeseries.TimescaleConfig;
import io.joule.timeseries.repository.ContinuousAggregateStore;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.joule.timeseries.repository.TransactionalRollupStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The rollup store the service uses, picked at start from what the (migrated) database offers:
 * TimescaleDB with the continuous aggregates of V11 and V21 gives {@link ContinuousAggregateStore}; plain
 * PostgreSQL, or {@code joule.timescale.aggregates=false}, the transactional rollup tables.
 */
@ApplicationScoped
public class Rollups implements RollupStore {

    private static final String OFFERS = """
            select (select extversion from pg_extension where extname = 'timescaledb') as timescaledb,
                   to_regclass('slot_hourly') is not null and to_regclass('slot_daily') is not null
                   and to_regclass('reading_hourly') is not null and to_regclass('reading_daily_utc') is not null as aggregates
            """;

    private final Pool pool;
    private final TimescaleConfig config;
    private final TransactionalRollupStore transactional;
    private final ContinuousAggregateStore aggregates;
    private final TimeSeriesRepository timeSeries;
    private volatile RollupStore chosen;
    private volatile boolean aggregatesPresent;
    private volatile String timescaleVersion;

    public Rollups(Pool pool, TimescaleConfig config, TransactionalRollupStore transactional, ContinuousAggregateStore aggregates,
            TimeSeriesRepository timeSeries) {
        this.pool = pool;
        this.config = config;
        this.transactional = transactional;
        this.aggregates = aggregates;
        this.timeSeries = timeSeries;
    }

    /** Runs after Flyway's migration at start; blocking is fine on the start thread. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        Row offers = pool.query(OFFERS).execute().await().atMost(Duration.ofMinutes(1)).iterator().next();
        timescaleVersion = offers.getString("timescaledb");
        aggregatesPresent = offers.getBoolean("aggregates");
        chosen = aggregatesPresent && config.aggregates() ? aggregates : transactional;
        timeSeries.timescaleInstalled(timescaleVersion != null);
        Log.infof("Statistics and rankings: %s", describe());
    }

    /** What serves the statistics, for the log and /q/health. */
    public String describe() {
        String db = timescaleVersion == null ? "PostgreSQL without TimescaleDB" : "TimescaleDB " + timescaleVersion;
        if (store() == aggregates) {
            return "continuous aggregates on " + db;
        }
        return "transactional rollup tables on " + db + (timescaleVersion != null && !aggregatesPresent
                ? " (no continuous aggregates: TimescaleDB lacks its community license or was not preloaded at migration)" : "");
    }

    /** Whether the database has the continuous aggregates (then they are kept refreshed, whichever store serves). */
    public boolean aggregatesPresent() {
        return chosen != null && aggregatesPresent;
    }

    private RollupStore store() {
        RollupStore s = chosen;
        if (s == null) {
            throw new IllegalStateException("Rollups are used before the service started");
        }
        return s;
    }

    @Override
    public String implementation() {
        return store().implementation();
    }

    @Override
    public Uni<Void> slotsWritten(SqlClient db, long seriesId, ZoneId zone, List<TimeRange> slots, List<Slot> computed) {
        RollupStore s = store();
        if (s == transactional && aggregatesPresent) {
            // The aggregates stay current while the rollup tables serve, so switching to them is safe.
            return transactional.slotsWritten(db, seriesId, zone, slots, computed)
                    .call(() -> aggregates.slotsWritten(db, seriesId, zone, slots, computed));
        }
        return s.slotsWritten(db, seriesId, zone, slots, computed);
    }

    @Override
    public void slotsWritten(Connection db, long seriesId, ZoneId zone, TimeRange slots, SlotBuckets computed) throws SQLException {
        RollupStore s = store();
        if (s == transactional && aggregatesPresent) {
            aggregates.slotsWritten(db, seriesId, zone, slots, computed);
        }
        s.slotsWritten(db, seriesId, zone, slots, computed);
    }

    @Override
    public void readingsWritten(Connection db, long seriesId, ZoneId zone, Instant first, Instant last, List<ReadingDay> computed)
            throws SQLException {
        RollupStore s = store();
        if (s == transactional && aggregatesPresent) {
            aggregates.readingsWritten(db, seriesId, zone, first, last, computed);
        }
        s.readingsWritten(db, seriesId, zone, first, last, computed);
    }

    @Override
    public Uni<List<ReadingDay>> readingDaily(SqlClient db, List<Long> seriesIds, ZoneId zone, LocalDate from, LocalDate to) {
        return store().readingDaily(db, seriesIds, zone, from, to);
    }

    @Override
    public Uni<List<DailyRollup>> daily(SqlClient db, long seriesId, ZoneId zone, LocalDate from, LocalDate to) {
        return store().daily(db, seriesId, zone, from, to);
    }

    /** The rollup tables need no zone to read; only the aggregates look it up. */
    @Override
    public Uni<List<DailyRollup>> daily(SqlClient db, long seriesId, LocalDate from, LocalDate to) {
        RollupStore s = store();
        return s == transactional ? transactional.daily(db, seriesId, null, from, to) : RollupStore.super.daily(db, seriesId, from, to);
    }

    @Override
    public Uni<List<SeriesDays<DailyRollup>>> daily(SqlClient db, String lookup, Tuple args, LocalDate from, LocalDate to) {
        return store().daily(db, lookup, args, from, to);
    }

    @Override
    public Uni<List<SeriesDays<ReadingDay>>> readingDaily(SqlClient db, String lookup, Tuple args, LocalDate from, LocalDate to) {
        return store().readingDaily(db, lookup, args, from, to);
    }

    @Override
    public Uni<List<HourlyEnergy>> hourly(SqlClient db, long seriesId, TimeRange range) {
        return store().hourly(db, seriesId, range);
    }

    @Override
    public Uni<List<TopUsers.Ship>> topShips(TimeRange window, int count) {
        return store().topShips(window, count);
    }
}
