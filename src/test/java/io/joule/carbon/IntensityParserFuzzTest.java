package io.joule.carbon;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.joule.fuzz.Fuzz;
import io.joule.problem.JsonBody;

/** POST /carbon-intensity bodies (and the API's answers): any bytes are periods or a 400. */
class IntensityParserFuzzTest {
    @DictionaryEntries({"{", "}", "[", "]", "\"data\":", "\"from\":", "\"to\":", "\"intensity\":", "\"forecast\":", "\"actual\":", "\"index\":", "\"2019-11-25T00:00Z\"", "\"2019-11-25T00:30Z\"", "null"})
    @FuzzTest
    void intensity(byte[] body) {
        Fuzz.refusesOnlyWith400(() -> IntensityParser.parse(JsonBody.tree(body)));
    }
}
