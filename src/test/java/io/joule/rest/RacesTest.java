package io.joule.rest;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.as;
import static io.joule.testing.Api.issueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.joule.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Concurrent requests for the same thing: exactly one wins, the others get 409, nobody gets a 5xx. */
@QuarkusTest
class RacesTest {
    static final ExecutorService THREADS = Executors.newFixedThreadPool(30);

    @AfterAll
    static void stop() {
        THREADS.shutdownNow();
    }

    /** Runs the calls at once (released together by a latch) and answers their responses in order. */
    static List<Response> atOnce(List<Callable<Response>> calls) throws Exception {
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (Callable<Response> call : calls) {
            futures.add(THREADS.submit(() -> {
                ready.countDown();
                go.await();
                return call.call();
            }));
        }
        ready.await();
        go.countDown();
        List<Response> out = new ArrayList<>();
        for (Future<Response> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    static Map<Integer, Integer> statuses(List<Response> responses) {
        Map<Integer, Integer> count = new TreeMap<>();
        responses.forEach(r -> count.merge(r.statusCode(), 1, Integer::sum));
        return count;
    }

    @Test
    void concurrentUsersWithOneNameGetOne201AndThe409s() throws Exception {
        for (int round = 0; round < 5; round++) {
            String body = "{\"name\": \"race-" + UUID.randomUUID() + "\"}";
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                calls.add(() -> admin().contentType(ContentType.JSON).body(body).post("/users"));
            }
            List<Response> responses = atOnce(calls);
            assertEquals(Map.of(201, 1, 409, 29), statuses(responses));
            responses.stream().filter(r -> r.statusCode() == 409)
                    .forEach(r -> assertEquals("application/problem+json", r.contentType()));
        }
    }

    @Test
    void concurrentSensorsWithOneIdGetOne201AndThe409s() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = "race" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String zone = i % 2 == 0 ? "UTC" : "Europe/Berlin";
                calls.add(() -> admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"" + id + "\", \"zone\": \"" + zone + "\"}")
                        .post("/sensors"));
            }
            assertEquals(Map.of(201, 1, 409, 29), statuses(atOnce(calls)));
            assertEquals(List.of("1|1"), Sql.rows("select (select count(*) from sensor where sensor_id = ?), "
                    + "(select count(*) from api_key where subject = 'sensor:' || ?)", id, id));
        }
    }

    @Test
    void sixUsersLinkingOneFreeSensorLeaveExactlyOneOwner() throws Exception {
        for (int round = 0; round < 8; round++) {
            String sensor = "race" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"" + sensor + "\"}").post("/sensors").then().statusCode(201);
            List<String[]> users = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                var created = admin().contentType(ContentType.JSON).body("{\"name\": \"linker-" + UUID.randomUUID() + "\"}")
                        .post("/users").then().statusCode(201).extract();
                users.add(new String[] {created.path("user_id"), created.path("api_key")});
            }
            List<Callable<Response>> calls = new ArrayList<>();
            for (String[] u : users) {
                calls.add(() -> as(u[1]).post("/sensors/" + sensor + "/owner"));
            }
            List<Response> responses = atOnce(calls);
            assertEquals(Map.of(200, 1, 409, 5), statuses(responses));
            String winner = responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow().path("owner");
            assertEquals(List.of(winner), Sql.rows("select owner_id from sensor where sensor_id = ?", sensor));
        }
    }

    @Test
    void aUserKeyWithoutItsUserRowCannotLink() throws Exception {
        String sensor = "orphan" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin().contentType(ContentType.JSON).body("{\"sensor_id\": \"" + sensor + "\"}").post("/sensors").then().statusCode(201);
        UUID nobody = UUID.randomUUID();
        admin().contentType(ContentType.JSON).body("{\"role\": \"user\", \"subject\": \"user:" + nobody + "\"}").post("/api-keys").then()
                .statusCode(400).body("errors[0].detail", org.hamcrest.Matchers.equalTo("no user " + nobody + "; POST /users creates a user and its key"));
        // A key stored before issuing checked its user
        String key = io.joule.auth.security.KeyHash.newKey();
        Sql.rows("insert into api_key (id, key_hash, role, subject) values (gen_random_uuid(), ?, 'user', ?) returning 1",
                io.joule.auth.security.KeyHash.of(key), "user:" + nobody);
        as(key).post("/sensors/" + sensor + "/owner").then().statusCode(403).contentType("application/problem+json");
        assertEquals(List.of("null"), Sql.rows("select coalesce(owner_id::text, 'null') from sensor where sensor_id = ?", sensor));
    }

    static String meterFile(List<String> meters) {
        StringBuilder csv = new StringBuilder("MeterPoint Code,Serial Number,Plant Code,Date/Time,Data Type,Data Value,Units,Status\n");
        for (String meter : meters) {
            for (String type : new String[] {"Import Wh Total", "Export Wh Total"}) {
                for (int q = 0; q < 4; q++) {
                    csv.append(meter).append(",S1,P1,01/08/2021 0").append(q).append(":00:00,").append(type).append(",").append(q + 1)
                            .append(",kwh,\n");
                }
            }
        }
        return csv.toString();
    }

    @Test
    void twoImportsOfTheSameChannelsInOppositeOrdersNeverDeadlock() throws Exception {
        for (int trial = 0; trial < 6; trial++) {
            List<String> meters = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                meters.add("RACE" + trial + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 6));
            }
            List<String> reversed = new ArrayList<>(meters);
            java.util.Collections.reverse(reversed);
            byte[] forward = meterFile(meters).getBytes(StandardCharsets.UTF_8);
            byte[] backward = meterFile(reversed).getBytes(StandardCharsets.UTF_8);
            for (int pass = 0; pass < 2; pass++) { // new channels, then known ones
                List<Callable<Response>> calls = List.of(
                        () -> admin().contentType("text/csv").body(forward).post("/meter-files"),
                        () -> admin().contentType("text/csv").body(backward).post("/meter-files"));
                List<Response> responses = atOnce(calls);
                assertEquals(Map.of(201, 2), statuses(responses), () -> responses.stream().filter(r -> r.statusCode() != 201).map(Response::asString).toList().toString());
            }
            assertEquals(List.of("24|96"), Sql.rows("select count(distinct c.series_id), count(*) from meter_channel c "
                    + "join reading r on r.series_id = c.series_id where c.meter_code like ?", "RACE" + trial + "-%"));
        }
    }
}
