package io.joule.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Hourly energy as a time-of-week profile plus a linear trend, fitted by least squares:
 * {@code kwh(h) = profile[category(h)] + slope · days(h) + noise}. Daily and weekly seasonality
 * are the 168 hour-of-week categories; with under two weeks of history (not every hour of the
 * week seen twice) it falls back to 24 hour-of-day categories, and below that to a mean and a
 * trend. The 80% interval is the prediction interval of the window's sum, assuming independent
 * hourly errors.
 */
public final class SeasonalTrendForecaster {
    public static final int MIN_HISTORY_HOURS = 48;
    static final double Z_80 = 1.2815515655446004;
    private static final double HOURS_PER_DAY = 24;

    private SeasonalTrendForecaster() {
    }

    /** An ordered model choice, most detailed first. */
    enum Profile {
        TIME_OF_WEEK("time-of-week profile + linear trend (OLS)", 168,
                t -> (t.getDayOfWeek().getValue() - 1) * 24 + t.getHour()),
        HOUR_OF_DAY("hour-of-day profile + linear trend (OLS)", 24, ZonedDateTime::getHour),
        FLAT("mean + linear trend (OLS)", 1, t -> 0);

        final String label;
        final int categories;
        final ToIntFunction<ZonedDateTime> category;

        Profile(String label, int categories, ToIntFunction<ZonedDateTime> category) {
            this.label = label;
            this.categories = categories;
            this.category = category;
        }
    }

    /**
     * @param history hourly energy before {@code start}, in time order, at least {@link #MIN_HISTORY_HOURS} hours
     * @param zone    the zone whose clock defines hours of the day and days of the week
     */
    public static Forecast forecast(List<HourlyEnergy> history, ZoneId zone, Instant start, Instant end) {
        if (history.size() < MIN_HISTORY_HOURS) {
            throw new IllegalArgumentException("needs at least " + MIN_HISTORY_HOURS + " hours of history");
        }
        Instant origin = history.get(0).hour();
        for (Profile profile : Profile.values()) {
            if (!coversEveryCategory(history, zone, profile)) {
                continue;
            }
            try {
                return fit(history, zone, origin, profile, start, end);
            } catch (SingularMatrixException e) {
                // The next, coarser profile has fewer parameters.
            }
        }
        throw new IllegalArgumentException("history too irregular to fit");
    }

    private static boolean coversEveryCategory(List<HourlyEnergy> history, ZoneId zone, Profile profile) {
        int[] seen = new int[profile.categories];
        for (HourlyEnergy h : history) {
            seen[profile.category.applyAsInt(h.hour().atZone(zone))]++;
        }
        for (int count : seen) {
            if (count < 2) {
                return false;
            }
        }
        return history.size() > profile.categories + 1;
    }

    private static Forecast fit(List<HourlyEnergy> history, ZoneId zone, Instant origin, Profile profile, Instant start, Instant end) {
        int n = history.size();
        int p = profile.categories + 1;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = features(history.get(i).hour(), zone, origin, profile);
            y[i] = history.get(i).kwh();
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true);
        ols.newSampleData(y, x);
        double[] beta = ols.estimateRegressionParameters();
        double[][] inverse = ols.estimateRegressionParametersVariance();
        double sigma2 = ols.estimateErrorVariance();

        double[] window = new double[p];
        double weights2 = 0;
        for (Instant h = start.truncatedTo(ChronoUnit.HOURS); h.isBefore(end); h = h.plus(1, ChronoUnit.HOURS)) {
            Instant from = h.isBefore(start) ? start : h;
            Instant to = h.plus(1, ChronoUnit.HOURS).isAfter(end) ? end : h.plus(1, ChronoUnit.HOURS);
            double w = Duration.between(from, to).toNanos() / 3.6e12;
            double[] f = features(h, zone, origin, profile);
            for (int j = 0; j < p; j++) {
                window[j] += w * f[j];
            }
            weights2 += w * w;
        }
        double expected = 0;
        double leverage = 0;
        for (int j = 0; j < p; j++) {
            expected += beta[j] * window[j];
            for (int k = 0; k < p; k++) {
                leverage += window[j] * inverse[j][k] * window[k];
            }
        }
        double half = Z_80 * Math.sqrt(sigma2 * (leverage + weights2));
        double clipped = Math.max(0, expected);
        int historyDays = (int) Duration.between(origin, start).toDays();
        return new Forecast(clipped, Math.max(0, expected - half), Math.max(0, expected + half), profile.label, historyDays);
    }

    private static double[] features(Instant hour, ZoneId zone, Instant origin, Profile profile) {
        double[] f = new double[profile.categories + 1];
        f[profile.category.applyAsInt(hour.atZone(zone))] = 1;
        f[profile.categories] = Duration.between(origin, hour).toHours() / HOURS_PER_DAY;
        return f;
    }
}
