package io.joule.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalTrendForecasterTest {
    static final ZoneId UTC = ZoneOffset.UTC;
    // A Monday.
    static final Instant ORIGIN = Instant.parse("2024-01-01T00:00:00Z");
    static final String ADDITIVE = "time-of-week profile + linear trend (OLS)";
    static final String MULTIPLICATIVE = "time-of-week profile × linear trend (least squares)";

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

    /**
     * The weekday shape (10 kWh/h 08-18, 2 otherwise) with weekends at {@code weekendFraction} of
     * it, times {@code 1 + growthPerDay · days}, times {@code 1 + noise · N(0, 1)}.
     */
    static List<HourlyEnergy> growing(int days, double growthPerDay, double weekendFraction, double noise, long seed) {
        Random random = new Random(seed);
        List<HourlyEnergy> out = new ArrayList<>();
        for (int h = 0; h < days * 24; h++) {
            Instant hour = ORIGIN.plusSeconds(3600L * h);
            var t = hour.atZone(UTC);
            double weekday = t.getHour() >= 8 && t.getHour() < 18 ? 10 : 2;
            boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
            double level = (weekend ? weekendFraction : 1) * weekday * (1 + growthPerDay * h / 24.0);
            out.add(new HourlyEnergy(hour, level * (1 + noise * random.nextGaussian())));
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
        // Without a trend both forms fit exactly: the tie goes to the additive model.
        assertEquals(ADDITIVE, week.model());
        assertEquals(28, week.historyDays());
    }

    @Test
    void theTrendIsExtrapolated() {
        Instant start = ORIGIN.plusSeconds(28 * 86400L);
        // +0.01 kWh/h per day: hour h of the next Monday (day 28) adds 0.01 × (28 + h/24);
        // 128 + 24 × 0.28 + 0.01 × 276 / 24 = 134.835.
        Forecast monday = SeasonalTrendForecaster.forecast(history(28, 0.01, 0, 2), UTC, start, start.plusSeconds(86400L));
        assertEquals(134.835, monday.expected(), 1e-6);
        // The same kWh added to every hour is additive: profile × trend cannot fit it exactly.
        assertEquals(ADDITIVE, monday.model());
    }

    @Test
    void aNoisyAdditiveTrendChoosesTheAdditiveModel() {
        Instant start = ORIGIN.plusSeconds(56 * 86400L);
        // +0.05 kWh/h per day, noise σ = 0.3 kWh/h (every hour stays positive with this seed).
        List<HourlyEnergy> history = history(56, 0.05, 0.3, 7);
        assertTrue(history.stream().allMatch(h -> h.kwh() > 0));
        Forecast week = SeasonalTrendForecaster.forecast(history, UTC, start, start.plusSeconds(7 * 86400L));
        // 688 + 0.05 × Σ_{h<168} (56 + h/24) = 688 + 0.05 × (9408 + 584.5) = 1187.625
        assertEquals(ADDITIVE, week.model());
        assertEquals(1187.625, week.expected(), 1187.625 * 0.01);
        assertTrue(week.low() < 1187.625 && 1187.625 < week.high(), () -> "interval " + week);
    }

    @Test
    void aGrowingLoadWithProportionalWeekendsIsForecastExactly() {
        Instant start = ORIGIN.plusSeconds(28 * 86400L);
        List<HourlyEnergy> history = growing(28, 0.01, 0.3, 0, 8);
        Forecast week = SeasonalTrendForecaster.forecast(history, UTC, start, start.plusSeconds(7 * 86400L));
        // Σ base over the week = 5 × 128 + 2 × 0.3 × 128 = 716.8; Σ base × days =
        // 716.8 × 28 + (128 × (0+1+2+3+4) + 38.4 × (5+6)) + (5 × 1552 + 2 × 0.3 × 1552) / 24
        // = 20070.4 + 1702.4 + 362.1333… = 22134.9333…, where 1552 = Σ_hour base × hour of a weekday.
        // 716.8 + 0.01 × 22134.9333… = 938.149333…
        assertEquals(MULTIPLICATIVE, week.model());
        assertEquals(938.1493333333, week.expected(), 1e-6);
        assertEquals(938.1493333333, week.low(), 1e-6);
        assertEquals(938.1493333333, week.high(), 1e-6);
        // Saturday, day 33: 38.4 + 0.01 × (38.4 × 33 + 0.3 × 1552 / 24) = 38.4 + 0.01 × 1286.6
        Forecast saturday = SeasonalTrendForecaster.forecast(history, UTC, ORIGIN.plusSeconds(33 * 86400L), ORIGIN.plusSeconds(34 * 86400L));
        assertEquals(51.266, saturday.expected(), 1e-6);
    }

    @Test
    void theAdditiveModelAloneMissesAProportionalWeekend() {
        Instant start = ORIGIN.plusSeconds(33 * 86400L);
        Forecast saturday = SeasonalTrendForecaster.forecast(growing(28, 0.01, 0.3, 0, 8), UTC, start, start.plusSeconds(86400L),
                EnumSet.of(SeasonalTrendForecaster.Seasonality.ADDITIVE));
        assertEquals(ADDITIVE, saturday.model());
        // It gives the weekend the weekday's growth in kWh: well above the true 51.266.
        assertTrue(saturday.expected() > 51.266 * 1.2, () -> "additive-only Saturday " + saturday);
    }

    @Test
    void weekendsAtZeroAreAProportionOfZero() {
        Instant start = ORIGIN.plusSeconds(28 * 86400L);
        Forecast week = SeasonalTrendForecaster.forecast(growing(28, 0.01, 0, 0, 9), UTC, start, start.plusSeconds(7 * 86400L));
        // 640 + 0.01 × (128 × 28 × 5 + 1280 + 5 × 1552 / 24) = 640 + 0.01 × 19523.333… = 835.233333…
        assertEquals(MULTIPLICATIVE, week.model());
        assertEquals(835.2333333333, week.expected(), 1e-6);
        Forecast sunday = SeasonalTrendForecaster.forecast(growing(28, 0.01, 0, 0, 9), UTC,
                ORIGIN.plusSeconds(34 * 86400L), ORIGIN.plusSeconds(35 * 86400L));
        assertEquals(0, sunday.expected(), 1e-9);
    }

    @Test
    void aNegativeHourKeepsTheAdditiveModel() {
        List<HourlyEnergy> history = new ArrayList<>(growing(28, 0.01, 0.3, 0, 10));
        history.set(100, new HourlyEnergy(history.get(100).hour(), -0.5));
        Instant start = ORIGIN.plusSeconds(28 * 86400L);
        Forecast week = SeasonalTrendForecaster.forecast(history, UTC, start, start.plusSeconds(7 * 86400L));
        assertEquals(ADDITIVE, week.model());
        Forecast asked = SeasonalTrendForecaster.forecast(history, UTC, start, start.plusSeconds(7 * 86400L),
                EnumSet.of(SeasonalTrendForecaster.Seasonality.MULTIPLICATIVE));
        assertEquals(ADDITIVE, asked.model());
    }

    @Test
    void anAllZeroHistoryLeavesTheTrendUnidentifiedAndForecastsZeroAdditively() {
        Instant start = ORIGIN.plusSeconds(28 * 86400L);
        Forecast week = SeasonalTrendForecaster.forecast(growing(28, 0.01, 0.3, 0, 13).stream()
                .map(h -> new HourlyEnergy(h.hour(), 0)).toList(), UTC, start, start.plusSeconds(7 * 86400L),
                EnumSet.of(SeasonalTrendForecaster.Seasonality.MULTIPLICATIVE));
        assertEquals(ADDITIVE, week.model());
        assertEquals(0, week.expected(), 1e-12);
        assertEquals(0, week.high(), 1e-12);
    }

    @Test
    void aNoisyGrowingLoadChoosesProfileTimesTrendWithAnIntervalAroundTheTruth() {
        Instant start = ORIGIN.plusSeconds(56 * 86400L);
        // +2 %/week of the starting level, 8 % noise.
        Forecast week = SeasonalTrendForecaster.forecast(growing(56, 0.02 / 7, 0.3, 0.08, 11), UTC, start, start.plusSeconds(7 * 86400L));
        // 716.8 + (0.02 / 7) × (716.8 × 56 + 1702.4 + 362.1333…) = 716.8 + (0.02 / 7) × 42205.3333… = 837.386667
        assertEquals(MULTIPLICATIVE, week.model());
        assertEquals(837.386667, week.expected(), 837.386667 * 0.02);
        assertTrue(week.low() < 837.386667 && 837.386667 < week.high(), () -> "interval " + week);
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
    void underTwoWeeksAGrowingLoadUsesAnHourOfDayProfileTimesTrend() {
        // Monday to Thursday; the forecast is Friday (day 4): 128 + 0.01 × (128 × 4 + 1552 / 24) = 133.7666…
        Instant start = ORIGIN.plusSeconds(4 * 86400L);
        Forecast f = SeasonalTrendForecaster.forecast(growing(4, 0.01, 0.3, 0, 12), UTC, start, start.plusSeconds(86400L));
        assertEquals("hour-of-day profile × linear trend (least squares)", f.model());
        assertEquals(133.7666666667, f.expected(), 1e-6);
    }

    @Test
    void underTwoDaysIsRefused() {
        List<HourlyEnergy> short47 = history(2, 0, 0, 6).subList(0, 47);
        assertThrows(IllegalArgumentException.class,
                () -> SeasonalTrendForecaster.forecast(short47, UTC, ORIGIN.plusSeconds(2 * 86400L), ORIGIN.plusSeconds(3 * 86400L)));
    }
}
