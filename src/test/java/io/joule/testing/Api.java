package io.joule.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.atomic.AtomicLong;

/** Small helpers for calling the API as a given key. */
public final class Api {
    public static final String ADMIN_KEY = "test-admin-key";
    private static final AtomicLong NEXT_SHIP = new AtomicLong(System.nanoTime() % 100_000_000L * 10);

    private Api() {
    }

    /** A ship id no other test uses, so tests never see each other's data. */
    public static long newShipId() {
        return NEXT_SHIP.incrementAndGet();
    }

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    public static RequestSpecification admin() {
        return as(ADMIN_KEY);
    }

    public static ValidatableResponse postData(String key, String json) {
        return as(key).contentType(ContentType.JSON).body(json).when().post("/data").then();
    }

    /** Issues a key with the admin key and answers its secret. */
    public static String issueKey(String role, String subject) {
        String body = subject == null ? "{\"role\": \"" + role + "\"}"
                : "{\"role\": \"" + role + "\", \"subject\": \"" + subject + "\"}";
        return admin().contentType(ContentType.JSON).body(body).when().post("/api-keys")
                .then().statusCode(201).extract().path("key");
    }

    /** A JSON number within {@code tolerance} of {@code expected}, whether parsed as float or double. */
    public static org.hamcrest.Matcher<Object> near(double expected, double tolerance) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof Number n && Math.abs(n.doubleValue() - expected) <= tolerance;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a number within " + tolerance + " of " + expected);
            }
        };
    }

    public static String batch(long ship, String units, String... timeValuePairs) {
        StringBuilder json = new StringBuilder("{\"spaceship_id\": " + ship + ", \"units\": \"" + units + "\", \"data\": [");
        for (int i = 0; i < timeValuePairs.length; i += 2) {
            json.append(i == 0 ? "" : ", ").append("{\"datetime\": \"").append(timeValuePairs[i])
                    .append("\", \"value\": ").append(timeValuePairs[i + 1]).append('}');
        }
        return json.append("]}").toString();
    }
}
