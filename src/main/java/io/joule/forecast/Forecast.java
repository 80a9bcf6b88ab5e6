package io.joule.forecast;

/** Expected energy of a window with its 80% interval, the model used and the history it saw. */
public record Forecast(double expected, double low, double high, String model, int historyDays) {
}
