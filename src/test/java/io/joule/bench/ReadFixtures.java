package io.joule.bench;

import static org.hamcrest.Matchers.equalTo;

import io.joule.testing.Api;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the read benchmark reads, stored through the API: ships, a meter, and a user with linked sensors. */
final class ReadFixtures {
    /** The ships' data covers these three UTC days; the first ship's middle day is GET /data's page. */
    static final LocalDate FIRST_DAY = LocalDate.of(2018, 8, 23);
    static final int DAYS = 3;

    private ReadFixtures() {
    }

    record Ships(long first, int count) {
    }

    /** {@code count} ships, each with kW readings every 15 minutes over the three days: 288 slots a ship. */
    static Ships ships(int count) {
        long first = 800_000_000L + System.nanoTime() % 1_000_000 * 1_000;
        Instant start = FIRST_DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        for (int s = 0; s < count; s++) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i <= DAYS * 96; i++) {
                pairs.add(start.plusSeconds(900L * i).toString());
                pairs.add(Double.toString(10 + ((i + s) * 7 % 13) / 3.0 + s % 17));
            }
            Api.postData(Api.ADMIN_KEY, Api.batch(first + s, "kW", pairs.toArray(String[]::new))).statusCode(200);
        }
        return new Ships(first, count);
    }

    /** The meter, and the series of its channel {@code dataType}. */
    record Meter(String code, String serial, String dataType, long seriesId) {
    }

    /** One meter with an active and a reactive channel of quarter-hours over ten local days, imported as an LP file. */
    static Meter meter() throws Exception {
        String code = "BENCH" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        Meter meter = new Meter(code, code + "S", "Import Wh Total", 0);
        DateTimeFormatter lpTime = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
        StringBuilder lp = new StringBuilder("MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\r\n");
        LocalDateTime start = LocalDate.of(2020, 3, 1).atStartOfDay();
        for (String[] channel : new String[][] {{meter.dataType(), "kwh"}, {"Import varh Total", "kvarh"}}) {
            for (int i = 0; i < 10 * 96; i++) {
                lp.append(code).append(',').append(meter.serial()).append(",EDBENCH,").append(lpTime.format(start.plusMinutes(15L * i)))
                        .append(',').append(channel[0]).append(',').append(i * 37 % 1000 / 10.0).append(',').append(channel[1]).append(",\r\n");
            }
        }
        Api.admin().contentType("text/csv").body(lp.toString()).when().post("/meter-files").then().statusCode(201);
        try (Connection c = BenchSupport.connect(); PreparedStatement query = c.prepareStatement(
                "select series_id from meter_channel where meter_code = ? and serial = ? and data_type = ?")) {
            query.setString(1, meter.code());
            query.setString(2, meter.serial());
            query.setString(3, meter.dataType());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new Meter(meter.code(), meter.serial(), meter.dataType(), rs.getLong(1));
            }
        }
    }

    /** A user's key, its linked sensors' ids, and their series ids in the same order. */
    record UserSensors(String userId, String userKey, List<String> sensorIds, List<Long> seriesIds) {
    }

    /**
     * A user with {@code linked} sensors and as many sensors of nobody's, each with a rising level every hour over the
     * three days (a refill at noon), so every sensor has consumption on each day.
     */
    static UserSensors userWithSensors(int linked) throws Exception {
        var user = Api.admin().contentType(ContentType.JSON).body("{\"name\": \"bench-" + UUID.randomUUID() + "\"}")
                .when().post("/users").then().statusCode(201).extract();
        String userKey = user.path("api_key");
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < 2 * linked; s++) {
            String id = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            Api.admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"" + id + "\", \"zone\": \"Europe/Berlin\"}")
                    .when().post("/sensors").then().statusCode(201);
            Api.admin().contentType(ContentType.JSON).body(levels(id, s)).when().post("/readings").then().statusCode(200);
            if (s < linked) {
                Api.as(userKey).when().post("/sensors/" + id + "/owner").then().statusCode(200).body("sensor_id", equalTo(id));
                ids.add(id);
            }
        }
        List<Long> series = new ArrayList<>();
        for (String id : ids) {
            series.add(seriesId("sensor", id));
        }
        return new UserSensors(user.path("user_id"), userKey, ids, series);
    }

    private static String levels(String sensor, int s) {
        StringBuilder json = new StringBuilder("[");
        Instant start = FIRST_DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        for (int h = 0; h < DAYS * 24; h++) {
            double level = 50 + (h % 12) * (3 + s % 5);
            json.append(h == 0 ? "" : ",").append("{\"sensor_id\": \"").append(sensor).append("\", \"water_level\": ").append(level)
                    .append(", \"created_at\": \"").append(start.plusSeconds(3600L * h)).append("\"}");
        }
        return json.append(']').toString();
    }

    static long seriesId(String kind, String key) throws Exception {
        try (Connection c = BenchSupport.connect();
                PreparedStatement query = c.prepareStatement("select id from series where kind = ? and key = ?")) {
            query.setString(1, kind);
            query.setString(2, key);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no " + kind + " series " + key);
                }
                return rs.getLong(1);
            }
        }
    }
}
