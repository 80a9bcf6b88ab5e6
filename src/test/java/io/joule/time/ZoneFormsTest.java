package io.joule.time;

import static io.joule.testing.Api.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SPEC §1: a fixed offset means what the IANA zone with that constant offset means (east is +).
 * Every accepted form is checked end to end (sensor days, /consumption, /consumption_data, meter
 * daily stats, footprints) against the IANA zone, on a day when that zone has the same offset.
 */
@QuarkusTest
class ZoneFormsTest {
    /** IANA zone, a day on which it has the offset, the canonical form, and the other forms of that offset. */
    record Case(String iana, String day, String canonical, List<String> forms) {
    }

    static final List<Case> CASES = List.of(
            new Case("Asia/Karachi", "2020-07-27", "+05:00", List.of("+05:00", "UTC+05:00", "GMT+5", "UTC+5", "+0500", "Etc/GMT-5")),
            new Case("Asia/Kolkata", "2020-07-27", "+05:30", List.of("+05:30", "UTC+05:30", "GMT+05:30")),
            new Case("Asia/Kathmandu", "2020-07-27", "+05:45", List.of("+05:45", "UTC+05:45")),
            new Case("America/St_Johns", "2020-01-15", "-03:30", List.of("-03:30", "UTC-03:30", "GMT-03:30")),
            new Case("America/Bogota", "2020-07-27", "-05:00", List.of("-05:00", "GMT-5", "Etc/GMT+5")),
            new Case("Atlantic/Reykjavik", "2020-07-27", "UTC", List.of("UTC", "Z", "+00:00", "GMT", "Etc/UTC")));

    @Test
    void everyFormParsesToItsCanonicalOffset() {
        for (Case c : CASES) {
            for (String form : c.forms()) {
                assertEquals(c.canonical(), Zones.parse(form).orElseThrow().getId(), form);
            }
        }
        assertEquals("Europe/Berlin", Zones.parse("Europe/Berlin").orElseThrow().getId());
        assertEquals(java.util.Optional.empty(), Zones.parse("+25:00"));
        assertEquals(java.util.Optional.empty(), Zones.parse("Mars/Olympus"));
        assertEquals(java.util.Optional.empty(), Zones.parse("UTC\u0000"));
        // seconds would put local midnight between slots (a sensor's day ended at 18:14:30Z)
        assertEquals(java.util.Optional.empty(), Zones.parse("+05:45:30"));
        assertEquals(java.util.Optional.empty(), Zones.parse("+00:00:30"));
        assertEquals("-03:30", Zones.parse("-03:30:00").orElseThrow().getId());
    }

    @Test
    void sensorsAnswerAsTheIanaZoneDoes() {
        for (Case c : CASES) {
            LocalDate day = LocalDate.parse(c.day());
            ZoneId iana = ZoneId.of(c.iana());
            Map<String, Object> expected = null;
            for (String zone : prepend(c.iana(), c.forms())) {
                String id = "z" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
                String key = admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"" + id + "\", \"zone\": \"" + zone + "\"}")
                        .when().post("/sensors").then().statusCode(201)
                        .body("zone", equalTo(zone.equals(c.iana()) ? c.iana() : c.canonical())).extract().path("api_key");
                // local: the day before 23:00 → 10, 01:00 → 20, 12:00 → 25, 23:30 → 40, next day 00:30 → 100
                Object[][] levels = {{day.minusDays(1), "23:00", 10}, {day, "01:00", 20}, {day, "12:00", 25}, {day, "23:30", 40},
                        {day.plusDays(1), "00:30", 100}};
                StringBuilder batch = new StringBuilder("[");
                for (Object[] l : levels) {
                    String at = LocalDateTime.of((LocalDate) l[0], java.time.LocalTime.parse((String) l[1])).atZone(iana).toInstant().toString();
                    batch.append(batch.length() == 1 ? "" : ",").append("{\"sensor_id\": \"").append(id)
                            .append("\", \"water_level\": ").append(l[2]).append(", \"created_at\": \"").append(at).append("\"}");
                }
                admin().contentType(ContentType.JSON).body(batch.append("]").toString()).when().post("/readings").then().statusCode(200);

                JsonPath days = admin().queryParam("from", day.minusDays(1).toString()).queryParam("to", day.plusDays(1).toString())
                        .when().get("/sensors/" + id + "/consumption").then().statusCode(200).extract().jsonPath();
                JsonPath consumption = admin().queryParam("date", c.day()).when().get("/consumption").then().statusCode(200)
                        .extract().jsonPath();
                JsonPath data = admin().queryParam("date", c.day()).when().get("/consumption_data").then().statusCode(200)
                        .extract().jsonPath();
                Map<String, Object> answers = Map.of(
                        "days", days.getList("$"),
                        "consumption", consumption.getList("findAll { it.sensor_id == '" + id + "' }.consumption"),
                        "data", data.getList("findAll { it.sensor_id == '" + id + "' }.data"));
                // the literal answer: the day has the rises 10 (01:00), 5 and 15; the next 60
                assertEquals(List.of(30.0f), answers.get("consumption"), zone);
                assertEquals(List.of(30.0f, 60.0f), days.getList("findAll { it.date >= '" + c.day() + "' }.consumption"), zone);
                assertEquals(3, data.getList("findAll { it.sensor_id == '" + id + "' }[0].data").size(), zone);
                assertEquals(day.atStartOfDay(iana).toInstant().toString(), days.getString("find { it.date == '" + c.day() + "' }.start"), zone);
                if (expected == null) {
                    expected = answers;
                } else {
                    assertEquals(expected, answers, zone + " answers as " + c.iana());
                }
            }
        }
    }

    @Test
    void meterDailyStatsAnswerAsTheIanaZoneDoes() {
        DateTimeFormatter lp = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
        for (Case c : CASES) {
            LocalDate day = LocalDate.parse(c.day());
            List<Object> expected = null;
            for (String zone : prepend(c.iana(), c.forms())) {
                String meter = "Z" + UUID.randomUUID().toString().substring(0, 8);
                StringBuilder csv = new StringBuilder("MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\n");
                String[][] rows = {{"-1", "22:00", "1"}, {"-1", "23:00", "2"}, {"-1", "23:45", "3"}, {"0", "00:00", "4"}, {"0", "00:15", "5"},
                        {"0", "01:00", "6"}};
                for (String[] r : rows) {
                    LocalDateTime at = day.plusDays(Long.parseLong(r[0])).atTime(java.time.LocalTime.parse(r[1]));
                    csv.append(meter).append(",S1,P1,").append(lp.format(at)).append(",Import Wh Total,").append(r[2]).append(",kwh,\n");
                }
                admin().contentType("text/csv").queryParam("zone", zone).body(csv.toString().getBytes(StandardCharsets.UTF_8))
                        .when().post("/meter-files").then().statusCode(201);
                JsonPath stats = admin().queryParam("from", day.minusDays(2).toString()).queryParam("to", day.plusDays(1).toString())
                        .when().get("/meters/" + meter + "/daily-stats").then().statusCode(200)
                        .body("date", contains(day.minusDays(1).toString(), day.toString()))
                        .body("count", contains(3, 3)).body("min", contains(1.0f, 4.0f)).body("max", contains(3.0f, 6.0f))
                        .body("zone", contains(zone.equals(c.iana()) ? c.iana() : c.canonical(), zone.equals(c.iana()) ? c.iana() : c.canonical()))
                        .extract().jsonPath();
                List<Object> answers = List.of(stats.getList("date"), stats.getList("start"), stats.getList("end"), stats.getList("avg"));
                if (expected == null) {
                    expected = answers;
                } else {
                    assertEquals(expected, answers, zone + " answers as " + c.iana());
                }
            }
        }
    }

    @Test
    void footprintHalfHoursAnswerAsTheIanaZoneDoes() {
        String asset = "zf" + UUID.randomUUID().toString().substring(0, 8);
        admin().contentType("text/csv").body("Time,Variable,AssetId,Value\n2020-07-26 12:00:00,power," + asset + ",4\n")
                .when().post("/assets/power").then().statusCode(200);
        for (Case c : CASES) {
            Object expected = null;
            for (String zone : prepend(c.iana(), c.forms())) {
                Object halfHours = admin().queryParam("date", "2020-07-26").queryParam("zone", zone)
                        .when().get("/assets/" + asset + "/footprint").then().statusCode(200)
                        .body("zone", equalTo(zone.equals(c.iana()) ? c.iana() : c.canonical()))
                        .extract().jsonPath().getList("half_hours");
                if (expected == null) {
                    expected = halfHours;
                } else if (!c.iana().equals("America/St_Johns")) { // in July St John's is -02:30, not -03:30
                    assertEquals(expected, halfHours, zone + " answers as " + c.iana());
                }
            }
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
