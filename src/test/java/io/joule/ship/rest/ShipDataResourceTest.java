package io.joule.ship.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ShipDataResourceTest {
    static final String ADMIN = "Bearer test-admin-key";

    @Test
    void hourlyKwhBecomesQuarterHourSlots() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"spaceship_id": 9001, "units": "kWh", "data": [
                  {"datetime": "2018-08-24T00:00:00Z", "value": 12},
                  {"datetime": "2018-08-24T01:00:00Z", "value": 26},
                  {"datetime": "2018-08-24T02:00:00Z", "value": 18}]}""")
                .when().post("/data")
                .then().statusCode(200)
                .body("spaceship_id", equalTo(9001))
                .body("readings", equalTo(3))
                .body("slots_written", equalTo(12));
        given().header("Authorization", ADMIN)
                .queryParam("spaceship_id", 9001).queryParam("start", "2018-08-24T00-45-00Z").queryParam("end", "2018-08-24T01:30:00Z")
                .when().get("/data")
                .then().statusCode(200)
                .body("units", equalTo("kWh"))
                .body("data", hasSize(3))
                .body("data.datetime", contains("2018-08-24T00:45:00Z", "2018-08-24T01:00:00Z", "2018-08-24T01:15:00Z"))
                .body("data.value", contains(3.0f, 6.5f, 6.5f));
    }
}
