package io.joule.ship.rest;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.near;
import static io.joule.testing.Api.newShipId;
import static io.joule.testing.Api.postData;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.joule.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class ShipForecastResourceTest {
    static final Instant MONDAY = Instant.parse("2024-01-01T00:00:00Z");

    /** Hourly kW readings of a weekly shape: weekdays 10 kW 08-18 and 2 kW otherwise, weekends 1 kW. */
    static String weeks(long ship, int days) {
        StringBuilder json = new StringBuilder("{\"spaceship_id\": " + ship + ", \"units\": \"kW\", \"data\": [");
        for (int h = 0; h < days * 24; h++) {
            var t = MONDAY.plusSeconds(3600L * h).atZone(ZoneOffset.UTC);
            boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
            int kw = weekend ? 1 : t.getHour() >= 8 && t.getHour() < 18 ? 10 : 2;
            json.append(h == 0 ? "" : ",").append("{\"datetime\": \"").append(t.toInstant()).append("\", \"value\": ").append(kw).append('}');
        }
        return json.append("]}").toString();
    }

    @Test
    void aKnownWeeklyShapeIsForecastWithinOnePercent() {
        long ship = newShipId();
        postData(Api.ADMIN_KEY, weeks(ship, 28)).statusCode(200);
        // 5 weekdays × (10 × 10 + 14 × 2) + 2 × 24 × 1 = 688 kWh
        admin().queryParam("spaceship_id", ship).queryParam("start", "2024-01-29T00:00:00Z").queryParam("end", "2024-02-05T00:00:00Z")
                .when().get("/forecast")
                .then().statusCode(200)
                .body("datetime", equalTo("2024-01-29T00:00:00Z"))
                .body("expected_consumption", near(688.0, 6.88))
                .body("low", near(688.0, 6.88))
                .body("high", near(688.0, 6.88))
                .body("model", equalTo("time-of-week profile + linear trend (OLS)"))
                .body("history_days", equalTo(28));
        // A Saturday: 24 kWh
        admin().queryParam("spaceship_id", ship).queryParam("start", "2024-02-03T00:00:00Z").queryParam("end", "2024-02-04T00:00:00Z")
                .when().get("/forecast").then().statusCode(200).body("expected_consumption", near(24.0, 0.24));
    }

    /** The same weekday shape, weekends at 0.3× it, all growing by 1 % of the first day's load per day. */
    static String growingWeeks(long ship, int days) {
        StringBuilder json = new StringBuilder("{\"spaceship_id\": " + ship + ", \"units\": \"kW\", \"data\": [");
        for (int h = 0; h < days * 24; h++) {
            var t = MONDAY.plusSeconds(3600L * h).atZone(ZoneOffset.UTC);
            boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
            double kw = (weekend ? 0.3 : 1) * (t.getHour() >= 8 && t.getHour() < 18 ? 10 : 2) * (1 + 0.01 * h / 24.0);
            json.append(h == 0 ? "" : ",").append("{\"datetime\": \"").append(t.toInstant()).append("\", \"value\": ").append(kw).append('}');
        }
        return json.append("]}").toString();
    }

    @Test
    void aGrowingLoadWithProportionalWeekendsIsForecastByProfileTimesTrend() {
        long ship = newShipId();
        postData(Api.ADMIN_KEY, growingWeeks(ship, 28)).statusCode(200);
        // 716.8 + 0.01 × 22134.9333… = 938.1493 kWh (worked out in SeasonalTrendForecasterTest)
        admin().queryParam("spaceship_id", ship).queryParam("start", "2024-01-29T00:00:00Z").queryParam("end", "2024-02-05T00:00:00Z")
                .when().get("/forecast")
                .then().statusCode(200)
                .body("expected_consumption", near(938.1493, 9.38))
                .body("model", equalTo("time-of-week profile × linear trend (least squares)"));
        // Saturday 2024-02-03 (day 33): 38.4 + 0.01 × 1286.6 = 51.266 kWh; the additive model alone says about 62.5.
        admin().queryParam("spaceship_id", ship).queryParam("start", "2024-02-03T00:00:00Z").queryParam("end", "2024-02-04T00:00:00Z")
                .when().get("/forecast").then().statusCode(200).body("expected_consumption", near(51.266, 0.51));
    }

    @Test
    void underTwoDaysOfHistoryIs422SayingWhatIsNeeded() {
        long ship = newShipId();
        postData(Api.ADMIN_KEY, weeks(ship, 1)).statusCode(200);
        admin().queryParam("spaceship_id", ship).queryParam("start", "2024-01-02T00:00:00Z").queryParam("end", "2024-01-03T00:00:00Z")
                .when().get("/forecast")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("at least 2 days (48 hours)"))
                .body("detail", containsString("has 24"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "window over 31 days | 1 | 2024-01-01T00:00:00Z | 2024-02-01T00:00:01Z | end",
        "start after end     | 1 | 2024-01-02T00:00:00Z | 2024-01-01T00:00:00Z | end",
        "no start            | 1 | ''                   | 2024-01-01T00:00:00Z | start",
        "no end              | 1 | 2024-01-01T00:00:00Z | ''                   | end",
        "bad ship            | x | 2024-01-01T00:00:00Z | 2024-01-02T00:00:00Z | spaceship_id",
    })
    void badParametersAre400(String name, String ship, String start, String end, String parameter) {
        admin().queryParam("spaceship_id", ship).queryParam("start", start).queryParam("end", end).when().get("/forecast")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].parameter", equalTo(parameter));
    }

    @Test
    void anUnknownShipIs404() {
        admin().queryParam("spaceship_id", newShipId()).queryParam("start", "2024-01-01T00:00:00Z").queryParam("end", "2024-01-02T00:00:00Z")
                .when().get("/forecast").then().statusCode(404);
    }
}
