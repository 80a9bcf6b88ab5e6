package io.joule.ship.rest;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.as;
import static io.joule.testing.Api.batch;
import static io.joule.testing.Api.newShipId;
import static io.joule.testing.Api.postData;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.testing.Api;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §3 through the API, with literal numbers; values are compared as JSON floats. */
@QuarkusTest
class ShipDataResourceTest {
    static final String ADMIN = Api.ADMIN_KEY;
    static final String PROBLEM = "application/problem+json";

    /** Over 512 KB, a batch is parsed off the event loop; the key's ship is checked against it afterwards all the same. */
    @Test
    void aLargeBatchIsParsedAndCheckedAgainstADeviceKeysShip() {
        long ship = newShipId();
        int readings = 12_000;
        String[] pairs = new String[2 * readings];
        java.time.Instant start = java.time.Instant.parse("2021-01-01T00:00:00Z");
        for (int i = 0; i < readings; i++) {
            pairs[2 * i] = start.plusSeconds(60L * i).toString();
            pairs[2 * i + 1] = "1.5";
        }
        String large = batch(ship, "kW", pairs);
        assertTrue(large.length() > 512 * 1024, "over the inline limit: " + large.length());
        as(Api.issueKey("device", "ship:" + newShipId())).contentType("application/json").body(large).when().post("/data")
                .then().statusCode(403).contentType("application/problem+json");
        as(Api.issueKey("device", "ship:" + ship)).contentType("application/json").body(large).when().post("/data")
                .then().statusCode(200).body("readings", equalTo(12_000));
        String bad = large.replace("\"2021-01-09T07:59:00Z\", \"value\": 1.5", "\"2021-01-09T07:59:00Z\", \"value\": \"x\"");
        admin().contentType("application/json").body(bad).when().post("/data").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/data/11999/value"));
    }

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

    static final String CSV = "text/csv;charset=UTF-8";

    /** 12, 26, 18 kWh hourly: slots of 3.0, 6.5 and 4.5 kWh. */
    static long hourlyShip() {
        long ship = newShipId();
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T00:00:00Z", "12", "2018-08-24T01:00:00Z", "26", "2018-08-24T02:00:00Z", "18"))
                .statusCode(200);
        return ship;
    }

    @Test
    void acceptTextCsvAnswersTheSlotsAsCsvWithTheUnitInTheHeader() {
        long ship = hourlyShip();
        admin().accept("text/csv").queryParam("spaceship_id", ship).queryParam("start", "2018-08-24T00:45:00Z")
                .queryParam("end", "2018-08-24T01:30:00Z").when().get("/data")
                .then().statusCode(200)
                .header("Content-Type", CSV)
                .header("Content-Disposition", "attachment; filename=\"data-" + ship + ".csv\"")
                .header("Link", nullValue())
                .body(equalTo("datetime,value_kwh\r\n2018-08-24T00:45:00Z,3.0\r\n2018-08-24T01:00:00Z,6.5\r\n2018-08-24T01:15:00Z,6.5\r\n"));
        admin().accept("text/csv").queryParam("spaceship_id", ship).queryParam("label", "end").queryParam("start", "2018-08-24T00:45:00Z")
                .queryParam("end", "2018-08-24T01:30:00Z").when().get("/data")
                .then().statusCode(200)
                .body(equalTo("datetime,value_kwh\r\n2018-08-24T01:00:00Z,3.0\r\n2018-08-24T01:15:00Z,6.5\r\n2018-08-24T01:30:00Z,6.5\r\n"));
        // text/* asks for any text: the CSV.
        admin().accept("text/*").queryParam("spaceship_id", ship).queryParam("end", "2018-08-24T00:15:00Z").when().get("/data")
                .then().statusCode(200).header("Content-Type", CSV).body(equalTo("datetime,value_kwh\r\n2018-08-24T00:00:00Z,3.0\r\n"));
        // No slots: the header alone.
        admin().accept("text/csv").queryParam("spaceship_id", ship).queryParam("start", "2019-01-01T00:00:00Z").when().get("/data")
                .then().statusCode(200).body(equalTo("datetime,value_kwh\r\n"));
    }

    @Test
    void jsonStaysTheDefaultForJsonWildcardsAndNoAccept() throws Exception {
        long ship = hourlyShip();
        for (String accept : new String[] {"application/json", "*/*", "text/csv;q=0.5, application/json", "application/*", "text/*;q=0.1, application/*"}) {
            admin().accept(accept).queryParam("spaceship_id", ship).queryParam("end", "2018-08-24T00:30:00Z").when().get("/data")
                    .then().statusCode(200).contentType("application/json")
                    .body("data.datetime", contains("2018-08-24T00:00:00Z", "2018-08-24T00:15:00Z"))
                    .body("data.value", contains(3.0f, 3.0f))
                    .body("next", nullValue());
        }
        // A request without any Accept header (RestAssured always sends one).
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/data?spaceship_id=" + ship + "&end=2018-08-24T00:30:00Z"))
                .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, plain.statusCode());
        assertEquals("application/json;charset=UTF-8", plain.headers().firstValue("Content-Type").orElse(null));
        assertEquals("{\"spaceship_id\":" + ship + ",\"units\":\"kWh\",\"data\":[{\"datetime\":\"2018-08-24T00:00:00Z\",\"value\":3.0},"
                + "{\"datetime\":\"2018-08-24T00:15:00Z\",\"value\":3.0}],\"next\":null}", plain.body());
    }

    @Test
    void anUnsupportedAcceptIs406AndErrorsStayProblemJsonWhenCsvWasAsked() {
        long ship = hourlyShip();
        admin().accept("application/xml").queryParam("spaceship_id", ship).when().get("/data")
                .then().statusCode(406).contentType(PROBLEM).body("status", equalTo(406)).body("title", equalTo("Not Acceptable"))
                .body("detail", equalTo("The Accept header names no media type this endpoint answers; the OpenAPI document (/q/openapi) "
                        + "lists those it produces"));
        admin().accept("text/csv").queryParam("spaceship_id", "abc").when().get("/data")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("spaceship_id"));
        admin().accept("text/csv").queryParam("spaceship_id", newShipId()).when().get("/data")
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
        as(Api.issueKey("device", "ship:" + newShipId())).accept("text/csv").queryParam("spaceship_id", ship).when().get("/data")
                .then().statusCode(403).contentType(PROBLEM);
    }

    /** 4 and 8 kWh hourly: eight slots, 1.0 kWh four times then 2.0 kWh four times. */
    static long eightSlotShip() {
        long ship = newShipId();
        postData(ADMIN, batch(ship, "kWh", "2018-08-24T00:00:00Z", "4", "2018-08-24T01:00:00Z", "8")).statusCode(200);
        return ship;
    }

    /** Follows next links from the first page; answers each page's datetimes. */
    static List<List<String>> pages(String firstUrl) {
        List<List<String>> pages = new ArrayList<>();
        String url = firstUrl;
        while (url != null) {
            ExtractableResponse<Response> page = admin().urlEncodingEnabled(false).when().get(url).then().statusCode(200).extract();
            pages.add(page.jsonPath().getList("data.datetime"));
            String next = page.jsonPath().getString("next");
            String link = page.header("Link");
            assertEquals(next == null ? null : "<" + next + ">; rel=\"next\"", link, "the Link header and next agree");
            url = next;
            assertTrue(pages.size() < 10, "paging ends");
        }
        return pages;
    }

    @Test
    void pagesFollowTheNextLinkAndReturnEachSlotOnceInOrder() {
        long ship = eightSlotShip();
        String base = "http://localhost:" + RestAssured.port + "/data?spaceship_id=" + ship;
        ExtractableResponse<Response> first = admin().queryParam("spaceship_id", ship).queryParam("limit", 3).when().get("/data")
                .then().statusCode(200).body("data.value", contains(1.0f, 1.0f, 1.0f)).extract();
        assertEquals(base + "&limit=3&after=2018-08-24T00:30:00Z", first.jsonPath().getString("next"));
        assertEquals("<" + base + "&limit=3&after=2018-08-24T00:30:00Z>; rel=\"next\"", first.header("Link"));
        assertEquals(List.of(
                List.of("2018-08-24T00:00:00Z", "2018-08-24T00:15:00Z", "2018-08-24T00:30:00Z"),
                List.of("2018-08-24T00:45:00Z", "2018-08-24T01:00:00Z", "2018-08-24T01:15:00Z"),
                List.of("2018-08-24T01:30:00Z", "2018-08-24T01:45:00Z")), pages(base + "&limit=3"));
        // Slots shown by their end page by the datetime shown, with start and end kept in every link.
        assertEquals(List.of(
                List.of("2018-08-24T00:30:00Z", "2018-08-24T00:45:00Z", "2018-08-24T01:00:00Z", "2018-08-24T01:15:00Z"),
                List.of("2018-08-24T01:30:00Z")),
                pages(base + "&label=end&start=2018-08-24T00:15:00Z&end=2018-08-24T01:30:00Z&limit=4"));
        // A limit equal to the slots left: the page is full but the last, so it has no next link.
        assertEquals(List.of(List.of("2018-08-24T01:00:00Z", "2018-08-24T01:15:00Z", "2018-08-24T01:30:00Z", "2018-08-24T01:45:00Z")),
                pages(base + "&start=2018-08-24T01:00:00Z&limit=4"));
        // after may be any instant: only slots after it.
        admin().queryParam("spaceship_id", ship).queryParam("after", "2018-08-24T01:20:00+00:00").when().get("/data")
                .then().statusCode(200).body("data.datetime", contains("2018-08-24T01:30:00Z", "2018-08-24T01:45:00Z"))
                .body("next", nullValue());
    }

    @Test
    void aRequestWithoutAHostGetsItsNextPageAsAPathAndQuery() throws Exception {
        long ship = eightSlotShip();
        // HTTP/1.0 may send no Host: the link is then relative to the request's own URL (it was a 500)
        String answer = io.joule.testing.RawHttp.exchange("GET /data?spaceship_id=" + ship + "&limit=2 HTTP/1.0\r\nAuthorization: Bearer "
                + ADMIN, new byte[0]);
        assertTrue(answer.startsWith("HTTP/1.0 200"), answer);
        assertTrue(answer.contains("\r\nLink: </data?spaceship_id=" + ship + "&limit=2&after=2018-08-24T00:15:00Z>; rel=\"next\"\r\n"), answer);
        assertTrue(answer.endsWith("\"next\":\"/data?spaceship_id=" + ship + "&limit=2&after=2018-08-24T00:15:00Z\"}"), answer);
        // a path that routes read as /data is linked as /data: //evil.com/../data was linked as //evil.com/.., another host
        String dotted = io.joule.testing.RawHttp.exchange("GET //evil.com/../data?spaceship_id=" + ship + "&limit=2 HTTP/1.0\r\n"
                + "Authorization: Bearer " + ADMIN, new byte[0]);
        assertTrue(dotted.contains("\r\nLink: </data?spaceship_id=" + ship + "&limit=2&after=2018-08-24T00:15:00Z>; rel=\"next\"\r\n"), dotted);
        // an empty port is no port
        String emptyPort = io.joule.testing.RawHttp.exchange("GET /data?spaceship_id=" + ship + "&limit=2 HTTP/1.1\r\nHost: x:\r\n"
                + "Authorization: Bearer " + ADMIN, new byte[0]);
        assertTrue(emptyPort.contains("\r\nLink: <http://x/data?spaceship_id=" + ship + "&limit=2&after=2018-08-24T00:15:00Z>; rel=\"next\"\r\n"), emptyPort);
    }

    @Test
    void aCsvPageCarriesItsNextLinkInTheHeader() {
        long ship = eightSlotShip();
        admin().accept("text/csv").queryParam("spaceship_id", ship).queryParam("limit", 2).when().get("/data")
                .then().statusCode(200)
                .header("Link", "<http://localhost:" + RestAssured.port + "/data?spaceship_id=" + ship
                        + "&limit=2&after=2018-08-24T00:15:00Z>; rel=\"next\"")
                .body(equalTo("datetime,value_kwh\r\n2018-08-24T00:00:00Z,1.0\r\n2018-08-24T00:15:00Z,1.0\r\n"));
        admin().accept("text/csv").queryParam("spaceship_id", ship).queryParam("limit", 2).queryParam("after", "2018-08-24T01:15:00Z")
                .when().get("/data")
                .then().statusCode(200).header("Link", nullValue())
                .body(equalTo("datetime,value_kwh\r\n2018-08-24T01:30:00Z,2.0\r\n2018-08-24T01:45:00Z,2.0\r\n"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "limit | 0",
        "limit | 100001",
        "limit | -1",
        "limit | ten",
        "limit | 1.5",
        "after | yesterday",
        "after | 2018-02-30T00:00:00Z",
    })
    void aBadLimitOrAfterIs400NamingIt(String name, String value) {
        long ship = eightSlotShip();
        admin().queryParam("spaceship_id", ship).queryParam(name, value).when().get("/data")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo(name));
    }

    @Test
    void theLimitsBoundsAreAccepted() {
        long ship = eightSlotShip();
        admin().queryParam("spaceship_id", ship).queryParam("limit", 1).when().get("/data")
                .then().statusCode(200).body("data", hasSize(1)).body("next", notNullValue());
        admin().queryParam("spaceship_id", ship).queryParam("limit", 100000).when().get("/data")
                .then().statusCode(200).body("data", hasSize(8)).body("next", nullValue());
    }

    @Test
    void aPageThatFitsTheOutputBufferIsSentWithItsLengthAndALargerOneIsChunked() {
        long ship = newShipId();
        List<String> pairs = new ArrayList<>();
        for (int hour = 0; hour < 300; hour++) {
            pairs.add(java.time.Instant.parse("2018-08-24T00:00:00Z").plusSeconds(3600L * hour).toString());
            pairs.add("4");
        }
        postData(ADMIN, batch(ship, "kWh", pairs.toArray(String[]::new))).statusCode(200);
        // a day of slots: one write with its length, not a chunked stream the generator's flush would have started
        ExtractableResponse<Response> day = admin().queryParam("spaceship_id", ship).queryParam("end", "2018-08-25T00:00:00Z")
                .when().get("/data").then().statusCode(200).body("data", hasSize(96)).extract();
        assertEquals(Integer.toString(day.asByteArray().length), day.header("Content-Length"));
        assertEquals(null, day.header("Transfer-Encoding"));
        // past the server's output buffer the page streams, and still arrives whole
        ExtractableResponse<Response> all = admin().queryParam("spaceship_id", ship).when().get("/data")
                .then().statusCode(200).body("data", hasSize(1200)).body("data[1199].value", equalTo(1.0f)).extract();
        assertEquals("chunked", all.header("Transfer-Encoding"));
    }
}
