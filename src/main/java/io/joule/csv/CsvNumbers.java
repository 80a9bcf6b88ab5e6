package io.joule.csv;

import java.util.OptionalDouble;

/** Numbers as CSV files write them: plain decimals with an optional exponent; no NaN, Infinity or hex. */
public final class CsvNumbers {

    private CsvNumbers() {
    }

    /** The value, or empty when the text is not a plain decimal or its magnitude exceeds {@code maxAbs}. */
    public static OptionalDouble parse(String text, double maxAbs) {
        if (text == null || !plainDecimal(text)) {
            return OptionalDouble.empty();
        }
        double v = Double.parseDouble(text);
        return Double.isFinite(v) && Math.abs(v) <= maxAbs ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    /**
     * Whether the text is {@code [-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,3})?} with ASCII digits. Scanned by hand: a
     * regular expression was a tenth of a meter file's parse.
     */
    static boolean plainDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int integer = digits(s, i);
        i += integer;
        int fraction = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            fraction = digits(s, i);
            i += fraction;
        }
        if (integer == 0 && fraction == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exponent = digits(s, i);
            if (exponent < 1 || exponent > 3) {
                return false;
            }
            i += exponent;
        }
        return i == n;
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }
}
