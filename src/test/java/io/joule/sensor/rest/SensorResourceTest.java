package io.joule.sensor.rest;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.as;
import static io.joule.testing.Api.issueKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** SPEC §4 and the ownership rules, with the seed's numbers. */
@QuarkusTest
public class SensorResourceTest {
    static final String PROBLEM = "application/problem+json";

    /** Registers a sensor with a fresh id; answers {id, device key}. */
    public static String[] sensor(String zone) {
        String id = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String key = admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"" + id + "\", \"zone\": \"" + zone + "\"}")
                .when().post("/sensors").then().statusCode(201)
                .body("sensor_id", equalTo(id)).body("zone", equalTo(zone)).body("unit", equalTo("cm"))
                .extract().path("api_key");
        return new String[] {id, key};
    }

    /** Creates a user; answers {user id, key}. */
    static String[] user() {
        String name = "u" + UUID.randomUUID();
        var body = admin().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}").when().post("/users")
                .then().statusCode(201).body("name", equalTo(name)).extract();
        return new String[] {body.path("user_id"), body.path("api_key")};
    }

    static ValidatableResponse post(String key, String json) {
        return as(key).contentType(ContentType.JSON).body(json).when().post("/readings").then();
    }

    static String level(String sensor, double level, String at) {
        return "{\"sensor_id\": \"" + sensor + "\", \"water_level\": " + level + ", \"created_at\": \"" + at + "\"}";
    }

    static ValidatableResponse days(String key, String sensor, String from, String to) {
        return as(key).queryParam("from", from).queryParam("to", to).when().get("/sensors/" + sensor + "/consumption").then();
    }

    /** Over 512 KB, readings are parsed off the event loop; the sensor lookup (Hibernate Reactive) and the key check follow. */
    @Test
    void aLargeBodyOfReadingsIsStoredAndCheckedAgainstItsSensorsKey() {
        String[] mine = sensor("UTC");
        String[] other = sensor("UTC");
        StringBuilder json = new StringBuilder("[");
        java.time.Instant start = java.time.Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < 6_000; i++) {
            json.append(i == 0 ? "" : ",").append(level(mine[0], 100 + i % 7, start.plusSeconds(60L * i).toString()));
        }
        String body = json.append(']').toString();
        org.junit.jupiter.api.Assertions.assertTrue(body.length() > 512 * 1024, "over the inline limit: " + body.length());
        post(other[1], body).statusCode(403).contentType(PROBLEM);
        post(mine[1], body).statusCode(200).body("readings", equalTo(6_000));
    }

    @Test
    void theSeedsTwoSensorsConsume104And30() {
        String[] a = sensor("UTC");
        String[] b = sensor("UTC");
        post(a[1], "[" + level(a[0], 126, "2020-07-27T08:00:00Z") + "," + level(a[0], 128, "2020-07-27T12:00:00Z") + ","
                + level(a[0], 230, "2020-07-27T18:00:00Z") + "]").statusCode(200).body("readings", equalTo(3));
        for (String[] l : new String[][] {{"100", "06:00"}, {"123", "09:00"}, {"13", "15:00"}, {"20", "21:00"}}) {
            post(b[1], level(b[0], Double.parseDouble(l[0]), "2020-07-27T" + l[1] + ":00Z")).statusCode(200);
        }
        days(a[1], a[0], "2020-07-27", "2020-07-27").statusCode(200)
                .body("date", contains("2020-07-27")).body("consumption", contains(104.0f))
                .body("start", contains("2020-07-27T00:00:00Z")).body("end", contains("2020-07-28T00:00:00Z"));
        days(b[1], b[0], "2020-07-27", "2020-07-27").statusCode(200).body("consumption", contains(30.0f));
        admin().queryParam("date", "2020-07-27").when().get("/consumption").then().statusCode(200)
                .body("find { it.sensor_id == '" + a[0] + "' }.consumption", equalTo(104.0f))
                .body("find { it.sensor_id == '" + b[0] + "' }.consumption", equalTo(30.0f))
                .body("find { it.sensor_id == '" + b[0] + "' }.date", equalTo("2020-07-27"));
        as(b[1]).queryParam("date", "2020-07-27").when().get("/consumption_data").then().statusCode(200)
                .body("sensor_id", contains(b[0]))
                .body("[0].data.water_level", contains(100.0f, 123.0f, 13.0f, 20.0f))
                .body("[0].data.created_at", contains("2020-07-27T06:00:00Z", "2020-07-27T09:00:00Z", "2020-07-27T15:00:00Z", "2020-07-27T21:00:00Z"));
    }

    @Test
    void outOfOrderArrivalGivesTheSameAnswer() {
        String[] s = sensor("UTC");
        post(s[1], level(s[0], 13, "2020-07-27T15:00:00Z")).statusCode(200);
        post(s[1], level(s[0], 20, "2020-07-27T21:00:00Z")).statusCode(200);
        post(s[1], level(s[0], 100, "2020-07-27T06:00:00Z")).statusCode(200);
        days(s[1], s[0], "2020-07-27", "2020-07-27").body("consumption", contains(7.0f));
        post(s[1], level(s[0], 123, "2020-07-27T09:00:00Z")).statusCode(200);
        days(s[1], s[0], "2020-07-27", "2020-07-27").body("consumption", contains(30.0f));
        // A correction replaces the level and the consumption follows.
        post(s[1], level(s[0], 125, "2020-07-27T09:00:00Z")).statusCode(200);
        days(s[1], s[0], "2020-07-27", "2020-07-27").body("consumption", contains(32.0f));
    }

    @Test
    void levelsSentInShuffledBatchesGiveWhatOneBatchGives() {
        // 30 levels over four days, some hours apart, some days apart: a batch is several ranges around its levels
        java.util.Random random = new java.util.Random(7);
        java.util.TreeMap<String, Integer> byTime = new java.util.TreeMap<>();
        while (byTime.size() < 30) {
            byTime.put(String.format("2020-07-%02dT%02d:%02d:00Z", 24 + random.nextInt(4), random.nextInt(24), 5 * random.nextInt(12)),
                    random.nextInt(200));
        }
        java.util.List<String> levels = new java.util.ArrayList<>();
        byTime.forEach((at, value) -> levels.add(at + "|" + value));
        String[] whole = sensor("UTC");
        String[] shuffled = sensor("UTC");
        post(whole[1], batch(whole[0], levels)).statusCode(200);
        java.util.Collections.shuffle(levels, random);
        for (int from = 0; from < levels.size(); from += 7) {
            post(shuffled[1], batch(shuffled[0], levels.subList(from, Math.min(levels.size(), from + 7)))).statusCode(200);
        }
        java.util.List<Float> expected = days(whole[1], whole[0], "2020-07-24", "2020-07-27").statusCode(200).extract().path("consumption");
        assertEquals(4, expected.size());
        days(shuffled[1], shuffled[0], "2020-07-24", "2020-07-27").statusCode(200).body("consumption", equalTo(expected));
    }

    @Test
    void levelsFarFromStoredOnesRewriteOnlyTheirSlotsAndTheSlotOfTheLevelAfterEach() throws Exception {
        String[] s = sensor("UTC");
        StringBuilder day = new StringBuilder("[");
        for (int hour = 0; hour < 24; hour++) {
            day.append(hour == 0 ? "" : ",").append(level(s[0], 100 + hour, String.format("2020-07-10T%02d:00:00Z", hour)));
        }
        post(s[1], day + "]").statusCode(200);
        long series = Long.parseLong(Sql.rows("select id from series where kind = 'sensor' and key = ?", s[0]).get(0));
        // TimescaleDB compresses chunks this old, and compressed rows have no xmin
        boolean plain = Sql.rows("select count(*) from pg_extension where extname = 'timescaledb'").equals(java.util.List.of("0"));
        String firstWrite = plain ? Sql.rows("select distinct xmin::text from slot_15m where series_id = ?", series).get(0) : null;
        post(s[1], "[" + level(s[0], 90, "2020-07-01T00:00:00Z") + "," + level(s[0], 150, "2020-07-20T00:00:00Z") + "]").statusCode(200);
        // 07-10 00:00 now rises from the level of 07-01 (90 to 100), 07-20 from 07-10 23:00 (123 to 150); 01:00..23:00 keep theirs
        if (plain) {
            assertEquals(java.util.List.of("23"), Sql.rows("select count(*) from slot_15m where series_id = ? and xmin::text = ?",
                    series, firstWrite), "stored slots between, untouched");
            assertEquals(java.util.List.of("2020-07-10 00:00:00+00|10", "2020-07-20 00:00:00+00|27"),
                    Sql.rows("select slot_start, kwh from slot_15m where series_id = ? and xmin::text <> ? order by 1", series, firstWrite));
        }
        days(s[1], s[0], "2020-07-01", "2020-07-20").statusCode(200)
                .body("date", contains("2020-07-10", "2020-07-20")).body("consumption", contains(33.0f, 27.0f));
    }

    private static String batch(String sensor, java.util.List<String> levels) {
        return levels.stream().map(l -> level(sensor, Double.parseDouble(l.split("\\|")[1]), l.split("\\|")[0]))
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    @Test
    void aRiseAcrossMidnightLandsOnTheLaterDay() {
        String[] s = sensor("UTC");
        post(s[1], "[" + level(s[0], 50, "2020-07-27T23:50:00Z") + "," + level(s[0], 80, "2020-07-28T00:10:00Z") + "]").statusCode(200);
        days(s[1], s[0], "2020-07-27", "2020-07-28").statusCode(200)
                .body("date", contains("2020-07-28")).body("consumption", contains(30.0f));
    }

    @Test
    void aBerlinSensorPutsARiseAt2230ZOnTheNextLocalDay() {
        String[] s = sensor("Europe/Berlin");
        post(s[1], "[" + level(s[0], 10, "2020-07-27T21:00:00Z") + "," + level(s[0], 25, "2020-07-27T22:30:00Z") + "]").statusCode(200);
        days(s[1], s[0], "2020-07-27", "2020-07-28").statusCode(200)
                .body("date", contains("2020-07-28"))
                .body("start", contains("2020-07-27T22:00:00Z"))
                .body("end", contains("2020-07-28T22:00:00Z"))
                .body("consumption", contains(15.0f));
        admin().queryParam("date", "2020-07-28").when().get("/consumption").then()
                .body("find { it.sensor_id == '" + s[0] + "' }.consumption", equalTo(15.0f));
    }

    @Test
    void oneReportOverManySensorsGivesEachItsOwnLocalDay() {
        String[] utc = sensor("UTC");
        String[] berlin = sensor("Europe/Berlin");
        String[] kathmandu = sensor("Asia/Kathmandu");
        for (String[] s : new String[][] {utc, berlin, kathmandu}) {
            post(s[1], "[" + level(s[0], 10, "2020-07-27T21:00:00Z") + "," + level(s[0], 25, "2020-07-27T22:30:00Z") + "]").statusCode(200);
        }
        // More sensors than the connection pool holds, all in one report.
        java.util.List<String> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String[] s = sensor("UTC");
            post(s[1], "[" + level(s[0], 100, "2020-07-28T06:00:00Z") + "," + level(s[0], 100 + i, "2020-07-28T07:00:00Z") + "]").statusCode(200);
            many.add(s[0]);
        }
        ValidatableResponse report = admin().queryParam("date", "2020-07-28").when().get("/consumption").then().statusCode(200)
                .body("find { it.sensor_id == '" + berlin[0] + "' }.consumption", equalTo(15.0f))
                .body("find { it.sensor_id == '" + kathmandu[0] + "' }.consumption", equalTo(15.0f))
                .body("find { it.sensor_id == '" + utc[0] + "' }", org.hamcrest.Matchers.nullValue());
        for (int i = 1; i <= 40; i++) {
            report.body("find { it.sensor_id == '" + many.get(i - 1) + "' }.consumption", equalTo((float) i));
        }
        admin().queryParam("date", "2020-07-27").when().get("/consumption").then().statusCode(200)
                .body("find { it.sensor_id == '" + utc[0] + "' }.consumption", equalTo(15.0f));
    }

    @Test
    void theOwnershipMatrix() {
        String[] s = sensor("UTC");
        String[] other = sensor("UTC");
        String[] owner = user();
        String[] stranger = user();
        post(s[1], level(s[0], 1, "2020-07-27T01:00:00Z")).statusCode(200);
        post(s[1], level(s[0], 4, "2020-07-27T02:00:00Z")).statusCode(200);
        as(owner[1]).when().post("/sensors/" + s[0] + "/owner").then().statusCode(200).body("owner", equalTo(owner[0]));
        as(owner[1]).when().post("/sensors/" + s[0] + "/owner").then().statusCode(200);
        as(stranger[1]).when().post("/sensors/" + s[0] + "/owner").then().statusCode(409).contentType(PROBLEM);

        days(owner[1], s[0], "2020-07-27", "2020-07-27").statusCode(200).body("consumption", contains(3.0f));
        days(io.joule.testing.Api.ADMIN_KEY, s[0], "2020-07-27", "2020-07-27").statusCode(200);
        days(issueKey("coordinator", null), s[0], "2020-07-27", "2020-07-27").statusCode(200);
        days(s[1], s[0], "2020-07-27", "2020-07-27").statusCode(200);
        days(stranger[1], s[0], "2020-07-27", "2020-07-27").statusCode(404).contentType(PROBLEM);
        days(other[1], s[0], "2020-07-27", "2020-07-27").statusCode(404);
        given().queryParam("from", "2020-07-27").queryParam("to", "2020-07-27").when().get("/sensors/" + s[0] + "/consumption")
                .then().statusCode(401);

        as(owner[1]).queryParam("date", "2020-07-27").when().get("/consumption").then().statusCode(200)
                .body("sensor_id", contains(s[0]));
        as(stranger[1]).queryParam("date", "2020-07-27").when().get("/consumption").then().statusCode(200).body("$", hasSize(0));
        as(other[1]).queryParam("date", "2020-07-27").when().get("/consumption_data").then().statusCode(200).body("$", hasSize(0));

        post(other[1], level(s[0], 9, "2020-07-27T03:00:00Z")).statusCode(403).contentType(PROBLEM);
        post(owner[1], level(s[0], 9, "2020-07-27T03:00:00Z")).statusCode(403);
        post(io.joule.testing.Api.ADMIN_KEY, level(s[0], 9, "2020-07-27T03:00:00Z")).statusCode(200);

        as(stranger[1]).when().delete("/sensors/" + s[0] + "/owner").then().statusCode(404);
        as(owner[1]).when().delete("/sensors/" + s[0] + "/owner").then().statusCode(204);
        days(owner[1], s[0], "2020-07-27", "2020-07-27").statusCode(404);
        as(stranger[1]).when().post("/sensors/" + s[0] + "/owner").then().statusCode(200);
        admin().when().delete("/sensors/" + s[0] + "/owner").then().statusCode(204);
    }

    @Test
    void aFormerOwnersLateUnlinkNeverClearsANewOwnersLink() throws Exception {
        // the unlink read the sensor, checked its owner, then wrote: a new owner's link made in between was cleared
        // (11 of 40 such trials by hand); every trial here races the former owner's unlinks with the new owner's links
        String[] alice = user();
        String[] bob = user();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int trial = 0; trial < 15; trial++) {
                String sensor = sensor("UTC")[0];
                as(alice[1]).when().post("/sensors/" + sensor + "/owner").then().statusCode(200);
                List<Future<Integer>> links = new ArrayList<>();
                List<Future<Integer>> unlinks = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    unlinks.add(pool.submit(() -> as(alice[1]).when().delete("/sensors/" + sensor + "/owner").statusCode()));
                    links.add(pool.submit(() -> as(bob[1]).when().post("/sensors/" + sensor + "/owner").statusCode()));
                }
                boolean bobLinked = false;
                for (var link : links) {
                    bobLinked |= link.get() == 200;
                }
                for (var unlink : unlinks) {
                    int status = unlink.get();
                    assertTrue(status == 204 || status == 404, "unlink answered " + status);
                }
                assertEquals(bobLinked ? List.of(bob[0]) : List.of(""),
                        Sql.rows("select coalesce(owner_id::text, '') from sensor where sensor_id = ?", sensor), "trial " + trial);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aUnitIsCountedInCharactersNotUtf16Units() {
        // 16 drops of water are 32 UTF-16 units: they were refused as more than 16 characters
        String drops = "\uD83D\uDCA7".repeat(16);
        admin().contentType(ContentType.JSON).body("{\"unit\": \"" + drops + "\"}").when().post("/sensors").then().statusCode(201)
                .body("unit", equalTo(drops));
        admin().contentType(ContentType.JSON).body("{\"unit\": \"" + drops + "\uD83D\uDCA7\"}").when().post("/sensors").then()
                .statusCode(400).body("errors[0].pointer", equalTo("/unit"));
    }

    @Test
    void registryRules() {
        admin().contentType(ContentType.JSON).body("{}").when().post("/sensors").then().statusCode(201)
                .body("sensor_id", matchesPattern("[0-9a-f]{24}")).body("zone", equalTo("UTC"));
        String[] s = sensor("UTC");
        admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"" + s[0] + "\"}").when().post("/sensors").then().statusCode(409);
        admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"a/b\"}").when().post("/sensors")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/sensor_id"));
        admin().contentType(ContentType.JSON).body("{\"zone\": \"Moon/Base\"}").when().post("/sensors")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/zone"));
        as(issueKey("coordinator", null)).contentType(ContentType.JSON).body("{}").when().post("/sensors").then().statusCode(403);
        admin().contentType(ContentType.JSON).body("{}").when().post("/users").then().statusCode(400);
        admin().when().post("/sensors/nope-" + UUID.randomUUID() + "/owner").then().statusCode(403);
        as(user()[1]).when().post("/sensors/nope-" + UUID.randomUUID().toString().substring(0, 8) + "/owner").then().statusCode(404);
    }

    /** A name typed with a combining mark is the same name as its precomposed spelling, so the same user. */
    @Test
    void aUserNameHasOneSpelling() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        admin().contentType(ContentType.JSON).body("{\"name\": \"Zo\u00eb " + suffix + "\"}").when().post("/users").then().statusCode(201)
                .body("name", equalTo("Zo\u00eb " + suffix));
        admin().contentType(ContentType.JSON).body("{\"name\": \"Zoe\u0308 " + suffix + "\"}").when().post("/users").then().statusCode(409)
                .body("detail", equalTo("A user named Zo\u00eb " + suffix + " exists"));
        admin().contentType(ContentType.JSON).body("{\"name\": \"Zoe\u0308-" + suffix + "\"}").when().post("/users").then().statusCode(201)
                .body("name", equalTo("Zo\u00eb-" + suffix));
        // 51 UTF-16 units that NFC makes 102 code points: a 400, where the table's check made it a 500
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + "\u0958".repeat(51) + "\"}").when().post("/users").then()
                .statusCode(400).body("errors[0].pointer", equalTo("/name"));
        admin().contentType(ContentType.JSON).body("{\"name\": \"alice\u200b" + suffix + "\"}").when().post("/users").then()
                .statusCode(400).body("errors[0].pointer", equalTo("/name"));
    }

    @Test
    void badReadingsAreRefusedWhole() {
        String[] s = sensor("UTC");
        post(s[1], "[" + level(s[0], 5, "2020-07-27T01:00:00Z") + "," + level(s[0], -1, "2020-07-27T02:00:00Z") + "]")
                .statusCode(400).contentType(PROBLEM).body("errors[0].pointer", equalTo("/1/water_level"));
        post(s[1], level(s[0], 5, "2099-01-01T00:00:00Z")).statusCode(400).body("errors[0].pointer", equalTo("/created_at"));
        post(s[1], "{\"sensor_id\": \"" + s[0] + "\", \"water_level\": \"high\"}").statusCode(400);
        post(s[1], "{\"sensor_id\": \"" + s[0] + "\"}").statusCode(400);
        post(io.joule.testing.Api.ADMIN_KEY, level("unknown-" + UUID.randomUUID().toString().substring(0, 8), 5, "2020-07-27T01:00:00Z"))
                .statusCode(404).contentType(PROBLEM);
        days(s[1], s[0], "2020-07-27", "2020-07-27").statusCode(200).body("$", hasSize(0));
        post(s[1], "{\"sensor_id\": \"" + s[0] + "\", \"water_level\": 126}").statusCode(200).body("readings", equalTo(1));
    }

    @Test
    void acceptTextCsvAnswersDailyConsumptionWithTheSensorsUnitInTheHeader() {
        String id = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String key = admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"" + id + "\", \"zone\": \"Europe/Berlin\", \"unit\": \"mm\"}")
                .when().post("/sensors").then().statusCode(201).extract().path("api_key");
        post(key, "[" + level(id, 126, "2020-07-27T08:00:00Z") + "," + level(id, 128, "2020-07-27T12:00:00Z") + ","
                + level(id, 230, "2020-07-27T18:00:00Z") + "," + level(id, 240, "2020-07-28T06:00:00Z") + "]").statusCode(200);
        as(key).accept("text/csv").queryParam("from", "2020-07-26").queryParam("to", "2020-07-28").when().get("/sensors/" + id + "/consumption")
                .then().statusCode(200)
                .header("Content-Type", "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"sensors-" + id + "-consumption.csv\"")
                .body(equalTo("date,start,end,consumption_mm\r\n"
                        + "2020-07-27,2020-07-26T22:00:00Z,2020-07-27T22:00:00Z,104.0\r\n"
                        + "2020-07-28,2020-07-27T22:00:00Z,2020-07-28T22:00:00Z,10.0\r\n"));
        // JSON is still the bare array of days, without the unit.
        as(key).accept("application/json").queryParam("from", "2020-07-26").queryParam("to", "2020-07-28").when().get("/sensors/" + id + "/consumption")
                .then().statusCode(200).contentType("application/json")
                .body("date", contains("2020-07-27", "2020-07-28")).body("consumption", contains(104.0f, 10.0f))
                .body("[0].keySet()", contains("date", "start", "end", "consumption"));
        as(key).accept("text/csv").queryParam("from", "2020-08-01").queryParam("to", "2020-08-01").when().get("/sensors/" + id + "/consumption")
                .then().statusCode(200).body(equalTo("date,start,end,consumption_mm\r\n"));
        as(key).accept("application/xml").queryParam("from", "2020-07-26").queryParam("to", "2020-07-28").when().get("/sensors/" + id + "/consumption")
                .then().statusCode(406).contentType(PROBLEM);
        as(key).accept("text/csv").queryParam("from", "2020-07-26").queryParam("to", "2020-07-28").when().get("/sensors/no-such-sensor/consumption")
                .then().statusCode(404).contentType(PROBLEM);
        as(key).accept("text/csv").queryParam("from", "2020-07-26").when().get("/sensors/" + id + "/consumption")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("to"));
    }
}
