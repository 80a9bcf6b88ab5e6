package io.joule.timeseries.repository;

import static io.joule.time.Timestamps.utc;

import io.joule.pipeline.Slots;
import io.joule.pipeline.TimeRange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;

/**
 * Deletes a series' rows whose time lies in sorted, disjoint ranges. One range is one index range scan. Several are
 * found by an index range scan each and deleted by key: joined to the ranges directly, PostgreSQL's generic plan scanned
 * the series' whole span between them (a delete of 24 rows between two ranges two months apart read 11,544).
 * With the span's bounds beside the keys, the plan scans the span and tries every row against every key as a filter:
 * cheap for a few keys in a short span, and the bounds let TimescaleDB open only the span's chunks; for 100,000 keys it
 * took 10.9 s, and two ranges 3 years apart 20 ms (105,000 rows scanned). So past {@link #FEW_SLOTS} slots, or, in a
 * table that is not a hypertable, a span over {@link #SHORT_SPAN}, the keys alone are the condition, an index lookup
 * each (0.29 s for the 100,000). In a hypertable TimescaleDB then opens every chunk of the table and excludes those
 * without keys as the delete runs; so there a few keys keep their span's bounds however long it is (a delete by keys
 * alone may decompress the series in every compressed chunk).
 *
 * @param one $1 the series, [$2, $3) the range
 * @param fewKeys $1 the series, $2 and $3 the ranges' starts and ends, $4 and $5 their whole span as plain bounds
 * @param manyKeys as {@code fewKeys}; the bounds only bound the ranges' scans
 */
record RangeDelete(String one, String fewKeys, String manyKeys) {
    /** The most 15-minute slots the ranges may hold for the span's bounds to stay beside the keys. */
    static final long FEW_SLOTS = 64;
    /** Outside hypertables, the longest span kept as bounds: a week of a series' slots is scanned in about 0.1 ms. */
    static final Duration SHORT_SPAN = Duration.ofDays(7);

    private static final String KEYS = """
            %2$s = any(array(
                select x.%2$s from unnest($2::timestamptz[], $3::timestamptz[]) r(f, t)
                cross join lateral (select %2$s from %1$s where series_id = $1 and %2$s >= r.f and %2$s < r.t
                                                            and %2$s >= $4 and %2$s < $5 offset 0) x))
            """;

    static RangeDelete of(String table, String time) {
        String keys = KEYS.formatted(table, time);
        return new RangeDelete("delete from %1$s where series_id = $1 and %2$s >= $2 and %2$s < $3".formatted(table, time),
                "delete from %1$s where series_id = $1 and %2$s >= $4 and %2$s < $5 and ".formatted(table, time) + keys,
                "delete from %1$s where series_id = $1 and ".formatted(table) + keys);
    }

    /** @param hypertable whether the table may be a TimescaleDB hypertable */
    Uni<RowSet<Row>> execute(SqlClient db, long seriesId, List<TimeRange> ranges, boolean hypertable) {
        if (ranges.size() == 1) {
            return db.preparedQuery(one).execute(Tuple.of(seriesId, utc(ranges.get(0).from()), utc(ranges.get(0).to())));
        }
        return db.preparedQuery(byKeysAndSpan(ranges, hypertable) ? fewKeys : manyKeys).execute(Ranges.withSpan(seriesId, ranges));
    }

    /** Whether several ranges are deleted by their keys within their span's bounds, not by their keys alone. */
    static boolean byKeysAndSpan(List<TimeRange> ranges, boolean hypertable) {
        Duration span = Duration.between(ranges.get(0).from(), ranges.get(ranges.size() - 1).to());
        return Slots.slotsIn(ranges) <= FEW_SLOTS && (hypertable || span.compareTo(SHORT_SPAN) <= 0);
    }
}
