package io.joule.carbon;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.joule.fuzz.Fuzz;
import io.joule.problem.JsonBody;

/** POST /carbon-intensity bodies (and the API's answers): any bytes are periods or a 400. */
class IntensityParserFuzzTest {
    @FuzzTest
    void intensity(byte[] body) {
        Fuzz.refusesOnlyWith400(() -> IntensityParser.parse(JsonBody.tree(body)));
    }
}
