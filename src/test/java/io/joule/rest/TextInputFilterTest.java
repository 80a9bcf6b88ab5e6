package io.joule.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which raw URIs skip the full check: only those that decode to themselves and are plainly within bounds. */
class TextInputFilterTest {

    static Stream<String> plain() {
        return Stream.of("/data",
                "/data?spaceship_id=7&start=2018-08-24T00:00:00Z&end=2018-08-25T00:00:00Z",
                "/meters/ABC/daily-stats?from=2020-01-01&to=2020-01-02&data_type=Import+Wh+Total",
                "/data?a=1&b=1&ab=1",
                // a space written %20 in a value
                "/meters/ABC/daily-stats?from=2020-01-01&data_type=Import%20Wh%20Total&to=2020-01-02", "/data?x=%20",
                "/data?x=a=%20b",
                "/" + "s".repeat(1000) + "?" + "n".repeat(500) + "=" + "v".repeat(499));
    }

    static Stream<String> checkedInFull() {
        return Stream.of(
                // escapes, controls, other characters, other forms
                "/data?note=%00", "/%71/health", "/data?x=a\tb", "/data?x=é", "/data?x=a b", "http://localhost/data", "",
                // %20 outside a value, or another escape beside it: a name so written could hide a repeat
                "/a%20b", "/data?start%20x=1", "/data?start=1&start%20=2", "/data?x=%2", "/data?x=%200%00", "/data?x=%21",
                "/data?x%20=1&x =2", "/data?x=1&%20x=2", "/data?x=%20&x=%20",
                // a segment or parameter over the limit; slashes in a query do not start a new part
                "/" + "s".repeat(1001), "/data?serial=" + "s".repeat(1001), "/data?" + "n".repeat(500) + "=" + "v".repeat(500),
                "/data?x=" + "a/".repeat(501), "/data?x=" + "%20".repeat(334),
                // repeated: Vert.x keeps names regardless of case, parts at ';' too, and reads "=start" as start
                "/data?start=1&start=2", "/data?a&a", "/data?start=1&START=2", "/data?start=1;start=2", "/data;x=1",
                "/data?=start&start=1", "/data?start&=start", "/data?start=1&start#", "/data?a=1&A#=2", "/data#x",
                // more parameters than are compared by name
                "/data?" + String.join("&", IntStream.rangeClosed(0, TextInputFilter.FEW_PARAMETERS).mapToObj(i -> "p" + i + "=1").toList()));
    }

    @ParameterizedTest
    @MethodSource("plain")
    void plainUrisSkipTheFullCheck(String uri) {
        assertTrue(TextInputFilter.plainlyFine(uri));
    }

    @ParameterizedTest
    @MethodSource("checkedInFull")
    void otherUrisAreCheckedInFull(String uri) {
        assertFalse(TextInputFilter.plainlyFine(uri));
    }
}
