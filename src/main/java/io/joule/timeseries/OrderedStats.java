package io.joule.timeseries;

/**
 * MIN/MAX/SUM/COUNT folded in the order values come, as PostgreSQL's aggregates fold them: the sum starts from its
 * first term, and of equal values (0.0 and -0.0) min and max keep the later, as {@code float8smaller} and
 * {@code float8larger} do. Folded in time order it equals an ordered aggregate bit for bit.
 */
final class OrderedStats {
    double min;
    double max;
    double sum;
    int count;

    void add(double value) {
        if (count == 0) {
            min = value;
            max = value;
            sum = value;
        } else {
            min = min < value ? min : value;
            max = max > value ? max : value;
            sum += value;
        }
        count++;
    }

    /** Folds in a part's result as one term (an hour's sum into its day's). */
    void add(OrderedStats part) {
        if (count == 0) {
            min = part.min;
            max = part.max;
            sum = part.sum;
        } else {
            min = min < part.min ? min : part.min;
            max = max > part.max ? max : part.max;
            sum += part.sum;
        }
        count += part.count;
    }

    void clear() {
        count = 0;
    }
}
