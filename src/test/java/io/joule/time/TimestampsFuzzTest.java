package io.joule.time;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any text is an instant in [1900, 9999) at microsecond precision, or empty; it never throws. */
class TimestampsFuzzTest {
    @FuzzTest
    void timestamp(String text) {
        Timestamps.parse(text).ifPresent(t -> {
            if (t.isBefore(Timestamps.EARLIEST) || !t.isBefore(Timestamps.LATEST) || t.getNano() % 1000 != 0) {
                throw new AssertionError("'" + text + "' gave " + t);
            }
        });
    }
}
