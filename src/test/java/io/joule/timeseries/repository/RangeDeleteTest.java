package io.joule.timeseries.repository;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.pipeline.TimeRange;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When several ranges are deleted within their span's bounds (a scan of the span) and when by their keys alone. */
class RangeDeleteTest {
    private static final TimeRange FIRST_HOUR = range("2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z");

    @Test
    void aFewSlotsWithinAWeekKeepTheSpansBounds() {
        assertTrue(byKeysAndSpan(false, FIRST_HOUR, range("2024-01-07T23:00:00Z", "2024-01-08T00:00:00Z")));
    }

    @Test
    void aFewSlotsMoreThanAWeekApartAreDeletedByTheirKeysAlone() {
        // a late reading beside today's: the bounds would scan every row of the series between them
        assertFalse(byKeysAndSpan(false, FIRST_HOUR, range("2024-01-07T23:00:00Z", "2024-01-08T00:15:00Z")));
        assertFalse(byKeysAndSpan(false, range("2021-01-01T00:00:00Z", "2021-01-01T00:30:00Z"),
                range("2024-01-01T00:00:00Z", "2024-01-01T00:30:00Z")));
    }

    @Test
    void inAHypertableAFewSlotsKeepTheirBoundsHoweverFarApart() {
        // keys alone would open every chunk, and may decompress the series in each compressed one
        assertTrue(byKeysAndSpan(true, range("2021-01-01T00:00:00Z", "2021-01-01T00:30:00Z"),
                range("2024-01-01T00:00:00Z", "2024-01-01T00:30:00Z")));
    }

    @Test
    void moreThan64SlotsAreDeletedByTheirKeysAlone() {
        // 65 quarter-hours within one day
        TimeRange sixteenHours = range("2024-01-01T00:00:00Z", "2024-01-01T16:00:00Z");
        assertFalse(byKeysAndSpan(false, sixteenHours, range("2024-01-01T20:00:00Z", "2024-01-01T20:15:00Z")));
        assertFalse(byKeysAndSpan(true, sixteenHours, range("2024-01-01T20:00:00Z", "2024-01-01T20:15:00Z")));
        assertTrue(byKeysAndSpan(false, sixteenHours));
    }

    private static boolean byKeysAndSpan(boolean hypertable, TimeRange... ranges) {
        return RangeDelete.byKeysAndSpan(List.of(ranges), hypertable);
    }

    private static TimeRange range(String from, String to) {
        return new TimeRange(Instant.parse(from), Instant.parse(to));
    }
}
