package io.joule.ship.rest;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.as;
import static io.joule.testing.Api.batch;
import static io.joule.testing.Api.issueKey;
import static io.joule.testing.Api.newShipId;
import static io.joule.testing.Api.postData;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.joule.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ShipDailyResourceTest {

    @Test
    void dailyRowsCarryExactBoundsAndSlotStatistics() {
        long ship = newShipId();
        // 12, 26, 18 kWh hourly: slots 3×4, 6.5×4, 4.5×4 on 2018-08-24; then 8 kWh at 23:30 the same day
        // spread over [23:30, 00:30) into the next day.
        postData(Api.ADMIN_KEY, batch(ship, "kWh", "2018-08-24T00:00:00Z", "12", "2018-08-24T01:00:00Z", "26",
                "2018-08-24T02:00:00Z", "18", "2018-08-24T23:30:00Z", "8", "2018-08-25T00:30:00Z", "1")).statusCode(200);
        admin().queryParam("from", "2018-08-24").queryParam("to", "2018-08-26").when().get("/ships/" + ship + "/daily")
                .then().statusCode(200)
                .body("date", contains("2018-08-24", "2018-08-25"))
                .body("start", contains("2018-08-24T00:00:00Z", "2018-08-25T00:00:00Z"))
                .body("end", contains("2018-08-25T00:00:00Z", "2018-08-26T00:00:00Z"))
                .body("energy_kwh", contains(60.0f, 5.0f))
                .body("min_kwh", contains(2.0f, 0.25f))
                .body("max_kwh", contains(6.5f, 2.0f))
                .body("avg_kwh", contains(60.0f / 14, 5.0f / 6))
                .body("slots", contains(14, 6));
    }

    @Test
    void aCorrectionUpdatesTheDay() {
        long ship = newShipId();
        postData(Api.ADMIN_KEY, batch(ship, "kWh", "2018-08-24T00:00:00Z", "2", "2018-08-24T00:15:00Z", "5")).statusCode(200);
        postData(Api.ADMIN_KEY, batch(ship, "kWh", "2018-08-24T00:15:00Z", "9")).statusCode(200);
        admin().queryParam("from", "2018-08-24").queryParam("to", "2018-08-24").when().get("/ships/" + ship + "/daily")
                .then().statusCode(200).body("energy_kwh", contains(11.0f)).body("max_kwh", contains(9.0f));
    }

    @Test
    void daysWithoutDataAreAbsentAndUnknownShipsAre404() {
        long ship = newShipId();
        postData(Api.ADMIN_KEY, batch(ship, "kW", "2018-08-24T00:00:00Z", "4")).statusCode(200);
        admin().queryParam("from", "2018-09-01").queryParam("to", "2018-09-30").when().get("/ships/" + ship + "/daily")
                .then().statusCode(200).body("$", hasSize(0));
        admin().queryParam("from", "2018-09-01").queryParam("to", "2018-09-30").when().get("/ships/" + newShipId() + "/daily")
                .then().statusCode(404).contentType("application/problem+json");
        as(issueKey("device", "ship:" + newShipId())).queryParam("from", "2018-08-24").queryParam("to", "2018-08-24")
                .when().get("/ships/" + ship + "/daily").then().statusCode(403);
    }

    @ParameterizedTest(name = "{0}: from={1} to={2}")
    @CsvSource({
        "from, '', 2018-08-24",
        "from, 2018-02-30, 2018-08-24",
        "to, 2018-08-24, ''",
        "to, 2018-08-24, 24/08/2018",
        "to, 2018-08-24, 2018-08-23",
        "to, 2000-01-01, 2018-08-24",
    })
    void badDatesAre400(String parameter, String from, String to) {
        admin().queryParam("from", from).queryParam("to", to).when().get("/ships/1/daily")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].parameter", equalTo(parameter));
    }

    @Test
    void aBadShipIdIs400() {
        admin().queryParam("from", "2018-08-24").queryParam("to", "2018-08-24").when().get("/ships/abc/daily")
                .then().statusCode(400).body("detail", equalTo("Invalid path parameter id")).body("errors[0].parameter", equalTo("id"));
    }

    @Test
    void acceptTextCsvAnswersTheDaysAsCsv() {
        long ship = newShipId();
        // 12, 26, 18 kWh hourly: twelve slots on 2018-08-24; 8 kWh after a 22 h gap covers one slot the next day.
        postData(Api.ADMIN_KEY, batch(ship, "kWh", "2018-08-24T00:00:00Z", "12", "2018-08-24T01:00:00Z", "26",
                "2018-08-24T02:00:00Z", "18", "2018-08-25T00:00:00Z", "8")).statusCode(200);
        admin().accept("text/csv").queryParam("from", "2018-08-23").queryParam("to", "2018-08-26").when().get("/ships/" + ship + "/daily")
                .then().statusCode(200)
                .header("Content-Type", "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"ships-" + ship + "-daily.csv\"")
                .body(equalTo("date,start,end,energy_kwh,min_kwh,max_kwh,avg_kwh,slots\r\n"
                        + "2018-08-24,2018-08-24T00:00:00Z,2018-08-25T00:00:00Z,56.0,3.0,6.5,4.666666666666667,12\r\n"
                        + "2018-08-25,2018-08-25T00:00:00Z,2018-08-26T00:00:00Z,8.0,8.0,8.0,8.0,1\r\n"));
        admin().accept("application/json").queryParam("from", "2018-08-23").queryParam("to", "2018-08-26").when().get("/ships/" + ship + "/daily")
                .then().statusCode(200).contentType("application/json")
                .body("date", contains("2018-08-24", "2018-08-25")).body("energy_kwh", contains(56.0f, 8.0f));
        admin().accept("text/csv").queryParam("from", "2018-09-01").queryParam("to", "2018-09-01").when().get("/ships/" + ship + "/daily")
                .then().statusCode(200).body(equalTo("date,start,end,energy_kwh,min_kwh,max_kwh,avg_kwh,slots\r\n"));
    }

    @Test
    void theAnswerIsLabelledUtf8WhateverAcceptAsksAndQ0RefusesAType() {
        long ship = newShipId();
        postData(Api.ADMIN_KEY, batch(ship, "kW", "2018-08-24T00:00:00Z", "4")).statusCode(200);
        String path = "/ships/" + ship + "/daily?from=2018-08-24&to=2018-08-24";
        // the body is UTF-8 whatever charset is asked for; the weight is not part of the answer's type
        for (String accept : List.of("text/csv;charset=ISO-8859-1", "text/csv;q=0.5", "text/csv;charset=UTF-16, application/json;q=0.1")) {
            admin().accept(accept).when().get(path).then().statusCode(200).header("Content-Type", "text/csv;charset=UTF-8");
        }
        for (String accept : List.of("application/json;charset=ISO-8859-1", "application/json;q=0.5", "text/csv;q=0, */*",
                "text/csv;q=0.000, application/*")) {
            admin().accept(accept).when().get(path).then().statusCode(200).header("Content-Type", "application/json;charset=UTF-8")
                    .body("slots", contains(1));
        }
        admin().accept("text/csv; Q=0").when().get(path).then().statusCode(406).contentType("application/problem+json");
        // a type refused by q=0 stays refused under a wildcard
        admin().accept("application/json;q=0, */*").when().get(path).then().statusCode(200).header("Content-Type", "text/csv;charset=UTF-8");
        for (String refusesBoth : List.of("application/json;q=0, text/csv;q=0", "text/csv;q=0, text/*", "application/json;q=0, application/*")) {
            admin().accept(refusesBoth).when().get(path)
                    .then().statusCode(406).contentType("application/problem+json")
                    .body("detail", equalTo("Accept names none of the types this endpoint answers, or refuses them with q=0: "
                            + "application/json, text/csv"));
        }
    }

    @Test
    void anUnsupportedAcceptIs406AndCsvErrorsAreProblemJson() {
        long ship = newShipId();
        postData(Api.ADMIN_KEY, batch(ship, "kW", "2018-08-24T00:00:00Z", "4")).statusCode(200);
        admin().accept("application/xml").queryParam("from", "2018-08-24").queryParam("to", "2018-08-24").when().get("/ships/" + ship + "/daily")
                .then().statusCode(406).contentType("application/problem+json").body("status", equalTo(406));
        admin().accept("text/csv").queryParam("from", "2018-08-24").queryParam("to", "2018-08-23").when().get("/ships/" + ship + "/daily")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].parameter", equalTo("to"));
        admin().accept("text/csv").queryParam("from", "2018-08-24").queryParam("to", "2018-08-24").when().get("/ships/" + newShipId() + "/daily")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
