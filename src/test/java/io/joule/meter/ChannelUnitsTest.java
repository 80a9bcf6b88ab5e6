package io.joule.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelUnitsTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
        "kwh, kwh, true", "kwh, kWh, true", "KVARH, kvarh, true", "V, V, true",
        "mWh, MWh, false", "mV, MV, false", "kwh, kvarh, false", "kwh, wh, false",
        // the Kelvin sign lowercases to k, but is not the k of a unit
        "\u212awh, kwh, false"})
    void caseIsIgnoredOnlyWhereNoPrefixHangsOnIt(String a, String b, boolean same) {
        assertEquals(same, ChannelUnits.same(a, b));
        assertEquals(same, ChannelUnits.same(b, a));
    }
}
