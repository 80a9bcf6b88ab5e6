package io.joule.csv;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** Numbers as CSV files write them: plain decimals with an optional exponent; no NaN, Infinity or hex. */
public final class CsvNumbers {
    private static final Pattern DECIMAL = Pattern.compile("^[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,3})?$");

    private CsvNumbers() {
    }

    /** The value, or empty when the text is not a plain decimal or its magnitude exceeds {@code maxAbs}. */
    public static OptionalDouble parse(String text, double maxAbs) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            return OptionalDouble.empty();
        }
        double v = Double.parseDouble(text);
        return Double.isFinite(v) && Math.abs(v) <= maxAbs ? OptionalDouble.of(v) : OptionalDouble.empty();
    }
}
