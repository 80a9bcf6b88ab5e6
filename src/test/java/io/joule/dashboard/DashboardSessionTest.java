package io.joule.dashboard;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.as;
import static io.joule.testing.Api.batch;
import static io.joule.testing.Api.issueKey;
import static io.joule.testing.Api.newShipId;
import static io.joule.testing.Api.postData;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sign-in for a session cookie, what the cookie opens, and what it must not (cross-site calls, after sign-out or revocation). */
@QuarkusTest
class DashboardSessionTest {
    static final String HEADER = "X-Joule-Dashboard";
    static final String PROBLEM = "application/problem+json";

    static Response signIn(String key) {
        return given().header(HEADER, "1").contentType(ContentType.URLENC).formParam("api_key", key).when().post("/dashboard/session");
    }

    static String cookieOf(String key) {
        return signIn(key).then().statusCode(200).extract().cookie("joule_session");
    }

    /** A call as the dashboard's own page makes it: cookie plus the header. */
    static RequestSpecification page(String cookie) {
        return given().cookie("joule_session", cookie).header(HEADER, "1");
    }

    static String ship(long ship) {
        return batch(ship, "kWh", "2025-10-26T00:00:00Z", "4", "2025-10-26T00:15:00Z", "6");
    }

    @Test
    void signInSetsAnHttpOnlyStrictCookieThatIsNotTheKey() {
        String key = issueKey("coordinator", null);
        Response r = signIn(key);
        r.then().statusCode(200).body("role", equalTo("coordinator")).body("subject", nullValue())
                .body("expires_at", not(nullValue())).header("Cache-Control", "no-store");
        String setCookie = r.header("Set-Cookie");
        assertTrue(setCookie.startsWith("joule_session="), setCookie);
        assertTrue(setCookie.contains("; HttpOnly"), setCookie);
        assertTrue(setCookie.contains("; SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("; Path=/"), setCookie);
        assertTrue(setCookie.contains("; Max-Age=43200"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain http gets no Secure flag: " + setCookie);
        String token = r.cookie("joule_session");
        assertFalse(token.contains(key) || key.contains(token), "the cookie must not carry the key");
        assertTrue(token.matches("js_[A-Za-z0-9_-]{43}"), token);

        page(token).when().get("/dashboard/session").then().statusCode(200).body("role", equalTo("coordinator"));
    }

    @Test
    void badSignInsAreRefused() {
        signIn("jk_not-a-key").then().statusCode(401).contentType(PROBLEM).body("detail", equalTo("Unknown or revoked API key"))
                .header("Set-Cookie", nullValue());
        signIn("  ").then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("api_key"))
                .body("detail", equalTo("Invalid form field api_key"));
        String key = issueKey("coordinator", null);
        // A form posted from another site's page carries neither the header nor a same-site origin.
        given().contentType(ContentType.URLENC).formParam("api_key", key).when().post("/dashboard/session")
                .then().statusCode(403).contentType(PROBLEM).header("Set-Cookie", nullValue());
        given().header(HEADER, "1").header("Origin", "https://evil.example").contentType(ContentType.URLENC).formParam("api_key", key)
                .when().post("/dashboard/session").then().statusCode(403);
        given().header(HEADER, "1").header("Sec-Fetch-Site", "cross-site").contentType(ContentType.URLENC).formParam("api_key", key)
                .when().post("/dashboard/session").then().statusCode(403);
        // only the first of two was checked; a browser sends one
        given().header(HEADER, "1").header("Origin", "http://localhost:" + io.restassured.RestAssured.port).header("Origin", "https://evil.example")
                .contentType(ContentType.URLENC).formParam("api_key", key).when().post("/dashboard/session").then().statusCode(400)
                .contentType(PROBLEM).body("detail", equalTo("The request has more than one Origin header; send one"));
        given().header(HEADER, "1").header("Sec-Fetch-Site", "same-origin").header("Sec-Fetch-Site", "cross-site")
                .contentType(ContentType.URLENC).formParam("api_key", key).when().post("/dashboard/session").then().statusCode(400)
                .body("detail", equalTo("The request has more than one Sec-Fetch-Site header; send one"));
        // trim() took the NUL away, so the key signed in
        signIn(key + "\u001f").then().statusCode(400).body("errors[0].detail", equalTo("has a control character; send the key as it was issued"));
        signIn(key + "\u0000").then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("api_key"))
                .body("errors[0].detail", equalTo("has a control character; send the key as it was issued")).header("Set-Cookie", nullValue());
    }

    @Test
    void oddInputNeverCausesA5xx() {
        given().header(HEADER, "1").contentType(ContentType.JSON).body("{\"api_key\": \"x\"}").when().post("/dashboard/session")
                .then().statusCode(415).contentType(PROBLEM);
        signIn("k".repeat(10_000)).then().statusCode(401).contentType(PROBLEM);
        given().header(HEADER, "1").contentType(ContentType.URLENC).body("api_key=%zz&&=").when().post("/dashboard/session")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("api_key"));
        given().header(HEADER, "1").contentType(ContentType.URLENC).body("&&=x&other=1").when().post("/dashboard/session")
                .then().statusCode(400).contentType(PROBLEM);
        given().header(HEADER, "1").contentType(ContentType.URLENC).body("x=1&api_key=" + io.joule.testing.Api.ADMIN_KEY).when()
                .post("/dashboard/session").then().statusCode(200).body("role", equalTo("admin"));
        given().header(HEADER, "1").contentType(ContentType.URLENC).body("api_key=" + io.joule.testing.Api.ADMIN_KEY + "&api_key=x")
                .when().post("/dashboard/session").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].detail", equalTo("is given more than once; send one key"));
        for (String cookie : new String[] {"", "x", "k".repeat(5_000), "%00", "jk_\u00e9\u00e8", "null"}) {
            page(cookie).when().get("/meters").then().statusCode(401).contentType(PROBLEM);
            page(cookie).when().get("/dashboard/session").then().statusCode(401);
        }
    }

    @Test
    void aDeviceSessionSeesItsShipOnly() {
        long mine = newShipId();
        long other = newShipId();
        postData(io.joule.testing.Api.ADMIN_KEY, ship(mine)).statusCode(200);
        postData(io.joule.testing.Api.ADMIN_KEY, ship(other)).statusCode(200);
        String cookie = cookieOf(issueKey("device", "ship:" + mine));
        page(cookie).when().get("/dashboard/session").then().statusCode(200).body("role", equalTo("device")).body("subject", equalTo("ship:" + mine));
        page(cookie).queryParam("spaceship_id", mine).queryParam("start", "2025-10-26T00:00:00Z").queryParam("end", "2025-10-27T00:00:00Z")
                .when().get("/data").then().statusCode(200).body("data", hasSize(2)).body("data[1].value", equalTo(6.0f));
        page(cookie).queryParam("spaceship_id", other).when().get("/data").then().statusCode(403).contentType(PROBLEM);
        page(cookie).when().get("/topusers").then().statusCode(403);
        page(cookie).when().get("/meters").then().statusCode(403);
    }

    @Test
    void aUserSessionSeesTheirSensorsOnly() {
        String sensor = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"" + sensor + "\"}").when().post("/sensors").then().statusCode(201);
        String other = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"" + other + "\"}").when().post("/sensors").then().statusCode(201);
        String userKey = admin().contentType(ContentType.JSON).body("{\"name\": \"u" + UUID.randomUUID() + "\"}").when().post("/users")
                .then().statusCode(201).extract().path("api_key");
        as(userKey).when().post("/sensors/" + sensor + "/owner").then().statusCode(200);
        String cookie = cookieOf(userKey);
        page(cookie).queryParam("from", "2020-07-27").queryParam("to", "2020-07-28").when().get("/sensors/" + sensor + "/consumption")
                .then().statusCode(200);
        page(cookie).queryParam("from", "2020-07-27").queryParam("to", "2020-07-28").when().get("/sensors/" + other + "/consumption")
                .then().statusCode(404);
    }

    @Test
    void theCookieOpensNothingOnACrossSiteRequest() {
        long ship = newShipId();
        String cookie = cookieOf(io.joule.testing.Api.ADMIN_KEY);
        // No header: what a link, an <img>, or a form on another site would send (were the cookie sent at all).
        given().cookie("joule_session", cookie).queryParam("spaceship_id", ship).when().get("/data")
                .then().statusCode(401).contentType(PROBLEM);
        given().cookie("joule_session", cookie).header(HEADER, "1").header("Sec-Fetch-Site", "cross-site").when().get("/meters")
                .then().statusCode(401);
        given().cookie("joule_session", cookie).header(HEADER, "1").header("Sec-Fetch-Site", "same-site").when().get("/meters")
                .then().statusCode(401);
        given().cookie("joule_session", cookie).header(HEADER, "1").header("Origin", "https://evil.example").when().get("/meters")
                .then().statusCode(401);
        given().cookie("joule_session", cookie).header(HEADER, "1").header("Origin", "null").when().get("/meters").then().statusCode(401);
        // A write from another site stores nothing.
        given().cookie("joule_session", cookie).header("Origin", "https://evil.example").contentType(ContentType.JSON).body(ship(ship))
                .when().post("/data").then().statusCode(401);
        given().cookie("joule_session", cookie).header(HEADER, "1").header("Sec-Fetch-Site", "cross-site").contentType(ContentType.JSON)
                .body(ship(ship)).when().post("/data").then().statusCode(401);
        admin().queryParam("spaceship_id", ship).when().get("/data").then().statusCode(404);
        // The same calls from the page itself work (same-origin fetch metadata and Origin).
        String self = "http://localhost:" + io.restassured.RestAssured.port;
        page(cookie).header("Sec-Fetch-Site", "same-origin").header("Origin", self).contentType(ContentType.JSON).body(ship(ship))
                .when().post("/data").then().statusCode(200).body("slots_written", equalTo(2));
    }

    @Test
    void signOutEndsTheSession() {
        String cookie = cookieOf(issueKey("coordinator", null));
        page(cookie).when().get("/meters").then().statusCode(200);
        given().cookie("joule_session", cookie).when().delete("/dashboard/session").then().statusCode(403);
        page(cookie).when().delete("/dashboard/session").then().statusCode(204)
                .header("Set-Cookie", containsString("joule_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"));
        page(cookie).when().get("/meters").then().statusCode(401).contentType(PROBLEM);
        page(cookie).when().get("/dashboard/session").then().statusCode(401);
        page(cookie).when().delete("/dashboard/session").then().statusCode(204);
    }

    @Test
    void signingInAgainEndsTheEarlierSession() {
        String key = issueKey("coordinator", null);
        String first = cookieOf(key);
        String second = given().cookie("joule_session", first).header(HEADER, "1").contentType(ContentType.URLENC).formParam("api_key", key)
                .when().post("/dashboard/session").then().statusCode(200).extract().cookie("joule_session");
        assertFalse(first.equals(second));
        page(first).when().get("/meters").then().statusCode(401);
        page(second).when().get("/meters").then().statusCode(200);
    }

    @Test
    void revokingTheKeyEndsItsSessions() {
        var issued = admin().contentType(ContentType.JSON).body("{\"role\": \"coordinator\"}").when().post("/api-keys")
                .then().statusCode(201).extract();
        String cookie = cookieOf(issued.path("key"));
        page(cookie).when().get("/meters").then().statusCode(200);
        admin().when().delete("/api-keys/" + issued.path("id")).then().statusCode(204);
        page(cookie).when().get("/meters").then().statusCode(401);
    }

    @Test
    void aBearerHeaderWinsOverTheCookie() {
        String device = issueKey("device", "ship:" + newShipId());
        String cookie = cookieOf(io.joule.testing.Api.ADMIN_KEY);
        page(cookie).header("Authorization", "Bearer " + device).when().get("/meters").then().statusCode(403);
        page(cookie).header("Authorization", "Bearer jk_unknown").when().get("/meters").then().statusCode(401);
    }

    @Test
    void thePageIsServedWithAStrictPolicy() {
        given().redirects().follow(false).when().get("/dashboard").then().statusCode(301).header("Location", "/dashboard/");
        given().when().get("/dashboard/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Frame-Options", "DENY")
                .body(containsString("id=\"sign-in-form\""));
        given().when().get("/dashboard/app.js").then().statusCode(200).header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().when().get("/dashboard/session").then().statusCode(401).contentType(PROBLEM);
    }
}
