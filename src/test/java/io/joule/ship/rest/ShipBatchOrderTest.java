package io.joule.ship.rest;

import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.newShipId;
import static io.joule.testing.Api.postData;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.joule.pipeline.Quantity;
import io.joule.pipeline.Reading;
import io.joule.pipeline.Sampling;
import io.joule.pipeline.SeriesProfile;
import io.joule.pipeline.Slot;
import io.joule.pipeline.Slots;
import io.joule.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §2: the same readings sent whole, shuffled and split, overlapping with corrections, or
 * concurrently, give identical stored slots, equal to a full recomputation; energy is conserved.
 */
@QuarkusTest
class ShipBatchOrderTest {
    static final SeriesProfile SHIP_ENERGY = new SeriesProfile(Quantity.ENERGY, Sampling.REGULAR, Duration.ofHours(1));

    @ParameterizedTest
    @ValueSource(longs = {7, 42, 1234})
    void batchOrderSplitAndLateArrivalDoNotChangeTheSlots(long seed) {
        Random random = new Random(seed);
        TreeMap<Instant, Double> readings = new TreeMap<>();
        Instant t = Instant.parse("2024-03-30T20:00:00Z");
        for (int i = 0; i < 400; i++) {
            // Mostly 1-20 minute steps with an occasional gap beyond max_gap.
            t = t.plusSeconds(random.nextInt(10) == 0 ? 3600 + random.nextInt(7200) : 60 + random.nextInt(1200));
            readings.put(t, Math.round(random.nextDouble() * 1000) / 8.0);
        }
        List<Map.Entry<Instant, Double>> all = new ArrayList<>(readings.entrySet());

        long whole = newShipId();
        postData(Api.ADMIN_KEY, json(whole, all)).statusCode(200);

        long shuffled = newShipId();
        List<Map.Entry<Instant, Double>> order = new ArrayList<>(all);
        Collections.shuffle(order, random);
        for (List<Map.Entry<Instant, Double>> part : split(order, random)) {
            postData(Api.ADMIN_KEY, json(shuffled, part)).statusCode(200);
        }

        long corrected = newShipId();
        List<Map.Entry<Instant, Double>> wrong = all.stream().filter(e -> random.nextInt(3) == 0)
                .map(e -> Map.entry(e.getKey(), e.getValue() + 99)).toList();
        postData(Api.ADMIN_KEY, json(corrected, wrong)).statusCode(200);
        for (List<Map.Entry<Instant, Double>> part : overlapping(all, random)) {
            postData(Api.ADMIN_KEY, json(corrected, part)).statusCode(200);
        }

        long concurrent = newShipId();
        List<List<Map.Entry<Instant, Double>>> parts = split(order, random);
        IntStream.range(0, parts.size()).parallel()
                .forEach(i -> postData(Api.ADMIN_KEY, json(concurrent, parts.get(i))).statusCode(200));

        List<Reading> canonical = all.stream().map(e -> new Reading(e.getKey(), e.getValue())).toList();
        Map<Instant, Double> expected = new TreeMap<>();
        for (Slot s : Slots.computeAll(canonical, SHIP_ENERGY)) {
            expected.put(s.start(), s.kwh());
        }
        assertEquals(expected, stored(whole), "whole batch");
        assertEquals(expected, stored(shuffled), "shuffled and split");
        assertEquals(expected, stored(corrected), "overlapping with corrections");
        assertEquals(expected, stored(concurrent), "concurrent batches");

        double sent = all.stream().mapToDouble(Map.Entry::getValue).sum();
        double slotted = stored(whole).values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(sent, slotted, sent * 1e-12, "interval energy is conserved");
    }

    /** Corrections of two readings weeks apart, whose slots are deleted by key rather than by a scan of the weeks between. */
    @Test
    void correctionsWeeksApartGiveTheSlotsOfAFullRecomputation() {
        TreeMap<Instant, Double> readings = new TreeMap<>();
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 24 * 40; i++) {
            readings.put(start.plusSeconds(3600L * i), (double) (i % 17));
        }
        long ship = newShipId();
        postData(Api.ADMIN_KEY, json(ship, new ArrayList<>(readings.entrySet()))).statusCode(200);
        List<Instant> times = new ArrayList<>(readings.keySet());
        for (int k = 0; k < 3; k++) {
            Map.Entry<Instant, Double> early = Map.entry(times.get(5 + k), 100.0 + k);
            Map.Entry<Instant, Double> late = Map.entry(times.get(times.size() - 6 - k), 200.0 + k);
            readings.put(early.getKey(), early.getValue());
            readings.put(late.getKey(), late.getValue());
            postData(Api.ADMIN_KEY, json(ship, List.of(early, late))).statusCode(200);
        }
        List<Reading> canonical = readings.entrySet().stream().map(e -> new Reading(e.getKey(), e.getValue())).toList();
        Map<Instant, Double> expected = new TreeMap<>();
        for (Slot s : Slots.computeAll(canonical, SHIP_ENERGY)) {
            expected.put(s.start(), s.kwh());
        }
        assertEquals(expected, stored(ship));
        assertEquals(100.0 / 4, stored(ship).get(times.get(5)), "a quarter of the corrected hour's kWh in its first slot");
        // and the daily rollups, rebuilt around the same ranges: each day's energy is its slots' sum, in time order
        Map<String, Double> expectedDays = new TreeMap<>();
        expected.forEach((slot, kwh) -> expectedDays.merge(slot.toString().substring(0, 10), kwh, Double::sum));
        Map<String, Double> days = new TreeMap<>();
        for (Map<String, Object> day : admin().queryParam("from", "2024-01-01").queryParam("to", "2024-02-15")
                .when().get("/ships/" + ship + "/daily").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE)).<Map<String, Object>>getList("$")) {
            days.put((String) day.get("date"), ((Number) day.get("energy_kwh")).doubleValue());
        }
        assertEquals(expectedDays, days);
    }

    static Map<Instant, Double> stored(long ship) {
        List<Map<String, Object>> data = admin().queryParam("spaceship_id", ship).when().get("/data")
                .then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE)).getList("data");
        Map<Instant, Double> out = new TreeMap<>();
        for (Map<String, Object> point : data) {
            out.put(Instant.parse((String) point.get("datetime")), ((Number) point.get("value")).doubleValue());
        }
        return out;
    }

    static List<List<Map.Entry<Instant, Double>>> split(List<Map.Entry<Instant, Double>> readings, Random random) {
        List<List<Map.Entry<Instant, Double>>> parts = new ArrayList<>();
        int i = 0;
        while (i < readings.size()) {
            int size = 1 + random.nextInt(60);
            parts.add(readings.subList(i, Math.min(readings.size(), i + size)));
            i += size;
        }
        return parts;
    }

    static List<List<Map.Entry<Instant, Double>>> overlapping(List<Map.Entry<Instant, Double>> readings, Random random) {
        List<List<Map.Entry<Instant, Double>>> parts = new ArrayList<>();
        int i = 0;
        while (i < readings.size()) {
            int size = 20 + random.nextInt(60);
            parts.add(readings.subList(Math.max(0, i - random.nextInt(15)), Math.min(readings.size(), i + size)));
            i += size;
        }
        Collections.reverse(parts);
        return parts;
    }

    static String json(long ship, List<Map.Entry<Instant, Double>> points) {
        StringBuilder json = new StringBuilder("{\"spaceship_id\": " + ship + ", \"units\": \"kWh\", \"data\": [");
        for (int i = 0; i < points.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"datetime\": \"").append(points.get(i).getKey())
                    .append("\", \"value\": ").append(points.get(i).getValue()).append('}');
        }
        return json.append("]}").toString();
    }
}
