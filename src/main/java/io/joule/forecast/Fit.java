package io.joule.forecast;

/**
 * One fitted model's forecast of a window: its label, its in-sample sum of squared errors (what
 * the choice between models compares), the expected energy and the half-width of the 80%
 * prediction interval of the window's sum.
 */
record Fit(String label, double sse, double expected, double halfWidth) {
    static final double Z_80 = 1.2815515655446004;

    /**
     * The 80% half-width for a window sum {@code Σ w·ŷ}, with independent hourly errors of
     * variance σ²: the parameters' share {@code σ²·gᵀ(XᵀX)⁻¹g} (the leverage; g is the window's
     * gradient of the sum with respect to the parameters, X the design or, for a nonlinear model,
     * the Jacobian at the fit) plus the new hours' own noise {@code σ²·Σw²}.
     */
    static double halfWidth(double sigma2, double leverage, double weights2) {
        return Z_80 * Math.sqrt(sigma2 * (leverage + weights2));
    }

    /** {@code gᵀ·inverse·g}. */
    static double leverage(double[][] inverseGram, double[] gradient) {
        double leverage = 0;
        for (int j = 0; j < gradient.length; j++) {
            for (int k = 0; k < gradient.length; k++) {
                leverage += gradient[j] * inverseGram[j][k] * gradient[k];
            }
        }
        return leverage;
    }

    static double sumOfSquares(double[] weights) {
        double s = 0;
        for (double w : weights) {
            s += w * w;
        }
        return s;
    }
}
