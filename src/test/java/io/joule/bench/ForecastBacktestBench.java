package io.joule.bench;

import io.joule.forecast.Forecast;
import io.joule.forecast.HourlyEnergy;
import io.joule.forecast.SeasonalTrendForecaster;
import io.joule.forecast.SeasonalTrendForecaster.Seasonality;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Backtest of the forecast on synthetic hourly data of three kinds, each with a weekday 08–18
 * peak and a weekend low, a trend and noise: day-ahead daily totals and week-ahead weekly totals
 * over held-out weeks, for Joule's model (choosing its seasonality), Joule's additive model alone
 * (the model before multiplicative seasonality), a seasonal-naive (same period one week earlier)
 * and a flat-mean (mean of the history) baseline. For Joule's models it also counts how often the
 * 80% interval held the actual total.
 */
class ForecastBacktestBench {
    static final Instant MONDAY = Instant.parse("2024-01-01T00:00:00Z");
    static final int WEEKS = 34;
    static final int HELD_OUT_WEEKS = 26;
    static final int HISTORY_DAYS = 56;
    static final String[] MODELS = {"Joule (chooses + or ×)", "Joule, additive only (before)", "seasonal naive (one week earlier)",
        "flat mean of the history"};

    /** A kind of synthetic series: the kWh of hour {@code h} after MONDAY, given that hour's weekday load (12 or 4 kWh/h). */
    interface Kind {
        double kwh(int h, double weekday, boolean weekend, Random random);
    }

    record Series(String name, String description, Kind kind, long seed) {
    }

    static final List<Series> SERIES = List.of(
            new Series("previous", "weekday 12/4 kWh/h, weekend 3; ×(1 + 0.004·weeks); 8 % multiplicative noise (the earlier bench series)",
                    (h, weekday, weekend, r) -> (weekend ? 3 : weekday) * (1 + 0.004 * weeks(h)) * (1 + 0.08 * r.nextGaussian()), 2026),
            new Series("additive", "weekday 12/4 kWh/h, weekend 3; + 0.24 kWh/h per week on every hour; noise σ 0.5 kWh/h",
                    (h, weekday, weekend, r) -> (weekend ? 3 : weekday) + 0.24 * weeks(h) + 0.5 * r.nextGaussian(), 2027),
            new Series("multiplicative", "weekday 12/4 kWh/h, weekend 0.3× that; ×(1 + 0.02·weeks); 8 % multiplicative noise",
                    (h, weekday, weekend, r) -> (weekend ? 0.3 : 1) * weekday * (1 + 0.02 * weeks(h)) * (1 + 0.08 * r.nextGaussian()), 2028));

    @Test
    void backtest() {
        System.out.printf("%n== Forecast backtest: MAPE on %d held-out weeks (%d days) of synthetic hourly data, %d days of history each ==%n",
                HELD_OUT_WEEKS, HELD_OUT_WEEKS * 7, HISTORY_DAYS);
        for (Series series : SERIES) {
            run(series);
        }
        System.out.println();
    }

    private static void run(Series series) {
        double[] hourly = synthetic(series);
        Scores day = new Scores();
        Scores week = new Scores();
        int chosenMultiplicative = 0;
        for (int w = WEEKS - HELD_OUT_WEEKS; w < WEEKS; w++) {
            int weekStart = w * 7 * 24;
            chosenMultiplicative += week.add(predict(hourly, weekStart, 7 * 24), sum(hourly, weekStart, 7 * 24));
            for (int d = 0; d < 7; d++) {
                int dayStart = weekStart + d * 24;
                chosenMultiplicative += day.add(predict(hourly, dayStart, 24), sum(hourly, dayStart, 24));
            }
        }
        System.out.printf("%n-- %s: %s%n", series.name(), series.description());
        System.out.printf("%-36s %10s %11s %14s %15s%n", "model", "day-ahead", "week-ahead", "80% held, day", "80% held, week");
        for (int m = 0; m < MODELS.length; m++) {
            String dayCover = m < 2 ? String.format("%.0f%%", day.coverage(m)) : "";
            String weekCover = m < 2 ? String.format("%.0f%%", week.coverage(m)) : "";
            System.out.printf("%-36s %9.2f%% %10.2f%% %14s %15s%n", MODELS[m], day.mape(m), week.mape(m), dayCover, weekCover);
        }
        System.out.printf("Joule chose profile × trend in %d of %d forecasts%n", chosenMultiplicative, day.count + week.count);
    }

    /** Forecasts for hours [start, start + length), from the history before start. */
    private static Prediction[] predict(double[] hourly, int start, int length) {
        List<HourlyEnergy> history = new ArrayList<>();
        for (int h = start - HISTORY_DAYS * 24; h < start; h++) {
            history.add(new HourlyEnergy(MONDAY.plusSeconds(3600L * h), hourly[h]));
        }
        Instant from = MONDAY.plusSeconds(3600L * start);
        Instant to = MONDAY.plusSeconds(3600L * (start + length));
        Forecast chosen = SeasonalTrendForecaster.forecast(history, ZoneOffset.UTC, from, to);
        Forecast additive = SeasonalTrendForecaster.forecast(history, ZoneOffset.UTC, from, to, EnumSet.of(Seasonality.ADDITIVE));
        double naive = sum(hourly, start - 7 * 24, length);
        double flat = sum(hourly, start - HISTORY_DAYS * 24, HISTORY_DAYS * 24) / (HISTORY_DAYS * 24) * length;
        return new Prediction[] {Prediction.of(chosen), Prediction.of(additive), new Prediction(naive, Double.NaN, Double.NaN, false),
            new Prediction(flat, Double.NaN, Double.NaN, false)};
    }

    record Prediction(double expected, double low, double high, boolean multiplicative) {
        static Prediction of(Forecast f) {
            return new Prediction(f.expected(), f.low(), f.high(), f.model().contains("×"));
        }
    }

    /** Per model: Σ |error| / actual, and how many actual totals fell inside [low, high]. */
    static final class Scores {
        final double[] relativeErrors = new double[MODELS.length];
        final int[] held = new int[MODELS.length];
        int count;

        /** @return 1 when Joule chose the multiplicative model */
        int add(Prediction[] predictions, double actual) {
            for (int m = 0; m < predictions.length; m++) {
                relativeErrors[m] += Math.abs(predictions[m].expected() - actual) / actual;
                if (predictions[m].low() <= actual && actual <= predictions[m].high()) {
                    held[m]++;
                }
            }
            count++;
            return predictions[0].multiplicative() ? 1 : 0;
        }

        double mape(int m) {
            return 100 * relativeErrors[m] / count;
        }

        double coverage(int m) {
            return 100.0 * held[m] / count;
        }
    }

    static double weeks(int h) {
        return h / (7 * 24.0);
    }

    private static double[] synthetic(Series series) {
        Random random = new Random(series.seed());
        double[] hourly = new double[WEEKS * 7 * 24];
        for (int h = 0; h < hourly.length; h++) {
            var t = MONDAY.plusSeconds(3600L * h).atZone(ZoneOffset.UTC);
            boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
            double weekday = t.getHour() >= 8 && t.getHour() < 18 ? 12 : 4;
            hourly[h] = Math.max(0, series.kind().kwh(h, weekday, weekend, random));
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
