package io.joule.forecast;

import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * {@code kwh(h) = level[category(h)] · trend(s(h))} with {@code trend(s) = (1 − u)·(1 − s) + u·s},
 * where s runs from 0 at the history's first hour to 1 at its last: a linear trend whose values at
 * the two ends, 1 − u and u, add to 1 (the levels carry the scale), with u ∈ [0, 1] so that it is
 * never negative over the history (u = ½ is flat; u → 1 grows from nothing, u → 0 falls to
 * nothing). This is the same family as {@code level[c] · (1 + g·t)} for any growth g, but over
 * a bounded parameter.
 * <p>
 * Least squares over (levels, u) is separable: for a fixed u every level is a one-variable
 * regression through the origin, so the squared error is a function of u alone. It is minimised
 * on a grid of {@value #GRID} + 1 points (the error is smooth but need not be unimodal) and then
 * by Brent's method in the best grid cell.
 */
final class MultiplicativeFit {
    static final int GRID = 64;
    /** A Schur complement below this fraction of its diagonal entry is rounding: u is not identified. */
    static final double SINGULAR = 1e-12;
    private final ProfileHours history;
    private final double[] s;

    private MultiplicativeFit(ProfileHours history) {
        this.history = history;
        double span = history.days()[history.size() - 1] - history.days()[0];
        this.s = new double[history.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (history.days()[i] - history.days()[0]) / span;
        }
    }

    /** Empty when the fit leaves a parameter unidentified (all levels zero, say). */
    static Optional<Fit> fit(ProfileHours history, ProfileHours window, String label) {
        return new MultiplicativeFit(history).fitAndForecast(window, label);
    }

    private Optional<Fit> fitAndForecast(ProfileHours window, String label) {
        double u = minimiseSse();
        double[] levels = levels(u);
        int n = history.size();
        int c = history.categories();
        // JᵀJ of the Jacobian at the fit: ∂ŷ/∂level[k] = trend on category k's hours, ∂ŷ/∂u = level · (2s − 1).
        // The level columns do not overlap, so JᵀJ is a diagonal plus one row and column.
        double[] levelLevel = new double[c];
        double[] levelU = new double[c];
        double uu = 0;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            int k = history.category()[i];
            double dLevel = trend(u, s[i]);
            double dU = levels[k] * (2 * s[i] - 1);
            levelLevel[k] += dLevel * dLevel;
            levelU[k] += dLevel * dU;
            uu += dU * dU;
            double residual = history.values()[i] - levels[k] * dLevel;
            sse += residual * residual;
        }
        double span = history.days()[n - 1] - history.days()[0];
        double expected = 0;
        double[] gradient = new double[c + 1];
        for (int i = 0; i < window.size(); i++) {
            int k = window.category()[i];
            double sw = (window.days()[i] - history.days()[0]) / span;
            double w = window.values()[i];
            expected += w * levels[k] * trend(u, sw);
            gradient[k] += w * trend(u, sw);
            gradient[c] += w * levels[k] * (2 * sw - 1);
        }
        OptionalDouble leverage = arrowheadLeverage(levelLevel, levelU, uu, gradient);
        if (leverage.isEmpty()) {
            return Optional.empty();
        }
        double half = Fit.halfWidth(sse / (n - c - 1), leverage.getAsDouble(), Fit.sumOfSquares(window.values()));
        return Optional.of(new Fit(label, sse, expected, half));
    }

    /**
     * {@code gᵀ(JᵀJ)⁻¹g} for {@code JᵀJ = [[diag(dd), b], [bᵀ, e]]}, by the Schur complement
     * {@code e − Σ b²/dd} of the diagonal block: exact and O(categories), where a QR of J would be
     * O(hours · categories²). Empty when u is not identified (the complement vanishes, as when
     * every level is zero).
     */
    static OptionalDouble arrowheadLeverage(double[] dd, double[] b, double e, double[] g) {
        int c = dd.length;
        double schur = e;
        double projected = g[c];
        double leverage = 0;
        for (int k = 0; k < c; k++) {
            if (dd[k] <= 0) {
                return OptionalDouble.empty();
            }
            schur -= b[k] * b[k] / dd[k];
            projected -= b[k] * g[k] / dd[k];
            leverage += g[k] * g[k] / dd[k];
        }
        if (!(schur > SINGULAR * e)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(leverage + projected * projected / schur);
    }

    private double minimiseSse() {
        double bestU = 0;
        double bestSse = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= GRID; k++) {
            double sse = sse((double) k / GRID);
            if (sse < bestSse) {
                bestSse = sse;
                bestU = (double) k / GRID;
            }
        }
        double lo = Math.max(0, bestU - 1.0 / GRID);
        double hi = Math.min(1, bestU + 1.0 / GRID);
        UnivariatePointValuePair refined = new BrentOptimizer(1e-12, 1e-15).optimize(new MaxEval(200),
                new UnivariateObjectiveFunction(this::sse), GoalType.MINIMIZE, new SearchInterval(lo, hi, bestU));
        return refined.getValue() < bestSse ? refined.getPoint() : bestU;
    }

    static double trend(double u, double s) {
        return (1 - u) * (1 - s) + u * s;
    }

    /** Each category's least-squares level for a given u. */
    private double[] levels(double u) {
        double[] xy = new double[history.categories()];
        double[] xx = new double[history.categories()];
        for (int i = 0; i < s.length; i++) {
            double t = trend(u, s[i]);
            xy[history.category()[i]] += t * history.values()[i];
            xx[history.category()[i]] += t * t;
        }
        double[] levels = new double[xy.length];
        for (int k = 0; k < levels.length; k++) {
            levels[k] = xx[k] > 0 ? xy[k] / xx[k] : 0;
        }
        return levels;
    }

    /** Summed from residuals rather than from Σy² − (Σxy)²/Σx², which cancels badly near an exact fit. */
    private double sse(double u) {
        double[] levels = levels(u);
        double sse = 0;
        for (int i = 0; i < s.length; i++) {
            double residual = history.values()[i] - levels[history.category()[i]] * trend(u, s[i]);
            sse += residual * residual;
        }
        return sse;
    }
}
