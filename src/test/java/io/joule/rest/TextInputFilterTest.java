package io.joule.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which raw URIs skip the full check: only those that decode to themselves and are plainly within bounds. */
class TextInputFilterTest {

    @Test
    void plainPathsAndQueriesAreFine() {
        assertTrue(TextInputFilter.plainlyFine("/data"));
        assertTrue(TextInputFilter.plainlyFine("/data?spaceship_id=7&start=2018-08-24T00:00:00Z&end=2018-08-25T00:00:00Z"));
        assertTrue(TextInputFilter.plainlyFine("/meters/ABC/daily-stats?from=2020-01-01&to=2020-01-02&data_type=Import+Wh+Total"));
        assertTrue(TextInputFilter.plainlyFine("/" + "s".repeat(1000) + "?" + "n".repeat(500) + "=" + "v".repeat(499)));
    }

    @Test
    void escapesControlsAndOtherCharactersAreCheckedInFull() {
        assertFalse(TextInputFilter.plainlyFine("/data?note=%00"));
        assertFalse(TextInputFilter.plainlyFine("/%71/health"));
        assertFalse(TextInputFilter.plainlyFine("/data?x=a\tb"));
        assertFalse(TextInputFilter.plainlyFine("/data?x=é"));
        assertFalse(TextInputFilter.plainlyFine("/data?x=a b"));
        assertFalse(TextInputFilter.plainlyFine("http://localhost/data"));
        assertFalse(TextInputFilter.plainlyFine(""));
    }

    @Test
    void aLongSegmentOrParameterIsCheckedInFull() {
        assertFalse(TextInputFilter.plainlyFine("/" + "s".repeat(1001)));
        assertFalse(TextInputFilter.plainlyFine("/data?serial=" + "s".repeat(1001)));
        assertFalse(TextInputFilter.plainlyFine("/data?" + "n".repeat(500) + "=" + "v".repeat(500)));
        // slashes in a query do not start a new part
        assertFalse(TextInputFilter.plainlyFine("/data?x=" + "a/".repeat(501)));
    }

    @Test
    void aRepeatedOrUncountedParameterIsCheckedInFull() {
        assertFalse(TextInputFilter.plainlyFine("/data?start=1&start=2"));
        assertFalse(TextInputFilter.plainlyFine("/data?a&a"));
        assertTrue(TextInputFilter.plainlyFine("/data?a=1&b=1&ab=1"));
        // Vert.x keeps parameters regardless of case, and also parts them at ';'
        assertFalse(TextInputFilter.plainlyFine("/data?start=1&START=2"));
        assertFalse(TextInputFilter.plainlyFine("/data?start=1;start=2"));
        assertFalse(TextInputFilter.plainlyFine("/data;x=1"));
        // Netty reads "=start" as the name start
        assertFalse(TextInputFilter.plainlyFine("/data?=start&start=1"));
        assertFalse(TextInputFilter.plainlyFine("/data?start&=start"));
        StringBuilder many = new StringBuilder("/data?p0=1");
        for (int i = 1; i <= TextInputFilter.FEW_PARAMETERS; i++) {
            many.append("&p").append(i).append("=1");
        }
        assertFalse(TextInputFilter.plainlyFine(many.toString()));
    }
}
