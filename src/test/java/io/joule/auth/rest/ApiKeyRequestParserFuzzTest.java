package io.joule.auth.rest;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.joule.fuzz.Fuzz;

/** POST /api-keys bodies: any bytes are a request or a 400. */
class ApiKeyRequestParserFuzzTest {
    @DictionaryEntries({"{", "}", "\"role\":", "\"subject\":", "\"device\"", "\"user\"", "\"admin\"", "\"ship:", "\"sensor:", "\"user:", "null"})
    @FuzzTest
    void request(byte[] body) {
        Fuzz.refusesOnlyWith400(() -> ApiKeyRequestParser.parse(body));
    }
}
