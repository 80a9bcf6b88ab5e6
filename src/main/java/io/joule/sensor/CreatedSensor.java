package io.joule.sensor;

/** The answer to POST /sensors: the sensor's device key is shown once. */
public record CreatedSensor(String sensorId, String zone, String unit, String apiKey) {
}
