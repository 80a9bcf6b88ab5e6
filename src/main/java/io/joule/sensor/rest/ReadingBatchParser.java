package io.joule.sensor.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.joule.pipeline.Reading;
import io.joule.problem.JsonBody;
import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import io.joule.time.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validates POST /readings: the original message {@code {"sensor_id", "water_level"}} with an
 * optional {@code created_at}, or an array of them; readings grouped by sensor, sorted by time.
 */
final class ReadingBatchParser {
    static final int MAX_MESSAGES = 100_000;
    static final Duration MAX_FUTURE = Duration.ofDays(1);

    private ReadingBatchParser() {
    }

    static Map<String, List<Reading>> parse(byte[] body, Instant now) {
        JsonNode root = JsonBody.tree(body);
        boolean many = root.isArray();
        if (!many && !root.isObject()) {
            throw ProblemException.badRequest("Send a message {\"sensor_id\", \"water_level\"} or an array of them", null);
        }
        if (many && (root.isEmpty() || root.size() > MAX_MESSAGES)) {
            throw ProblemException.badRequest("Send 1 to " + MAX_MESSAGES + " messages", List.of(ProblemError.at("", "holds " + root.size())));
        }
        List<ProblemError> errors = new ArrayList<>();
        Map<String, TreeMap<Instant, Double>> bySensor = new TreeMap<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < (many ? root.size() : 1); i++) {
            JsonNode message = many ? root.get(i) : root;
            String at = many ? "/" + i : "";
            if (!message.isObject()) {
                errors.add(ProblemError.at(at, "must be an object {\"sensor_id\", \"water_level\"}"));
                continue;
            }
            JsonNode id = message.get("sensor_id");
            JsonNode level = message.get("water_level");
            JsonNode created = message.get("created_at");
            String sensorId = id != null && id.isTextual() && SensorIds.valid(id.asText()) ? id.asText() : null;
            if (sensorId == null) {
                errors.add(ProblemError.at(at + "/sensor_id", "required: 1 to 64 of A-Z, a-z, 0-9, _ and -"));
            }
            Double value = level != null && level.isNumber() && Double.isFinite(level.asDouble()) && level.asDouble() >= 0
                    && level.asDouble() <= 1e12 ? level.asDouble() : null;
            if (value == null) {
                errors.add(ProblemError.at(at + "/water_level", "required: a finite number ≥ 0"));
            }
            Instant time = now.truncatedTo(ChronoUnit.MICROS);
            if (created != null && !created.isNull()) {
                time = created.isTextual() ? Timestamps.parse(created.asText()).orElse(null) : null;
                if (time == null) {
                    errors.add(ProblemError.at(at + "/created_at", "must be " + Timestamps.expectation()));
                } else if (time.isAfter(now.plus(MAX_FUTURE))) {
                    errors.add(ProblemError.at(at + "/created_at", "is more than a day in the future"));
                    time = null;
                }
            }
            if (sensorId != null && value != null && time != null) {
                String first = seen.putIfAbsent(sensorId + "@" + time, at);
                if (first != null) {
                    errors.add(ProblemError.at(at + "/created_at", "repeats the sensor and time of " + (first.isEmpty() ? "/" : first)));
                } else {
                    bySensor.computeIfAbsent(sensorId, k -> new TreeMap<>()).put(time, value);
                }
            }
            if (errors.size() >= 100) {
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid readings; nothing was stored", errors);
        }
        Map<String, List<Reading>> out = new TreeMap<>();
        bySensor.forEach((sensor, levels) -> {
            List<Reading> readings = new ArrayList<>(levels.size());
            levels.forEach((t, v) -> readings.add(new Reading(t, v)));
            out.put(sensor, readings);
        });
        return out;
    }
}
