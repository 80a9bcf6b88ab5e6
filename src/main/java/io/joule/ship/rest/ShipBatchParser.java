package io.joule.ship.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.joule.pipeline.Reading;
import io.joule.pipeline.Unit;
import io.joule.problem.JsonBody;
import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import io.joule.ship.ShipBatch;
import io.joule.time.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a POST /data body whole (SPEC §8): every offending field is named by its JSON
 * pointer, and a batch with any error is refused before anything is stored.
 */
public final class ShipBatchParser {
    static final double MAX_ABS_VALUE = 1e12;
    private static final int MAX_ERRORS = 100;

    private final int maxPoints;
    private final List<ProblemError> errors = new ArrayList<>();

    private ShipBatchParser(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    public static ShipBatch parse(byte[] body, int maxPoints) {
        ShipBatch valid = ShipBatchStream.read(body, maxPoints);
        return valid != null ? valid : withErrors(body, maxPoints);
    }

    /** The batch read as a tree, every error named: what {@link ShipBatchStream} falls back on. */
    static ShipBatch withErrors(byte[] body, int maxPoints) {
        return new ShipBatchParser(maxPoints).parse(body);
    }

    private ShipBatch parse(byte[] body) {
        JsonNode root = JsonBody.tree(body);
        if (!root.isObject()) {
            throw refuse(List.of(ProblemError.at("", "the body must be a JSON object with spaceship_id, units and data")));
        }
        long spaceshipId = spaceshipId(root.get("spaceship_id"));
        Unit unit = unit(root.get("units"));
        List<Reading> readings = readings(root.get("data"), unit);
        if (!errors.isEmpty()) {
            throw refuse(errors);
        }
        return new ShipBatch(spaceshipId, unit, readings);
    }

    private long spaceshipId(JsonNode node) {
        if (node == null || node.isNull()) {
            error("/spaceship_id", "required: a positive integer");
        } else if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() <= 0) {
            error("/spaceship_id", "must be a positive 64-bit integer, got " + JsonBody.abbreviate(node));
        } else {
            return node.asLong();
        }
        return 0;
    }

    private Unit unit(JsonNode node) {
        if (node == null || node.isNull()) {
            error("/units", "required: one of W, kW, MW (power) or Wh, kWh, MWh (energy)");
            return null;
        }
        Unit unit = node.isTextual() ? Unit.bySymbol(node.asText()).orElse(null) : null;
        if (unit == null) {
            error("/units", "unknown units " + JsonBody.abbreviate(node) + "; use W, kW, MW (power) or Wh, kWh, MWh (energy)");
        }
        return unit;
    }

    private List<Reading> readings(JsonNode data, Unit unit) {
        if (data == null || !data.isArray()) {
            error("/data", "required: an array of {\"datetime\", \"value\"}");
            return List.of();
        }
        if (data.isEmpty()) {
            error("/data", "must hold at least one point");
            return List.of();
        }
        if (data.size() > maxPoints) {
            error("/data", "holds " + data.size() + " points; at most " + maxPoints + " per batch");
            return List.of();
        }
        List<Reading> readings = new ArrayList<>(data.size());
        Map<Instant, Integer> seen = new HashMap<>(data.size() * 2);
        for (int i = 0; i < data.size(); i++) {
            JsonNode point = data.get(i);
            String at = "/data/" + i;
            if (!point.isObject()) {
                error(at, "must be an object {\"datetime\", \"value\"}");
                continue;
            }
            Instant time = time(point.get("datetime"), at + "/datetime");
            Double value = value(point.get("value"), at + "/value");
            if (time != null) {
                Integer first = seen.putIfAbsent(time, i);
                if (first != null) {
                    error(at + "/datetime", "duplicates the timestamp of /data/" + first + "/datetime (" + time + ")");
                    continue;
                }
            }
            if (time != null && value != null && unit != null) {
                readings.add(new Reading(time, unit.toCanonical(value)));
            }
        }
        readings.sort(Comparator.comparing(Reading::time));
        return readings;
    }

    private Instant time(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            error(pointer, "required: " + Timestamps.expectation());
            return null;
        }
        Instant t = node.isTextual() ? Timestamps.parse(node.asText()).orElse(null) : null;
        if (t == null) {
            error(pointer, JsonBody.abbreviate(node) + " is not " + Timestamps.expectation());
        }
        return t;
    }

    private Double value(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            error(pointer, "required: a number ≥ 0");
            return null;
        }
        if (!node.isNumber()) {
            error(pointer, "must be a JSON number, got " + JsonBody.abbreviate(node));
            return null;
        }
        double v = node.asDouble();
        if (!Double.isFinite(v) || Math.abs(v) > MAX_ABS_VALUE) {
            error(pointer, "must be a finite number of magnitude at most 1e12, got " + JsonBody.abbreviate(node));
            return null;
        }
        if (v < 0) {
            error(pointer, "must be ≥ 0 (ships consume), got " + JsonBody.abbreviate(node));
            return null;
        }
        return v;
    }

    private void error(String pointer, String detail) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(ProblemError.at(pointer, detail));
        }
    }

    private static ProblemException refuse(List<ProblemError> errors) {
        String detail = errors.size() == 1 ? "The batch has an invalid field; nothing was stored"
                : "The batch has " + (errors.size() >= MAX_ERRORS ? "at least " : "") + errors.size()
                        + " invalid fields; nothing was stored";
        return ProblemException.badRequest(detail, errors);
    }
}
