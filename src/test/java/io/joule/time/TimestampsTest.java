package io.joule.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2018-08-24T00:15:00Z,          2018-08-24T00:15:00Z",
        "2018-08-24T00-15-00Z,          2018-08-24T00:15:00Z",
        "2018-08-24T02:15:00+02:00,     2018-08-24T00:15:00Z",
        "2018-08-24T02:15:00 02:00,     2018-08-24T00:15:00Z",
        "2018-08-23T21:15-03:00,        2018-08-24T00:15:00Z",
        "2018-08-24T00:15:00.1234567Z,  2018-08-24T00:15:00.123456Z",
        "2016-02-29T23:59:59Z,          2016-02-29T23:59:59Z",
    })
    void acceptedForms(String text, String expected) {
        assertEquals(Optional.of(Instant.parse(expected)), Timestamps.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2019-01-05T04:42:00ZZ", "2019-02-30T04:42:00Z", "2017-02-29T00:00:00Z", "2019-02-03T24:00:00Z",
        "2019-02-03T23:60:00Z", "2019-02-03T04:00:00", "2019-02-03", "1546663020", "", "1899-12-31T23:59:59Z",
        "9999-12-31T00:00:00Z", "2019-02-03T04:00:00+25:00", "２０１９-02-03T04:00:00Z"})
    void refusedForms(String text) {
        assertEquals(Optional.empty(), Timestamps.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2018-08-24T00:15:00Z", "1900-01-01T00:00:00Z", "9999-12-30T23:59:59Z", "2016-02-29T23:45:00Z",
        "2000-12-31T09:05:07Z", "2018-08-24T00:15:00.500Z", "1899-12-31T23:45:00Z", "9999-12-31T00:00:00Z"})
    void shownAsInstantToStringShowsIt(String text) {
        assertEquals(text, Timestamps.show(Instant.parse(text)));
    }

    @Test
    void everyQuarterHourOfFourCenturiesShownAsInstantToStringShowsIt() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochSecond(900L * random.nextInt(14_026_000) - 2_208_988_800L);
            assertEquals(t.toString(), Timestamps.show(t));
        }
    }
}
