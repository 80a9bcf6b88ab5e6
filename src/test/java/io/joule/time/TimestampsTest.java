package io.joule.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
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
        "2000-02-29T12:00:00Z,          2000-02-29T12:00:00Z",
        "1900-01-01T00:00:00Z,          1900-01-01T00:00:00Z",
        "1900-02-28T00:00:00Z,          1900-02-28T00:00:00Z",
        "9999-12-30T23:59:59Z,          9999-12-30T23:59:59Z",
        "2024-12-31T23:59:59Z,          2024-12-31T23:59:59Z",
    })
    void acceptedForms(String text, String expected) {
        assertEquals(Optional.of(Instant.parse(expected)), Timestamps.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2019-01-05T04:42:00ZZ", "2019-02-30T04:42:00Z", "2017-02-29T00:00:00Z", "2019-02-03T24:00:00Z",
        "2019-02-03T23:60:00Z", "2019-02-03T23:00:60Z", "2019-00-03T00:00:00Z", "2019-13-03T00:00:00Z", "2019-04-31T00:00:00Z",
        "2019-04-00T00:00:00Z", "1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "2019-02-03T04:00:00", "2019-02-03", "1546663020", "", "1899-12-31T23:59:59Z",
        "9999-12-31T00:00:00Z", "2019-02-03T04:00:00+25:00", "２０１９-02-03T04:00:00Z"})
    void refusedForms(String text) {
        assertEquals(Optional.empty(), Timestamps.parse(text));
    }

    @Test
    void thePlainUtcFormIsReadInPlaceFromABuffer() {
        char[] buffer = "xx2018-08-24T00:15:00Z,2016-02-29T23:59:59Zyy".toCharArray();
        assertEquals(Instant.parse("2018-08-24T00:15:00Z"), Timestamps.parsePlainUtc(buffer, 2, 20));
        assertEquals(Instant.parse("2016-02-29T23:59:59Z"), Timestamps.parsePlainUtc(buffer, 23, 20));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2018-08-24T00-15-00Z", "2018-08-24T02:15:00+02:00", "2018-08-24T00:15:00.1Z", "2019-02-30T04:42:00Z",
        "2017-02-29T00:00:00Z", "2019-02-03T24:00:00Z", "1899-12-31T23:59:59Z", "9999-12-31T00:00:00Z", "2019-02-03T04:00:00z",
        "2019-02-03 04:00:00Z", "2019-02-03T04:00:0aZ", "２０１９-02-03T04:00:00Z", "2019-02-03T04:00:00"})
    void anythingButAValidPlainUtcTimestampIsLeftToParse(String text) {
        assertEquals(null, Timestamps.parsePlainUtc(text.toCharArray(), 0, text.length()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1970-01-01, 0", "1969-12-31, -1", "1900-01-01, -25567", "2000-03-01, 11017", "2018-08-24, 17767", "9999-12-31, 2932896",
        "0001-01-01, -719162"})
    void epochDayCountsDaysFrom1970(String date, long expected) {
        java.time.LocalDate d = java.time.LocalDate.parse(date);
        assertEquals(expected, Timestamps.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
    }

    @Test
    void everyDayFromYear1To9999HasTheEpochDayOfLocalDate() {
        for (java.time.LocalDate d = java.time.LocalDate.of(1, 1, 1); d.getYear() < 10_000; d = d.plusDays(1)) {
            assertEquals(d.toEpochDay(), Timestamps.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d::toString);
        }
    }

    @Test
    void utcIsTheInstantAtOffsetZero() {
        assertEquals(java.time.OffsetDateTime.parse("1900-01-01T00:00:00.000001Z"), Timestamps.utc(Instant.parse("1900-01-01T00:00:00.000001Z")));
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong() % 250_000_000_000L, random.nextInt(1_000_000_000));
            assertEquals(t.atOffset(java.time.ZoneOffset.UTC), Timestamps.utc(t));
        }
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

    @Test
    void aReusedBufferHoldsEachInstantAsShownAndFractionsAreLeftToInstant() {
        char[] c = "xxxxxxxxxxxxxxxxxxxx".toCharArray();
        for (String text : List.of("2018-08-24T00:15:00Z", "1900-01-01T00:00:00Z", "9999-12-30T23:59:59Z")) {
            assertTrue(Timestamps.show(Instant.parse(text), c));
            assertEquals(text, new String(c));
        }
        assertFalse(Timestamps.show(Instant.parse("2018-08-24T00:15:00.500Z"), c));
        assertFalse(Timestamps.show(Instant.parse("9999-12-31T00:00:00Z"), c));
        assertEquals("9999-12-30T23:59:59Z", new String(c));
    }
}
