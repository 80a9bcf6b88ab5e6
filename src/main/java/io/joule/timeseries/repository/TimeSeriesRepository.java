package io.joule.timeseries.repository;

import static io.joule.time.Timestamps.utc;

import io.joule.config.DatabaseConfig;
import io.joule.pipeline.Quantity;
import io.joule.pipeline.Reading;
import io.joule.pipeline.Readings;
import io.joule.pipeline.Sampling;
import io.joule.pipeline.SeriesProfile;
import io.joule.pipeline.Slot;
import io.joule.pipeline.TimeRange;
import io.joule.series.SeriesSpec;
import io.joule.time.Timestamps;
import io.joule.time.Zones;
import io.joule.timeseries.StoredSeries;
import io.joule.timeseries.WriteMemory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.SqlResult;
import jakarta.enterprise.context.ApplicationScoped;
import io.joule.jdbc.BinaryCopy;
import io.joule.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collector;

/** Bulk time-series SQL: one statement per batch, arrays bound through unnest. */
@ApplicationScoped
public class TimeSeriesRepository {
    /** Bound on remembered series; past it the memory starts afresh. */
    static final int MAX_REMEMBERED = 100_000;

    private static final String FIND_SERIES = """
            select id, zone, quantity, sampling, extract(epoch from max_gap)::bigint as max_gap_s
            from series where kind = $1 and key = $2
            """;

    private static final String CREATE_SERIES = """
            insert into series (kind, key, zone, quantity, sampling, max_gap)
            values ($1, $2, $3, $4, $5, make_interval(secs => $6))
            on conflict (kind, key) do nothing
            returning id, zone, quantity, sampling, extract(epoch from max_gap)::bigint as max_gap_s
            """;

    /** For each time in $2 (sorted), in order, the first stored reading time after it (null when none); $3 the first, as a plain bound. */
    private static final String NEXT_AFTER_EACH = """
            select (select min(ts) from reading where series_id = $1 and ts > w.t and ts > $3)
            from unnest($2::timestamptz[]) with ordinality w(t, i)
            order by w.i
            """;

    /**
     * For each range [$2, $3) (numbered from 1 as i): the last reading before it, and its readings; [$4, $5) is their span
     * as plain bounds, as in {@link #READINGS_IN}.
     */
    private static final String READINGS_WITH_PREVIOUS = """
            select r.i, x.ts, x.value from unnest($2::timestamptz[], $3::timestamptz[]) with ordinality r(f, t, i)
            cross join lateral ((select ts, value from reading where series_id = $1 and ts < r.f and ts < $5 order by ts desc limit 1)
                                union all
                                (select ts, value from reading where series_id = $1 and ts >= r.f and ts < r.t and ts >= $4 and ts < $5)) x
            limit $6
            """;

    private static final String INSERT_READINGS = """
            insert into reading (series_id, ts, value)
            select $1, t, v from unnest($2::timestamptz[], $3::float8[]) as r(t, v)
            """;

    private static final String UPSERT_READINGS = """
            insert into reading (series_id, ts, value)
            select $1, t, v from unnest($2::timestamptz[], $3::float8[]) as r(t, v)
            on conflict (series_id, ts) do update set value = excluded.value
            where reading.value is distinct from excluded.value
            """;

    private static final String READINGS_PAGE = """
            select ts, value from reading where series_id = $1 and ts > $2 and ts <= $3 order by ts limit $4
            """;

    /**
     * The readings of sorted, disjoint ranges [$2, $3] (inclusive), each read in order by its own index range scan, so
     * the rows come in time order without a sort (checked in Java); $4, $5 repeat the whole span as plain bounds, so
     * that TimescaleDB plans only its chunks.
     */
    private static final String READINGS_IN = """
            select x.ts, x.value from unnest($2::timestamptz[], $3::timestamptz[]) r(f, t)
            cross join lateral (select ts, value from reading
                                where series_id = $1 and ts >= r.f and ts <= r.t and ts >= $4 and ts <= $5 order by ts) x
            limit $6
            """;

    private static final RangeDelete DELETE_SLOTS = RangeDelete.of("slot_15m", "slot_start");

    private static final String INSERT_SLOTS = """
            insert into slot_15m (series_id, slot_start, kwh)
            select $1, s, e from unnest($2::timestamptz[], $3::float8[]) as f(s, e)
            """;

    private static final String SLOTS_BETWEEN = """
            select slot_start, kwh from slot_15m
            where series_id = $1 and slot_start >= $2 and slot_start < $3 order by slot_start
            """;

    /**
     * Series by kind and key, remembered once seen: a series' row never changes once written (its zone, quantity and
     * sampling are its first write's) and is never deleted, so a write pays no round trip to find it.
     */
    private final ConcurrentHashMap<String, StoredSeries> registered = new ConcurrentHashMap<>();
    /** A write's statements, from its series lock on, may run as long as the client waits for it (milliseconds, text). */
    private final String writeStatementTimeout;
    /** Whether slot_15m may be a hypertable (TimescaleDB is installed); until the start has looked, it may. */
    private volatile boolean slotHypertable = true;

    public TimeSeriesRepository(DatabaseConfig config) {
        this.writeStatementTimeout = config.statementTimeout().isZero() ? "0" : Long.toString(config.writeTimeout().toMillis());
    }

    /**
     * Registers the series if it is new, and answers it as stored (a stored series keeps its own
     * facts). A concurrent first write that wins the insert is seen by the final lookup, which
     * runs as a new statement after the conflict.
     */
    public Uni<StoredSeries> ensureSeries(SqlClient db, SeriesSpec spec) {
        String id = spec.kind().code() + '\u0000' + spec.key();
        StoredSeries known = registered.get(id);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        Tuple key = Tuple.of(spec.kind().code(), spec.key());
        Tuple created = Tuple.of(spec.kind().code(), spec.key(), spec.zone().getId(), code(spec.quantity()))
                .addValue(code(spec.sampling())).addValue(spec.maxGap().toSeconds());
        // Only a row that was there before this transaction is remembered: one created here goes if it rolls back.
        return findSeries(db, key)
                .invoke(found -> {
                    if (found != null) {
                        remember(id, found);
                    }
                })
                .onItem().ifNull().switchTo(() -> db.preparedQuery(CREATE_SERIES).execute(created).map(TimeSeriesRepository::storedSeries))
                .onItem().ifNull().switchTo(() -> findSeries(db, key));
    }

    private void remember(String id, StoredSeries series) {
        if (registered.size() >= MAX_REMEMBERED) {
            registered.clear();
        }
        registered.put(id, series);
    }

    /** The series, or null when it is not registered. */
    public Uni<StoredSeries> find(SqlClient db, io.joule.series.SeriesKind kind, String key) {
        return findSeries(db, Tuple.of(kind.code(), key));
    }

    /** For each of the times (sorted, at least one), in order, the first stored reading time after it, or null. */
    public Uni<List<Instant>> nextAfterEach(SqlClient db, long seriesId, List<Instant> times) {
        OffsetDateTime[] at = times.stream().map(Timestamps::utc).toArray(OffsetDateTime[]::new);
        return db.preparedQuery(NEXT_AFTER_EACH).execute(Tuple.of(seriesId, at, at[0])).map(rows -> {
            List<Instant> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(r.getOffsetDateTime(0) == null ? null : r.getOffsetDateTime(0).toInstant()));
            return out;
        });
    }

    /**
     * For each of the ranges (sorted, disjoint), its readings and the last one before it, in time order; at most
     * {@code atMost} in all, each taking an item of the write's memory.
     */
    public Uni<List<List<Reading>>> readingsWithPrevious(SqlClient db, long seriesId, List<TimeRange> ranges, int atMost,
            WriteMemory.Lease memory) {
        Collector<io.vertx.sqlclient.Row, List<List<Reading>>, List<List<Reading>>> byRange = Collector.of(() -> {
            List<List<Reading>> out = new ArrayList<>(ranges.size());
            ranges.forEach(r -> out.add(new ArrayList<>()));
            return out;
        }, (out, r) -> {
            memory.take(1);
            out.get(r.getInteger(0) - 1).add(new Reading(r.getOffsetDateTime(1).toInstant(), r.getDouble(2)));
        }, TimeSeriesRepository::sequentialOnly, out -> {
            out.forEach(Readings::inTimeOrder);
            return out;
        });
        return collect(db, READINGS_WITH_PREVIOUS, Ranges.withSpan(seriesId, ranges).addValue(atMost), byRange);
    }

    /** A combiner for collectors the pg client runs on one thread, in row order: never called. */
    private static <T> T sequentialOnly(T a, T b) {
        throw new UnsupportedOperationException("rows are folded in order, on one thread");
    }

    /**
     * Runs the statement and folds its rows as they are decoded, so no set of all of them is held beside the result (a
     * read-back of 490,000 readings was most of a 192 MB heap as rows).
     */
    private static <A, R> Uni<R> collect(SqlClient db, String sql, Tuple args, Collector<io.vertx.sqlclient.Row, A, R> collector) {
        var query = db.getDelegate().preparedQuery(sql).collecting(collector);
        return Uni.createFrom().completionStage(() -> query.execute(args.getDelegate()).toCompletionStage()).map(SqlResult::value);
    }

    private Uni<StoredSeries> findSeries(SqlClient db, Tuple key) {
        return db.preparedQuery(FIND_SERIES).execute(key).map(TimeSeriesRepository::storedSeries);
    }

    private static StoredSeries storedSeries(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        Row row = rows.iterator().next();
        return storedSeries(row.getLong("id"), row.getString("zone"), row.getString("quantity"), row.getString("sampling"),
                row.getLong("max_gap_s"));
    }

    private static StoredSeries storedSeries(long id, String zone, String quantity, String sampling, long maxGapSeconds) {
        SeriesProfile profile = new SeriesProfile(Quantity.valueOf(quantity.toUpperCase(Locale.ROOT)),
                Sampling.valueOf(sampling.toUpperCase(Locale.ROOT)), Duration.ofSeconds(maxGapSeconds));
        return new StoredSeries(id, Zones.canonical(ZoneId.of(zone)), profile);
    }

    /**
     * Serializes writers of one series until the transaction ends. The transaction's later statements may then run up to
     * the write timeout rather than the pool's statement timeout, which is sized for reads: a large batch's statements
     * are not stopped while its client still waits, and none outlives the client's wait in PostgreSQL.
     */
    public Uni<Void> lockSeries(SqlClient db, long seriesId) {
        return db.preparedQuery("select set_config('statement_timeout', $2, true), pg_advisory_xact_lock($1)")
                .execute(Tuple.of(seriesId, writeStatementTimeout)).replaceWithVoid();
    }

    /** Set at start, once the database is known: whether TimescaleDB is installed, so slot_15m may be a hypertable. */
    public void timescaleInstalled(boolean installed) {
        slotHypertable = installed;
    }

    /** @param replacing whether any of the readings' times is already stored (an insert is cheaper) */
    public Uni<Void> writeReadings(SqlClient db, long seriesId, List<Reading> readings, boolean replacing) {
        OffsetDateTime[] times = new OffsetDateTime[readings.size()];
        Double[] values = new Double[readings.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = utc(readings.get(i).time());
            values[i] = readings.get(i).value();
        }
        return db.preparedQuery(replacing ? UPSERT_READINGS : INSERT_READINGS)
                .execute(Tuple.of(seriesId, times, values)).replaceWithVoid();
    }

    /**
     * The first {@code atMost} readings in the ranges (sorted, disjoint, bounds inclusive), in time order, each taking an
     * item of the write's memory.
     */
    public Uni<List<Reading>> readings(SqlClient db, long seriesId, List<TimeRange> inclusive, int atMost, WriteMemory.Lease memory) {
        Collector<io.vertx.sqlclient.Row, List<Reading>, List<Reading>> inOrder = Collector.of(ArrayList::new, (out, r) -> {
            memory.take(1);
            out.add(new Reading(r.getOffsetDateTime(0).toInstant(), r.getDouble(1)));
        }, TimeSeriesRepository::sequentialOnly, Readings::inTimeOrder);
        return collect(db, READINGS_IN, Ranges.withSpan(seriesId, inclusive).addValue(atMost), inOrder);
    }

    /** Replaces every slot in the ranges (sorted, disjoint) with the given ones; the caller holds the series' lock. */
    public Uni<Void> replaceSlots(SqlClient db, long seriesId, List<TimeRange> ranges, List<Slot> slots) {
        OffsetDateTime[] starts = new OffsetDateTime[slots.size()];
        Double[] kwh = new Double[slots.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = utc(slots.get(i).start());
            kwh[i] = slots.get(i).kwh();
        }
        // Pipelined: both are sent at once and run in order, so the insert follows the delete without a round trip.
        return Uni.combine().all()
                .unis(DELETE_SLOTS.execute(db, seriesId, ranges, slotHypertable),
                        db.preparedQuery(INSERT_SLOTS).execute(Tuple.of(seriesId, starts, kwh)))
                .discardItems();
    }

    /** The slots whose start is in [from, to), ascending. */
    public Uni<List<Slot>> slots(SqlClient db, long seriesId, TimeRange range) {
        return slots(db.preparedQuery(SLOTS_BETWEEN).execute(Tuple.of(seriesId, utc(range.from()), utc(range.to()))));
    }

    /** The first {@code limit} slots whose start is in the range, ascending. */
    public Uni<List<Slot>> slots(SqlClient db, long seriesId, TimeRange range, int limit) {
        return slots(db.preparedQuery(SLOTS_BETWEEN + " limit $4").execute(Tuple.of(seriesId, utc(range.from()), utc(range.to()), limit)));
    }

    private static Uni<List<Slot>> slots(Uni<RowSet<Row>> query) {
        return query.map(rows -> {
            List<Slot> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(new Slot(r.getOffsetDateTime(0).toInstant(), r.getDouble(1))));
            return out;
        });
    }

    // The same statements on a JDBC connection, for bulk writes that COPY (io.joule.meter's import).

    /** As {@link #ensureSeries(SqlClient, SeriesSpec)}. */
    public StoredSeries ensureSeries(Connection db, SeriesSpec spec) throws SQLException {
        StoredSeries found = find(db, spec.kind(), spec.key());
        if (found != null) {
            return found;
        }
        try (PreparedStatement created = Jdbc.prepare(db, CREATE_SERIES, spec.kind().code(), spec.key(), spec.zone().getId(),
                code(spec.quantity()), code(spec.sampling()), spec.maxGap().toSeconds()); ResultSet rows = created.executeQuery()) {
            if (rows.next()) {
                return storedSeries(rows);
            }
        }
        return find(db, spec.kind(), spec.key());
    }

    /** As {@link #find(SqlClient, io.joule.series.SeriesKind, String)}. */
    public StoredSeries find(Connection db, io.joule.series.SeriesKind kind, String key) throws SQLException {
        try (PreparedStatement find = Jdbc.prepare(db, FIND_SERIES, kind.code(), key); ResultSet rows = find.executeQuery()) {
            return rows.next() ? storedSeries(rows) : null;
        }
    }

    private static StoredSeries storedSeries(ResultSet row) throws SQLException {
        return storedSeries(row.getLong("id"), row.getString("zone"), row.getString("quantity"), row.getString("sampling"),
                row.getLong("max_gap_s"));
    }

    /** As {@link #lockSeries(SqlClient, long)}. */
    public void lockSeries(Connection db, long seriesId) throws SQLException {
        Jdbc.execute(db, "select pg_advisory_xact_lock($1)", seriesId);
    }

    /** At most {@code limit} readings with {@code after < ts <= to}, in time order: one page of a range read in pages. */
    public List<Reading> readingsAfter(Connection db, long seriesId, Instant after, Instant to, int limit) throws SQLException {
        try (PreparedStatement page = Jdbc.prepare(db, READINGS_PAGE, seriesId, utc(after), utc(to), limit);
                ResultSet rows = page.executeQuery()) {
            List<Reading> out = new ArrayList<>();
            while (rows.next()) {
                out.add(new Reading(rows.getObject(1, OffsetDateTime.class).toInstant(), rows.getDouble(2)));
            }
            return out;
        }
    }

    /** Deletes every slot in the range, answering how many; the caller holds the series' lock and writes the new ones with {@link #copySlots}. */
    public int deleteSlots(Connection db, long seriesId, TimeRange range) throws SQLException {
        return Jdbc.update(db, DELETE_SLOTS.one(), seriesId, utc(range.from()), utc(range.to()));
    }

    /** Adds slots where none are stored (after {@link #deleteSlots}), by binary COPY. */
    public void copySlots(Connection db, long seriesId, List<Slot> slots) throws SQLException {
        if (slots.isEmpty()) {
            return;
        }
        try (BinaryCopy copy = BinaryCopy.into(db, "slot_15m", "series_id, slot_start, kwh")) {
            for (Slot slot : slots) {
                copy.row(3).int8(seriesId).timestamptz(slot.start()).float8(slot.kwh());
            }
            copy.end();
        }
    }

    private static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
