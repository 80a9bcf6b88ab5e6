package io.joule.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZonesTest {

    @Test
    void theDaysOverlappingSomeUtcDatesAreTheirLocalDaysAndTheRangeEnds() {
        // Kathmandu is 5:45 ahead: the UTC date 2024-05-10 overlaps its local 10th and 11th
        Zones.Days days = Zones.daysOverlapping(ZoneId.of("Asia/Kathmandu"), List.of(LocalDate.of(2024, 5, 10)),
                LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
        assertEquals(List.of("2024-01-01", "2024-05-10", "2024-05-11", "2024-12-31"), Arrays.stream(days.dates()).map(String::valueOf).toList());
        assertEquals(List.of("2023-12-31T18:15Z", "2024-05-09T18:15Z", "2024-05-10T18:15Z", "2024-12-30T18:15Z"),
                Arrays.stream(days.starts()).map(String::valueOf).toList());
        assertEquals(List.of("2024-01-01T18:15Z", "2024-05-10T18:15Z", "2024-05-11T18:15Z", "2024-12-31T18:15Z"),
                Arrays.stream(days.ends()).map(String::valueOf).toList());
    }

    @Test
    void consecutiveDaysFormOneRunAndAGapStartsAnother() {
        Zones.Days days = Zones.days(ZoneId.of("Asia/Kathmandu"), new java.util.TreeSet<>(List.of(LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 5, 10), LocalDate.of(2024, 5, 11), LocalDate.of(2024, 5, 12), LocalDate.of(2024, 12, 31))));
        assertEquals(List.of("2023-12-31T18:15Z", "2024-05-09T18:15Z", "2024-12-30T18:15Z"),
                Arrays.stream(days.runs().starts()).map(String::valueOf).toList());
        assertEquals(List.of("2024-01-01T18:15Z", "2024-05-12T18:15Z", "2024-12-31T18:15Z"),
                Arrays.stream(days.runs().ends()).map(String::valueOf).toList());
    }

    @Test
    void aUtcDateOverlapsTheLocalDaysOnBothSidesOfAClockChangeAndOfAFarOffset() {
        // London's 2024-03-31 runs from 00:00Z to 23:00Z, when its 1 April starts
        Zones.Days london = Zones.daysOverlapping(ZoneId.of("Europe/London"), List.of(LocalDate.of(2024, 3, 31)),
                LocalDate.of(2024, 3, 31), LocalDate.of(2024, 3, 31));
        assertEquals(List.of("2024-03-31", "2024-04-01"), Arrays.stream(london.dates()).map(String::valueOf).toList());
        assertEquals(List.of("2024-03-31T00:00Z", "2024-03-31T23:00Z"), Arrays.stream(london.starts()).map(String::valueOf).toList());
        // Kiritimati is 14 hours ahead: each UTC date overlaps its own local date and the next
        Zones.Days kiritimati = Zones.daysOverlapping(ZoneId.of("Pacific/Kiritimati"), List.of(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 3)),
                LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 4));
        assertEquals(List.of("2024-06-01", "2024-06-02", "2024-06-03", "2024-06-04"),
                Arrays.stream(kiritimati.dates()).map(String::valueOf).toList());
    }
}
