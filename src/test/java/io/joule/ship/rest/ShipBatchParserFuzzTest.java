package io.joule.ship.rest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.joule.fuzz.Fuzz;

/** POST /data bodies: any bytes are a batch or a 400. Seeds: ShipBatchParserFuzzTestInputs/. */
class ShipBatchParserFuzzTest {
    @FuzzTest
    void batch(byte[] body) {
        Fuzz.refusesOnlyWith400(() -> ShipBatchParser.parse(body, 1000));
    }
}
