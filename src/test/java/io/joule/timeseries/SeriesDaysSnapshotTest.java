package io.joule.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.forecast.HourlyEnergy;
import io.joule.pipeline.Slot;
import io.joule.pipeline.TimeRange;
import io.joule.ship.TopUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.TimeoutException;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A store that reads a lookup's series one statement at a time (TimescaleDB) reads them all in one read-only snapshot, in
 * the lookup's order, and stops when its request gives up: a report must not show half of a write that committed
 * between two of its statements, nor go on reading for nobody.
 */
@QuarkusTest
class SeriesDaysSnapshotTest {
    /** Three series, given in reverse of their answer's order ({@code ord}), each saying the transaction it was found in. */
    private static final String THREE = """
            select x::bigint as series_id, 'UTC' as zone, x as ord,
                   current_setting('transaction_isolation') || ' ' || current_setting('transaction_read_only') || ' '
                   || pg_backend_pid() || ' ' || transaction_timestamp() as tx
            from generate_series(1, 3) x order by x desc""";
    private static final String TRANSACTION = "select current_setting('transaction_isolation') || ' ' "
            + "|| current_setting('transaction_read_only') || ' ' || pg_backend_pid() || ' ' || transaction_timestamp()";
    private static final LocalDate DAY = LocalDate.of(2024, 1, 1);

    @Inject
    Pool pool;

    /** The transaction each per-series statement ran in, in the order they ran. */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile String perSeries = TRANSACTION;

    private final RollupStore twoStep = new RollupStore() {
        @Override
        public Uni<List<DailyRollup>> daily(SqlClient db, long seriesId, ZoneId zone, LocalDate from, LocalDate to) {
            return db.query(perSeries).execute().map(rows -> {
                seen.add(rows.iterator().next().getString(0));
                return List.of(new DailyRollup(from, Instant.EPOCH, Instant.EPOCH, seriesId, 0, 0, 0, 1));
            });
        }

        @Override
        public Uni<List<ReadingDay>> readingDaily(SqlClient db, List<Long> seriesIds, ZoneId zone, LocalDate from, LocalDate to) {
            return db.query(perSeries).execute().map(rows -> {
                seen.add(rows.iterator().next().getString(0));
                return seriesIds.stream().map(id -> new ReadingDay(id, from, Instant.EPOCH, Instant.EPOCH, 0, 0, id, 1)).toList();
            });
        }
        @Override
        public String implementation() {
            return "test";
        }

        @Override
        public Uni<Void> slotsWritten(SqlClient db, long seriesId, ZoneId zone, List<TimeRange> slots, List<Slot> computed) {
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
    void aLookupsDailyRowsAreReadInOneReadOnlySnapshotInItsOrder() {
        List<SeriesDays<DailyRollup>> days = twoStep.daily(pool, THREE, Tuple.tuple(), DAY, DAY).await().atMost(Duration.ofSeconds(30));
        assertEquals(List.of(1.0, 2.0, 3.0), days.stream().map(s -> s.days().get(0).energyKwh()).toList(), "in the order of ord");
        String lookup = days.get(0).series().getString("tx");
        assertTrue(lookup.startsWith("repeatable read on "), lookup);
        assertEquals(List.of(lookup, lookup, lookup), seen, "one transaction, the lookup's, for every statement");

        seen.clear();
        List<SeriesDays<ReadingDay>> readings = twoStep.readingDaily(pool, THREE, Tuple.tuple(), DAY, DAY).await().atMost(Duration.ofSeconds(30));
        assertEquals(List.of(1.0, 2.0, 3.0), readings.stream().map(s -> s.days().get(0).sum()).toList());
        assertEquals(List.of(readings.get(0).series().getString("tx")), seen);
    }

    @Test
    void aReadThatIsGivenUpOnIssuesNoFurtherStatement() throws Exception {
        perSeries = "select pg_sleep(0.3)::text";
        try {
            Uni<List<SeriesDays<DailyRollup>>> read = twoStep.daily(pool, THREE, Tuple.tuple(), DAY, DAY);
            assertThrows(TimeoutException.class, () -> read.ifNoItem().after(Duration.ofMillis(400)).fail().await().atMost(Duration.ofSeconds(5)));
            Thread.sleep(1_500); // long enough for all three statements, had they gone on
            assertTrue(seen.size() <= 2, "statements after the read was given up: " + seen.size());
        } finally {
            perSeries = TRANSACTION;
        }
    }
}
