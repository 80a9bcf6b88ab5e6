package io.joule.timeseries.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.pipeline.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a write marks pending on TimescaleDB: whole UTC days, and few ranges however many it wrote. */
class PendingRangesTest {

    @Test
    void aRangeIsWidenedToWholeUtcDaysAndNeighboursInOneDayAreJoined() {
        List<TimeRange> written = List.of(range("2024-06-01T10:15:00Z", "2024-06-01T11:00:00Z"),
                range("2024-06-01T20:00:00Z", "2024-06-02T00:00:00Z"), range("2024-06-05T23:45:00Z", "2024-06-06T00:15:00Z"));
        assertEquals(List.of(range("2024-06-01T00:00:00Z", "2024-06-02T00:00:00Z"), range("2024-06-05T00:00:00Z", "2024-06-07T00:00:00Z")),
                ContinuousAggregateStore.pending(written));
    }

    @Test
    void theLastSupportedDayIsNotWidenedIntoYear10000() {
        assertEquals(List.of(range("9999-12-30T00:00:00Z", "9999-12-31T23:59:59.999999Z")),
                ContinuousAggregateStore.pending(List.of(range("9999-12-30T21:00:00Z", "9999-12-31T01:45:00Z"))));
        // an asset reading on the last day reaches a day and a slot into year 10000: that bound stopped every refresh
        assertEquals(List.of(range("9999-12-29T00:00:00Z", "9999-12-31T23:59:59.999999Z")),
                ContinuousAggregateStore.pending(List.of(range("9999-12-29T23:45:00Z", "+10000-01-01T23:45:00Z"))));
    }

    @Test
    void aWriteOfManyFarRangesMarksAtMost64JoiningTheClosestGapsFirst() {
        List<TimeRange> written = new ArrayList<>();
        Instant day = Instant.parse("2024-01-01T12:00:00Z");
        for (int i = 0; i < 100; i++) {
            // every tenth range is 30 days after the one before; the others 2 days
            day = day.plusSeconds(86_400L * (i % 10 == 0 ? 30 : 2));
            written.add(new TimeRange(day, day.plusSeconds(900)));
        }
        List<TimeRange> pending = ContinuousAggregateStore.pending(written);
        // 36 of the 90 two-day gaps close (the earliest), and the nine 30-day ones stay open
        assertEquals(64, pending.size());
        assertEquals(written.get(0).from().minusSeconds(43_200), pending.get(0).from());
        assertEquals(written.get(99).to().plusSeconds(42_300), pending.get(63).to());
        for (int i = 1; i < 10; i++) {
            Instant afterFarGap = written.get(10 * i).from().minusSeconds(43_200);
            assertTrue(pending.stream().anyMatch(r -> r.from().equals(afterFarGap)), "the 30-day gap before range " + 10 * i + " stays open");
        }
    }

    private static TimeRange range(String from, String to) {
        return new TimeRange(Instant.parse(from), Instant.parse(to));
    }
}
