package io.joule.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The days reading_daily's SQL would write, with its literals (MeterDailyStatsTest has the same from PostgreSQL). */
class ReadingDaysTest {

    @Test
    void aKathmanduDaySumsItsPartialUtcHoursInOrder() {
        ReadingDays days = new ReadingDays(7, ZoneId.of("Asia/Kathmandu"));
        String[][] readings = {{"2032-03-09T18:15:00Z", "0.1"}, {"2032-03-09T18:20:00Z", "0.2"}, {"2032-03-09T18:35:00Z", "0.7"},
                {"2032-03-09T18:45:00Z", "0.3"}, {"2032-03-09T19:15:00Z", "0.6"}, {"2032-03-10T06:15:00Z", "1.1"},
                {"2032-03-10T18:05:00Z", "2.2"}, {"2032-03-10T18:10:00Z", "0.4"}, {"2032-03-10T18:15:00Z", "5.0"}};
        for (String[] r : readings) {
            assertTrue(days.add(Instant.parse(r[0]), Double.parseDouble(r[1])));
        }
        assertEquals(List.of(
                new ReadingDay(7, LocalDate.parse("2032-03-10"), Instant.parse("2032-03-09T18:15:00Z"), Instant.parse("2032-03-10T18:15:00Z"),
                        0.1, 2.2, 5.6, 8),
                new ReadingDay(7, LocalDate.parse("2032-03-11"), Instant.parse("2032-03-10T18:15:00Z"), Instant.parse("2032-03-11T18:15:00Z"),
                        5.0, 5.0, 5.0, 1)), days.finish());
    }

    @Test
    void londonsTwentyFiveHourDayAddsItsHoursNotItsUtcDay() {
        ReadingDays days = new ReadingDays(1, ZoneId.of("Europe/London"));
        days.add(Instant.parse("2033-10-29T23:10:00Z"), 0.1);
        days.add(Instant.parse("2033-10-30T02:10:00Z"), 0.2);
        days.add(Instant.parse("2033-10-30T03:10:00Z"), 0.3);
        assertEquals(List.of(new ReadingDay(1, LocalDate.parse("2033-10-30"), Instant.parse("2033-10-29T23:00:00Z"),
                Instant.parse("2033-10-31T00:00:00Z"), 0.1, 0.3, 0.6000000000000001, 3)), days.finish());
    }

    @Test
    void anHourIsSummedBeforeItIsAddedToItsDay() {
        ReadingDays days = new ReadingDays(1, ZoneId.of("UTC"));
        days.add(Instant.parse("2030-01-01T00:00:00Z"), 0.1);
        days.add(Instant.parse("2030-01-01T01:00:00Z"), 0.2);
        days.add(Instant.parse("2030-01-01T01:30:00Z"), 0.3);
        // 0.1 + (0.2 + 0.3) = 0.6, where ((0.1 + 0.2) + 0.3) would be 0.6000000000000001
        assertEquals(0.6, days.finish().get(0).sum());
    }

    @Test
    void minAndMaxKeepTheLaterOfEqualValuesAsPostgresqlDoes() {
        ReadingDays days = new ReadingDays(1, ZoneId.of("UTC"));
        days.add(Instant.parse("2030-01-01T00:00:00Z"), 0.0);
        days.add(Instant.parse("2030-01-01T00:15:00Z"), -0.0);
        ReadingDay day = days.finish().get(0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(day.min()), "min " + day.min());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(day.max()), "max " + day.max());
    }

    @Test
    void aReadingThatIsNotLaterIsRefused() {
        ReadingDays days = new ReadingDays(1, ZoneId.of("UTC"));
        assertTrue(days.add(Instant.parse("2030-01-01T10:00:00Z"), 1));
        assertFalse(days.add(Instant.parse("2030-01-01T10:00:00Z"), 2));
        assertFalse(days.add(Instant.parse("2030-01-01T09:00:00Z"), 3));
        assertEquals(1, days.size());
        assertEquals(1, days.finish().get(0).count());
    }
}
