package io.joule.timeseries.repository;

import static io.joule.time.Timestamps.utc;

import io.joule.pipeline.TimeRange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;

/**
 * Deletes a series' rows whose time lies in sorted, disjoint ranges. One range is one index range scan. Several are
 * found by an index range scan each and deleted by key, the keys an index condition: joined to the ranges directly,
 * PostgreSQL's generic plan scanned the series' whole span between them (a delete of 24 rows between two ranges two
 * months apart read 11,544), and so did it with the span's bounds beside the keys, which then became a filter tried
 * on every row of the span (100,000 keys: 10.9 s, where keys alone take 0.29 s). TimescaleDB excludes the chunks
 * without keys as the delete runs.
 *
 * @param one $1 the series, [$2, $3) the range
 * @param several $1 the series, $2 and $3 the ranges' starts and ends, $4 and $5 their whole span as plain bounds, so that
 *     TimescaleDB plans only its chunks for the ranges' scans
 */
record RangeDelete(String one, String several) {

    static RangeDelete of(String table, String time) {
        return new RangeDelete("delete from %1$s where series_id = $1 and %2$s >= $2 and %2$s < $3".formatted(table, time), """
                delete from %1$s where series_id = $1 and %2$s = any(array(
                    select x.%2$s from unnest($2::timestamptz[], $3::timestamptz[]) r(f, t)
                    cross join lateral (select %2$s from %1$s where series_id = $1 and %2$s >= r.f and %2$s < r.t
                                                                and %2$s >= $4 and %2$s < $5 offset 0) x))
                """.formatted(table, time));
    }

    Uni<RowSet<Row>> execute(SqlClient db, long seriesId, List<TimeRange> ranges) {
        if (ranges.size() == 1) {
            return db.preparedQuery(one).execute(Tuple.of(seriesId, utc(ranges.get(0).from()), utc(ranges.get(0).to())));
        }
        return db.preparedQuery(several).execute(Ranges.withSpan(seriesId, ranges));
    }
}
