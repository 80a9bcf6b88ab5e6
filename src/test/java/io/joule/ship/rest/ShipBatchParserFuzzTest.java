package io.joule.ship.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.joule.fuzz.Fuzz;
import io.joule.ship.ShipBatch;

/**
 * POST /data bodies: any bytes are a batch or a 400, and a body the streaming reader accepts is the very batch the tree
 * parser reads from it. Seeds: ShipBatchParserFuzzTestInputs/.
 */
class ShipBatchParserFuzzTest {
    @DictionaryEntries({"{", "}", "[", "]", "\"spaceship_id\":", "\"units\":", "\"data\":", "\"datetime\":", "\"value\":", "\"kW\"", "\"MWh\"", "\"2018-08-24T00:00:00Z\"", "\"2018-08-24T00-15-00+05:45\"", "1e12", "-0", "null", "true"})
    @FuzzTest
    void batch(byte[] body) {
        Fuzz.refusesOnlyWith400(() -> ShipBatchParser.parse(body, 1000));
        ShipBatch streamed = ShipBatchStream.read(body, 1000);
        if (streamed != null) {
            assertEquals(ShipBatchParser.withErrors(body, 1000), streamed);
        }
    }
}
