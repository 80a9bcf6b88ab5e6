package io.joule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    @Test
    void unionMergesRangesThatOverlapOrTouchAndKeepsTheRest() {
        List<TimeRange> ranges = List.of(range("10:00", "11:00"), range("10:30", "10:45"), range("11:00", "12:00"),
                range("12:15", "13:00"), range("12:30", "14:00"));
        assertEquals(List.of(range("10:00", "12:00"), range("12:15", "14:00")), TimeRange.union(ranges));
    }

    @Test
    void unionOfNoRangesIsEmpty() {
        assertEquals(List.of(), TimeRange.union(List.of()));
    }

    @Test
    void joinClosestJoinsTheNarrowestGapsUntilAtMostMaxAreLeft() {
        // gaps: 15 min, 2 h, 5 min, 1 h
        List<TimeRange> ranges = List.of(range("00:00", "01:00"), range("01:15", "02:00"), range("04:00", "05:00"),
                range("05:05", "06:00"), range("07:00", "08:00"));
        assertEquals(List.of(range("00:00", "02:00"), range("04:00", "06:00"), range("07:00", "08:00")), TimeRange.joinClosest(ranges, 3));
        assertEquals(List.of(range("00:00", "02:00"), range("04:00", "08:00")), TimeRange.joinClosest(ranges, 2));
        assertEquals(List.of(range("00:00", "08:00")), TimeRange.joinClosest(ranges, 1));
        assertEquals(ranges, TimeRange.joinClosest(ranges, 5));
    }

    @Test
    void joinClosestClosesTheEarlierOfEqualGapsFirst() {
        List<TimeRange> ranges = List.of(range("00:00", "01:00"), range("02:00", "03:00"), range("04:00", "05:00"));
        assertEquals(List.of(range("00:00", "03:00"), range("04:00", "05:00")), TimeRange.joinClosest(ranges, 2));
    }

    private static TimeRange range(String from, String to) {
        return new TimeRange(at(from), at(to));
    }

    private static Instant at(String hhmm) {
        return Instant.parse("2018-08-24T" + hhmm + ":00Z");
    }
}
