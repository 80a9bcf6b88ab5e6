package io.joule.sensor.rest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.joule.fuzz.Fuzz;
import java.time.Instant;

/** POST /readings bodies: any bytes are readings or a 400. */
class ReadingBatchParserFuzzTest {
    static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    @FuzzTest
    void readings(byte[] body) {
        Fuzz.refusesOnlyWith400(() -> ReadingBatchParser.parse(body, NOW));
    }
}
