package io.joule.meter.rest;

import static io.joule.testing.Api.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The channels' lookup and their statistics answer together: every day in order, each day's channels in the meter's
 * order (serial, data type), filters choosing channels of a meter that exists, and an unknown meter a 404.
 */
@QuarkusTest
class MeterDailyStatsLookupTest {

    /** Two serials × two data types (which sort alike in every collation), two readings each on 2021-03-01 and one each on 2021-03-02 (UTC). */
    private static String meter() {
        String code = "L" + MeterFileResourceTest.NEXT_METER.incrementAndGet();
        StringBuilder lp = new StringBuilder("MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\r\n");
        String[][] channels = {{"S2", "Import Wh Total", "kwh"}, {"S1", "Export Wh Total", "kwh"}, {"S1", "Import Wh Total", "kwh"},
            {"S2", "Export Wh Total", "kwh"}};
        int v = 1;
        for (String[] c : channels) {
            for (String time : new String[] {"01/03/2021 10:00:00", "01/03/2021 10:15:00", "02/03/2021 00:00:00"}) {
                lp.append(code).append(',').append(c[0]).append(",P1,").append(time).append(',').append(c[1]).append(',').append(v++)
                        .append(',').append(c[2]).append(",\r\n");
            }
        }
        admin().contentType("text/csv").body(lp.toString().getBytes(StandardCharsets.UTF_8)).when().post("/meter-files").then().statusCode(201);
        return code;
    }

    @Test
    void daysInOrderAndEachDaysChannelsInTheMetersOrder() {
        String code = meter();
        admin().queryParam("from", "2021-03-01").queryParam("to", "2021-03-02").when().get("/meters/" + code + "/daily-stats").then()
                .statusCode(200)
                .body("date", contains("2021-03-01", "2021-03-01", "2021-03-01", "2021-03-01", "2021-03-02", "2021-03-02", "2021-03-02", "2021-03-02"))
                .body("serial", contains("S1", "S1", "S2", "S2", "S1", "S1", "S2", "S2"))
                .body("data_type", contains("Export Wh Total", "Import Wh Total", "Export Wh Total", "Import Wh Total",
                        "Export Wh Total", "Import Wh Total", "Export Wh Total", "Import Wh Total"))
                .body("count", contains(2, 2, 2, 2, 1, 1, 1, 1))
                .body("min", contains(4.0f, 7.0f, 10.0f, 1.0f, 6.0f, 9.0f, 12.0f, 3.0f))
                .body("max", contains(5.0f, 8.0f, 11.0f, 2.0f, 6.0f, 9.0f, 12.0f, 3.0f))
                .body("avg", contains(4.5f, 7.5f, 10.5f, 1.5f, 6.0f, 9.0f, 12.0f, 3.0f));
    }

    @Test
    void filtersChooseChannelsOfAMeterThatExists() {
        String code = meter();
        admin().queryParam("from", "2021-03-01").queryParam("to", "2021-03-02").queryParam("serial", "S2")
                .queryParam("data_type", "Import Wh Total").when().get("/meters/" + code + "/daily-stats").then().statusCode(200)
                .body("serial", contains("S2", "S2")).body("min", contains(1.0f, 3.0f)).body("units", contains("kwh", "kwh"));
        admin().queryParam("from", "2021-03-01").queryParam("to", "2021-03-01").queryParam("serial", "S1").when()
                .get("/meters/" + code + "/daily-stats").then().statusCode(200).body("data_type", contains("Export Wh Total", "Import Wh Total"));
        // No channel passes, or no day in range: the meter exists, so an empty answer, not a 404.
        admin().queryParam("from", "2021-03-01").queryParam("to", "2021-03-02").queryParam("serial", "S3").when()
                .get("/meters/" + code + "/daily-stats").then().statusCode(200).body("$", hasSize(0));
        admin().queryParam("from", "2022-01-01").queryParam("to", "2022-01-31").when()
                .get("/meters/" + code + "/daily-stats").then().statusCode(200).body("$", hasSize(0));
        admin().queryParam("from", "2021-03-01").queryParam("to", "2021-03-02").when().get("/meters/" + code + "X/daily-stats").then()
                .statusCode(404).contentType(MeterFileResourceTest.PROBLEM).body("detail", equalTo("No meter " + code + "X"));
    }
}
