package io.joule.timeseries;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A series that a lookup statement found, as the lookup's row, with its daily rows in order (none when it has none in the
 * range or the row's {@code series_id} is null). A lookup answers {@code series_id}, {@code zone} and {@code ord} (the
 * answer's order, unique), and whatever else its caller reads from {@link #series()}.
 */
public record SeriesDays<T>(Row series, List<T> days) {

    /**
     * The rows of a lookup left-joined with daily rows, ordered by {@code ord} and day: one per series, its days those
     * whose {@code day} column is not null.
     */
    public static <T> List<SeriesDays<T>> grouped(RowSet<Row> rows, Function<Row, T> day) {
        List<SeriesDays<T>> out = new ArrayList<>();
        long ord = Long.MIN_VALUE;
        List<T> days = null;
        for (Row r : rows) {
            long o = r.getLong("ord");
            if (days == null || o != ord) {
                ord = o;
                days = new ArrayList<>();
                out.add(new SeriesDays<>(r, days));
            }
            if (r.getLocalDate("day") != null) {
                days.add(day.apply(r));
            }
        }
        return out;
    }

    /**
     * Runs {@code read}'s statements in one repeatable-read, read-only transaction when {@code db} is the pool, so that
     * a read of several statements sees the database as of one moment, as a single statement does. On a connection the
     * caller's transaction, if any, decides. A cancelled read (its request timed out) issues no further statement: the
     * connection is closed, which rolls the transaction back once the statement in flight ends.
     */
    public static <T> Uni<T> inOneSnapshot(SqlClient db, Function<SqlClient, Uni<T>> read) {
        if (db instanceof Pool pool) {
            // Not Pool.withTransaction: it runs the read as a future of its own, which a cancellation never reaches
            return pool.getConnection().flatMap(c -> c.begin()
                    .flatMap(tx -> c.query("set transaction isolation level repeatable read, read only").execute()
                            .chain(() -> read.apply(c)).call(tx::commit))
                    .onTermination().call(c::close));
        }
        return read.apply(db);
    }

    /** Reads the days of a lookup's rows after it: {@code found} in the answer's order, on the snapshot's connection. */
    public interface AfterLookup<T> {
        Uni<List<SeriesDays<T>>> read(SqlClient connection, List<Row> found);
    }

    /** Runs the lookup, then {@code days} on its rows in order, all in one snapshot ({@link #inOneSnapshot}). */
    public static <T> Uni<List<SeriesDays<T>>> afterLookup(SqlClient db, String lookup, Tuple args, AfterLookup<T> days) {
        return inOneSnapshot(db, c -> c.preparedQuery(lookup).execute(args).flatMap(rows -> days.read(c, inOrder(rows))));
    }

    /** The series of a lookup's row, or null for a row that reads no days. */
    public static Long seriesId(Row lookupRow) {
        return lookupRow.getLong("series_id");
    }

    /** A lookup's parameters followed by the first and last day, for a statement that joins it with daily rows. */
    public static Tuple withDays(Tuple lookupArgs, LocalDate from, LocalDate to) {
        Tuple t = Tuple.tuple();
        for (int i = 0; i < lookupArgs.size(); i++) {
            t.addValue(lookupArgs.getValue(i));
        }
        return t.addValue(from).addValue(to);
    }

    /** The lookup's rows in their answer's order ({@code ord}), whatever order the statement gave them in. */
    public static List<Row> inOrder(RowSet<Row> rows) {
        List<Row> found = new ArrayList<>(rows.size());
        rows.forEach(found::add);
        found.sort(Comparator.comparingLong(r -> r.getLong("ord")));
        return found;
    }

    /** By table, then lookup: both are constants, so finding one hashes no new string on the read path. */
    private static final Map<String, Map<String, String>> JOINED = new ConcurrentHashMap<>();

    /**
     * A lookup joined with a table of daily rows by series and day: {@code columns} of that table, the days bound after
     * the lookup's {@code parameters}. Composed once per lookup and table.
     */
    public static String joined(String lookup, int parameters, String table, String columns) {
        return JOINED.computeIfAbsent(table, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(lookup, l -> compose(lookup, parameters, table, columns));
    }

    private static String compose(String lookup, int parameters, String table, String columns) {
        return """
                select l.*, %4$s
                from (%1$s) l left join %3$s d on d.series_id = l.series_id and d.day >= $%2$d and d.day <= $%5$d
                order by l.ord, d.day""".formatted(lookup.strip(), parameters + 1, table, columns, parameters + 2);
    }
}
