package io.joule.rest;

import static io.joule.testing.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8 by class: text PostgreSQL refuses (NUL, other control characters, lone surrogates) in a
 * path segment, query parameter, header, JSON string or CSV field; strings over their length; times
 * outside the one supported range. Each is a 400 problem naming the field, and nothing is stored.
 */
@QuarkusTest
class InputBoundsTest {
    static final String PROBLEM = "application/problem+json";
    static final String LP = "MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\n";

    static String fresh(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static ValidatableResponse postJson(String path, String json) {
        return admin().contentType(ContentType.JSON).body(json).when().post(path).then();
    }

    static ValidatableResponse postCsv(String path, String csv) {
        return admin().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).when().post(path).then();
    }

    static long count(String query, Object... args) throws Exception {
        return Long.parseLong(Sql.rows(query, args).get(0));
    }

    // --- path segments, query parameters, headers ---

    @Test
    void aNulInAPathSegmentIsA400NamingIt() {
        for (String path : List.of("/sensors/ab%00c/consumption?from=2020-01-01&to=2020-01-02", "/meters/M%00/daily-stats?from=2020-01-01&to=2020-01-02",
                "/assets/a%00b/footprint?date=2020-01-01", "/footprint/a%00b/2020-01-01/1-2/")) {
            admin().urlEncodingEnabled(false).when().get(path).then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].parameter", startsWith("path segment")).body("errors[0].detail", containsString("NUL"));
        }
        admin().urlEncodingEnabled(false).when().delete("/sensors/a%00/owner").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void malformedPercentEncodingOrARawBraceOrBarIsA400() throws Exception {
        // Quarkus refuses a target java.net.URI cannot parse before any route runs, with an empty 400 (README, Limits)
        for (String path : List.of("/consumption?date=%zz", "/sensors/%zz/consumption?from=2020-01-01&to=2020-01-02", "/consumption?date=%",
                "/data|", "/data?spaceship_id={1}")) {
            assertEquals("HTTP/1.1 400 Bad Request", rawGet(path).lines().findFirst().orElse(""), path);
        }
        admin().urlEncodingEnabled(false).when().get("/consumption?date=%C0%80").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].parameter", equalTo("date"));
    }

    @Test
    void aRequestTargetThatIsNotAPathIsAProblem() throws Exception {
        for (String target : List.of("?a", "*")) {
            String answer = rawGet(target);
            assertTrue(answer.startsWith(target.equals("*") ? "HTTP/1.1 404 Not Found\r\n" : "HTTP/1.1 400 Bad Request\r\n"), answer);
            assertTrue(answer.contains("\r\ncontent-type: application/problem+json\r\n"), answer);
            assertTrue(answer.contains("\"detail\":\"The request target must be a path, starting with /\""), answer);
        }
    }

    @Test
    void aMissingOrInvalidHostIsA400Problem() throws Exception {
        String twoHosts = io.joule.testing.RawHttp.exchange("GET /meters HTTP/1.1\r\nHost: evil.example\r\nHost: localhost", new byte[0]);
        assertEquals("HTTP/1.1 400 Bad Request", twoHosts.lines().findFirst().orElse(""), twoHosts);
        assertTrue(twoHosts.endsWith("\"detail\":\"The request has more than one Host header; send one\",\"instance\":\"/meters\"}"), twoHosts);
        String twoKeys = io.joule.testing.RawHttp.exchange("GET /meters HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer a"
                + "\r\nAuthorization: Bearer b", new byte[0]);
        assertEquals("HTTP/1.1 400 Bad Request", twoKeys.lines().findFirst().orElse(""), twoKeys);
        assertTrue(twoKeys.endsWith("\"detail\":\"The request has more than one Authorization header; send one\",\"instance\":\"/meters\"}"), twoKeys);
        for (String host : List.of("", "a b", "[::1", "x:-1")) {
            String answer = io.joule.testing.RawHttp.exchange("GET /meters HTTP/1.1" + (host.isEmpty() ? "" : "\r\nHost: " + host), new byte[0]);
            assertEquals("HTTP/1.1 400 Bad Request", answer.lines().findFirst().orElse(""), host);
            assertTrue(answer.contains("\r\ncontent-type: application/problem+json\r\n"), answer);
            assertTrue(answer.endsWith("\"detail\":\"The request needs a valid Host header (HTTP/1.x) or :authority (HTTP/2), such as "
                    + "localhost:8080\",\"instance\":\"/meters\"}"), answer);
        }
    }

    @Test
    void aCompressedBodyIs415() throws Exception {
        byte[] body = "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": []}".getBytes(StandardCharsets.UTF_8);
        String answer = io.joule.testing.RawHttp.exchange("POST /data HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + io.joule.testing.Api.ADMIN_KEY + "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                + body.length, body);
        assertEquals("HTTP/1.1 415 Unsupported Media Type", answer.lines().findFirst().orElse(""), answer);
        assertTrue(answer.contains("\"detail\":\"Content-Encoding gzip is not accepted; send the body uncompressed\""), answer);
        postJson("/users", "{\"name\": \"" + fresh("identity") + "\"}").statusCode(201);
        admin().contentType(ContentType.JSON).header("Content-Encoding", "identity").body("{\"name\": \"" + fresh("identity") + "\"}")
                .when().post("/users").then().statusCode(201);
    }

    /** A GET a client library will not send as written; answers the whole response. */
    static String rawGet(String path) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + io.joule.testing.Api.ADMIN_KEY
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aControlCharacterInAQueryParameterIsA400NamingIt() {
        admin().urlEncodingEnabled(false).when().get("/meters/M1/daily-stats?from=2020-01-01&to=2020-01-02&serial=a%00b")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("serial"))
                .body("errors[0].detail", equalTo("contains a NUL character at position 2"));
        admin().urlEncodingEnabled(false).when().get("/consumption?date=2020-01-01%07")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("date"))
                .body("errors[0].detail", equalTo("contains the control character U+0007 at position 11"));
        admin().urlEncodingEnabled(false).when().get("/assets/a/footprint?date=2020-01-01&zone=UTC%00")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("zone"));
        admin().urlEncodingEnabled(false).queryParam("region", "G%00B").when().post("/carbon-intensity/fetch?from=2020-01-01T00:00Z")
                .then().statusCode(400).contentType(PROBLEM).body("errors.parameter", hasItem("region"));
    }

    /** Every parameter takes one value: two are a 400 naming it, not the first silently taken. */
    @Test
    void aRepeatedQueryParameterIsA400NamingIt() {
        admin().urlEncodingEnabled(false).when().get("/meters/M1/daily-stats?from=2020-01-01&to=2020-01-02&serial=A&serial=B")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("serial"))
                .body("errors[0].detail", equalTo("given 2 times; send it once"));
        admin().urlEncodingEnabled(false).when().get("/consumption?date=2020-01-01&date=2020-01-02&date=2020-01-03")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].detail", equalTo("given 3 times; send it once"));
    }

    /** Vert.x stops reading a query at a raw '#' and takes what stands before it as one more name (a client library strips it). */
    @Test
    void aNameRepeatedBeforeARawHashIsA400() throws Exception {
        String answer = rawGet("/consumption?date=2020-01-01&date#");
        assertEquals("HTTP/1.1 400 Bad Request", answer.lines().findFirst().orElse(""), answer);
        assertTrue(answer.contains("\"parameter\":\"date\",\"detail\":\"given 2 times; send it once\""), answer);
    }

    @Test
    /** The HTTP codec refuses it before the service sees it (its empty body is the HTTP layer's matter); never a 5xx. */
    void aControlCharacterInAHeaderIsA400() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /meters HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + io.joule.testing.Api.ADMIN_KEY
                    + "\r\nX-Trace: a\u007fb\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("HTTP/1.1 400 Bad Request", answer.lines().findFirst().orElse(""));
        }
    }

    // --- JSON strings ---

    @Test
    void aNulOrLoneSurrogateInAJsonStringIsA400AtItsPointerAndStoresNothing() throws Exception {
        String id = fresh("nul");
        postJson("/sensors", "{\"sensor_id\": \"" + id + "\", \"unit\": \"c\\u0000m\"}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/unit")).body("errors[0].detail", equalTo("contains a NUL character at position 2"));
        postJson("/sensors", "{\"sensor_id\": \"" + id + "\", \"zone\": \"UTC\\ud800\"}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/zone")).body("errors[0].detail", equalTo("contains a lone UTF-16 surrogate U+D800 at position 4"));
        assertEquals(0, count("select count(*) from series where key = ?", id));
        assertEquals(0, count("select count(*) from sensor where sensor_id = ?", id));
        // the id is still free: nothing half-registered makes it a 409
        postJson("/sensors", "{\"sensor_id\": \"" + id + "\", \"zone\": \"+05:30\"}").statusCode(201).body("zone", equalTo("+05:30"));

        String name = fresh("user");
        postJson("/users", "{\"name\": \"" + name + "\\udc00\"}").statusCode(400).contentType(PROBLEM).body("errors[0].pointer", equalTo("/name"));
        postJson("/users", "{\"name\": \"" + name + "\\u0000\"}").statusCode(400).contentType(PROBLEM).body("errors[0].pointer", equalTo("/name"));
        assertEquals(0, count("select count(*) from app_user where name like ?", name + "%"));
        postJson("/users", "{\"name\": \"" + name + " \\ud83d\\ude00\"}").statusCode(201).body("name", equalTo(name + " \ud83d\ude00"));

        postJson("/api-keys", "{\"role\": \"device\", \"subject\": \"ship:4\\u00002\"}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/subject"));
        postJson("/readings", "{\"sensor_id\": \"" + id + "\\u0000\", \"water_level\": 3}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/sensor_id"));
        postJson("/data", "{\"spaceship_id\": 1, \"units\": \"kW\\u0000\", \"data\": []}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/units"));
        postJson("/carbon-intensity", "{\"data\": [{\"from\": \"2020-01-01T00:00Z\", \"to\": \"2020-01-01T00:30Z\", "
                + "\"intensity\": {\"forecast\": 1, \"actual\": 2, \"index\": \"low\\u0000\"}}]}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/data/0/intensity/index"));
        postJson("/carbon-intensity", "{\"data\": [{\"fr\\u0000om\": 1}]}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/data/0/fr\\u0000om"));
    }

    @Test
    void anOverlongUtf8SequenceOrAC1ControlCharacterInJsonIsA400AndStoresNothing() throws Exception {
        String name = fresh("ov");
        byte[] overlongSlash = {(byte) 0xC0, (byte) 0xAF};
        byte[] overlongThreeBytes = {(byte) 0xE0, (byte) 0x80, (byte) 0xAF};
        String notUtf8 = "The body holds bytes that are not UTF-8 (an overlong or otherwise malformed sequence); send it as UTF-8. Nothing was stored";
        for (byte[] sequence : List.of(overlongSlash, overlongThreeBytes)) {
            postBytes("/users", "{\"name\": \"" + name + "\"}", sequence).statusCode(400).contentType(PROBLEM).body("detail", equalTo(notUtf8));
            postBytes("/data", "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"2020-01-01T00:00:00Z\", "
                    + "\"value\": 1, \"note\": \"\"}]}", sequence).statusCode(400).contentType(PROBLEM).body("detail", equalTo(notUtf8));
        }
        assertEquals(0, count("select count(*) from app_user where name like ?", name + "%"));
        postJson("/users", "{\"name\": \"" + name + "\\u0085\"}").statusCode(400).contentType(PROBLEM).body("errors[0].pointer", equalTo("/name"))
                .body("errors[0].detail", equalTo("contains the control character U+0085 at position " + (name.length() + 1)));
        postJson("/users", "{\"name\": \"" + name + "\u00a0\"}").statusCode(201);
        // what is UTF-8 stays accepted: a byte order mark before the JSON, four-byte characters
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = ("{\"name\": \"" + fresh("bom") + " \ud83d\ude00\"}").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = java.util.Arrays.copyOf(bom, bom.length + json.length);
        System.arraycopy(json, 0, withBom, bom.length, json.length);
        admin().contentType(ContentType.JSON).body(withBom).when().post("/users").then().statusCode(201);
    }

    /** The JSON with {@code inserted} put into its last empty string (or before its last quote). */
    static ValidatableResponse postBytes(String path, String json, byte[] inserted) {
        int at = json.lastIndexOf("\"\"") >= 0 ? json.lastIndexOf("\"\"") + 1 : json.lastIndexOf('"');
        byte[] head = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = json.substring(at).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + inserted.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(inserted, 0, body, head.length, inserted.length);
        System.arraycopy(tail, 0, body, head.length + inserted.length, tail.length);
        return admin().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    // --- CSV fields ---

    @Test
    void aNulInACsvFieldRefusesTheFileWithItsLineAndColumn() throws Exception {
        String meter = fresh("NULM");
        postCsv("/meter-files", LP + meter + ",S1,P1,01/01/2020 00:00:00,Import Wh Total,1,kwh,\n"
                + meter + ",S1,P\u00001,01/01/2020 00:15:00,Import Wh Total,2,kwh,\n").statusCode(400).contentType(PROBLEM)
                .body("errors[0].line", equalTo(3)).body("errors[0].detail", equalTo("Plant Code contains a NUL character at position 2"));
        postCsv("/meter-files", LP + meter + ",S1,P1,01/01/2020 00:00:00,Import Wh Total,1,kwh,ok\u0000\n").statusCode(400)
                .body("errors[0].line", equalTo(2)).body("errors[0].detail", equalTo("Status contains a NUL character at position 3"));
        assertEquals(0, count("select count(*) from series where key like ?", meter + "%"));
        assertEquals(0, count("select count(*) from meter_channel where meter_code = ?", meter));

        String asset = fresh("nula");
        postCsv("/assets/power", "Time,Variable,AssetId,Value\n2020-01-01 00:00:00,power," + asset + ",1\n2020-01-01 00:05:00,pow\u0000er,"
                + asset + ",1\n").statusCode(400).contentType(PROBLEM).body("errors[0].line", equalTo(3))
                .body("errors[0].detail", equalTo("Variable contains a NUL character at position 4"));
        assertEquals(0, count("select count(*) from series where key = ?", asset));
    }

    // --- length limits ---

    @Test
    void everyStringHasALengthLimit() throws Exception {
        String meter = fresh("LONG");
        postCsv("/meter-files", LP + meter + ",S1," + "P".repeat(1_000_000) + ",01/01/2020 00:00:00,Import Wh Total,1,kwh,\n")
                .statusCode(400).contentType(PROBLEM).body("errors[0].line", equalTo(2))
                .body("errors[0].detail", equalTo("Plant Code is longer than 256 characters (1000000)"));
        postCsv("/meter-files", LP + meter + ",S1," + "P".repeat(65) + ",01/01/2020 00:00:00,Import Wh Total,1,kwh,\n")
                .statusCode(400).body("errors[0].detail", startsWith("Plant Code 'PPPP")).body("errors[0].detail", containsString("at most 64 characters"));
        assertEquals(0, count("select count(*) from meter_channel where meter_code = ?", meter));

        String index = "x".repeat(33);
        postJson("/carbon-intensity?region=" + fresh("R"), "{\"data\": [{\"from\": \"2020-01-01T00:00Z\", \"to\": \"2020-01-01T00:30Z\", "
                + "\"intensity\": {\"forecast\": 1, \"actual\": 2, \"index\": \"" + index + "\"}}]}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/data/0/intensity/index"))
                .body("errors[0].detail", equalTo("must be a string of at most 32 characters, e.g. moderate"));
        postJson("/carbon-intensity", "{\"data\": [{\"from\": \"2020-01-01T00:00Z\", \"to\": \"2020-01-01T00:30Z\", "
                + "\"intensity\": {\"forecast\": 1, \"index\": \"" + "y".repeat(1 << 20) + "\"}}]}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/data/0/intensity/index"))
                .body("errors[0].detail", equalTo("is longer than 1000 characters (1048576)"));
        postJson("/users", "{\"name\": \"" + "n".repeat(101) + "\"}").statusCode(400).body("errors[0].pointer", equalTo("/name"));
        postJson("/sensors", "{\"unit\": \"" + "u".repeat(17) + "\"}").statusCode(400).body("errors[0].pointer", equalTo("/unit"));
        postJson("/sensors", "{\"zone\": \"Europe/" + "z".repeat(100) + "\"}").statusCode(400).body("errors[0].pointer", equalTo("/zone"));
        admin().queryParam("from", "2020-01-01").queryParam("to", "2020-01-02").queryParam("serial", "s".repeat(1001))
                .when().get("/meters/M1/daily-stats").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].parameter", equalTo("serial")).body("errors[0].detail", equalTo("is longer than 1000 characters (1001)"));
    }

    // --- the one supported time range ---

    @Test
    void meterTimesOutsideTheSupportedRangeAreBadRows() throws Exception {
        String meter = fresh("YEAR");
        postCsv("/meter-files", LP + meter + ",S1,P1,01/01/0001 00:00:00,Import Wh Total,1,kwh,\n"
                + meter + ",S1,P1,31/12/1899 23:45:00,Import Wh Total,1,kwh,\n"
                + meter + ",S1,P1,01/01/1900 00:00:00,Import Wh Total,1,kwh,\n"
                + meter + ",S1,P1,31/12/9999 00:00:00,Import Wh Total,1,kwh,\n").statusCode(400).contentType(PROBLEM)
                .body("errors.line", equalTo(List.of(2, 3, 5)))
                .body("errors[0].detail", equalTo("local time 0001-01-01T00:00 in UTC is outside the supported range, "
                        + "from 1900-01-01T00:00:00Z to before 9999-12-31T00:00:00Z"));
        // a local time at the edge is judged by its instant: 1900-01-01 00:30 in +01:00 is 1899 in UTC
        admin().contentType("text/csv").queryParam("zone", "+01:00").body(LP + meter + ",S1,P1,01/01/1900 00:30:00,Import Wh Total,1,kwh,\n")
                .when().post("/meter-files").then().statusCode(400)
                .body("errors[0].line", equalTo(2));
        assertEquals(0, count("select count(*) from series where key like ?", meter + "%"));
    }

    @Test
    void twoMeterRowsThreeHundredYearsApartImport() {
        String meter = fresh("SPAN");
        postCsv("/meter-files", LP + meter + ",S1,P1,01/01/1950 00:00:00,Import Wh Total,2,kwh,\n"
                + meter + ",S1,P1,01/01/2250 00:00:00,Import Wh Total,3,kwh,\n").statusCode(201).body("rows", equalTo(2))
                .body("from", equalTo("1950-01-01T00:00:00Z")).body("to", equalTo("2250-01-01T00:00:00Z"));
        admin().queryParam("from", "2249-12-31").queryParam("to", "2250-01-01").when().get("/meters/" + meter + "/daily-stats")
                .then().statusCode(200).body("date", equalTo(List.of("2250-01-01"))).body("count", equalTo(List.of(1)))
                .body("max", equalTo(List.of(3.0f)));
        admin().queryParam("from", "1950-01-01").queryParam("to", "1950-01-01").when().get("/meters/" + meter + "/daily-stats")
                .then().statusCode(200).body("count", equalTo(List.of(1))).body("max", equalTo(List.of(2.0f)));
    }

    @Test
    void anAssetFileWhoseReadingsHoldForMoreThan500000SlotsIsA413AndStoresNothing() throws Exception {
        // one reading a day: each holds 24 h (96 slots), so 5,209 days make 500,064 slots; 8 MB of such rows ran a
        // 192 MB heap out
        String asset = fresh("long");
        StringBuilder csv = new StringBuilder("Time,Variable,AssetId,Value\n");
        java.time.LocalDate day = java.time.LocalDate.of(2000, 1, 1);
        for (int i = 0; i < 5_209; i++, day = day.plusDays(1)) {
            csv.append(day).append(" 00:00:00,power,").append(asset).append(",5\n");
        }
        postCsv("/assets/power", csv.toString()).statusCode(413).contentType(PROBLEM)
                .body("detail", equalTo("The readings of this series cover more than 500,000 15-minute slots (a change-of-value "
                        + "reading holds for up to a day); send them in parts spanning less time"));
        assertEquals(0, count("select count(*) from series where key = ?", asset));
        // the limit's edge (a write just under it is stored) is TimeSeriesWriterLimitsTest's, with a few readings: half a
        // million slots here kept TimescaleDB's refresher busy long enough to time other tests out
    }

    @Test
    void writeSummariesStayWithinTheSupportedYears() {
        // the recomputed range reaches a day past an asset's reading and an hour before a ship's: +10000-01-01 and
        // 1899-12-31 were answered, and the first is no RFC 3339 timestamp
        String asset = fresh("edge");
        postCsv("/assets/power", "Time,Variable,AssetId,Value\n9999-12-30 00:00:00,power," + asset + ",4\n").statusCode(200)
                .body("[0].from", equalTo("9999-12-29T00:00:00Z")).body("[0].to", equalTo("9999-12-31T23:59:59Z"));
        postJson("/data", "{\"spaceship_id\": " + (900_000 + Math.abs(asset.hashCode() % 90_000)) + ", \"units\": \"kW\", "
                + "\"data\": [{\"datetime\": \"1900-01-01T00:00:00Z\", \"value\": 1}]}").statusCode(200)
                .body("from", equalTo("1900-01-01T00:00:00Z")).body("to", equalTo("1900-01-01T02:00:00Z"));
    }

    @Test
    void energyThatWouldLandPastTheLastSupportedTimeIsA400NotAHiddenSlot() throws Exception {
        // the last reading of an energy series covers 15 minutes: [23:50, 00:05) reached the 9999-12-31T00:00 slot,
        // which was stored (3.33 of the 10 kWh) where no end could reach it; a change-of-value asset holds for a day
        long ship = 1_000_000 + Math.abs(fresh("late").hashCode() % 90_000);
        postJson("/data", "{\"spaceship_id\": " + ship + ", \"units\": \"kWh\", \"data\": [{\"datetime\": \"9999-12-30T23:50:00Z\", "
                + "\"value\": 10}]}").statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("The reading at 9999-12-30T23:50:00Z covers time up to 9999-12-31T00:05:00Z, past the end of "
                        + "the supported range, 9999-12-31T00:00:00Z, where no answer could show its energy. Nothing was stored"));
        assertEquals(0, count("select count(*) from series where key = ?", Long.toString(ship)));
        postJson("/data", "{\"spaceship_id\": " + ship + ", \"units\": \"kWh\", \"data\": [{\"datetime\": \"9999-12-30T23:45:00Z\", "
                + "\"value\": 10}]}").statusCode(200).body("slots_written", equalTo(1));
        String asset = fresh("late");
        postCsv("/assets/power", "Time,Variable,AssetId,Value\n9999-12-30 00:00:01,power," + asset + ",4\n").statusCode(400)
                .contentType(PROBLEM).body("detail", startsWith("The reading at 9999-12-30T00:00:01Z covers time up to 9999-12-31T00:00:01Z"));
        assertEquals(0, count("select count(*) from series where key = ?", asset));
    }

    @Test
    void assetAndIntensityTimesOutsideTheSupportedRangeAre400() throws Exception {
        String asset = fresh("yr");
        postCsv("/assets/power", "Time,Variable,AssetId,Value\n+294277-01-01 00:00:00,power," + asset + ",1\n"
                + "1899-12-31 23:59:59,power," + asset + ",1\n2020-01-01 00:00:00,power," + asset + ",1\n")
                .statusCode(400).contentType(PROBLEM).body("errors.line", equalTo(List.of(2, 3)))
                .body("errors[1].detail", equalTo("Time '1899-12-31 23:59:59' is outside the supported range, "
                        + "from 1900-01-01T00:00:00Z to before 9999-12-31T00:00:00Z"));
        assertEquals(0, count("select count(*) from series where key = ?", asset));
        postJson("/carbon-intensity", "{\"data\": [{\"from\": \"1899-12-31T23:30Z\", \"to\": \"1900-01-01T00:00Z\", "
                + "\"intensity\": {\"forecast\": 1}}]}").statusCode(400).contentType(PROBLEM).body("errors[0].pointer", equalTo("/data/0/from"));
        postJson("/data", "{\"spaceship_id\": 1, \"units\": \"kW\", \"data\": [{\"datetime\": \"10000-01-01T00:00:00Z\", \"value\": 1}]}")
                .statusCode(400).contentType(PROBLEM).body("errors[0].pointer", equalTo("/data/0/datetime"));
    }
    /** A 10 MB body within the limit could make a tree larger than the heap; the registry endpoints take small bodies. */
    @Test
    void bodiesThatWouldMakeHugeTreesAreRefusedWithoutA5xx() {
        String strings = "[" + "\"aaaa\",".repeat(989_999) + "\"aaaa\"]";
        admin().contentType("application/json").body(strings).when().post("/readings")
                .then().statusCode(413).contentType("application/problem+json");
        String big = "{\"name\": \"a\", \"x\": \"" + "a".repeat(70_000) + "\"}";
        for (String path : new String[] {"/users", "/api-keys", "/sensors"}) {
            admin().contentType("application/json").body(big).when().post(path)
                    .then().statusCode(413).contentType("application/problem+json")
                    .body("detail", equalTo("The body is larger than 65536 bytes; this endpoint takes a few short fields"));
        }
    }
}
