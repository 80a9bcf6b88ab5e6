package io.joule.meter.rest;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.as;
import static io.joule.testing.Api.issueKey;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §6 on the real sample files, with MIN/MAX/AVG/COUNT computed independently from the files. */
@QuarkusTest
class MeterFileResourceTest {
    static final String PROBLEM = "application/problem+json";
    static final AtomicInteger NEXT_METER = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

    static String sample(String name) throws IOException {
        try (InputStream in = MeterFileResourceTest.class.getResourceAsStream("/lp-tou/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The sample with its meter code replaced by a fresh one, so the test has the meter to itself. */
    static String privateCopy(String name, String meterCode, String[] newCode) throws IOException {
        newCode[0] = "T" + NEXT_METER.incrementAndGet();
        return sample(name).replace(meterCode, newCode[0]);
    }

    static ValidatableResponse postCsv(String csv, String zone) {
        var request = admin().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8));
        if (zone != null) {
            request = request.queryParam("zone", zone);
        }
        return request.when().post("/meter-files").then();
    }

    static ValidatableResponse stats(String meter, String from, String to, String dataType) {
        var request = admin().queryParam("from", from).queryParam("to", to);
        if (dataType != null) {
            request = request.queryParam("data_type", dataType);
        }
        return request.when().get("/meters/" + meter + "/daily-stats").then();
    }

    /** Compares as doubles to 1e-11 (the expectations carry 14 significant digits). */
    static void assertDoubles(List<Double> expected, ValidatableResponse response, String path) {
        List<Double> actual = response.extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE)).getList(path, Double.class);
        assertEquals(expected.size(), actual.size(), () -> path + ": " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), 1e-11, path + "[" + i + "]");
        }
    }

    @Test
    void loadProfileGivesDailyStatisticsPerChannel() throws IOException {
        postCsv(sample("LP_210095893_20150901T011608049.csv"), null).statusCode(201)
                .body("format", equalTo("LP"))
                .body("rows", equalTo(384))
                .body("meters", contains("210095893"))
                .body("channels", hasSize(4))
                .body("from", equalTo("2015-08-31T00:45:00Z"))
                .body("to", equalTo("2015-09-01T00:30:00Z"));
        stats("210095893", "2015-08-31", "2015-09-01", "Export Wh Total").statusCode(200)
                .body("date", contains("2015-08-31", "2015-09-01"))
                .body("units", contains("kwh", "kwh"))
                .body("plant_code", contains("ED031000001", "ED031000001"))
                .body("min", contains(2.5f, 2.7f))
                .body("max", contains(3.3f, 2.8f))
                .body("count", contains(93, 3));
        assertDoubles(List.of(2.8290322580645, 2.7666666666667), stats("210095893", "2015-08-31", "2015-09-01", "Export Wh Total"), "avg");
        // kWh and kvarh are never mixed: the varh channel has its own rows.
        stats("210095893", "2015-08-31", "2015-08-31", null).statusCode(200)
                .body("data_type", contains("Export Wh Total", "Export varh Total", "Import Wh Total", "Import varh Total"))
                .body("min", contains(2.5f, 2.7f, 0.0f, 0.0f))
                .body("max", contains(3.3f, 4.6f, 0.0f, 0.0f));
        assertDoubles(List.of(2.8290322580645, 3.4849462365591, 0.0, 0.0), stats("210095893", "2015-08-31", "2015-08-31", null), "avg");
    }

    @Test
    void twoPartsNamedFileAre400AndNothingIsStored() throws Exception {
        String[] code = new String[1];
        byte[] file = privateCopy("TOU_212621147_20180915T01200916.csv", "212621147", code).getBytes(StandardCharsets.UTF_8);
        admin().multiPart("file", "a.csv", file, "text/csv").multiPart("file", "b.csv", file, "text/csv")
                .when().post("/meter-files")
                .then().statusCode(400).contentType(PROBLEM).body("detail", equalTo("Invalid form field file"))
                .body("errors[0].detail", equalTo("send one file a request: this upload has several parts named 'file'"));
        stats(code[0], "2018-09-12", "2018-09-14", null).statusCode(404);
    }

    @Test
    void timeOfUse2018IsUploadedAsMultipartAndFeedsSlotsFromItsKwhChannels() throws Exception {
        admin().multiPart("file", "TOU_212621147_20180915T01200916.csv", sample("TOU_212621147_20180915T01200916.csv").getBytes(StandardCharsets.UTF_8), "text/csv")
                .when().post("/meter-files")
                .then().statusCode(201).body("format", equalTo("TOU-2018")).body("rows", equalTo(384))
                .body("from", equalTo("2018-09-12T05:00:00Z"));
        stats("212621147", "2018-09-12", "2018-09-14", "Import Wh Total").statusCode(200)
                .body("date", contains("2018-09-12", "2018-09-13", "2018-09-14"))
                .body("min", contains(101.9f, 102.9f, 100.8f))
                .body("max", contains(197.0f, 197.2f, 192.1f))
                .body("count", contains(38, 48, 10));
        assertDoubles(List.of(152.95263157895, 146.03333333333, 148.67), stats("212621147", "2018-09-12", "2018-09-14", "Import Wh Total"), "avg");
        stats("212621147", "2018-09-12", "2018-09-12", "Export varh Total").statusCode(200)
                .body("min", contains(101.0f)).body("max", contains(199.7f)).body("count", contains(38));
        // 105.6 kWh over [05:00, 05:30) is 52.8 per slot; kvarh channels have no slots.
        assertEquals(List.of("2018-09-12 05:00:00+00|52.8", "2018-09-12 05:15:00+00|52.8"), Sql.rows("""
                select x.slot_start, x.kwh from slot_15m x join series s on s.id = x.series_id
                where s.kind = 'meter' and s.key = '212621147|212621147|Import Wh Total' and x.slot_start < '2018-09-12 05:30+00'
                order by 1"""));
        assertEquals(List.of("0"), Sql.rows("""
                select count(*) from slot_15m x join series s on s.id = x.series_id
                where s.kind = 'meter' and s.key = '212621147|212621147|Export varh Total'"""));
    }

    @Test
    void timeOfUse2015RegistersAreChannelsPerPeriodAndRateWithoutSlots() throws Exception {
        postCsv(sample("TOU_214667141_20150901T040057.csv"), null).statusCode(201)
                .body("format", equalTo("TOU-2015")).body("rows", equalTo(8)).body("channels", hasSize(8));
        stats("214667141", "2015-09-01", "2015-09-01", "Export Wh Total").statusCode(200)
                .body("period", contains("Billing Total", "Billing Total", "Current", "Current", "Previous", "Previous", "Total", "Total"))
                .body("rate", contains("Rate 1", "Unified", "Rate 1", "Unified", "Rate 1", "Unified", "Rate 1", "Unified"))
                .body("min", contains(0.146f, 0.146f, 0.004f, 0.004f, 0.146f, 0.146f, 0.15f, 0.15f))
                .body("count", contains(1, 1, 1, 1, 1, 1, 1, 1));
        assertEquals(List.of("0"), Sql.rows("""
                select count(*) from slot_15m x join series s on s.id = x.series_id where s.kind = 'meter' and s.key like '214667141|%'"""));
    }

    @Test
    void importingTheSameFileAgainLeavesTheSameState() throws Exception {
        String csv = sample("TOU_212621678_20180913T05110714.csv");
        postCsv(csv, null).statusCode(201);
        String state = """
                select s.key, (select count(*) from reading r where r.series_id = s.id),
                       (select string_agg(x.slot_start || '=' || x.kwh, ',' order by x.slot_start) from slot_15m x where x.series_id = s.id),
                       (select string_agg(d.day || '=' || d.min_value || '/' || d.max_value || '/' || d.sum_value || '/' || d.readings, ',' order by d.day)
                        from reading_daily d where d.series_id = s.id),
                       (select string_agg(h.bucket_start || '=' || h.energy_kwh, ',' order by h.bucket_start) from rollup_hourly h where h.series_id = s.id)
                from series s where s.kind = 'meter' and s.key like '212621678|%' order by 1""";
        List<String> once = Sql.rows(state);
        postCsv(csv, null).statusCode(201);
        assertEquals(once, Sql.rows(state));
        assertEquals(4, once.size());
    }

    @Test
    void aCorruptedRowRejectsTheWholeFileWithItsLineNumber() throws Exception {
        String[] meter = new String[1];
        String[] lines = privateCopy("LP_210095893_20150901T011608049.csv", "210095893", meter).split("\n", -1);
        lines[9] = lines[9].replace("0.000000", "0.0O0000");
        lines[200] = lines[200].replace("/08/2015", "/13/2015");
        postCsv(String.join("\n", lines), null).statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("The file has 2 bad rows; nothing was imported"))
                .body("errors.line", contains(10, 201))
                .body("errors[0].detail", containsString("is not a number"))
                .body("errors[1].detail", containsString("is not a date and time"));
        stats(meter[0], "2015-08-31", "2015-09-01", null).statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aRepeatedChannelAndTimeRejectsTheFile() throws Exception {
        String[] meter = new String[1];
        String csv = privateCopy("LP_210095893_20150901T011608049.csv", "210095893", meter);
        String[] lines = csv.split("\n", -1);
        postCsv(csv + lines[5] + "\n", null).statusCode(400)
                .body("errors[0].line", equalTo(386))
                .body("errors[0].detail", equalTo("repeats the channel and time of line 6"));
    }

    @Test
    void anUnknownLayoutNamesTheThreeKnownOnes() {
        postCsv("Meter,When,Value\n1,01/01/2015 00:00:00,3\n", null).statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("LP: MeterPoint Code,Serial Number,Plant Code,Date/Time"))
                .body("detail", containsString("TOU-2015: "))
                .body("detail", containsString("TOU-2018: MeterCode,Serial,PlantCode,DateTime"));
        postCsv("", null).statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aFileWithItsNewlinesStrippedIsRefusedWithoutEchoingIt() throws IOException {
        // What `curl -d @file.csv` sends: the whole file as one header line.
        String flattened = sample("LP_210095893_20150901T011608049.csv").replace("\r", "").replace("\n", "");
        String body = postCsv(flattened, null).statusCode(400).contentType(PROBLEM)
                .body("errors[0].line", equalTo(1))
                .body("errors[0].detail", equalTo("header MeterPoint Code,Serial Number,Plant Code,Date/Time,Data T... (31956 characters)"))
                .extract().asString();
        assertTrue(body.length() < 2_000, "the error repeats " + body.length() + " characters of a " + flattened.length() + "-character line");
    }

    @Test
    void bytesThatAreNotUtf8RefuseTheWholeFileWhereverTheyAre() {
        for (int badLine : new int[] {3, 20_000}) {
            String meter = "U" + NEXT_METER.incrementAndGet();
            java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
            file.writeBytes("MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\n".getBytes(StandardCharsets.UTF_8));
            java.time.LocalDateTime t = java.time.LocalDateTime.parse("2015-08-31T00:00:00");
            for (int line = 2; line <= 25_000; line++, t = t.plusMinutes(15)) {
                String plant = line == badLine ? "P" : "P1";
                file.writeBytes((meter + ",S1," + plant).getBytes(StandardCharsets.UTF_8));
                if (line == badLine) {
                    file.write(0xFF);
                }
                file.writeBytes(("," + t.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss"))
                        + ",Import Wh Total,1.5,kwh,\n").getBytes(StandardCharsets.UTF_8));
            }
            admin().contentType("text/csv").body(file.toByteArray()).when().post("/meter-files").then().statusCode(400)
                    .contentType(PROBLEM)
                    .body("detail", equalTo("The file holds bytes that are not UTF-8; send it as UTF-8 text. Nothing was stored"));
            stats(meter, "2015-08-31", "2015-09-30", null).statusCode(404);
        }
    }

    @Test
    void aZoneOtherThanUtcMovesRowsAcrossTheUtcDayBoundary() throws Exception {
        String[] meter = new String[1];
        postCsv(privateCopy("LP_210095893_20150901T011608049.csv", "210095893", meter), "Australia/Melbourne").statusCode(201)
                .body("from", equalTo("2015-08-30T14:45:00Z"))
                .body("to", equalTo("2015-08-31T14:30:00Z"));
        stats(meter[0], "2015-08-31", "2015-08-31", "Export Wh Total").statusCode(200)
                .body("zone", contains("Australia/Melbourne"))
                .body("start", contains("2015-08-30T14:00:00Z"))
                .body("end", contains("2015-08-31T14:00:00Z"))
                .body("count", contains(93));
        // The same channel cannot come again in another zone.
        postCsv(sample("LP_210095893_20150901T011608049.csv").replace("210095893", meter[0]), "UTC").statusCode(409);
    }

    @Test
    void bomCrlfQuotesAndBlankTrailingLinesAreAccepted() {
        String meter = "Q" + NEXT_METER.incrementAndGet();
        String csv = "\uFEFFMeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\r\n"
                + meter + ",\"S,1\",P1,31/08/2015 00:00:00,\"Import Wh Total\",1.5,kwh,\r\n"
                + meter + ",\"S,1\",P1,31/08/2015 00:15:00,Import Wh Total,\"2.5\",kwh,\r\n\r\n\r\n";
        postCsv(csv, null).statusCode(201).body("rows", equalTo(2)).body("channels[0].serial", equalTo("S,1"));
        stats(meter, "2015-08-31", "2015-08-31", null).statusCode(200).body("avg", contains(2.0f)).body("count", contains(2));
    }

    @Test
    void meterListShowsChannelsWithFirstAndLastReading() throws Exception {
        String[] meter = new String[1];
        postCsv(privateCopy("TOU_212621678_20180913T05110714.csv", "212621678", meter), null).statusCode(201);
        admin().queryParam("limit", 1000).when().get("/meters").then().statusCode(200)
                .body("find { it.meter_code == '" + meter[0] + "' }.channels", hasSize(4))
                .body("find { it.meter_code == '" + meter[0] + "' }.channels[0].first_reading", equalTo("2018-09-12T00:00:00Z"));
    }

    @Test
    void badParametersAndRoles() {
        admin().contentType("text/csv").queryParam("zone", "Mars/Olympus").body("x").when().post("/meter-files")
                .then().statusCode(400).body("errors[0].parameter", equalTo("zone"));
        stats("210095893", "2015-08-31", "2015-08-30", null).statusCode(400);
        as(issueKey("coordinator", null)).contentType("text/csv").body("x").when().post("/meter-files").then().statusCode(403);
        as(issueKey("coordinator", null)).when().get("/meters").then().statusCode(200);
    }

    @Test
    void aChangedReImportSpanningYearsRecomputesTheDaysThatHoldReadings() {
        // over 400 days apart: the re-import's daily statistics list only the days with readings
        String meter = "Y" + NEXT_METER.incrementAndGet();
        String rows = LP_HEADER + meter + ",S,P,01/01/2015 00:00:00,Import Wh Total,%s,kwh,\r\n"
                + meter + ",S,P,15/06/2016 12:00:00,Import Wh Total,%s,kwh,\r\n"
                + meter + ",S,P,01/06/2017 23:45:00,Import Wh Total,%s,kwh,\r\n";
        postCsv(String.format(rows, "1", "1", "1"), "Pacific/Kiritimati").statusCode(201);
        postCsv(String.format(rows, "2", "4", "3"), "Pacific/Kiritimati").statusCode(201);
        stats(meter, "2014-12-31", "2017-06-02", "Import Wh Total").statusCode(200)
                .body("date", contains("2015-01-01", "2016-06-15", "2017-06-01"))
                .body("start", contains("2014-12-31T10:00:00Z", "2016-06-14T10:00:00Z", "2017-05-31T10:00:00Z"))
                .body("min", contains(2.0f, 4.0f, 3.0f)).body("count", contains(1, 1, 1));
    }

    @Test
    void aMetersDeviceKeyReadsItsOwnDailyStatisticsOnly() {
        String meter = "K" + NEXT_METER.incrementAndGet();
        String other = "K" + NEXT_METER.incrementAndGet();
        postCsv(LP_HEADER + meter + ",S,P,31/08/2015 00:00:00,Import Wh Total,2.5,kwh,\r\n"
                + other + ",S,P,31/08/2015 00:00:00,Import Wh Total,1,kwh,\r\n", null).statusCode(201);
        String key = issueKey("device", "meter:" + meter);
        as(key).queryParam("from", "2015-08-31").queryParam("to", "2015-08-31").when().get("/meters/" + meter + "/daily-stats")
                .then().statusCode(200).body("min", contains(2.5f)).body("count", contains(1));
        as(key).queryParam("from", "2015-08-31").queryParam("to", "2015-08-31").when().get("/meters/" + other + "/daily-stats")
                .then().statusCode(403).contentType(PROBLEM).body("detail", equalTo("This API key may not read meter:" + other));
        // unknown meters answer 403 too, so a key cannot learn which codes exist
        as(key).queryParam("from", "2015-08-31").queryParam("to", "2015-08-31").when().get("/meters/nosuch/daily-stats").then().statusCode(403);
        as(key).when().get("/meters").then().statusCode(403);
        as(key).contentType("text/csv").body("x").when().post("/meter-files").then().statusCode(403);
    }

    static final String LP_HEADER = "MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\r\n";

    @Test
    void acceptTextCsvAnswersDailyStatisticsAsRfc4180Csv() {
        String meter = "C" + NEXT_METER.incrementAndGet();
        // A plant code with a quote and a comma must come back quoted, its quotes doubled.
        postCsv(LP_HEADER
                + meter + ",S1,\"Plant \"\"A\"\", north\",31/08/2015 00:00:00,Import Wh Total,1.5,kwh,\r\n"
                + meter + ",S1,\"Plant \"\"A\"\", north\",31/08/2015 00:15:00,Import Wh Total,2.5,kwh,\r\n"
                + meter + ",S1,\"Plant \"\"A\"\", north\",31/08/2015 00:30:00,Import Wh Total,3.5,kwh,\r\n"
                + meter + ",S1,\"Plant \"\"A\"\", north\",31/08/2015 00:00:00,Import varh Total,4,kvarh,\r\n", null).statusCode(201);
        admin().accept("text/csv").queryParam("from", "2015-08-31").queryParam("to", "2015-09-01").when().get("/meters/" + meter + "/daily-stats")
                .then().statusCode(200)
                .header("Content-Type", "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"meters-" + meter + "-daily-stats.csv\"")
                .body(equalTo("date,start,end,zone,serial,data_type,period,rate,units,plant_code,min,max,avg,count\r\n"
                        + "2015-08-31,2015-08-31T00:00:00Z,2015-09-01T00:00:00Z,UTC,S1,Import Wh Total,,,kwh,\"Plant \"\"A\"\", north\",1.5,3.5,2.5,3\r\n"
                        + "2015-08-31,2015-08-31T00:00:00Z,2015-09-01T00:00:00Z,UTC,S1,Import varh Total,,,kvarh,\"Plant \"\"A\"\", north\",4.0,4.0,4.0,1\r\n"));
        admin().accept("application/json").queryParam("from", "2015-08-31").queryParam("to", "2015-09-01").when().get("/meters/" + meter + "/daily-stats")
                .then().statusCode(200).contentType("application/json")
                .body("plant_code", contains("Plant \"A\", north", "Plant \"A\", north")).body("avg", contains(2.5f, 4.0f));
        admin().accept("application/xml").queryParam("from", "2015-08-31").queryParam("to", "2015-09-01").when().get("/meters/" + meter + "/daily-stats")
                .then().statusCode(406).contentType(PROBLEM);
        admin().accept("text/csv").queryParam("from", "2015-08-31").queryParam("to", "2015-09-01").when().get("/meters/no-such-meter/daily-stats")
                .then().statusCode(404).contentType(PROBLEM);
        admin().accept("text/csv").queryParam("from", "2015-08-31").when().get("/meters/" + meter + "/daily-stats")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("to"));
    }

    @Test
    void metersArePagedByCodeWithANextLink() {
        // Codes that sort after every other test's meters (digits, T..., C...), so the last pages are this test's alone.
        postCsv(LP_HEADER + "zzzpage3,S,P,31/08/2015 00:00:00,Import Wh Total,1,kwh,\r\n"
                + "zzzpage1,S,P,31/08/2015 00:00:00,Import Wh Total,1,kwh,\r\n"
                + "zzzpage2,S,P,31/08/2015 00:00:00,Import Wh Total,1,kwh,\r\n"
                + "zzzpage2,S,P,31/08/2015 00:00:00,Export Wh Total,1,kwh,\r\n", null).statusCode(201);
        String base = "http://localhost:" + RestAssured.port + "/meters";
        admin().queryParam("after", "zzzpage").queryParam("limit", 2).when().get("/meters").then().statusCode(200)
                .header("Link", "<" + base + "?limit=2&after=zzzpage2>; rel=\"next\"")
                .body("meter_code", contains("zzzpage1", "zzzpage2"))
                .body("[1].channels.data_type", contains("Export Wh Total", "Import Wh Total"));
        admin().urlEncodingEnabled(false).when().get(base + "?limit=2&after=zzzpage2").then().statusCode(200)
                .header("Link", nullValue())
                .body("meter_code", contains("zzzpage3"));

        // Following the links one meter a page gives every meter exactly once, in the order of one big page.
        List<String> all = admin().queryParam("limit", 1000).when().get("/meters").then().statusCode(200)
                .header("Link", nullValue()).extract().jsonPath().getList("meter_code");
        List<String> paged = new ArrayList<>();
        String url = base + "?limit=1";
        while (url != null) {
            var page = admin().urlEncodingEnabled(false).when().get(url).then().statusCode(200).extract();
            paged.addAll(page.jsonPath().getList("meter_code"));
            String link = page.header("Link");
            url = link == null ? null : link.substring(1, link.indexOf('>'));
            assertTrue(paged.size() <= all.size(), "paging ends");
        }
        assertEquals(all, paged);
        assertEquals(List.of("zzzpage1", "zzzpage2", "zzzpage3"), all.subList(all.size() - 3, all.size()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
        "limit ; 0",
        "limit ; 1001",
        "limit ; many",
        "after ; a|b",
        "after ; 12345678901234567890123456789012345678901234567890123456789012345",
    })
    void aBadLimitOrAfterIs400NamingIt(String name, String value) {
        admin().queryParam(name, value).when().get("/meters").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].parameter", equalTo(name));
    }

    @Test
    void theMeterLimitsBoundsAreAccepted() {
        postCsv(LP_HEADER + "B" + NEXT_METER.incrementAndGet() + ",S,P,31/08/2015 00:00:00,Import Wh Total,1,kwh,\r\n", null).statusCode(201);
        admin().queryParam("limit", 1).when().get("/meters").then().statusCode(200).body("$", hasSize(1));
        admin().queryParam("limit", 1000).when().get("/meters").then().statusCode(200);
    }

    @Test
    void aKwhRowInTheLastHourOfTheSupportedRangeIsStored() {
        // its slots' last local day ends on 10000-01-01, which the day statistics' array once sent as "+10000-…" (a 500)
        String meter = "Z" + NEXT_METER.incrementAndGet();
        postCsv(LP_HEADER + meter + ",S,P,30/12/9999 23:00:00,Import Wh Total,1.5,kwh,\r\n", null).statusCode(201)
                .body("rows", equalTo(1)).body("from", equalTo("9999-12-30T23:00:00Z")).body("to", equalTo("9999-12-30T23:00:00Z"));
    }

    @Test
    void aRowWhoseIntervalReachesPastTheSupportedRangeRefusesTheFile() throws Exception {
        // its 15 minutes, [23:50, 00:05), put energy in the 9999-12-31T00:00 slot, which was stored where no answer reaches
        String late = "Z" + NEXT_METER.incrementAndGet();
        postCsv(LP_HEADER + late + ",S,P,30/12/9999 23:50:00,Import Wh Total,1.5,kwh,\r\n", null).statusCode(400)
                .contentType(PROBLEM).body("detail", startsWith("The reading at 9999-12-30T23:50:00Z covers time up to 9999-12-31T00:05:00Z"));
        assertEquals(List.of("0"), Sql.rows("select count(*) from series where key like ?", late + "|%"));
    }

    @Test
    void aMeterCodeThatAUrlWouldNormalizeAwayIsABadRow() {
        postCsv(LP_HEADER + "..,S,P,31/08/2015 00:00:00,Import Wh Total,1,kwh,\r\n.,S,P,31/08/2015 00:00:00,Import Wh Total,1,kwh,\r\n", null)
                .statusCode(400).contentType(PROBLEM).body("errors.line", contains(2, 3))
                .body("errors[0].detail", equalTo("MeterPoint Code '..' cannot be a path segment; use another code"));
    }

    @Test
    void anUnreadableMultipartBodyIs400() {
        admin().contentType("multipart/form-data; boundary=XyZ").body("garbage".getBytes(StandardCharsets.UTF_8)).when().post("/meter-files")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("The multipart body could not be read (Connection terminated parsing multipart request). Send a "
                        + "multipart/form-data body that ends with its closing boundary, with at most 1,000 parts"));
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i <= 1_000; i++) {
            parts.append("--XyZ\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nx\r\n");
        }
        admin().contentType("multipart/form-data; boundary=XyZ").body(parts.append("--XyZ--\r\n").toString().getBytes(StandardCharsets.UTF_8))
                .when().post("/meter-files")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("The multipart body could not be read (Param limit of 1000 was exceeded). Send a "
                        + "multipart/form-data body that ends with its closing boundary, with at most 1,000 parts"));
    }

    @Test
    void aRowTheCsvParserCannotReadIsNamedByItsLine() {
        String meter = "W" + NEXT_METER.incrementAndGet();
        String csv = LP_HEADER + meter + ",S,P,01/01/2015 00:00:00,Import Wh Total,1,kwh,\r\n" + ",".repeat(20_000) + "\r\n";
        postCsv(csv, null).statusCode(400).contentType(PROBLEM).body("errors[0].line", equalTo(3))
                .body("errors[0].detail", org.hamcrest.Matchers.startsWith("unreadable CSV: Exception when reading record that started in line 3"));
    }

    @Test
    void aLargeBase64PartIsA400ProblemNotAServerError() throws IOException {
        // valid base64 of a real file, which RESTEasy's parser decodes a network buffer at a time: where a buffer ends
        // inside a four-character group it throws (a 500 before), elsewhere it decodes garbage, which the import refuses
        String encoded = java.util.Base64.getEncoder().encodeToString(sample("TOU_212621147_20180915T01200916.csv").getBytes(StandardCharsets.UTF_8));
        String body = "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.csv\"\r\nContent-Type: text/csv\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n--XYZ--\r\n";
        admin().contentType("multipart/form-data; boundary=XYZ").body(body.getBytes(StandardCharsets.US_ASCII)).when().post("/meter-files")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /**
     * A file spanning 70 years: on TimescaleDB its readings fall in thousands of weekly chunks, each locked until the
     * import commits, which a default max_locks_per_transaction cannot hold. Stored (201) or refused as too large
     * (413, saying what to raise), never a 500.
     */
    @Test
    void aFileSpanningDecadesIsStoredOrRefusedAsTooLargeNeverAServerError() throws Exception {
        String meter = "D" + Long.toString(System.nanoTime(), 36);
        StringBuilder csv = new StringBuilder(MeterImportConsistencyTest.HEADER);
        java.time.LocalDate day = java.time.LocalDate.parse("1950-01-01");
        for (int d = 0; d < 25_600; d++, day = day.plusDays(1)) {
            csv.append(meter).append(',').append(meter).append(",PC,").append(String.format("%02d/%02d/%04d 12:00:00",
                    day.getDayOfMonth(), day.getMonthValue(), day.getYear())).append(",Import varh Total,1.5,kvarh,\n");
        }
        // On TimescaleDB the refusal comes after some 3,600 chunks are made: about 30 s on a slow machine, the tests' default wait
        var response = admin().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 120_000)))
                .contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8)).when().post("/meter-files")
                .then().extract();
        assertTrue(response.statusCode() == 201 || response.statusCode() == 413, response.statusCode() + " " + response.body().asString());
        if (response.statusCode() == 413) {
            assertEquals("application/problem+json", response.contentType());
            assertTrue(response.body().asString().contains("raise max_locks_per_transaction"), response.body().asString());
            assertEquals(List.of("0"), Sql.rows("select count(*) from series where kind = 'meter' and key like ?", meter + "|%"),
                    "nothing was stored");
        }
    }

    /** SPEC §6: a channel's values are never mixed, so one channel's rows in two units are refused, in one file or two. */
    @Test
    void aChannelKeepsOneUnit() throws Exception {
        String meter = "U" + NEXT_METER.incrementAndGet();
        String header = "MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\n";
        String kwh = meter + "," + meter + ",P,01/01/2020 00:00:00,Import Wh Total,1,kwh,\n";
        postCsv(header + kwh + meter + "," + meter + ",P,01/01/2020 00:15:00,Import Wh Total,50,kvarh,\n", null).statusCode(400)
                .contentType(PROBLEM)
                .body("errors.line", contains(3)).body("detail", equalTo("The file has 1 bad row; nothing was imported"))
                .body("errors.detail", contains("units kvarh differ from kwh, this channel's units (as stored, or as the file's first row of it gave them)"));
        assertEquals(List.of("0"), Sql.rows("select count(*) from series where kind = 'meter' and key like ?", meter + "|%"), "nothing was stored");

        postCsv(header + kwh, null).statusCode(201);
        // Another spelling of the same unit is the same unit; another unit is a conflict with what is stored.
        postCsv(header + meter + "," + meter + ",P,01/01/2020 00:15:00,Import Wh Total,2,KWH,\n", null).statusCode(201)
                .body("channels[0].units", equalTo("kwh")); // the channel's units, as stored and shown by daily-stats
        postCsv(header + meter + "," + meter + ",P,01/01/2020 00:30:00,Import Wh Total,50,Wh,\n", null).statusCode(409).contentType(PROBLEM)
                .body("detail", equalTo("Meter " + meter + " channel Import Wh Total is kept in units kwh; this file has units Wh"));
        stats(meter, "2020-01-01", "2020-01-01", null).statusCode(200).body("count", contains(2)).body("max", contains(2.0f))
                .body("units", contains("kwh"));
        // Case is a unit's prefix elsewhere: mWh and MWh differ by 10^9, mV and MV too
        String milli = "V" + NEXT_METER.incrementAndGet();
        postCsv(header + milli + "," + milli + ",P,01/01/2020 00:00:00,Import Wh Total,1,mWh,\n", null).statusCode(201);
        postCsv(header + milli + "," + milli + ",P,01/01/2020 00:15:00,Import Wh Total,1,MWh,\n", null).statusCode(409);
        postCsv(header + milli + "," + milli + ",P,01/01/2020 00:00:00,Voltage,5,mV,\n" + milli + "," + milli
                + ",P,01/01/2020 00:15:00,Voltage,5,MV,\n", null).statusCode(400).body("errors.line", contains(3));
    }

    /** Each field within its 64 characters, the channel's key (all five joined) over the registry's 200: a 400, where it was a 500. */
    @Test
    void aTou2015ChannelWhoseJoinedKeyIsTooLongIsRefusedByLine() {
        String csv = "MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Energy,Maximum Demand,Time of Max Demand,Units,Status,"
                + "Period,DLS Active,Billing Reset Count,Billing Reset Date/Time,Rate\n"
                + "M".repeat(64) + "," + "S".repeat(64) + ",PLANT,01/09/2015 04:00:12," + "D".repeat(64)
                + ",0.15,0.012,30/12/1899 00:00:00,kwh,ok," + "P".repeat(10) + ",False,2,01/09/2015 00:00:00," + "R".repeat(10) + "\n";
        postCsv(csv, null).statusCode(400).contentType(PROBLEM)
                .body("errors.line", contains(2))
                .body("errors.detail", contains("the channel's meter code, serial number, data type, period and rate have 216 characters "
                        + "together with their 4 separators; at most 200"));
    }
}
