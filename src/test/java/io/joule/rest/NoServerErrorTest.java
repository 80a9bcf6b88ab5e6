package io.joule.rest;

import static io.joule.testing.Api.admin;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SPEC §8: whatever a client sends, the answer is never a 5xx, and errors are problem+json. */
@QuarkusTest
class NoServerErrorTest {
    static final List<String> JSON_POSTS = List.of("/data", "/api-keys", "/sensors", "/users", "/readings", "/carbon-intensity");
    static final List<String> CSV_POSTS = List.of("/meter-files", "/assets/power");
    static final List<String> GETS = List.of("/data", "/topusers", "/forecast", "/ships/1/daily", "/meters/x/daily-stats", "/consumption",
            "/consumption_data", "/sensors/x/consumption", "/assets/x/footprint", "/assets/x/footprint.png", "/footprint/x/2019-11-25/1-3/",
            "/meters");
    static final List<String> ACCEPTS = List.of("application/json", "text/csv", "*/*", "text/*", "application/xml");
    static final List<String> BODIES = List.of("", "{", "[]", "null", "0", "\"x\"", "{\"data\": null}", "{\"data\": [null]}",
            "{\"data\": [{}]}", "{\"spaceship_id\": 1e400, \"units\": [], \"data\": [{\"datetime\": {}, \"value\": []}]}",
            "[{\"sensor_id\": null}]", "{\"role\": {}, \"subject\": []}", "{\"name\": 5}", "{\"sensor_id\": \"\", \"zone\": 3}",
            "{\"data\": [{\"from\": 1, \"to\": true, \"intensity\": []}]}", "\u0000\u0001\u0002", "{\"a\":" + "[".repeat(3000) + "]}");
    static final List<String> PARAMS = List.of("", "x", "-1", "0", "99999999999999999999", "2019-02-30", "2019-11-25T00:00:00Z",
            "9999-12-31T23:59:59Z", "1900-01-01", "%00", "NaN", "1e9", "2019-11-25", "../../etc");

    @Test
    void malformedBodiesNeverCauseA5xx() {
        for (String path : JSON_POSTS) {
            for (String body : BODIES) {
                check(admin().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8)).post(path), "POST " + path + " " + body);
            }
        }
        for (String path : CSV_POSTS) {
            for (String body : List.of("", "\n\n", "a,b\n1,2", "Time,Variable,AssetId,Value\n,,,\n", "\"unterminated",
                    "MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\n1,2,3,4,5,6,7,8,9,10\n")) {
                check(admin().contentType("text/csv").body(body.getBytes(StandardCharsets.UTF_8)).post(path), "POST " + path + " " + body);
            }
        }
    }

    @Test
    void malformedParametersNeverCauseA5xx() {
        Random random = new Random(8);
        for (String path : GETS) {
            for (int i = 0; i < 25; i++) {
                var request = admin().accept(ACCEPTS.get(random.nextInt(ACCEPTS.size())));
                for (String name : List.of("spaceship_id", "start", "end", "count", "from", "to", "date", "zone", "region", "label", "serial",
                        "limit", "after")) {
                    if (random.nextBoolean()) {
                        request = request.queryParam(name, PARAMS.get(random.nextInt(PARAMS.size())));
                    }
                }
                check(request.get(path), "GET " + path);
            }
        }
    }

    static void check(Response response, String what) {
        assertTrue(response.statusCode() < 500, () -> what + " -> " + response.statusCode() + " " + response.asString());
        if (response.statusCode() >= 400) {
            assertTrue(response.contentType().startsWith("application/problem+json"), () -> what + " -> " + response.contentType());
        }
    }
}
