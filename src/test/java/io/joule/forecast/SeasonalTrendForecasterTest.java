package io.joule.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalTrendForecasterTest {
    static final ZoneId UTC = ZoneOffset.UTC;
    // A Monday.
    static final Instant ORIGIN = Instant.parse("2024-01-01T00:00:00Z");

    /** Weekdays 10 kWh/h from 08 to 18, 2 otherwise; weekends 1 kWh/h. */
    static double weekly(Instant hour) {
        var t = hour.atZone(UTC);
        if (t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return 1;
        }
        return t.getHour() >= 8 && t.getHour() < 18 ? 10 : 2;
    }

    static List<HourlyEnergy> history(int days, double trendPerDay, double noise, long seed) {
        Random random = new Random(seed);
        List<HourlyEnergy> out = new ArrayList<>();
        for (int h = 0; h < days * 24; h++) {
            Instant hour = ORIGIN.plusSeconds(3600L * h);
            out.add(new HourlyEnergy(hour, weekly(hour) + trendPerDay * h / 24.0 + noise * random.nextGaussian()));
        }
        return out;
    }

    @Test
    void aKnownWeeklyShapeIsForecastExactly() {
        Instant start = ORIGIN.plusSeconds(28 * 86400L);
        Forecast week = SeasonalTrendForecaster.forecast(history(28, 0, 0, 1), UTC, start, start.plusSeconds(7 * 86400L));
        // 5 weekdays × (10 h × 10 + 14 h × 2) + 2 weekend days × 24 × 1 = 640 + 48
        assertEquals(688, week.expected(), 1e-6);
        assertEquals(688, week.low(), 1e-6);
        assertEquals(688, week.high(), 1e-6);
        assertEquals("time-of-week profile + linear trend (OLS)", week.model());
        assertEquals(28, week.historyDays());
    }

    @Test
    void theTrendIsExtrapolated() {
        Instant start = ORIGIN.plusSeconds(28 * 86400L);
        // +0.01 kWh/h per day: hour h of the next Monday (day 28) adds 0.01 × (28 + h/24);
        // 128 + 24 × 0.28 + 0.01 × 276 / 24 = 134.835.
        Forecast monday = SeasonalTrendForecaster.forecast(history(28, 0.01, 0, 2), UTC, start, start.plusSeconds(86400L));
        assertEquals(134.835, monday.expected(), 1e-6);
    }

    @Test
    void noisyHistoryGivesAnIntervalAroundTheTruthWithinAFewPercent() {
        Instant start = ORIGIN.plusSeconds(56 * 86400L);
        Forecast week = SeasonalTrendForecaster.forecast(history(56, 0, 1.0, 3), UTC, start, start.plusSeconds(7 * 86400L));
        assertEquals(688, week.expected(), 688 * 0.03);
        assertTrue(week.low() < 688 && 688 < week.high(), () -> "interval " + week);
    }

    @Test
    void partialHoursAreWeighted() {
        Instant start = ORIGIN.plusSeconds(28 * 86400L + 8 * 3600L + 30 * 60L);
        Forecast f = SeasonalTrendForecaster.forecast(history(28, 0, 0, 4), UTC, start, start.plusSeconds(3600L));
        assertEquals(10, f.expected(), 1e-6);
    }

    @Test
    void underTwoWeeksFallsBackToAnHourOfDayProfile() {
        Instant start = ORIGIN.plusSeconds(3 * 86400L);
        Forecast f = SeasonalTrendForecaster.forecast(history(3, 0, 0, 5), UTC, start, start.plusSeconds(86400L));
        assertEquals("hour-of-day profile + linear trend (OLS)", f.model());
        assertEquals(128, f.expected(), 1e-6);
    }

    @Test
    void underTwoDaysIsRefused() {
        List<HourlyEnergy> short47 = history(2, 0, 0, 6).subList(0, 47);
        assertThrows(IllegalArgumentException.class,
                () -> SeasonalTrendForecaster.forecast(short47, UTC, ORIGIN.plusSeconds(2 * 86400L), ORIGIN.plusSeconds(3 * 86400L)));
    }
}
