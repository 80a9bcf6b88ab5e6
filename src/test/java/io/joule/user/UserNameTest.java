package io.joule.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserNameTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "precomposed          | Zo\u00eb              | Zo\u00eb",
        "combining diaeresis  | Zoe\u0308             | Zo\u00eb",
        "spaces at the ends   | '\u00a0 alice\u3000 ' | alice",
        "inner space kept     | Ada Lovelace          | Ada Lovelace",
        "emoji with joiners   | \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 | \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
        "Persian with ZWNJ    | \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 | \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "England's flag       | Ann \ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67\udb40\udc7f | Ann \ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67\udb40\udc7f",
    })
    void keepsOneSpellingOfAName(String what, String typed, String stored) {
        assertEquals(Optional.of(stored), UserName.canonical(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u00a0", "\u200b", "\u0301", "alice\u200b", "\ufeffalice", "\u202ealice", "al\u00adice",
        "a\uffff", "a\ufdd0", "a\u0378", "\u3164", "\u2800\u2800", "\u115f\u1160", "al\u2028ice", "a\udb40\udc67"})
    void refusesWhatIsEmptyOrInvisible(String typed) {
        assertEquals(Optional.empty(), UserName.canonical(typed));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // NFC makes U+0958 (DEVANAGARI QA) two code points, so 50 of them are 100 and 51 are 102
        "50, \u0958, true", "51, \u0958, false",
        // 100 emoji are 200 UTF-16 units but 100 code points
        "100, \ud83d\ude00, true", "101, \ud83d\ude00, false"})
    void countsCodePointsAfterNormalization(int times, String unit, boolean fits) {
        assertEquals(fits, UserName.canonical(unit.repeat(times)).isPresent());
    }
}
