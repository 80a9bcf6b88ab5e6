package io.joule.timeseries.repository;

import static io.joule.time.Timestamps.utc;

import io.joule.pipeline.TimeRange;
import java.time.OffsetDateTime;
import java.util.List;

/** Time ranges bound as two parallel arrays, the starts and the ends, for statements that unnest them. */
final class Ranges {
    private Ranges() {
    }

    static OffsetDateTime[] froms(List<TimeRange> ranges) {
        return ranges.stream().map(r -> utc(r.from())).toArray(OffsetDateTime[]::new);
    }

    static OffsetDateTime[] tos(List<TimeRange> ranges) {
        return ranges.stream().map(r -> utc(r.to())).toArray(OffsetDateTime[]::new);
    }
}
