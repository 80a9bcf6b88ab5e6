package io.joule.timeseries.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.pipeline.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which windows one refresh round materializes on TimescaleDB: its pending ranges' days, not the span between them. */
class RefreshWindowsTest {

    @Test
    void pendingRangesYearsApartAreRefreshedAsTheirOwnDays() {
        List<TimeRange> days = List.of(AggregateRefresher.wholeUtcDays(at("2015-03-01T10:00:00Z"), at("2015-03-01T10:45:00Z")),
                AggregateRefresher.wholeUtcDays(at("2025-03-01T23:00:00Z"), at("2025-03-02T00:00:00Z")));
        assertEquals(List.of(range("2015-03-01T00:00:00Z", "2015-03-02T00:00:00Z"), range("2025-03-01T00:00:00Z", "2025-03-02T00:00:00Z")),
                AggregateRefresher.windows(days));
    }

    @Test
    void overlappingAndTouchingDaysAreOneWindow() {
        List<TimeRange> days = List.of(AggregateRefresher.wholeUtcDays(at("2024-06-01T10:00:00Z"), at("2024-06-02T01:00:00Z")),
                AggregateRefresher.wholeUtcDays(at("2024-06-02T20:00:00Z"), at("2024-06-03T00:00:00.000001Z")),
                AggregateRefresher.wholeUtcDays(at("2024-06-03T05:00:00Z"), at("2024-06-03T06:00:00Z")));
        assertEquals(List.of(range("2024-06-01T00:00:00Z", "2024-06-04T00:00:00Z")), AggregateRefresher.windows(days));
    }

    @Test
    void aRoundOfManyScatteredRangesMakesAtMost16Windows() {
        List<TimeRange> days = new ArrayList<>();
        Instant day = at("2020-01-01T12:00:00Z");
        for (int i = 0; i < 40; i++) {
            // every fifth range is a year after the one before; the others a week
            day = day.plusSeconds(86_400L * (i % 5 == 0 ? 365 : 7));
            days.add(AggregateRefresher.wholeUtcDays(day, day.plusSeconds(900)));
        }
        List<TimeRange> windows = AggregateRefresher.windows(days);
        // 23 of the 32 week-long gaps close, the earliest first; the 7 year-long ones stay open
        assertEquals(16, windows.size());
        assertEquals(days.get(0).from(), windows.get(0).from());
        assertEquals(days.get(4).to(), windows.get(0).to());
        for (int run = 1; run < 8; run++) {
            Instant afterYear = days.get(5 * run).from();
            assertTrue(windows.stream().anyMatch(w -> w.from().equals(afterYear)), "the year before range " + 5 * run + " is not refreshed");
        }
    }

    private static TimeRange range(String from, String to) {
        return new TimeRange(at(from), at(to));
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
