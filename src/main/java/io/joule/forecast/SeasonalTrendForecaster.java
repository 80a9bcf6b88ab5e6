package io.joule.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Hourly energy as a time-of-week profile and a linear trend, in one of two forms:
 * <ul>
 * <li>additive, {@code kwh(h) = level[category(h)] + slope · days(h)}, by ordinary least squares:
 * the trend adds the same kWh to every hour, so a weekend at 1 kWh/h and a weekday at 10 kWh/h
 * grow by the same amount;</li>
 * <li>multiplicative, {@code kwh(h) = level[category(h)] · trend(h)} with a linear trend (see
 * {@link MultiplicativeFit}): every hour grows by the same fraction, so a weekend at 0.3× the
 * weekday load stays at 0.3× as the load grows.</li>
 * </ul>
 * Daily and weekly seasonality are the 168 hour-of-week categories; with under two weeks of
 * history (not every hour of the week seen twice) it falls back to 24 hour-of-day categories,
 * and below that to a mean and a trend (where both forms are the same line).
 * <p>
 * <b>Why profile × trend rather than a fit on log scale.</b> A log fit needs every hour above
 * zero, yet a ship's load can be zero (docked, shut down), and a log scale gives its smallest
 * hours the most weight, predicts the median rather than the mean (a bias correction would rest
 * on the same small hours) and turns the linear trend into compound growth. Profile × trend keeps
 * kWh, zeros included, and the additive model's loss.
 * <p>
 * <b>Why the choice is the smaller in-sample squared error.</b> Both forms have the same number
 * of parameters (one per category plus one for the trend) and the same loss, so comparing their
 * residual sums of squares is comparing AIC or BIC; it costs one extra fit and is deterministic,
 * where a holdout would refit both on a shorter history and rest on one week's errors. When the
 * seasonal amplitude does not change with the level (or there is no trend) the two fit alike
 * and forecast alike, so the close calls are the harmless ones; a tie (within {@value #TIE} of
 * Σkwh²: rounding) goes to the additive model. The multiplicative form is not tried when an hour
 * is negative: a level that crosses zero has no fraction to scale by.
 * <p>
 * The 80% interval is the prediction interval of the window's sum, assuming independent hourly
 * errors of equal variance: the parameters' uncertainty (exact for the additive fit, linearised at
 * the fit for the multiplicative one) plus each new hour's noise; see {@link Fit#halfWidth}.
 */
public final class SeasonalTrendForecaster {
    public static final int MIN_HISTORY_HOURS = 48;
    static final double TIE = 1e-9;

    /** The forms of seasonality a forecast may choose from. */
    public enum Seasonality { ADDITIVE, MULTIPLICATIVE }

    private SeasonalTrendForecaster() {
    }

    /**
     * @param history hourly energy before {@code start}, in time order, at least {@link #MIN_HISTORY_HOURS} hours
     * @param zone    the zone whose clock defines hours of the day and days of the week
     */
    public static Forecast forecast(List<HourlyEnergy> history, ZoneId zone, Instant start, Instant end) {
        return forecast(history, zone, start, end, EnumSet.allOf(Seasonality.class));
    }

    /**
     * As {@link #forecast(List, ZoneId, Instant, Instant)} but choosing only among {@code allowed}
     * (for comparisons). The additive model remains the fallback where the multiplicative one does
     * not apply (negative hours, a flat profile, an unidentifiable fit).
     */
    public static Forecast forecast(List<HourlyEnergy> history, ZoneId zone, Instant start, Instant end, Set<Seasonality> allowed) {
        if (history.size() < MIN_HISTORY_HOURS) {
            throw new IllegalArgumentException("needs at least " + MIN_HISTORY_HOURS + " hours of history");
        }
        Instant origin = history.get(0).hour();
        for (Profile profile : Profile.values()) {
            if (!coversEveryCategory(history, zone, profile)) {
                continue;
            }
            ProfileHours hours = ProfileHours.history(history, zone, origin, profile);
            ProfileHours window = ProfileHours.window(start, end, zone, origin, profile);
            Fit additive;
            try {
                additive = AdditiveFit.fit(hours, window, profile.additiveLabel());
            } catch (SingularMatrixException e) {
                continue; // The next, coarser profile has fewer parameters.
            }
            Fit chosen = additive;
            if (allowed.contains(Seasonality.MULTIPLICATIVE) && profile.hasMultiplicativeVariant() && noneNegative(history)) {
                Optional<Fit> multiplicative = MultiplicativeFit.fit(hours, window, profile.multiplicativeLabel());
                boolean better = multiplicative.isPresent()
                        && multiplicative.get().sse() < additive.sse() - TIE * sumOfSquares(history);
                if (multiplicative.isPresent() && (better || !allowed.contains(Seasonality.ADDITIVE))) {
                    chosen = multiplicative.get();
                }
            }
            return toForecast(chosen, origin, start);
        }
        throw new IllegalArgumentException("history too irregular to fit");
    }

    private static Forecast toForecast(Fit fit, Instant origin, Instant start) {
        int historyDays = (int) Duration.between(origin, start).toDays();
        return new Forecast(Math.max(0, fit.expected()), Math.max(0, fit.expected() - fit.halfWidth()),
                Math.max(0, fit.expected() + fit.halfWidth()), fit.label(), historyDays);
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

    private static boolean noneNegative(List<HourlyEnergy> history) {
        return history.stream().allMatch(h -> h.kwh() >= 0);
    }

    private static double sumOfSquares(List<HourlyEnergy> history) {
        return history.stream().mapToDouble(h -> h.kwh() * h.kwh()).sum();
    }
}
