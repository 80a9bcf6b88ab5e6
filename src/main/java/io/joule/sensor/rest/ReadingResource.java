package io.joule.sensor.rest;

import io.joule.auth.Role;
import io.joule.auth.security.Access;
import io.joule.openapi.RequestSchemas;
import io.joule.pipeline.Reading;
import io.joule.problem.DatabaseTimeout;
import io.joule.rest.LargeBodies;
import io.joule.sensor.service.SensorReadingService;
import io.joule.series.SeriesKind;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@DatabaseTimeout
@Path("/readings")
@Tag(name = "Water sensors")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ReadingResource {
    private final SensorReadingService readings;
    private final SecurityIdentity caller;

    public ReadingResource(SensorReadingService readings, SecurityIdentity caller) {
        this.readings = readings;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.DEVICE_NAME})
    @Operation(summary = "Post water levels", description = "The original message, or an array of them; created_at defaults to now "
            + "and may be at most a day in the future. Re-sending a time replaces its level; consumption follows in the same transaction.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(oneOf = {RequestSchemas.WaterLevel.class, RequestSchemas.WaterLevels.class}),
            examples = {@ExampleObject(name = "message", value = "{\"sensor_id\": \"5f1efd8e2514f800017a1fd4\", \"water_level\": 126}"),
                    @ExampleObject(name = "several", value = "[{\"sensor_id\": \"5f1efd8e2514f800017a1fd4\", \"water_level\": 126, \"created_at\": \"2020-07-27T08:00:00Z\"},"
                            + " {\"sensor_id\": \"5f1efd8e2514f800017a1fd4\", \"water_level\": 230, \"created_at\": \"2020-07-27T09:00:00Z\"}]")}))
    @APIResponse(responseCode = "200", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "stored", value = "{\"readings\": 1}")))
    @APIResponse(responseCode = "400", description = "Bad level or time; nothing stored", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "Another sensor's key", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "Unknown sensor", content = @Content(mediaType = "application/problem+json"))
    public Uni<Map<String, Integer>> post(byte[] body) {
        Instant now = Instant.now();
        return LargeBodies.parse(body, LargeBodies.JSON_INLINE_BYTES, b -> ReadingBatchParser.parse(b, now)).flatMap(bySensor -> {
            bySensor.keySet().forEach(sensor -> Access.requireWrite(caller, SeriesKind.SENSOR, sensor));
            return readings.sensors(bySensor.keySet())
                    .flatMap(known -> readings.write(bySensor))
                    .map(n -> Map.of("readings", n));
        });
    }
}
