package io.joule.timeseries.repository;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.pipeline.TimeRange;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When several ranges are deleted within their span's bounds (a scan of the span) and when by their keys alone. */
class RangeDeleteTest {

    @Test
    void aFewSlotsWithinAWeekKeepTheSpansBounds() {
        assertTrue(RangeDelete.byKeysAndSpan(List.of(range("2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"),
                range("2024-01-07T23:00:00Z", "2024-01-08T00:00:00Z"))));
    }

    @Test
    void aFewSlotsMoreThanAWeekApartAreDeletedByTheirKeysAlone() {
        // a late reading beside today's: the bounds would scan every row of the series between them
        assertFalse(RangeDelete.byKeysAndSpan(List.of(range("2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"),
                range("2024-01-07T23:00:00Z", "2024-01-08T00:15:00Z"))));
        assertFalse(RangeDelete.byKeysAndSpan(List.of(range("2021-01-01T00:00:00Z", "2021-01-01T00:30:00Z"),
                range("2024-01-01T00:00:00Z", "2024-01-01T00:30:00Z"))));
    }

    @Test
    void moreThan64SlotsAreDeletedByTheirKeysAlone() {
        // 65 quarter-hours within one day
        assertFalse(RangeDelete.byKeysAndSpan(List.of(range("2024-01-01T00:00:00Z", "2024-01-01T16:00:00Z"),
                range("2024-01-01T20:00:00Z", "2024-01-01T20:15:00Z"))));
        assertTrue(RangeDelete.byKeysAndSpan(List.of(range("2024-01-01T00:00:00Z", "2024-01-01T16:00:00Z"))));
    }

    private static TimeRange range(String from, String to) {
        return new TimeRange(Instant.parse(from), Instant.parse(to));
    }
}
