package io.joule.forecast;

import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/** {@code kwh(h) = level[category(h)] + slope · days(h)}, by ordinary least squares. */
final class AdditiveFit {
    private AdditiveFit() {
    }

    /** @throws SingularMatrixException when the history cannot identify every parameter */
    static Fit fit(ProfileHours history, ProfileHours window, String label) {
        int n = history.size();
        int p = history.categories() + 1;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = features(history, i);
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true);
        ols.newSampleData(history.values().clone(), x);
        double[] beta = ols.estimateRegressionParameters();
        double[][] inverse = ols.estimateRegressionParametersVariance();
        double sse = ols.calculateResidualSumOfSquares();

        double[] gradient = new double[p];
        for (int i = 0; i < window.size(); i++) {
            double[] f = features(window, i);
            for (int j = 0; j < p; j++) {
                gradient[j] += window.values()[i] * f[j];
            }
        }
        double expected = 0;
        for (int j = 0; j < p; j++) {
            expected += beta[j] * gradient[j];
        }
        double half = Fit.halfWidth(sse / (n - p), Fit.leverage(inverse, gradient), Fit.sumOfSquares(window.values()));
        return new Fit(label, sse, expected, half);
    }

    private static double[] features(ProfileHours hours, int i) {
        double[] f = new double[hours.categories() + 1];
        f[hours.category()[i]] = 1;
        f[hours.categories()] = hours.days()[i];
        return f;
    }
}
