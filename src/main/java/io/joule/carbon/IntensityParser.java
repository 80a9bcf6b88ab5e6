package io.joule.carbon;

import com.fasterxml.jackson.databind.JsonNode;
import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import io.joule.time.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the Carbon Intensity API shape {@code {"data": [{"from", "to", "intensity": {"forecast", "actual", "index"}}]}}. */
public final class IntensityParser {
    /** The API's index is one of "very low" .. "very high". */
    static final int MAX_INDEX = 32;

    private IntensityParser() {
    }

    public static List<IntensityPeriod> parse(JsonNode root) {
        JsonNode data = root != null && root.isObject() ? root.get("data") : null;
        if (data == null || !data.isArray()) {
            throw ProblemException.badRequest("Expected {\"data\": [{\"from\", \"to\", \"intensity\": {...}}]}",
                    List.of(ProblemError.at("/data", "required: an array")));
        }
        List<ProblemError> errors = new ArrayList<>();
        List<IntensityPeriod> periods = new ArrayList<>();
        Map<Instant, Integer> seen = new HashMap<>();
        for (int i = 0; i < data.size() && errors.size() < 100; i++) {
            String at = "/data/" + i;
            JsonNode period = data.get(i);
            Instant from = time(period.get("from"), at + "/from", errors);
            Instant to = time(period.get("to"), at + "/to", errors);
            JsonNode intensity = period.get("intensity");
            if (intensity == null || !intensity.isObject()) {
                errors.add(ProblemError.at(at + "/intensity", "required: {\"forecast\", \"actual\", \"index\"}"));
                continue;
            }
            Double forecast = number(intensity.get("forecast"), at + "/intensity/forecast", errors);
            Double actual = number(intensity.get("actual"), at + "/intensity/actual", errors);
            JsonNode index = intensity.get("index");
            if (index != null && !index.isNull() && !(index.isTextual() && index.textValue().length() <= MAX_INDEX)) {
                errors.add(ProblemError.at(at + "/intensity/index", "must be a string of at most " + MAX_INDEX + " characters, e.g. moderate"));
                continue;
            }
            if (from == null || to == null) {
                continue;
            }
            if (!Duration.between(from, to).equals(Footprint.HALF_HOUR) || from.getEpochSecond() % 1800 != 0) {
                errors.add(ProblemError.at(at, "must be a half-hour starting at :00 or :30, got " + from + " .. " + to));
            } else if (forecast == null && actual == null) {
                errors.add(ProblemError.at(at + "/intensity", "has neither a forecast nor an actual value"));
            } else if (seen.putIfAbsent(from, i) != null) {
                errors.add(ProblemError.at(at + "/from", "repeats the half-hour of /data/" + seen.get(from)));
            } else {
                periods.add(new IntensityPeriod(from, to, forecast, actual, index != null && index.isTextual() ? index.asText() : null));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid intensity data; nothing was stored", errors);
        }
        return periods;
    }

    private static Instant time(JsonNode node, String pointer, List<ProblemError> errors) {
        Instant t = node != null && node.isTextual() ? Timestamps.parse(node.asText()).orElse(null) : null;
        if (t == null) {
            errors.add(ProblemError.at(pointer, "required: " + Timestamps.expectation()));
        }
        return t;
    }

    private static Double number(JsonNode node, String pointer, List<ProblemError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() < 0 || node.asDouble() > 1e6) {
            errors.add(ProblemError.at(pointer, "must be a number of gCO2/kWh ≥ 0, or null"));
            return null;
        }
        return node.asDouble();
    }
}
