package io.joule.sensor.rest;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.joule.fuzz.Fuzz;
import java.time.Instant;

/** POST /readings bodies: any bytes are readings or a 400. */
class ReadingBatchParserFuzzTest {
    static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    @DictionaryEntries({"{", "}", "[", "]", "\"sensor_id\":", "\"water_level\":", "\"created_at\":", "\"2020-07-27T10:00:00Z\"", "\"s-1\"", "1e12", "null"})
    @FuzzTest
    void readings(byte[] body) {
        Fuzz.refusesOnlyWith400(() -> ReadingBatchParser.parse(body, NOW));
    }
}
