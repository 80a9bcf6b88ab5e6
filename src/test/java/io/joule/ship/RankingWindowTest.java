package io.joule.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.joule.pipeline.TimeRange;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingWindowTest {
    static TimeRange r(String from, String to) {
        return new TimeRange(Instant.parse(from), Instant.parse(to));
    }

    @Test
    void aWindowCuttingDaysAndHoursSplitsIntoDaysHoursAndEdgeSlots() {
        RankingWindow w = RankingWindow.of(r("2024-01-01T10:15:00Z", "2024-01-04T05:30:00Z"));
        assertEquals(List.of(r("2024-01-02T00:00:00Z", "2024-01-04T00:00:00Z")), w.days());
        assertEquals(List.of(r("2024-01-01T11:00:00Z", "2024-01-02T00:00:00Z"), r("2024-01-04T00:00:00Z", "2024-01-04T05:00:00Z")), w.hours());
        assertEquals(List.of(r("2024-01-01T10:15:00Z", "2024-01-01T11:00:00Z"), r("2024-01-04T05:00:00Z", "2024-01-04T05:30:00Z")), w.slots());
    }

    @Test
    void aWindowInsideOneDayHasNoDays() {
        RankingWindow w = RankingWindow.of(r("2024-01-01T10:15:00Z", "2024-01-01T12:00:00Z"));
        assertEquals(List.of(), w.days());
        assertEquals(List.of(r("2024-01-01T11:00:00Z", "2024-01-01T12:00:00Z")), w.hours());
        assertEquals(List.of(r("2024-01-01T10:15:00Z", "2024-01-01T11:00:00Z")), w.slots());
    }

    @Test
    void aWindowInsideOneHourIsAllSlots() {
        RankingWindow w = RankingWindow.of(r("2024-01-01T10:15:00Z", "2024-01-01T10:45:00Z"));
        assertEquals(List.of(), w.days());
        assertEquals(List.of(), w.hours());
        assertEquals(List.of(r("2024-01-01T10:15:00Z", "2024-01-01T10:45:00Z")), w.slots());
    }

    @Test
    void wholeDaysNeedNoHoursOrSlots() {
        RankingWindow w = RankingWindow.of(r("2024-01-01T00:00:00Z", "2024-01-03T00:00:00Z"));
        assertEquals(List.of(r("2024-01-01T00:00:00Z", "2024-01-03T00:00:00Z")), w.days());
        assertEquals(List.of(), w.hours());
        assertEquals(List.of(), w.slots());
    }
}
