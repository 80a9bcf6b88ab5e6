package io.joule.ship.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.joule.pipeline.Reading;
import io.joule.pipeline.Unit;
import io.joule.ship.ShipBatch;
import io.joule.text.ClientText;
import io.joule.time.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A valid POST /data body read as a token stream, without building Jackson's tree: the tree was over half of a batch's
 * parse time. It accepts exactly what {@link ShipBatchParser} accepts and gives up (null) at the first thing that
 * parser would refuse, which then reads the body again to name every error as it always has.
 */
final class ShipBatchStream {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private final int maxPoints;
    private Instant[] times = new Instant[64];
    private double[] values = new double[64];
    private int count;

    private ShipBatchStream(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    /** The batch, or null when the body is anything but a valid batch. */
    static ShipBatch read(byte[] body, int maxPoints) {
        if (body == null || body.length == 0) {
            return null;
        }
        try (JsonParser json = JSON.createParser(body)) {
            ShipBatch batch = new ShipBatchStream(maxPoints).batch(json);
            return batch != null && ClientText.isUtf8(body) ? batch : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private ShipBatch batch(JsonParser json) throws IOException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        long ship = 0;
        Unit unit = null;
        boolean data = false;
        JsonToken token;
        while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (name.equals("spaceship_id") && value == JsonToken.VALUE_NUMBER_INT
                    && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                ship = json.getLongValue();
            } else if (name.equals("units") && value == JsonToken.VALUE_STRING) {
                unit = unit(json.getText());
            } else if (name.equals("data") && value == JsonToken.START_ARRAY) {
                data = points(json);
                if (!data) {
                    return null; // the parser stopped inside the array
                }
            } else if (!clean(name) || !skipClean(json)) {
                return null;
            }
        }
        if (token != JsonToken.END_OBJECT || json.nextToken() != null || ship <= 0 || unit == null || !data) {
            return null;
        }
        List<Reading> readings = readings(unit);
        return readings == null ? null : new ShipBatch(ship, unit, readings);
    }

    private static Unit unit(String symbol) {
        return clean(symbol) ? Unit.bySymbol(symbol).orElse(null) : null;
    }

    /** The points of the data array, the parser at its start; false at the first point that is not valid. */
    private boolean points(JsonParser json) throws IOException {
        JsonToken token;
        while ((token = json.nextToken()) == JsonToken.START_OBJECT) {
            if (count == maxPoints) {
                return false;
            }
            Instant time = null;
            double value = Double.NaN;
            while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken field = json.nextToken();
                if (name.equals("datetime") && field == JsonToken.VALUE_STRING) {
                    // the plain form is digits and punctuation only, so it needs no text check
                    time = Timestamps.parsePlainUtc(json.getTextCharacters(), json.getTextOffset(), json.getTextLength());
                    if (time == null) {
                        String text = json.getText();
                        time = clean(text) ? Timestamps.parse(text).orElse(null) : null;
                    }
                    if (time == null) {
                        return false;
                    }
                } else if (name.equals("value") && field.isNumeric()) {
                    value = json.getDoubleValue();
                } else if (!clean(name) || !skipClean(json)) {
                    return false;
                }
            }
            if (time == null || !(value >= 0 && value <= ShipBatchParser.MAX_ABS_VALUE)) {
                return false;
            }
            add(time, value);
        }
        return token == JsonToken.END_ARRAY && count > 0;
    }

    private void add(Instant time, double value) {
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        times[count] = time;
        values[count++] = value;
    }

    /** The readings in time order, or null when two share a time. */
    private List<Reading> readings(Unit unit) {
        List<Reading> readings = new ArrayList<>(count);
        boolean ordered = true;
        for (int i = 0; i < count; i++) {
            readings.add(new Reading(times[i], unit.toCanonical(values[i])));
            ordered &= i == 0 || times[i - 1].isBefore(times[i]);
        }
        if (!ordered) {
            readings.sort(Comparator.comparing(Reading::time));
            for (int i = 1; i < count; i++) {
                if (!readings.get(i - 1).time().isBefore(readings.get(i).time())) {
                    return null;
                }
            }
        }
        return readings;
    }

    /** Skips the value the parser is at, false when a string or field name in it breaks the text rule. */
    private static boolean skipClean(JsonParser json) throws IOException {
        int depth = 0;
        JsonToken token = json.currentToken();
        do {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            } else if ((token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) && !clean(json.getText())) {
                return false;
            }
        } while (depth > 0 && (token = json.nextToken()) != null);
        return depth == 0;
    }

    private static boolean clean(String text) {
        return ClientText.problem(text, ClientText.MAX_JSON_STRING) == null;
    }
}
