package io.joule.carbon.rest;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.as;
import static io.joule.testing.Api.issueKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.testing.CarbonIntensityStub;
import io.joule.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** SPEC §7 on the seed day 2019-11-25 of asset abc123xyz. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CarbonFootprintTest {
    static final String PROBLEM = "application/problem+json";
    String asset;
    String power;

    static String resource(String name) throws IOException {
        try (InputStream in = CarbonFootprintTest.class.getResourceAsStream("/carbon/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void seedDay() throws IOException {
        if (asset != null) {
            return;
        }
        asset = "abc" + UUID.randomUUID().toString().substring(0, 8);
        power = resource("power_measurements_2019-11-25.csv").replace("abc123xyz", asset);
        admin().contentType(ContentType.JSON).queryParam("region", "GB").body(resource("carbon_intensity_2019-11-25_reconstructed.json"))
                .when().post("/carbon-intensity").then().statusCode(200).body("periods", equalTo(48));
        admin().contentType("text/csv").body(power).when().post("/assets/power").then().statusCode(200)
                .body("[0].asset_id", equalTo(asset)).body("[0].readings", equalTo(4916));
    }

    JsonPath footprint(String date, String zone) {
        var request = admin().queryParam("date", date);
        if (zone != null) {
            request = request.queryParam("zone", zone);
        }
        return request.when().get("/assets/" + asset + "/footprint").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** The zero-order-hold integral of the samples (µs since the day began, kW) over [a, b) µs, from the CSV alone. */
    static double integral(List<double[]> samples, long a, long b) {
        double kwh = 0;
        for (int i = 0; i < samples.size(); i++) {
            long start = (long) samples.get(i)[0];
            long end = i + 1 < samples.size() ? (long) samples.get(i + 1)[0] : start + 86_400_000_000L;
            long overlap = Math.min(end, b) - Math.max(start, a);
            if (overlap > 0) {
                kwh += samples.get(i)[1] * overlap / 3.6e9;
            }
        }
        return kwh;
    }

    List<double[]> samples() {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS");
        List<double[]> out = new ArrayList<>();
        for (String line : power.split("\r\n")) {
            String[] p = line.split(",");
            if (p[0].equals("Time")) {
                continue;
            }
            Instant t = LocalDateTime.parse(p[0], f).toInstant(ZoneOffset.UTC);
            long micros = java.time.Duration.between(Instant.parse("2019-11-25T00:00:00Z"), t).toNanos() / 1000;
            out.add(new double[] {micros, Double.parseDouble(p[3])});
        }
        out.sort((x, y) -> Double.compare(x[0], y[0]));
        return out;
    }

    @Test
    void theSeedDayFootprintIsEnergyTimesActualIntensity() {
        JsonPath day = footprint("2019-11-25", null);
        assertEquals(48, day.getList("half_hours").size());
        assertEquals("UTC", day.getString("zone"));
        assertEquals("GB", day.getString("region"));
        List<double[]> samples = samples();
        double total = 0;
        for (int i = 0; i < 48; i++) {
            Map<String, Object> h = day.getMap("half_hours[" + i + "]");
            assertEquals(i + 1, ((Number) h.get("half_hour_id")).intValue());
            double expected = integral(samples, 1_800_000_000L * i, 1_800_000_000L * (i + 1));
            double energy = ((Number) h.get("energy_kwh")).doubleValue();
            assertEquals(expected, energy, 1e-9 * Math.max(1, Math.abs(expected)), "energy of half-hour " + (i + 1));
            assertEquals("actual", h.get("intensity_type"));
            double footprint = ((Number) h.get("footprint_g")).doubleValue();
            assertEquals(energy * ((Number) h.get("intensity")).doubleValue(), footprint, 1e-9 * Math.max(1, Math.abs(footprint)));
            total += footprint;
            if (i + 1 >= 14 && i + 1 <= 20) {
                assertEquals(0.0, energy, "half-hour " + (i + 1) + " is idle");
                assertEquals(0.0, footprint);
            }
        }
        assertEquals(total, day.getDouble("total_g"), 1e-9 * Math.abs(total));
        assertEquals(200.0, day.getDouble("half_hours[0].intensity"));
        assertTrue(day.getDouble("half_hours[0].footprint_g") < 0, "export (negative energy) gives a negative footprint");
    }

    @Test
    void fromAndToSelectInclusiveHalfHourIds() {
        admin().queryParam("date", "2019-11-25").queryParam("from", 14).queryParam("to", 20).when().get("/assets/" + asset + "/footprint")
                .then().statusCode(200).body("half_hours", hasSize(7)).body("half_hours[0].half_hour_id", equalTo(14))
                .body("half_hours[0].start", equalTo("2019-11-25T06:30:00Z")).body("total_g", equalTo(0.0f));
        admin().queryParam("date", "2019-11-25").queryParam("from", 49).when().get("/assets/" + asset + "/footprint")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("from"));
    }

    @Test
    void aForecastIsUsedWhereNoActualExistsAndSaysSoUntilTheActualArrives() {
        String body = "{\"data\": [{\"from\": \"2019-11-26T00:00Z\", \"to\": \"2019-11-26T00:30Z\", \"intensity\": {\"forecast\": 300, \"actual\": null, \"index\": \"high\"}}]}";
        admin().contentType(ContentType.JSON).body(body).when().post("/carbon-intensity").then().statusCode(200);
        // The last sample (23:00:01) holds for max_gap (24 h) into the next day.
        JsonPath next = footprint("2019-11-26", null);
        assertEquals("forecast", next.getString("half_hours[0].intensity_type"));
        assertEquals(300.0, next.getDouble("half_hours[0].intensity"));
        assertEquals(next.getDouble("half_hours[0].energy_kwh") * 300, next.getDouble("half_hours[0].footprint_g"), 1e-6);
        assertNull(next.get("half_hours[1].intensity"), "no intensity is null, not zero");
        assertNull(next.get("half_hours[1].footprint_g"));
        admin().contentType(ContentType.JSON).body(body.replace("\"actual\": null", "\"actual\": 280")).when().post("/carbon-intensity")
                .then().statusCode(200);
        JsonPath later = footprint("2019-11-26", null);
        assertEquals("actual", later.getString("half_hours[0].intensity_type"));
        assertEquals(280.0, later.getDouble("half_hours[0].intensity"));
    }

    @Test
    void daylightSavingDaysHave46And50HalfHours() {
        assertEquals(46, footprint("2019-03-31", "Europe/London").getList("half_hours").size());
        JsonPath autumn = footprint("2019-10-27", "Europe/London");
        assertEquals(50, autumn.getList("half_hours").size());
        assertEquals("2019-10-26T23:00:00Z", autumn.getString("half_hours[0].start"));
        assertNull(autumn.get("half_hours[0].energy_kwh"), "no energy is null, not zero");
        JsonPath winter = footprint("2019-11-25", "Europe/London");
        assertEquals("2019-11-25T00:00:00Z", winter.getString("half_hours[0].start"));
    }

    @Test
    void inAZoneOffsetByAQuarterHourEachSlotTakesTheIntensityOfTheGridsHalfHourItLiesIn() {
        // Asia/Kathmandu (+05:45): half-hour 13 of 2019-11-25 is 00:15 - 00:45 UTC, across the grid's 00:00 and 00:30
        JsonPath utc = footprint("2019-11-25", null);
        JsonPath kathmandu = footprint("2019-11-25", "Asia/Kathmandu");
        assertEquals(48, kathmandu.getList("half_hours").size());
        assertEquals("2019-11-25T00:15:00Z", kathmandu.getString("half_hours[12].start"));
        List<double[]> samples = samples();
        long quarter = 900_000_000L;
        int differing = 0;
        for (int id = 13; id <= 48; id++) {
            // slots of 00:15 + 30 (id - 13) minutes and the one after, in the grid's half-hours id - 13 and id - 12
            long firstStart = quarter * (2 * (id - 13) + 1);
            double firstSlot = integral(samples, firstStart, firstStart + quarter);
            double secondSlot = integral(samples, firstStart + quarter, firstStart + 2 * quarter);
            double firstIntensity = utc.getDouble("half_hours[" + (id - 13) + "].intensity");
            double secondIntensity = utc.getDouble("half_hours[" + (id - 12) + "].intensity");
            String at = "half_hours[" + (id - 1) + "]";
            assertEquals(firstSlot + secondSlot, kathmandu.getDouble(at + ".energy_kwh"), 1e-9 * Math.max(1, Math.abs(firstSlot + secondSlot)));
            double footprint = kathmandu.getDouble(at + ".footprint_g");
            assertEquals(firstSlot * firstIntensity + secondSlot * secondIntensity, footprint, 1e-9 * Math.max(1, Math.abs(footprint)),
                    "half-hour " + id);
            assertEquals((firstIntensity + secondIntensity) / 2, kathmandu.getDouble(at + ".intensity"));
            assertEquals("actual", kathmandu.getString(at + ".intensity_type"));
            if (firstSlot != secondSlot && firstIntensity != secondIntensity) {
                differing++;
            }
        }
        assertTrue(differing > 10, "half-hours whose slots and intensities both differ: " + differing);
        // 23:45 - 00:15 UTC: the grid's 23:30 half-hour has no intensity, but its slot has no energy either
        double firstQuarter = integral(samples, 0, quarter);
        assertEquals(firstQuarter * utc.getDouble("half_hours[0].intensity"), kathmandu.getDouble("half_hours[11].footprint_g"),
                1e-9 * Math.abs(firstQuarter * 200));
        assertEquals(utc.getDouble("half_hours[0].intensity"), kathmandu.getDouble("half_hours[11].intensity"));
        assertNull(kathmandu.get("half_hours[10].energy_kwh"), "no energy before the first sample");
    }

    @Test
    void aLocalMidnightBetweenTwoSlotsIsA400NotADayOfBlanks() {
        // Africa/Monrovia kept -00:44:30 until 1972: half-hour 1 began at 00:44:30 UTC, no slot's start, and every
        // half-hour came back without energy although the asset had some
        admin().queryParam("date", "1971-01-01").queryParam("zone", "Africa/Monrovia").when().get("/assets/" + asset + "/footprint")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("zone"))
                .body("errors[0].detail", equalTo("Local midnight of 1971-01-01 in Africa/Monrovia is 1971-01-01T00:44:30Z, between "
                        + "two 15-minute slots, so its half-hours cannot be made of slots; ask in UTC"));
        assertEquals(48, footprint("1973-01-01", "Africa/Monrovia").getList("half_hours").size(), "UTC since 1972");
    }

    @Test
    void chartsAreValidImages() throws Exception {
        byte[] png = admin().queryParam("date", "2019-11-25").when().get("/assets/" + asset + "/footprint.png")
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image);
        assertEquals(1000, image.getWidth());
        assertEquals(500, image.getHeight());
        String svg = admin().queryParam("date", "2019-11-25").when().get("/assets/" + asset + "/footprint.svg")
                .then().statusCode(200).contentType("image/svg+xml").extract().asString();
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
        assertTrue(svg.trim().endsWith("</svg>"));
        // As a client guarded against XXE reads it: no DOCTYPE allowed.
        var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        xml.setNamespaceAware(true);
        org.w3c.dom.Document document = assertDoesNotThrow(
                () -> xml.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertEquals("svg", document.getDocumentElement().getLocalName());
        assertEquals("1000px", document.getDocumentElement().getAttribute("width"));
        byte[] legacy = admin().when().get("/footprint/" + asset + "/2019-11-25/1-48/").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertNotNull(ImageIO.read(new ByteArrayInputStream(legacy)));
        for (String range : new String[] {"1-", "-48", "1"}) {
            admin().when().get("/footprint/" + asset + "/2019-11-25/" + range + "/").then().statusCode(400)
                    .body("detail", equalTo("Invalid path parameter range")).body("errors[0].parameter", equalTo("range"));
        }
        admin().when().get("/footprint/" + asset + "/2019-11-31/1-48/").then().statusCode(400)
                .body("detail", equalTo("Invalid path parameter date"));
        admin().when().get("/footprint/" + asset + "/2019-11-25/0-48/").then().statusCode(400)
                .body("detail", equalTo("Invalid path parameter from"));
    }

    @Test
    void fetchingAsksInFourteenDayRequestsAndStoresTheResult() {
        int before = CarbonIntensityStub.REQUESTS.get();
        admin().queryParam("from", "2019-06-01T00:00Z").queryParam("to", "2019-06-30T00:00Z").queryParam("region", "STUB")
                .when().post("/carbon-intensity/fetch")
                .then().statusCode(200).body("periods", equalTo(29 * 48)).body("requests", equalTo(3))
                .body("from", equalTo("2019-06-01T00:00:00Z")).body("to", equalTo("2019-06-30T00:00:00Z"));
        assertEquals(3, CarbonIntensityStub.REQUESTS.get() - before);
    }

    @Test
    void anUpstreamErrorOrStallIsA502WithItsMessage() {
        admin().queryParam("from", "2030-01-01T00:00Z").queryParam("to", "2030-01-02T00:00Z").when().post("/carbon-intensity/fetch")
                .then().statusCode(502).contentType(PROBLEM).body("detail", containsString("upstream exploded"));
        admin().queryParam("from", "2031-01-01T00:00Z").queryParam("to", "2031-01-02T00:00Z").when().post("/carbon-intensity/fetch")
                .then().statusCode(502).contentType(PROBLEM).body("detail", startsWith("The Carbon Intensity API failed"));
    }

    @Test
    void aFetchWhoseRequestsOutlastItsDeadlineIsA504BeforeTheConnectionsIdleTimeout() throws Exception {
        // 13 requests of a second each against an 8 s deadline (100 s outside tests, under the 120 s idle timeout): a year
        // from a slow API had the connection closed with no answer, and nothing stored
        admin().queryParam("from", "2032-01-01T00:00Z").queryParam("to", "2032-07-01T00:00Z").queryParam("region", "SLOW")
                .when().post("/carbon-intensity/fetch")
                .then().statusCode(504).contentType(PROBLEM).body("detail", equalTo("The Carbon Intensity API did not answer the 13 "
                        + "requests of this fetch within 8 s; nothing was stored. Fetch fewer days at a time"));
        assertEquals(List.of("0"), Sql.rows("select count(*) from grid_intensity where region = 'SLOW'"));
    }

    @Test
    void badPowerFilesAreRefusedWithLineNumbers() {
        String other = "o" + UUID.randomUUID().toString().substring(0, 8);
        admin().contentType("text/csv").body("Time,Variable,AssetId,Value\r\n2019-11-25 00:00:01.0,power," + other + ",5\r\n"
                + "2019-11-25 00:00:02.0,voltage," + other + ",230\r\n2019-11-25 00:00:03.0,power," + other + ",five\r\n")
                .when().post("/assets/power").then().statusCode(400).contentType(PROBLEM)
                .body("errors.line", org.hamcrest.Matchers.contains(3, 4))
                .body("errors[0].detail", containsString("not power"));
        admin().queryParam("date", "2019-11-25").when().get("/assets/" + other + "/footprint").then().statusCode(404);
        admin().contentType("text/csv").body("When,What\r\n1,2\r\n").when().post("/assets/power").then().statusCode(400);
        as(issueKey("device", "asset:" + other)).contentType("text/csv").body(power).when().post("/assets/power").then().statusCode(403);
    }

    @Test
    void badIntensityIsRefused() {
        admin().contentType(ContentType.JSON).body("{\"data\": [{\"from\": \"2019-11-25T00:10Z\", \"to\": \"2019-11-25T00:40Z\", \"intensity\": {\"actual\": 1}}]}")
                .when().post("/carbon-intensity").then().statusCode(400).body("errors[0].pointer", equalTo("/data/0"));
        admin().contentType(ContentType.JSON).body("{\"data\": [{\"from\": \"2019-11-25T00:00Z\", \"to\": \"2019-11-25T00:30Z\", \"intensity\": {\"actual\": -1}}]}")
                .when().post("/carbon-intensity").then().statusCode(400).body("errors[0].pointer", equalTo("/data/0/intensity/actual"));
        admin().contentType(ContentType.JSON).body("[]").when().post("/carbon-intensity").then().statusCode(400);
    }

    @Test
    void acceptTextCsvAnswersTheHalfHoursAsCsvWithEmptyFieldsForUnknowns() {
        String csvAsset = "csv" + UUID.randomUUID().toString().substring(0, 8);
        // Its own region and day: 200 g/kWh actual, then a 300 g/kWh forecast, then nothing.
        admin().contentType(ContentType.JSON).queryParam("region", "CSVTEST").body("{\"data\": ["
                + "{\"from\": \"2019-12-02T00:00Z\", \"to\": \"2019-12-02T00:30Z\", \"intensity\": {\"forecast\": 210, \"actual\": 200}},"
                + "{\"from\": \"2019-12-02T00:30Z\", \"to\": \"2019-12-02T01:00Z\", \"intensity\": {\"forecast\": 300, \"actual\": null}}]}")
                .when().post("/carbon-intensity").then().statusCode(200);
        // 100 kW from midnight, -50 kW (export) from 01:00.
        admin().contentType("text/csv").body("Time,Variable,AssetId,Value\r\n"
                + "2019-12-02 00:00:00.0000000,power," + csvAsset + ",100\r\n"
                + "2019-12-02 01:00:00.0000000,power," + csvAsset + ",-50\r\n").when().post("/assets/power").then().statusCode(200);
        admin().accept("text/csv").queryParam("date", "2019-12-02").queryParam("region", "CSVTEST").queryParam("to", 4)
                .when().get("/assets/" + csvAsset + "/footprint")
                .then().statusCode(200)
                .header("Content-Type", "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"assets-" + csvAsset + "-footprint-2019-12-02.csv\"")
                .body(equalTo("half_hour_id,start,end,energy_kwh,intensity_g_per_kwh,intensity_type,footprint_g\r\n"
                        + "1,2019-12-02T00:00:00Z,2019-12-02T00:30:00Z,50.0,200.0,actual,10000.0\r\n"
                        + "2,2019-12-02T00:30:00Z,2019-12-02T01:00:00Z,50.0,300.0,forecast,15000.0\r\n"
                        + "3,2019-12-02T01:00:00Z,2019-12-02T01:30:00Z,-25.0,,,\r\n"
                        + "4,2019-12-02T01:30:00Z,2019-12-02T02:00:00Z,-25.0,,,\r\n"));
        admin().accept("application/json").queryParam("date", "2019-12-02").queryParam("region", "CSVTEST").queryParam("to", 4)
                .when().get("/assets/" + csvAsset + "/footprint")
                .then().statusCode(200).contentType("application/json")
                .body("half_hours", hasSize(4)).body("total_g", equalTo(25000.0f));
        admin().accept("application/xml").queryParam("date", "2019-12-02").when().get("/assets/" + csvAsset + "/footprint")
                .then().statusCode(406).contentType(PROBLEM);
        admin().accept("text/csv").queryParam("date", "2019-12-02").queryParam("to", 51).when().get("/assets/" + csvAsset + "/footprint")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("to"));
        admin().accept("text/csv").queryParam("date", "2019-12-02").when().get("/assets/no-such-asset/footprint")
                .then().statusCode(404).contentType(PROBLEM);
    }
}
