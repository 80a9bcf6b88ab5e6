package io.joule.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.joule.forecast.HourlyEnergy;
import io.joule.pipeline.TimeRange;
import io.joule.ship.TopUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A store that reads a lookup's series one statement at a time (TimescaleDB) reads them all in one read-only snapshot:
 * a report must not show half of a write that committed between two of its statements.
 */
@QuarkusTest
class SeriesDaysSnapshotTest {
    private static final String THREE = "select x::bigint as series_id, 'UTC' as zone, x as ord from generate_series(1, 3) x";
    private static final LocalDate DAY = LocalDate.of(2024, 1, 1);

    @Inject
    Pool pool;

    /** Each series' "day" says the transaction it was read in: its isolation and whether it is read-only. */
    private final RollupStore twoStep = new RollupStore() {
        @Override
        public Uni<List<DailyRollup>> daily(SqlClient db, long seriesId, ZoneId zone, LocalDate from, LocalDate to) {
            return db.query("select current_setting('transaction_isolation') || ' ' || current_setting('transaction_read_only')").execute()
                    .map(rows -> List.of(new DailyRollup(from, Instant.EPOCH, Instant.EPOCH,
                            rows.iterator().next().getString(0).equals("repeatable read on") ? 1 : 0, 0, 0, 0, 1)));
        }

        @Override
        public Uni<List<ReadingDay>> readingDaily(SqlClient db, List<Long> seriesIds, ZoneId zone, LocalDate from, LocalDate to) {
            return db.query("select current_setting('transaction_isolation') || ' ' || current_setting('transaction_read_only')")
                    .execute().map(rows -> seriesIds.stream().map(id -> new ReadingDay(id, from, Instant.EPOCH, Instant.EPOCH, 0, 0,
                            rows.iterator().next().getString(0).equals("repeatable read on") ? 1 : 0, 1)).toList());
        }

        @Override
        public String implementation() {
            return "test";
        }

        @Override
        public Uni<Void> slotsWritten(SqlClient db, long seriesId, ZoneId zone, List<TimeRange> slots) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void slotsWritten(Connection db, long seriesId, ZoneId zone, TimeRange slots, SlotBuckets computed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<List<HourlyEnergy>> hourly(SqlClient db, long seriesId, TimeRange range) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void readingsWritten(Connection db, long seriesId, ZoneId zone, Instant first, Instant last, List<ReadingDay> computed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<List<TopUsers.Ship>> topShips(TimeRange window, int count) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void aLookupsDailyRowsAreReadInOneReadOnlySnapshot() {
        List<SeriesDays<DailyRollup>> days = twoStep.daily(pool, THREE, Tuple.tuple(), DAY, DAY).await().atMost(Duration.ofSeconds(30));
        assertEquals(List.of(1.0, 1.0, 1.0), days.stream().map(s -> s.days().get(0).energyKwh()).toList());
        List<SeriesDays<ReadingDay>> readings = twoStep.readingDaily(pool, THREE, Tuple.tuple(), DAY, DAY).await().atMost(Duration.ofSeconds(30));
        assertEquals(List.of(1.0, 1.0, 1.0), readings.stream().map(s -> s.days().get(0).sum()).toList());
    }
}
