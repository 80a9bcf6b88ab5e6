package io.joule.ship.rest;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.batch;
import static io.joule.testing.Api.newShipId;
import static io.joule.testing.Api.postData;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.joule.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** SPEC §3 through the API, with literal numbers; values are compared as JSON floats. */
@QuarkusTest
class ShipDataResourceTest {
    static final String ADMIN = Api.ADMIN_KEY;

    @Test
    void hourlyKwhBecomesQuarterHourSlotsAndTheSummarySaysWhatWasRecomputed() {
        long ship = newShipId();
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T00:00:00Z", "12", "2018-08-24T01:00:00Z", "26", "2018-08-24T02:00:00Z", "18"))
                .statusCode(200)
                .body("spaceship_id", equalTo((int) ship))
                .body("readings", equalTo(3))
                .body("slots_written", equalTo(12))
                .body("from", equalTo("2018-08-23T23:00:00Z"))
                .body("to", equalTo("2018-08-24T04:00:00Z"));
        admin().queryParam("spaceship_id", ship).queryParam("start", "2018-08-24T00-45-00Z").queryParam("end", "2018-08-24T01:30:00Z")
                .when().get("/data")
                .then().statusCode(200)
                .body("spaceship_id", equalTo((int) ship))
                .body("units", equalTo("kWh"))
                .body("data.datetime", contains("2018-08-24T00:45:00Z", "2018-08-24T01:00:00Z", "2018-08-24T01:15:00Z"))
                .body("data.value", contains(3.0f, 6.5f, 6.5f));
    }

    @Test
    void fiveMinuteKilowattsAreIntegratedAndUnrounded() {
        long ship = newShipId();
        postData(ADMIN, batch(ship, "kW", "2018-08-24T00:00:00Z", "22", "2018-08-24T00:05:00Z", "24", "2018-08-24T00:10:00Z", "23",
                "2018-08-24T00:15:00Z", "18", "2018-08-24T00:20:00Z", "22", "2018-08-24T00:25:00Z", "23", "2018-08-24T00:30:00Z", "8"))
                .statusCode(200).body("slots_written", equalTo(3));
        admin().queryParam("spaceship_id", ship).when().get("/data")
                .then().statusCode(200)
                .body("data.datetime", contains("2018-08-24T00:00:00Z", "2018-08-24T00:15:00Z", "2018-08-24T00:30:00Z"))
                .body("data.value", contains(5.75f, 5.25f, 0.6666667f));
    }

    @Test
    void wattsAndMegawattHoursAreConverted() {
        long watts = newShipId();
        postData(ADMIN, batch(watts, "W", "2006-12-24T04:00:00Z", "230000", "2006-12-24T04:15:00Z", "120000", "2006-12-24T04:30:00Z", "650000"))
                .statusCode(200);
        admin().queryParam("spaceship_id", watts).when().get("/data")
                .then().body("data.value", contains(57.5f, 30.0f, 162.5f));
        long mwh = newShipId();
        postData(ADMIN, batch(mwh, "MWh", "2018-08-24T04:00:00Z", "0.002", "2018-08-24T04:05:00Z", "0.001", "2018-08-24T04:10:00Z", "0.006"))
                .statusCode(200);
        admin().queryParam("spaceship_id", mwh).when().get("/data")
                .then().body("data.datetime", contains("2018-08-24T04:00:00Z")).body("data.value", contains(9.0f));
    }

    @Test
    void offGridEnergyIsSplitByOverlap() {
        long ship = newShipId();
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T00:05:00Z", "10", "2018-08-24T00:35:00Z", "6")).statusCode(200);
        admin().queryParam("spaceship_id", ship).when().get("/data")
                .then().body("data.value", contains(3.3333333f, 5.0f, 3.6666667f, 3.0f, 1.0f));
    }

    @Test
    void endLabelsShowEachSlotByItsEnd() {
        long ship = newShipId();
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T04:00:00Z", "2", "2018-08-24T04:05:00Z", "1", "2018-08-24T04:10:00Z", "6"))
                .statusCode(200);
        admin().queryParam("spaceship_id", ship).queryParam("label", "end").when().get("/data")
                .then().body("data.datetime", contains("2018-08-24T04:15:00Z")).body("data.value", contains(9.0f));
    }

    @Test
    void aCorrectionReplacesTheValueAndItsSlots() {
        long ship = newShipId();
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T00:00:00Z", "2", "2018-08-24T00:15:00Z", "5", "2018-08-24T00:30:00Z", "2",
                "2018-08-24T00:45:00Z", "6")).statusCode(200);
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T00:15:00Z", "7.5")).statusCode(200).body("readings", equalTo(1));
        admin().queryParam("spaceship_id", ship).when().get("/data")
                .then().body("data.value", contains(2.0f, 7.5f, 2.0f, 6.0f));
    }

    @Test
    void aLateReadingInsideAGapReshapesItsNeighbours() {
        long ship = newShipId();
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T00:00:00Z", "12", "2018-08-24T03:00:00Z", "4")).statusCode(200);
        // Apart by 3 h (> max_gap 1 h): each covers 15 minutes.
        admin().queryParam("spaceship_id", ship).when().get("/data")
                .then().body("data.datetime", contains("2018-08-24T00:00:00Z", "2018-08-24T03:00:00Z")).body("data.value", contains(12.0f, 4.0f));
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T02:30:00Z", "3")).statusCode(200);
        // 02:30 now spans to 03:00 (1.5 + 1.5), and 03:00 covers the 30-minute interval before it (2 + 2).
        admin().queryParam("spaceship_id", ship).when().get("/data")
                .then().body("data.datetime", contains("2018-08-24T00:00:00Z", "2018-08-24T02:30:00Z", "2018-08-24T02:45:00Z",
                        "2018-08-24T03:00:00Z", "2018-08-24T03:15:00Z"))
                .body("data.value", contains(12.0f, 1.5f, 1.5f, 2.0f, 2.0f));
    }

    @Test
    void aLateReadingShortensTheNominalIntervalAfterIt() {
        long ship = newShipId();
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T00:00:00Z", "12", "2018-08-24T01:00:00Z", "4")).statusCode(200);
        admin().queryParam("spaceship_id", ship).when().get("/data")
                .then().body("data.value", contains(3.0f, 3.0f, 3.0f, 3.0f, 1.0f, 1.0f, 1.0f, 1.0f));
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T00:30:00Z", "6")).statusCode(200);
        // 01:00 is last, so it covers the 30 minutes before it: its slots at 01:30 and 01:45 are gone.
        admin().queryParam("spaceship_id", ship).when().get("/data")
                .then().body("data.datetime", contains("2018-08-24T00:00:00Z", "2018-08-24T00:15:00Z", "2018-08-24T00:30:00Z",
                        "2018-08-24T00:45:00Z", "2018-08-24T01:00:00Z", "2018-08-24T01:15:00Z"))
                .body("data.value", contains(6.0f, 6.0f, 3.0f, 3.0f, 2.0f, 2.0f));
    }

    @Test
    void boundsAreHalfOpenAndAcceptOffsets() {
        long ship = newShipId();
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T00:00:00Z", "2", "2018-08-24T00:15:00Z", "5", "2018-08-24T00:30:00Z", "2",
                "2018-08-24T00:45:00Z", "6")).statusCode(200);
        admin().queryParam("spaceship_id", ship).queryParam("start", "2018-08-24T02:15:00+02:00").queryParam("end", "2018-08-24T00:45:00Z")
                .when().get("/data")
                .then().statusCode(200).body("data.datetime", contains("2018-08-24T00:15:00Z", "2018-08-24T00:30:00Z"));
        admin().queryParam("spaceship_id", ship).queryParam("end", "2018-08-24T00:15:00Z").when().get("/data")
                .then().statusCode(200).body("data", hasSize(1));
        admin().queryParam("spaceship_id", ship).queryParam("start", "2018-08-25T00:00:00Z").when().get("/data")
                .then().statusCode(200).body("data", hasSize(0));
    }

    @Test
    void aShipKeepsTheQuantityOfItsFirstBatch() {
        long ship = newShipId();
        postData(ADMIN, batch(ship, "kW", "2018-08-24T00:00:00Z", "2")).statusCode(200);
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T01:00:00Z", "2"))
                .statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("ship " + ship + " holds power readings; this batch is energy. Send it in units of W, kW or MW."));
        admin().queryParam("spaceship_id", ship).when().get("/data").then().body("data", hasSize(1));
    }

    @Test
    void anUnknownShipIsNotFound() {
        admin().queryParam("spaceship_id", newShipId()).when().get("/data")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void aShipRegisteredByAWriteIsReadAtOnceAfterA404() {
        long ship = newShipId();
        admin().queryParam("spaceship_id", ship).when().get("/data").then().statusCode(404);
        admin().contentType("application/json").body(batch(ship, "kW", "2019-01-05T04:30:00Z", "4"))
                .when().post("/data").then().statusCode(200);
        admin().queryParam("spaceship_id", ship).when().get("/data").then().statusCode(200)
                .body("spaceship_id", equalTo((int) ship)).body("data", hasSize(1));
    }
}
