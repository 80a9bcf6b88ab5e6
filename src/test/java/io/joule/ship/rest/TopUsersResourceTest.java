package io.joule.ship.rest;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.as;
import static io.joule.testing.Api.issueKey;
import static io.joule.testing.Api.newShipId;
import static io.joule.testing.Api.postData;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.joule.testing.Api;
import io.joule.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rankings over a private stretch of time (year 2091), so other tests' ships do not take part.
 * Every ship posts constant power every 15 minutes, so each slot is a whole number of kWh.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopUsersResourceTest {
    static final String START = "2091-03-01T00:00:00Z";
    long small;
    long big;
    long tieLow;
    long tieHigh;
    long late;

    /** kW every 15 minutes for {@code hours} hours from {@code from}: slot kWh = kW / 4. */
    static String constant(long ship, double kw, String from, int hours) {
        StringBuilder json = new StringBuilder("{\"spaceship_id\": " + ship + ", \"units\": \"kW\", \"data\": [");
        Instant t = Instant.parse(from);
        for (int i = 0; i < hours * 4; i++) {
            json.append(i == 0 ? "" : ",").append("{\"datetime\": \"").append(t.plusSeconds(900L * i)).append("\", \"value\": ").append(kw).append('}');
        }
        return json.append("]}").toString();
    }

    @BeforeEach
    void threeDaysOfShips() {
        if (small != 0) {
            return;
        }
        small = newShipId();
        big = newShipId();
        tieLow = newShipId();
        tieHigh = newShipId();
        late = newShipId();
        postData(Api.ADMIN_KEY, constant(small, 4, START, 72)).statusCode(200);     // 1 kWh a slot
        postData(Api.ADMIN_KEY, constant(big, 40, START, 72)).statusCode(200);      // 10 kWh a slot
        postData(Api.ADMIN_KEY, constant(tieHigh, 8, START, 72)).statusCode(200);   // 2 kWh a slot
        postData(Api.ADMIN_KEY, constant(tieLow, 8, START, 72)).statusCode(200);    // 2 kWh a slot
        postData(Api.ADMIN_KEY, constant(late, 400, "2091-03-03T23:00:00Z", 1)).statusCode(200); // 100 kWh a slot, 4 slots
    }

    @Test
    void shipsAreRankedByConsumptionWithTiesByIdAndCountDefaultsToThree() {
        admin().queryParam("start", START).queryParam("end", "2091-03-04T00:00:00Z").when().get("/topusers")
                .then().statusCode(200)
                .body("datetime", equalTo(START))
                .body("ships", hasSize(3))
                .body("ships.spaceship_id", contains((int) big, (int) Math.min(tieLow, tieHigh), (int) Math.max(tieLow, tieHigh)))
                .body("ships.consumption", contains(2880.0f, 576.0f, 576.0f));
    }

    @ParameterizedTest(name = "[{0}, {1}) -> {2} kWh for the 1-kWh ship")
    @CsvSource({
        "2091-03-01T10:15:00Z, 2091-03-03T05:30:00Z, 173",   // cuts days and hours: 1h45 + 1 day + 5h30 = 173 slots
        "2091-03-01T10:15:00Z, 2091-03-01T10:45:00Z, 2",     // inside one hour
        "2091-03-01T10:15:00Z, 2091-03-01T13:00:00Z, 11",    // cuts an hour, no whole day
        "2091-03-02T00:00:00Z, 2091-03-03T00:00:00Z, 96",    // exactly one day
        "2091-02-28T23:45:00Z, 2091-03-01T00:15:00Z, 1",     // starts before the data
        "2091-03-03T23:45:00Z, 2091-03-05T00:00:00Z, 1",     // ends after the data
    })
    void windowsThatCutDaysOrHoursEqualTheSumOfTheirSlots(String start, String end, int slots) throws Exception {
        List<Float> consumption = admin().queryParam("start", start).queryParam("end", end).queryParam("count", 1000)
                .when().get("/topusers").then().statusCode(200).extract().jsonPath()
                .getList("ships.findAll { it.spaceship_id == " + small + " }.consumption", Float.class);
        assertEqualsExactly((float) slots, consumption.get(0));
        List<String> raw = Sql.rows("select sum(kwh) from slot_15m x join series s on s.id = x.series_id "
                + "where s.kind = 'ship' and s.key = ? and slot_start >= ?::timestamptz and slot_start < ?::timestamptz",
                Long.toString(small), start, end);
        assertEqualsExactly(Float.parseFloat(raw.get(0)), consumption.get(0));
    }

    @Test
    void countLimitsTheRanking() {
        admin().queryParam("start", START).queryParam("end", "2091-03-04T00:00:00Z").queryParam("count", 5).when().get("/topusers")
                .then().statusCode(200)
                .body("ships.spaceship_id", contains((int) big, (int) Math.min(tieLow, tieHigh),
                        (int) Math.max(tieLow, tieHigh), (int) late, (int) small))
                .body("ships.consumption", contains(2880.0f, 576.0f, 576.0f, 400.0f, 288.0f));
        admin().queryParam("start", START).queryParam("end", "2091-03-04T00:00:00Z").queryParam("count", 1).when().get("/topusers")
                .then().body("ships.spaceship_id", contains((int) big));
    }

    @Test
    void withoutAWindowTheAnswerIsDatedByTheFirstSlot() throws Exception {
        String first = Sql.rows("select to_char(min(slot_start) at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                + "from slot_15m x join series s on s.id = x.series_id where s.kind = 'ship'").get(0);
        admin().when().get("/topusers").then().statusCode(200).body("datetime", equalTo(first)).body("ships", hasSize(3));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"count, 0", "count, 1001", "count, three", "count, 2.5", "start, 2091-13-01T00:00:00Z", "end, tomorrow"})
    void badParametersAre400(String name, String value) {
        admin().queryParam(name, value).when().get("/topusers")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].parameter", equalTo(name));
    }

    @Test
    void startMustComeBeforeEnd() {
        admin().queryParam("start", START).queryParam("end", START).when().get("/topusers").then().statusCode(400);
    }

    @Test
    void coordinatorsMayRankDevicesMayNot() {
        as(issueKey("coordinator", null)).when().get("/topusers").then().statusCode(200);
        as(issueKey("device", "ship:" + small)).when().get("/topusers").then().statusCode(403);
    }

    static void assertEqualsExactly(float expected, float actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, 0.0f);
    }
}
