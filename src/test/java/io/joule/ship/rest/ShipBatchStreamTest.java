package io.joule.ship.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.joule.pipeline.Reading;
import io.joule.pipeline.Unit;
import io.joule.problem.ProblemException;
import io.joule.ship.ShipBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The streaming reader of POST /data takes valid batches only; everything else goes to the parser that names errors. */
class ShipBatchStreamTest {

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValidBatchInAnyFieldOrderWithExtraFieldsIsReadSortedAndInCanonicalUnits() {
        byte[] body = utf8("""
                {"data": [{"value": 1.5e0, "note": {"by": ["crew", 2]}, "datetime": "2018-08-24T00:15:00Z"},
                          {"datetime": "2018-08-24T02:00:00+02:00", "value": -0.0}],
                 "units": "MWh", "spaceship_id": 7, "source": null}""");
        ShipBatch expected = new ShipBatch(7, Unit.MWH, List.of(
                new Reading(Instant.parse("2018-08-24T00:00:00Z"), -0.0),
                new Reading(Instant.parse("2018-08-24T00:15:00Z"), 1500.0)));
        assertEquals(expected, ShipBatchStream.read(body, 10));
        assertEquals(expected, ShipBatchParser.withErrors(body, 10));
    }

    @Test
    void theSeedsDashedFormAndMicrosecondsAreReadAsTheTreeReadsThem() {
        byte[] body = utf8("""
                {"spaceship_id": 9223372036854775807, "units": "W", "data": [
                 {"datetime": "2018-08-24T00-05-00.1234567Z", "value": 1e12}, {"datetime": "1900-01-01T00:00:00Z", "value": 0}]}""");
        ShipBatch expected = new ShipBatch(Long.MAX_VALUE, Unit.W, List.of(
                new Reading(Instant.parse("1900-01-01T00:00:00Z"), 0.0),
                new Reading(Instant.parse("2018-08-24T00:05:00.123456Z"), 1e9)));
        assertEquals(expected, ShipBatchStream.read(body, 2));
        assertEquals(expected, ShipBatchParser.withErrors(body, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "[]",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": []}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}]} {}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}], \"units\": \"kW\"}",
        "{\"spaceship_id\": 0, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}]}",
        "{\"spaceship_id\": 9223372036854775808, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}]}",
        "{\"spaceship_id\": 1.0, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}]}",
        "{\"spaceship_id\": {\"spaceship_id\": 5}, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}]}",
        "{\"spaceship_id\": 1, \"units\": \"kWs\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}]}",
        "{\"spaceship_id\": 1, \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}]}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00\", \"value\": 1}]}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": {\"datetime\": \"2018-08-24T00:00:00Z\"}, \"value\": 1}]}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\"}]}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": \"1\"}]}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": -1}]}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1.0000001e12}]}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1e999}]}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T01:00:00+01:00\", \"value\": 1}, {\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 2}]}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}, 3]}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1, \"note\": \"a\\u0000b\"}]}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}], \"x\\ud800\": 1}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}], \"note\": {\"by\": [{\"x\\u0001\": 1}]}}",
        "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}, {\"datetime\": \"2018-08-24T00:05:00Z\", \"value\": 1}, {\"datetime\": \"2018-08-24T00:10:00Z\", \"value\": 1}]}",
    })
    void anythingTheParserRefusesIsLeftToIt(String json) {
        byte[] body = utf8(json);
        assertNull(ShipBatchStream.read(body, 2));
        assertEquals(400, assertThrows(ProblemException.class, () -> ShipBatchParser.parse(body, 2)).status());
    }

    @Test
    void aStringOverTheLengthLimitInAnIgnoredFieldIsLeftToTheParser() {
        byte[] body = utf8("{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}], "
                + "\"note\": [\"" + "a".repeat(1_001) + "\"]}");
        assertNull(ShipBatchStream.read(body, 2));
        assertEquals(400, assertThrows(ProblemException.class, () -> ShipBatchParser.parse(body, 2)).status());
        byte[] atLimit = utf8("{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2018-08-24T00:00:00Z\", \"value\": 1}], "
                + "\"note\": [\"" + "a".repeat(1_000) + "\"]}");
        assertEquals(ShipBatchParser.withErrors(atLimit, 2), ShipBatchStream.read(atLimit, 2));
    }

    @Test
    void aBodyOfBytesThatAreNotJsonTextIsLeftToTheParser() {
        byte[] body = {'{', '"', (byte) 0xC3, '"', ':', '1', '}'};
        assertNull(ShipBatchStream.read(body, 2));
        assertEquals(400, assertThrows(ProblemException.class, () -> ShipBatchParser.parse(body, 2)).status());
    }
}
