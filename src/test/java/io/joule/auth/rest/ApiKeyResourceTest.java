package io.joule.auth.rest;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.as;
import static io.joule.testing.Api.batch;
import static io.joule.testing.Api.issueKey;
import static io.joule.testing.Api.newShipId;
import static io.joule.testing.Api.postData;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.joule.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The 401/403 matrix and the key lifecycle. */
@QuarkusTest
class ApiKeyResourceTest {
    static final String PROBLEM = "application/problem+json";

    static String point(long ship) {
        return batch(ship, "kW", "2019-01-05T04:37:00Z", "1302");
    }

    @Test
    void aKeyIsShownOnceAndStoredOnlyAsItsHash() {
        admin().contentType(ContentType.JSON).body("{\"role\": \"device\", \"subject\": \"ship:42\"}").when().post("/api-keys")
                .then().statusCode(201)
                .body("role", equalTo("device"))
                .body("subject", equalTo("ship:42"))
                .body("key", matchesPattern("jk_[A-Za-z0-9_-]{43}"))
                .body("id", matchesPattern("[0-9a-f-]{36}"));
        admin().when().get("/api-keys").then().statusCode(200).body("find { it.subject == 'ship:42' }.key", nullValue());
    }

    @Test
    void withoutAKeyOrWithAnUnknownOneTheAnswerIs401() {
        long ship = newShipId();
        given().contentType(ContentType.JSON).body(point(ship)).when().post("/data")
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer realm=\"joule\"");
        postData("jk_not-a-key", point(ship)).statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l").queryParam("spaceship_id", ship).when().get("/data")
                .then().statusCode(401);
        as("").queryParam("spaceship_id", ship).when().get("/data").then().statusCode(401);
    }

    @Test
    void aDeviceKeyWritesAndReadsOnlyItsOwnShip() {
        long own = newShipId();
        long other = newShipId();
        String device = issueKey("device", "ship:" + own);
        postData(device, point(own)).statusCode(200);
        as(device).queryParam("spaceship_id", own).when().get("/data").then().statusCode(200);
        postData(device, point(other)).statusCode(403).contentType(PROBLEM);
        postData(Api.ADMIN_KEY, point(other)).statusCode(200);
        as(device).queryParam("spaceship_id", other).when().get("/data").then().statusCode(403).contentType(PROBLEM);
        as(device).when().get("/api-keys").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void aCoordinatorReadsEveryShipAndWritesNothing() {
        long ship = newShipId();
        postData(Api.ADMIN_KEY, point(ship)).statusCode(200);
        String coordinator = issueKey("coordinator", null);
        as(coordinator).queryParam("spaceship_id", ship).when().get("/data").then().statusCode(200);
        postData(coordinator, point(ship)).statusCode(403).contentType(PROBLEM);
        as(coordinator).contentType(ContentType.JSON).body("{\"role\": \"admin\"}").when().post("/api-keys").then().statusCode(403);
    }

    @Test
    void aUserKeyReachesNoShip() {
        long ship = newShipId();
        postData(Api.ADMIN_KEY, point(ship)).statusCode(200);
        String user = admin().contentType(ContentType.JSON).body("{\"name\": \"reaches-no-ship-" + UUID.randomUUID() + "\"}").when()
                .post("/users").then().statusCode(201).extract().path("api_key");
        as(user).queryParam("spaceship_id", ship).when().get("/data").then().statusCode(403);
        postData(user, point(ship)).statusCode(403);
    }

    /** A user key names a user that exists, as POST /users answered it. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"role\": \"user\"}", "{\"role\": \"user\", \"subject\": \"user:alice\"}",
        "{\"role\": \"user\", \"subject\": \"user:00000000-0000-0000-0000-00000000000G\"}",
        "{\"role\": \"user\", \"subject\": \"user:0-0-0-0-0\"}"})
    void aUserKeyNeedsItsUsersId(String body) {
        admin().contentType(ContentType.JSON).body(body).when().post("/api-keys").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/subject"))
                .body("errors[0].detail", equalTo("a user key names its user: user:<user_id>, the id POST /users answered"));
    }

    @Test
    void aUserKeyForAUserThatExistsIsIssued() {
        String id = admin().contentType(ContentType.JSON).body("{\"name\": \"second-key-" + UUID.randomUUID() + "\"}").when()
                .post("/users").then().statusCode(201).extract().path("user_id");
        admin().contentType(ContentType.JSON).body("{\"role\": \"user\", \"subject\": \"user:" + id + "\"}").when().post("/api-keys")
                .then().statusCode(201).body("subject", equalTo("user:" + id));
        // a UUID is the same in either case; the key keeps the form POST /users gave
        admin().contentType(ContentType.JSON).body("{\"role\": \"user\", \"subject\": \"user:" + id.toUpperCase() + "\"}").when()
                .post("/api-keys").then().statusCode(201).body("subject", equalTo("user:" + id));
    }

    @Test
    void anIssuedAdminKeyWorksLikeTheBootstrapKey() {
        String admin = issueKey("admin", null);
        postData(admin, point(newShipId())).statusCode(200);
        as(admin).when().get("/api-keys").then().statusCode(200);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        long ship = newShipId();
        String created = admin().contentType(ContentType.JSON).body("{\"role\": \"device\", \"subject\": \"ship:" + ship + "\"}")
                .when().post("/api-keys").then().statusCode(201).extract().asString();
        String id = io.restassured.path.json.JsonPath.from(created).getString("id");
        String key = io.restassured.path.json.JsonPath.from(created).getString("key");
        postData(key, point(ship)).statusCode(200);
        admin().when().delete("/api-keys/" + id).then().statusCode(204);
        postData(key, point(ship)).statusCode(401);
        admin().when().delete("/api-keys/" + id).then().statusCode(204);
        admin().when().delete("/api-keys/00000000-0000-0000-0000-000000000000").then().statusCode(404).contentType(PROBLEM);
        admin().when().delete("/api-keys/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"role\": \"root\"}                              | /role",
        "{\"subject\": \"ship:1\"}                         | /role",
        "{\"role\": \"device\"}                            | /subject",
        "{\"role\": \"device\", \"subject\": \"ship:0\"}   | /subject",
        "{\"role\": \"device\", \"subject\": \"ship:abc\"} | /subject",
        "{\"role\": \"device\", \"subject\": \"ship:9223372036854775808\"} | /subject",
        "{\"role\": \"device\", \"subject\": \"boat:1\"}   | /subject",
        "{\"role\": \"coordinator\", \"subject\": \"ship:1\"} | /subject",
        "{\"role\": \"user\", \"subject\": 5}              | /subject",
    })
    void anInvalidKeyRequestNamesTheField(String body, String pointer) {
        admin().contentType(ContentType.JSON).body(body).when().post("/api-keys")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].pointer", equalTo(pointer));
    }

    @Test
    void operationsEndpointsArePublic() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/openapi").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
