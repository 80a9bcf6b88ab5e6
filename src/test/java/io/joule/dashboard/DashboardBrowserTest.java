package io.joule.dashboard;

import static io.joule.testing.Api.ADMIN_KEY;
import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.issueKey;
import static io.joule.testing.Api.newShipId;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.testing.Chromium;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person in a real browser (headless Chromium): signs in with a key, opens every view on seeded
 * data, checks that the figures shown are the API's, and signs out. Screenshots: target/dashboard/.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    static final String LONDON = "Europe/London";
    ChromeDriver chrome;

    String base() {
        return "http://localhost:" + RestAssured.port;
    }

    // ---- what the page shows, in the page's own number format (en-GB, at most n decimals) ----

    static String fmt(double v, int digits) {
        BigDecimal rounded = new BigDecimal(v).setScale(digits, RoundingMode.HALF_UP).stripTrailingZeros();
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.UK));
        format.setMaximumFractionDigits(digits);
        String s = format.format(rounded);
        return s.equals("-0") ? "0" : s;
    }

    static JsonPath json(String body) {
        return new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    WebElement css(String selector) {
        return chrome.findElement(By.cssSelector(selector));
    }

    String figure(String view, String key) {
        return css("#view-" + view + " [data-figure=" + key + "]").getText();
    }

    List<List<String>> rows(String tableSelector) {
        return chrome.findElements(By.cssSelector(tableSelector + " tbody tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(td -> td.getAttribute("textContent").trim()).toList())
                .toList();
    }

    /** Opens a view by its address and waits until it has drawn (or failed, which fails the test). */
    void open(String view, String query) {
        chrome.get(base() + "/dashboard/#" + view + "?" + query);
        chrome.navigate().refresh();
        String status = "#view-" + view + " .status";
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d -> {
            String state = d.findElement(By.cssSelector(status)).getAttribute("data-state");
            return "ready".equals(state) || "error".equals(state) || "idle".equals(state);
        });
        assertEquals("ready", css(status).getAttribute("data-state"), view + ": " + css(status).getText());
    }

    void waitFor(String selector) {
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector(selector)).isEmpty()
                && d.findElement(By.cssSelector(selector)).isDisplayed());
    }

    void signIn(String key) {
        chrome.get(base() + "/dashboard");
        waitFor("#sign-in-form");
        css("#api-key").sendKeys(key, Keys.ENTER);
        waitFor("#app");
    }

    void setZone(String zone) {
        WebElement input = css("#zone");
        input.clear();
        input.sendKeys(zone, Keys.TAB);
    }

    // ---- seed data ----

    /** kWh per 15 minutes from `from` for `days` days; the slots in [gapFrom, gapTo) are left out. */
    static String shipBatch(long ship, String from, int days, double base, Instant gapFrom, Instant gapTo) {
        StringBuilder json = new StringBuilder("{\"spaceship_id\": " + ship + ", \"units\": \"kWh\", \"data\": [");
        Instant start = Instant.parse(from);
        boolean first = true;
        for (int i = 0; i < days * 96; i++) {
            Instant t = start.plus(Duration.ofMinutes(15L * i));
            if (gapFrom != null && !t.isBefore(gapFrom) && t.isBefore(gapTo)) {
                continue;
            }
            int hour = t.atZone(ZoneOffset.UTC).getHour();
            double noise = Math.abs(Math.sin(i * 12.9898) * 43758.5453) % 1.0; // deterministic, so runs compare
            double value = base * (hour >= 8 && hour < 18 ? 2.0 : 0.75) * (0.7 + 0.6 * noise);
            json.append(first ? "" : ",").append("{\"datetime\": \"").append(t).append("\", \"value\": ").append(value).append('}');
            first = false;
        }
        return json.append("]}").toString();
    }

    static String meterFile(String code) {
        StringBuilder csv = new StringBuilder("MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\n");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
        LocalDateTime start = LocalDateTime.parse("2024-03-25T00:00:00");
        for (int i = 0; i < 7 * 96; i++) {
            LocalDateTime t = start.plusMinutes(15L * i);
            if (t.toLocalDate().equals(LocalDate.parse("2024-03-28"))) {
                continue;
            }
            double kwh = 0.4 + 0.3 * Math.sin(i / 96.0 * 2 * Math.PI) + (i % 5) * 0.02;
            csv.append(code).append(",S1,PLANT7,").append(f.format(t)).append(",Import Wh Total,").append(String.format(Locale.ROOT, "%.4f", kwh))
                    .append(",kwh,\n");
            csv.append(code).append(",S1,PLANT7,").append(f.format(t)).append(",Import varh Total,")
                    .append(String.format(Locale.ROOT, "%.4f", kwh * 0.3)).append(",kvarh,\n");
        }
        return csv.toString();
    }

    /** Half-hourly intensities over the London day 2019-10-27 (25 h): actual until 14:00 UTC, then forecast only, none 20:00–21:00. */
    static String intensities() {
        StringBuilder json = new StringBuilder("{\"data\": [");
        Instant start = Instant.parse("2019-10-26T23:00:00Z");
        for (int i = 0; i < 50; i++) {
            Instant from = start.plus(Duration.ofMinutes(30L * i));
            if (!from.isBefore(Instant.parse("2019-10-27T20:00:00Z")) && from.isBefore(Instant.parse("2019-10-27T21:00:00Z"))) {
                continue;
            }
            int value = 180 + (i * 37) % 90;
            boolean actual = from.isBefore(Instant.parse("2019-10-27T14:00:00Z"));
            json.append(i == 0 ? "" : ",").append("{\"from\": \"").append(from.toString().replace(":00Z", "Z"))
                    .append("\", \"to\": \"").append(from.plus(Duration.ofMinutes(30)).toString().replace(":00Z", "Z"))
                    .append("\", \"intensity\": {\"forecast\": ").append(value + 7).append(", \"actual\": ").append(actual ? value : "null")
                    .append(", \"index\": \"moderate\"}}");
        }
        return json.append("]}").toString();
    }

    static String resource(String name) throws IOException {
        try (var in = DashboardBrowserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aPersonSignsInOpensEveryViewAndSignsOut() throws Exception {
        long shipA = newShipId(), shipB = newShipId(), shipC = newShipId();
        // Ship A: 2024-03-18 .. 2024-04-03, with two hours missing on the London spring-forward day 2024-03-31.
        admin().contentType(ContentType.JSON).body(shipBatch(shipA, "2024-03-18T00:00:00Z", 17, 1.0,
                Instant.parse("2024-03-31T10:00:00Z"), Instant.parse("2024-03-31T12:00:00Z"))).post("/data").then().statusCode(200);
        admin().contentType(ContentType.JSON).body(shipBatch(shipB, "2024-03-25T00:00:00Z", 7, 1.6, null, null)).post("/data").then().statusCode(200);
        admin().contentType(ContentType.JSON).body(shipBatch(shipC, "2024-03-27T00:00:00Z", 2, 0.8, null, null)).post("/data").then().statusCode(200);
        String meter = "DASH" + (System.nanoTime() % 1_000_000_000L);
        admin().contentType("text/csv").body(meterFile(meter)).post("/meter-files").then().statusCode(201);
        String sensor = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String sensorKey = admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"" + sensor + "\", \"zone\": \"" + LONDON + "\"}")
                .post("/sensors").then().statusCode(201).extract().path("api_key");
        StringBuilder levels = new StringBuilder("[");
        for (int d = 0; d < 7; d++) {
            if (d == 3) {
                continue; // 2024-03-28 has no readings at all
            }
            String day = LocalDate.parse("2024-03-25").plusDays(d).toString();
            levels.append(levels.length() > 1 ? "," : "")
                    .append(level(sensor, 100, day + "T01:00:00Z")).append(',')
                    .append(level(sensor, 100 + 10 * (d + 1), day + "T08:00:00Z")).append(',')
                    .append(level(sensor, 105 + 10 * (d + 1), day + "T19:00:00Z"));
        }
        io.joule.testing.Api.as(sensorKey).contentType(ContentType.JSON).body(levels.append(']').toString()).post("/readings").then().statusCode(200);
        String asset = "dash" + UUID.randomUUID().toString().substring(0, 8);
        String region = "DASH" + UUID.randomUUID().toString().substring(0, 6);
        admin().contentType(ContentType.JSON).body(intensities()).queryParam("region", region).post("/carbon-intensity").then().statusCode(200);
        String power = resource("/carbon/power_measurements_2019-11-25.csv").replace("abc123xyz", asset).replace("2019-11-25", "2019-10-27");
        admin().contentType("text/csv").body(power).post("/assets/power").then().statusCode(200);
        String coordinator = issueKey("coordinator", null);

        chrome = Chromium.start(1280, 1500);
        try {
            personLooksAtEveryView(coordinator, shipA, shipB, meter, sensor, asset, region);
        } finally {
            chrome.quit();
        }
    }

    void personLooksAtEveryView(String coordinator, long shipA, long shipB, String meter, String sensor, String asset, String region)
            throws Exception {
        // Sign in: a wrong key is refused, then the coordinator's key opens the dashboard.
        chrome.get(base() + "/dashboard");
        waitFor("#sign-in-form");
        css("#api-key").sendKeys("jk_wrong", Keys.ENTER);
        new WebDriverWait(chrome, Duration.ofSeconds(10)).until(d -> !d.findElement(By.id("sign-in-message")).getText().isEmpty());
        assertEquals("That key is unknown or revoked.", css("#sign-in-message").getText());
        Chromium.screenshot(chrome, "0-sign-in");
        css("#api-key").clear();
        css("#api-key").sendKeys(coordinator, Keys.ENTER);
        waitFor("#app");
        assertEquals("Signed in: coordinator", css("#who").getText());
        Cookie cookie = chrome.manage().getCookieNamed("joule_session");
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertEquals("Strict", cookie.getSameSite());
        assertFalse(cookie.getValue().contains(coordinator));
        assertEquals("", String.valueOf(chrome.executeScript("return document.cookie")), "scripts cannot read the session cookie");
        setZone(LONDON);
        assertEquals(LONDON, chrome.executeScript("return localStorage.getItem('joule.zone')"), "zone input: " + css("#zone").getAttribute("value")
                + " / " + chrome.executeScript("return document.getElementById('zone').value"));

        // Ship usage on the spring-forward day: 23 hours, 92 slots, 8 of them without data.
        open("usage", "ship=" + shipA + "&date=2024-03-31&span=day");
        JsonPath data = json(admin().queryParam("spaceship_id", shipA).queryParam("start", "2024-03-31T00:00:00Z")
                .queryParam("end", "2024-03-31T23:00:00Z").get("/data").then().statusCode(200).extract().asString());
        List<Double> values = data.getList("data.value", Double.class);
        assertEquals(84, values.size());
        assertEquals(fmt(values.stream().mapToDouble(Double::doubleValue).sum(), 3), figure("usage", "total"));
        assertEquals(fmt(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), 3), figure("usage", "peak"));
        assertEquals("84 of 92", figure("usage", "slots"));
        assertEquals("8", figure("usage", "missing"));
        assertEquals("23 h", figure("usage", "span"));
        assertEquals(84, chrome.findElements(By.cssSelector("#view-usage svg rect.bar")).size());
        assertEquals(1, chrome.findElements(By.cssSelector("#view-usage svg rect.missing")).size(), "one hatched gap, 10:00–12:00 UTC");
        assertEquals("02:00 BST: clocks go forward", css("#view-usage svg .dst-label").getText());
        List<String> ticks = chrome.findElements(By.cssSelector("#view-usage svg .xtick")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00", "00:00"), ticks);
        Chromium.screenshot(chrome, "1-usage-day");

        open("usage", "ship=" + shipA + "&date=2024-03-28&span=week");
        assertEquals((7 * 96 - 4 - 8) + " of " + (7 * 96 - 4), figure("usage", "slots"), "a week over the spring-forward day, to 2024-04-03 only");
        Chromium.screenshot(chrome, "2-usage-week");

        // Top users for the London week 2024-03-25 .. 2024-03-31.
        open("top", "from=2024-03-25&to=2024-03-31&count=5");
        JsonPath top = json(admin().queryParam("count", 5).queryParam("start", "2024-03-25T00:00:00Z").queryParam("end", "2024-03-31T23:00:00Z")
                .get("/topusers").then().statusCode(200).extract().asString());
        List<Map<String, Object>> ships = top.getList("ships");
        List<List<String>> shown = rows("#view-top table.data");
        assertEquals(ships.size(), shown.size());
        for (int i = 0; i < ships.size(); i++) {
            assertEquals("Ship " + ((Number) ships.get(i).get("spaceship_id")).longValue(), shown.get(i).get(1));
            assertEquals(fmt(((Number) ships.get(i).get("consumption")).doubleValue(), 3), shown.get(i).get(2));
        }
        assertTrue(shown.stream().anyMatch(r -> r.get(1).equals("Ship " + shipA)) && shown.stream().anyMatch(r -> r.get(1).equals("Ship " + shipB)));
        Chromium.screenshot(chrome, "3-top-users");

        // Forecast for 2024-04-04 .. 2024-04-10 next to 14 days of history.
        open("forecast", "ship=" + shipA + "&date=2024-04-04&days=7&history=14");
        JsonPath forecast = json(admin().queryParam("spaceship_id", shipA).queryParam("start", "2024-04-04T00:00:00Z")
                .queryParam("end", "2024-04-11T00:00:00Z").get("/forecast").then().statusCode(200).extract().asString());
        assertEquals(fmt(forecast.getDouble("expected_consumption"), 1), figure("forecast", "expected"));
        assertEquals(fmt(forecast.getDouble("low"), 1) + " – " + fmt(forecast.getDouble("high"), 1), figure("forecast", "interval"));
        JsonPath daily = json(admin().queryParam("from", "2024-03-21").queryParam("to", "2024-04-03").get("/ships/" + shipA + "/daily")
                .then().statusCode(200).extract().asString());
        List<List<String>> forecastRows = rows("#view-forecast table.data");
        assertEquals(21, forecastRows.size());
        for (int i = 0; i < 14; i++) {
            assertEquals(daily.getString("[" + i + "].date"), forecastRows.get(i).get(0));
            assertEquals(fmt(daily.getDouble("[" + i + "].energy_kwh"), 3), forecastRows.get(i).get(2));
        }
        assertEquals(7, chrome.findElements(By.cssSelector("#view-forecast svg rect.range.interval")).size());
        Chromium.screenshot(chrome, "4-forecast");

        // The meter's two channels, with 2024-03-28 missing.
        open("meter", "meter=" + meter + "&from=2024-03-24&to=2024-03-31");
        JsonPath stats = json(admin().queryParam("from", "2024-03-24").queryParam("to", "2024-03-31").get("/meters/" + meter + "/daily-stats")
                .then().statusCode(200).extract().asString());
        assertEquals(12, stats.getList("$").size());
        assertEquals("2", figure("meter", "channels"));
        String kwh = "#view-meter article[data-channel='S1 · Import Wh Total'] table.data";
        List<List<String>> meterRows = rows(kwh);
        assertEquals(8, meterRows.size());
        assertEquals(List.of("2024-03-24", "no data", "", "", "0"), meterRows.get(0));
        assertEquals(List.of("2024-03-28", "no data", "", "", "0"), meterRows.get(4));
        for (Map<String, Object> s : stats.<Map<String, Object>>getList("findAll { it.data_type == 'Import Wh Total' }")) {
            List<String> row = meterRows.stream().filter(r -> r.get(0).equals(s.get("date"))).findFirst().orElseThrow();
            assertEquals(List.of((String) s.get("date"), fmt(((Number) s.get("min")).doubleValue(), 3), fmt(((Number) s.get("max")).doubleValue(), 3),
                    fmt(((Number) s.get("avg")).doubleValue(), 3), String.valueOf(((Number) s.get("count")).intValue())), row);
        }
        Chromium.screenshot(chrome, "5-meter");

        // The water sensor: six days of consumption, 2024-03-28 without data (not zero).
        open("sensor", "sensor=" + sensor + "&from=2024-03-24&to=2024-03-31");
        JsonPath water = json(admin().queryParam("from", "2024-03-24").queryParam("to", "2024-03-31").get("/sensors/" + sensor + "/consumption")
                .then().statusCode(200).extract().asString());
        List<Double> used = water.getList("consumption", Double.class);
        assertEquals(6, used.size());
        assertEquals(fmt(used.stream().mapToDouble(Double::doubleValue).sum(), 3), figure("sensor", "total"));
        assertEquals("6 of 8", figure("sensor", "days"));
        List<List<String>> waterRows = rows("#view-sensor table.data");
        assertEquals(List.of("2024-03-28", "no data"), waterRows.get(4));
        assertEquals(List.of("2024-03-26", fmt(water.getDouble("[1].consumption"), 3)), waterRows.get(2));
        assertEquals(2, chrome.findElements(By.cssSelector("#view-sensor svg rect.missing")).size());
        Chromium.screenshot(chrome, "6-sensor");

        // Carbon footprint on the London fall-back day: 50 half-hours, actual and forecast told apart, the day's total.
        open("footprint", "asset=" + asset + "&date=2019-10-27&region=" + region);
        JsonPath fp = json(admin().queryParam("date", "2019-10-27").queryParam("zone", LONDON).queryParam("region", region)
                .get("/assets/" + asset + "/footprint").then().statusCode(200).extract().asString());
        assertEquals(50, fp.getList("half_hours").size());
        assertEquals(fmt(fp.getDouble("total_g") / 1000, 3), figure("footprint", "total"));
        long actual = fp.getList("half_hours.intensity_type").stream().filter("actual"::equals).count();
        long forecastOnly = fp.getList("half_hours.intensity_type").stream().filter("forecast"::equals).count();
        assertTrue(actual > 0 && forecastOnly > 0);
        assertEquals(String.valueOf(actual), figure("footprint", "actual"));
        assertEquals(String.valueOf(forecastOnly), figure("footprint", "forecast"));
        long withFootprint = fp.getList("half_hours.footprint_g").stream().filter(v -> v != null).count();
        assertEquals(String.valueOf(50 - withFootprint), figure("footprint", "missing"));
        assertEquals(withFootprint, chrome.findElements(By.cssSelector("#view-footprint .chart-box.footprint rect.bar")).size());
        assertTrue(chrome.findElements(By.cssSelector("#view-footprint .chart-box.footprint rect.bar.forecast")).size() > 0);
        assertEquals("01:00 GMT: clocks go back", css("#view-footprint .chart-box.footprint svg .dst-label").getText());
        List<List<String>> halfHours = rows("#view-footprint table.data");
        assertEquals("01:00 – 01:30 BST", halfHours.get(2).get(1));
        assertEquals("01:00 – 01:30 GMT", halfHours.get(4).get(1));
        Chromium.screenshot(chrome, "7-footprint");

        // Sign out: the page asks for a key again and the old cookie opens nothing.
        css("#sign-out").click();
        waitFor("#sign-in-form");
        assertEquals("Signed out.", css("#sign-in-message").getText());
        assertEquals(null, chrome.manage().getCookieNamed("joule_session"));
        given().cookie("joule_session", cookie.getValue()).header("X-Joule-Dashboard", "1").get("/meters").then().statusCode(401);
        chrome.get(base() + "/dashboard/#usage?ship=" + shipA + "&date=2024-03-31");
        chrome.navigate().refresh();
        waitFor("#sign-in-form");
        assertTrue(css("#app").getAttribute("hidden") != null);
    }

    @Test
    void aDeviceKeySeesItsShipAndNothingElse() throws Exception {
        long ship = newShipId();
        long other = newShipId();
        admin().contentType(ContentType.JSON).body(shipBatch(ship, "2024-05-01T00:00:00Z", 1, 1.0, null, null)).post("/data").then().statusCode(200);
        admin().contentType(ContentType.JSON).body(shipBatch(other, "2024-05-01T00:00:00Z", 1, 3.0, null, null)).post("/data").then().statusCode(200);
        chrome = Chromium.start(1280, 1500);
        try {
            deviceLooksAround(ship, other);
        } finally {
            chrome.quit();
        }
    }

    void deviceLooksAround(long ship, long other) throws Exception {
        signIn(issueKey("device", "ship:" + ship));
        assertEquals("Signed in: device · ship:" + ship, css("#who").getText());
        List<String> tabs = chrome.findElements(By.cssSelector("#tabs a")).stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList();
        assertEquals(List.of("Ship usage", "Forecast"), tabs);
        // Asking for another ship in the address still shows this key's ship.
        open("usage", "ship=" + other + "&date=2024-05-01");
        assertEquals(String.valueOf(ship), css("#view-usage input[name=ship]").getAttribute("value"));
        assertEquals("96 of 96", figure("usage", "slots"));
        // A day without readings says so; it is not drawn as zeros.
        open("usage", "date=2024-05-03&zone=UTC");
        assertEquals("no data", figure("usage", "total"));
        assertEquals("0 of 96", figure("usage", "slots"));
        assertEquals("No readings for ship " + ship + " in this window", css("#view-usage svg text.empty").getText());
        assertEquals(0, chrome.findElements(By.cssSelector("#view-usage svg rect.bar")).size());
        assertEquals(1, chrome.findElements(By.cssSelector("#view-usage svg rect.missing")).size());
        Chromium.screenshot(chrome, "9-usage-empty");
        // What the page's scripts may fetch is what the API lets this key read.
        Object status = chrome.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/data?spaceship_id=" + other + "', {headers: {'X-Joule-Dashboard': '1'}}).then(r => done(r.status));");
        assertEquals(403L, status);
        status = chrome.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/topusers', {headers: {'X-Joule-Dashboard': '1'}}).then(r => done(r.status));");
        assertEquals(403L, status);
        // A page of another site (127.0.0.1 is not localhost) cannot use the session: the browser withholds the
        // SameSite=Strict cookie, and without CORS it may not even send the header.
        chrome.get("http://127.0.0.1:" + RestAssured.port + "/dashboard/");
        Object crossSite = chrome.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('http://localhost:" + RestAssured.port + "/data?spaceship_id=" + ship + "', {credentials: 'include'})"
                + ".then(r => done('status ' + r.status), e => done('refused'));");
        assertEquals("refused", crossSite);
        chrome.get(base() + "/dashboard/");
        waitFor("#sign-out");
        css("#sign-out").click();
        waitFor("#sign-in-form");
    }

    @Test
    void aUserSeesTheSensorsLinkedToThem() throws Exception {
        String sensor = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String sensorKey = admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"" + sensor + "\"}").post("/sensors")
                .then().statusCode(201).extract().path("api_key");
        String userKey = admin().contentType(ContentType.JSON).body("{\"name\": \"u" + UUID.randomUUID() + "\"}").post("/users")
                .then().statusCode(201).extract().path("api_key");
        io.joule.testing.Api.as(userKey).post("/sensors/" + sensor + "/owner").then().statusCode(200);
        // Two rises within the last three hours: 7 and 5 (the first reading of a series has no rise).
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        io.joule.testing.Api.as(sensorKey).contentType(ContentType.JSON).body("[" + level(sensor, 50, now.minusSeconds(10_800).toString()) + ","
                + level(sensor, 57, now.minusSeconds(7_200).toString()) + "," + level(sensor, 62, now.minusSeconds(3_600).toString()) + "]")
                .post("/readings").then().statusCode(200);
        chrome = Chromium.start(1280, 1500);
        try {
            userLooksAtTheirSensor(userKey, sensor);
        } finally {
            chrome.quit();
        }
    }

    void userLooksAtTheirSensor(String userKey, String sensor) throws Exception {
        signIn(userKey);
        List<String> tabs = chrome.findElements(By.cssSelector("#tabs a")).stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList();
        assertEquals(List.of("Water sensor"), tabs);
        setZone("UTC");
        open("sensor", "");
        assertEquals(sensor, css("#view-sensor input[name=sensor]").getAttribute("value"), "the user's one sensor is chosen");
        assertEquals("12", figure("sensor", "total"));
        Chromium.screenshot(chrome, "8-sensor-user");
        css("#sign-out").click();
        waitFor("#sign-in-form");
    }

    static String level(String sensor, double level, String at) {
        return "{\"sensor_id\": \"" + sensor + "\", \"water_level\": " + level + ", \"created_at\": \"" + at + "\"}";
    }
}
