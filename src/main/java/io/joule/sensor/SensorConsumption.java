package io.joule.sensor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * GET /sensors/{id}/consumption: the days, with the sensor's unit for the CSV header. The JSON is the
 * bare array of days, as it always was.
 */
public record SensorConsumption(String unit, List<SensorDay> days) {

    @Override
    @JsonValue
    public List<SensorDay> days() {
        return days;
    }
}
