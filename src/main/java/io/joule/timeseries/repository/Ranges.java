package io.joule.timeseries.repository;

import static io.joule.time.Timestamps.utc;

import io.joule.pipeline.TimeRange;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;

/** Time ranges bound as two parallel arrays, the starts and the ends, for statements that unnest them. */
final class Ranges {
    private Ranges() {
    }

    /** $1 the series, $2 and $3 the ranges' starts and ends. */
    static Tuple of(long seriesId, List<TimeRange> ranges) {
        return Tuple.of(seriesId, froms(ranges), tos(ranges));
    }

    /** As {@link #of}, and $4, $5 the first start and the last end: the span as plain bounds, so TimescaleDB plans only its chunks. */
    static Tuple withSpan(long seriesId, List<TimeRange> ranges) {
        return of(seriesId, ranges).addValue(utc(ranges.get(0).from())).addValue(utc(ranges.get(ranges.size() - 1).to()));
    }

    /** As {@link #of} for one range, as the arguments of a JDBC statement. */
    static Object[] jdbc(long seriesId, TimeRange range) {
        return jdbc(seriesId, List.of(range));
    }

    /** As {@link #of}, as the arguments of a JDBC statement. */
    static Object[] jdbc(long seriesId, List<TimeRange> ranges) {
        return new Object[] {seriesId, froms(ranges), tos(ranges)};
    }

    private static OffsetDateTime[] froms(List<TimeRange> ranges) {
        return ranges.stream().map(r -> utc(r.from())).toArray(OffsetDateTime[]::new);
    }

    private static OffsetDateTime[] tos(List<TimeRange> ranges) {
        return ranges.stream().map(r -> utc(r.to())).toArray(OffsetDateTime[]::new);
    }
}
