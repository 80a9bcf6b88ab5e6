package io.joule.openapi;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON request bodies as OpenAPI schemas, so Swagger UI sends JSON and a generated client has
 * request types. The resources still read raw bytes and validate by hand, because that names every
 * bad field by JSON pointer; these records only describe the shape and are never deserialized into.
 * Field names are snake_case, as on the wire.
 */
public final class RequestSchemas {
    private RequestSchemas() {
    }

    @Schema(name = "ShipBatchRequest", description = "A batch of one ship's readings: power held until the next reading, or interval energy")
    public record ShipBatch(
            @Schema(name = "spaceship_id", required = true, minimum = "1", example = "2") long spaceship_id,
            @Schema(required = true, enumeration = {"W", "kW", "MW", "Wh", "kWh", "MWh"}, example = "kW") String units,
            @Schema(required = true, minItems = 1, description = "Readings in any order; a repeated datetime replaces the value")
            List<ShipReading> data) {
    }

    @Schema(name = "ShipReading")
    public record ShipReading(
            @Schema(required = true, format = "date-time", example = "2018-08-24T00:00:00Z") Instant datetime,
            @Schema(required = true, example = "22") double value) {
    }

    @Schema(name = "SensorRequest", description = "Every field is optional: an id is generated, the zone is UTC, the unit cm")
    public record Sensor(
            @Schema(pattern = "^[A-Za-z0-9_-]{1,64}$", example = "5f1efd8e2514f800017a1fd4") String sensor_id,
            @Schema(description = "IANA time zone of the sensor's local days", example = "Europe/Berlin") String zone,
            @Schema(maxLength = 16, example = "cm") String unit) {
    }

    @Schema(name = "UserRequest")
    public record User(@Schema(required = true, minLength = 1, maxLength = 100, example = "alice") String name) {
    }

    @Schema(name = "WaterLevelMessage", description = "The original sensor message; created_at defaults to now")
    public record WaterLevel(
            @Schema(required = true, pattern = "^[A-Za-z0-9_-]{1,64}$", example = "5f1efd8e2514f800017a1fd4") String sensor_id,
            @Schema(required = true, example = "126") double water_level,
            @Schema(format = "date-time", example = "2020-07-27T08:00:00Z") Instant created_at) {
    }

    @Schema(name = "WaterLevelMessages", type = SchemaType.ARRAY, implementation = WaterLevel.class, minItems = 1, maxItems = 100_000)
    public static final class WaterLevels {
        private WaterLevels() {
        }
    }

    @Schema(name = "ApiKeyRequest", description = "A device key names the one series it serves; admin and coordinator keys have no subject")
    public record ApiKey(
            @Schema(required = true, enumeration = {"admin", "coordinator", "device", "user"}, example = "device") String role,
            @Schema(description = "ship:<id>, meter:<code>, sensor:<id> or asset:<id> for a device key; user:<user_id> (as POST /users answered) for a user key",
                    example = "ship:42") String subject) {
    }

    @Schema(name = "CarbonIntensityRequest", description = "The Carbon Intensity API's shape")
    public record CarbonIntensity(@Schema(required = true) List<IntensityPeriod> data) {
    }

    @Schema(name = "IntensityPeriod", description = "One half-hour starting at :00 or :30")
    public record IntensityPeriod(
            @Schema(required = true, format = "date-time", example = "2018-01-20T12:00Z") String from,
            @Schema(required = true, format = "date-time", example = "2018-01-20T12:30Z") String to,
            @Schema(required = true) Intensity intensity) {
    }

    @Schema(name = "Intensity", description = "gCO2/kWh; at least one of forecast and actual")
    public record Intensity(
            @Schema(nullable = true, example = "266") Double forecast,
            @Schema(nullable = true, example = "263") Double actual,
            @Schema(example = "moderate") String index) {
    }
}
