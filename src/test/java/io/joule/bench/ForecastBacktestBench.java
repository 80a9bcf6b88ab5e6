package io.joule.bench;

import io.joule.forecast.HourlyEnergy;
import io.joule.forecast.SeasonalTrendForecaster;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Backtest of the forecast on synthetic hourly data with a weekday/weekend shape, a trend and
 * noise: day-ahead daily totals and week-ahead weekly totals over held-out weeks, beside a
 * seasonal-naive (same period one week earlier) and a flat-mean (mean of the history) baseline.
 */
class ForecastBacktestBench {
    static final Instant MONDAY = Instant.parse("2024-01-01T00:00:00Z");
    static final int WEEKS = 20;
    static final int HELD_OUT_WEEKS = 6;
    static final int HISTORY_DAYS = 56;

    @Test
    void backtest() {
        double[] hourly = synthetic(new Random(2026));
        double[][] day = new double[3][2];
        double[][] week = new double[3][2];
        for (int w = WEEKS - HELD_OUT_WEEKS; w < WEEKS; w++) {
            int weekStart = w * 7 * 24;
            accumulate(week, predict(hourly, weekStart, 7 * 24), sum(hourly, weekStart, 7 * 24));
            for (int d = 0; d < 7; d++) {
                int dayStart = weekStart + d * 24;
                accumulate(day, predict(hourly, dayStart, 24), sum(hourly, dayStart, 24));
            }
        }
        System.out.printf("%n== Forecast backtest: MAPE on %d held-out weeks of synthetic hourly data ==%n", HELD_OUT_WEEKS);
        System.out.printf("(weekday 08-18 peak, weekend low, +0.4%%/week trend, 8%% noise; %d days of history each)%n", HISTORY_DAYS);
        System.out.printf("%-44s %14s %14s%n", "model", "day-ahead", "week-ahead");
        String[] names = {"time-of-week profile + trend (OLS), Joule", "seasonal naive (one week earlier)", "flat mean of the history"};
        for (int m = 0; m < 3; m++) {
            System.out.printf("%-44s %13.2f%% %13.2f%%%n", names[m], 100 * day[m][0] / day[m][1], 100 * week[m][0] / week[m][1]);
        }
        System.out.println();
    }

    /** Joule's model, seasonal naive and flat mean for hours [start, start + length), from the history before start. */
    private static double[] predict(double[] hourly, int start, int length) {
        List<HourlyEnergy> history = new ArrayList<>();
        for (int h = start - HISTORY_DAYS * 24; h < start; h++) {
            history.add(new HourlyEnergy(MONDAY.plusSeconds(3600L * h), hourly[h]));
        }
        double model = SeasonalTrendForecaster.forecast(history, ZoneOffset.UTC, MONDAY.plusSeconds(3600L * start),
                MONDAY.plusSeconds(3600L * (start + length))).expected();
        double naive = sum(hourly, start - 7 * 24, length);
        double flat = sum(hourly, start - HISTORY_DAYS * 24, HISTORY_DAYS * 24) / (HISTORY_DAYS * 24) * length;
        return new double[] {model, naive, flat};
    }

    private static void accumulate(double[][] errors, double[] predictions, double actual) {
        for (int m = 0; m < predictions.length; m++) {
            errors[m][0] += Math.abs(predictions[m] - actual) / actual;
            errors[m][1] += 1;
        }
    }

    private static double[] synthetic(Random random) {
        double[] hourly = new double[WEEKS * 7 * 24];
        for (int h = 0; h < hourly.length; h++) {
            var t = MONDAY.plusSeconds(3600L * h).atZone(ZoneOffset.UTC);
            boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
            double base = weekend ? 3 : t.getHour() >= 8 && t.getHour() < 18 ? 12 : 4;
            double trend = 1 + 0.004 * h / (7 * 24.0);
            hourly[h] = Math.max(0, base * trend * (1 + 0.08 * random.nextGaussian()));
        }
        return hourly;
    }

    private static double sum(double[] hourly, int from, int length) {
        double s = 0;
        for (int h = from; h < from + length; h++) {
            s += hourly[h];
        }
        return s;
    }
}
