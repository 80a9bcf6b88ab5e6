package io.joule.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvNumbersTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {"0;0", "12;12", "-3.5;-3.5", "+3.5;3.5", "7.;7", ".25;0.25", "-.25;-0.25", "1e3;1000",
            "1.5E-2;0.015", "2e+10;2e10", "00012.50;12.5", "9e999;Infinity"})
    void plainDecimalsAreAccepted(String text, double value) {
        assertTrue(CsvNumbers.plainDecimal(text), text);
        if (Double.isFinite(value)) {
            assertEquals(OptionalDouble.of(value), CsvNumbers.parse(text, Double.MAX_VALUE));
        } else {
            assertEquals(OptionalDouble.empty(), CsvNumbers.parse(text, Double.MAX_VALUE), "infinite: refused");
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "-", "+", ".", "-.", "1e", "1e+", "1e1234", "e5", ".e5", "1.2.3", "--1", "+-1", "1 ", " 1", "1,5",
            "NaN", "Infinity", "-Infinity", "0x1p3", "1d", "1f", "١٢", "１２", "1_000", "1e5x"})
    void anythingElseIsRefused(String text) {
        assertEquals(false, CsvNumbers.plainDecimal(text), text);
        assertEquals(OptionalDouble.empty(), CsvNumbers.parse(text, Double.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0} beyond 1e12")
    @ValueSource(strings = {"1000000000001", "-1e13"})
    void magnitudesBeyondTheLimitAreRefused(String text) {
        assertEquals(OptionalDouble.empty(), CsvNumbers.parse(text, 1e12));
    }
}
