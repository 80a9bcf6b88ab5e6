package io.joule.ship.rest;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.batch;
import static io.joule.testing.Api.newShipId;
import static io.joule.testing.Api.postData;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.joule.testing.Api;
import io.joule.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §8: every bad input is a named 400 (or 413/415) problem, and nothing is stored. */
@QuarkusTest
class ShipBadInputTest {
    static final String PROBLEM = "application/problem+json";
    static final String ADMIN = Api.ADMIN_KEY;

    /** Posts the body for a fresh ship, expects a 400 naming {@code pointer}, and checks the ship stayed unknown. */
    static void refused(String body, long ship, String pointer, String detailPart) {
        postData(ADMIN, body)
                .statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("instance", equalTo("/data"))
                .body("errors.pointer", hasItem(pointer))
                .body("errors.detail", hasItem(containsString(detailPart)));
        admin().queryParam("spaceship_id", ship).when().get("/data").then().statusCode(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing units          | {\"spaceship_id\": %d, \"data\": [{\"datetime\": \"2019-01-05T04:37:00Z\", \"value\": 1}]}             | /units | required",
        "unknown units          | {\"spaceship_id\": %d, \"units\": \"kWs\", \"data\": [{\"datetime\": \"2019-01-05T04:37:00Z\", \"value\": 1}]} | /units | unknown units",
        "units not text         | {\"spaceship_id\": %d, \"units\": 3, \"data\": [{\"datetime\": \"2019-01-05T04:37:00Z\", \"value\": 1}]}   | /units | unknown units",
        "empty data             | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": []}                                               | /data  | at least one",
        "data not an array      | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": {\"datetime\": \"2019-01-05T04:37:00Z\"}}             | /data  | an array",
        "missing data           | {\"spaceship_id\": %d, \"units\": \"kW\"}                                                             | /data  | an array",
        "point not an object    | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [5]}                                              | /data/0 | must be an object",
        "the seed's ZZ          | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"datetime\": \"2019-01-05T04:42:00ZZ\", \"value\": 1}]} | /data/0/datetime | is not an ISO-8601",
        "30 February            | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"datetime\": \"2019-02-30T04:42:00Z\", \"value\": 1}]}  | /data/0/datetime | is not an ISO-8601",
        "hour 25                | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"datetime\": \"2019-02-03T25:00:00Z\", \"value\": 1}]}  | /data/0/datetime | is not an ISO-8601",
        "no offset              | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"datetime\": \"2019-02-03T04:00:00\", \"value\": 1}]}   | /data/0/datetime | is not an ISO-8601",
        "datetime a number      | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"datetime\": 1546663020, \"value\": 1}]}           | /data/0/datetime | is not an ISO-8601",
        "missing datetime       | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"value\": 1}]}                                  | /data/0/datetime | required",
        "value a string         | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"datetime\": \"2019-01-05T04:37:00Z\", \"value\": \"12\"}]} | /data/0/value | JSON number",
        "value NaN text         | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"datetime\": \"2019-01-05T04:37:00Z\", \"value\": \"NaN\"}]} | /data/0/value | JSON number",
        "value overflows        | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"datetime\": \"2019-01-05T04:37:00Z\", \"value\": 1e400}]} | /data/0/value | finite",
        "value too large        | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"datetime\": \"2019-01-05T04:37:00Z\", \"value\": 1.5e12}]} | /data/0/value | at most 1e12",
        "negative value         | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"datetime\": \"2019-01-05T04:37:00Z\", \"value\": -1}]}   | /data/0/value | ≥ 0",
        "missing value          | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"datetime\": \"2019-01-05T04:37:00Z\"}]}              | /data/0/value | required",
        "null value             | {\"spaceship_id\": %d, \"units\": \"kW\", \"data\": [{\"datetime\": \"2019-01-05T04:37:00Z\", \"value\": null}]} | /data/0/value | required",
    })
    void aBadFieldIsNamedAndNothingIsStored(String name, String template, String pointer, String detail) {
        long ship = newShipId();
        refused(String.format(template, ship), ship, pointer, detail);
    }

    @Test
    void everyOffendingFieldIsListedAndTheGoodOnesAreNotStored() {
        long ship = newShipId();
        postData(ADMIN, batch(ship, "kW", "2019-01-05T04:37:00Z", "1302", "2019-01-05T04:42:00ZZ", "1300", "2019-01-05T04:47:00Z", "-4"))
                .statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("The batch has 2 invalid fields; nothing was stored"))
                .body("errors.pointer", contains("/data/1/datetime", "/data/2/value"));
        admin().queryParam("spaceship_id", ship).when().get("/data").then().statusCode(404);
    }

    @Test
    void duplicateTimestampsInOneBatchAreRefusedEvenInAnotherNotation() {
        long ship = newShipId();
        refused(batch(ship, "kW", "2019-01-05T04:37:00Z", "1", "2019-01-05T05:37:00+01:00", "2"), ship,
                "/data/1/datetime", "duplicates the timestamp of /data/0/datetime");
    }

    @ParameterizedTest(name = "spaceship_id {0}")
    @CsvSource(delimiter = '|', value = {"0", "-3", "1.5", "\"42\"", "9223372036854775808", "null", "true"})
    void aSpaceshipIdMustBeAPositive64BitInteger(String id) {
        postData(ADMIN, "{\"spaceship_id\": " + id + ", \"units\": \"kW\", \"data\": [{\"datetime\": \"2019-01-05T04:37:00Z\", \"value\": 1}]}")
                .statusCode(400).contentType(PROBLEM).body("errors.pointer", contains("/spaceship_id"));
    }

    @Test
    void aMissingSpaceshipIdIsNamed() {
        postData(ADMIN, "{\"units\": \"kW\", \"data\": [{\"datetime\": \"2019-01-05T04:37:00Z\", \"value\": 1}]}")
                .statusCode(400).body("errors.pointer", contains("/spaceship_id"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truncated | {\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [",
        "not json  | spaceship_id=1",
        "trailing  | {\"spaceship_id\": 1} {}",
        "dup key   | {\"spaceship_id\": 1, \"spaceship_id\": 2}",
        "array     | [1, 2]",
        "string    | \"hello\"",
    })
    void malformedJsonIsA400Problem(String name, String body) {
        postData(ADMIN, body).statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
    }

    /** The detail says what was sent and where, in the client's terms, not which parser feature refused it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NaN      | {\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2020-01-01T00:00:00Z\", \"value\": NaN}]} "
                + "| Malformed JSON: Non-standard token 'NaN' (JSON numbers have no NaN or Infinity) at line 1, column 94",
        "trailing | {\"spaceship_id\": 1, \"units\": \"kW\", \"data\": []} {} "
                + "| Malformed JSON: Trailing token (of type START_OBJECT) found after value; send one JSON value at line 1, column 48",
    })
    void malformedJsonIsNamedInTheClientsTerms(String name, String body, String detail) {
        postData(ADMIN, body).statusCode(400).contentType(PROBLEM).body("detail", equalTo(detail));
    }

    @Test
    void anEmptyBodyIsA400Problem() {
        admin().contentType(ContentType.JSON).when().post("/data").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void moreThanOneHundredThousandPointsAreRefused() {
        StringBuilder body = new StringBuilder("{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [");
        for (int i = 0; i <= 100_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"datetime\": \"2019-01-05T04:37:00Z\", \"value\": 1}");
        }
        body.append("]}");
        postData(ADMIN, body.toString()).statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/data"))
                .body("errors[0].detail", equalTo("holds 100001 points; at most 100000 per batch"));
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() throws Exception {
        String answer = RawHttp.postHeadersOnly("/data", "application/json", 11 * 1024 * 1024, Api.ADMIN_KEY);
        assertThat(answer, startsWith("HTTP/1.1 413"));
        assertThat(answer, containsString("application/problem+json"));
    }

    @Test
    void aWrongContentTypeIsA415Problem() {
        admin().contentType(ContentType.TEXT).body("spaceship_id,units").when().post("/data")
                .then().statusCode(415).contentType(PROBLEM).body("status", equalTo(415))
                .body("detail", equalTo("The Content-Type is not one this endpoint takes; the OpenAPI document (/q/openapi) lists those it consumes"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "spaceship_id | abc",
        "spaceship_id | 0",
        "spaceship_id | ''",
        "start        | yesterday",
        "end          | 2018-02-30T00:00:00Z",
        "label        | middle",
    })
    void badQueryParametersAreNamed(String name, String value) {
        var request = admin().queryParam(name, value);
        if (!name.equals("spaceship_id")) {
            request = request.queryParam("spaceship_id", 1);
        }
        request.when().get("/data").then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo(name));
    }

    @Test
    void startMustComeBeforeEnd() {
        admin().queryParam("spaceship_id", 1).queryParam("start", "2018-08-24T01:00:00Z").queryParam("end", "2018-08-24T01:00:00Z")
                .when().get("/data")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].detail", startsWith("must be after start"));
    }
}
