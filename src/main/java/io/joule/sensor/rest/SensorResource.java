package io.joule.sensor.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.joule.auth.Role;
import io.joule.auth.security.ApiKeyIdentityProvider;
import io.joule.csv.CsvBodyWriter;
import io.joule.openapi.RequestSchemas;
import io.joule.problem.DatabaseTimeout;
import io.joule.problem.JsonBody;
import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import io.joule.rest.QueryParams;
import io.joule.sensor.CreatedSensor;
import io.joule.sensor.SensorConsumption;
import io.joule.sensor.SensorDay;
import io.joule.sensor.SensorScope;
import io.joule.sensor.repository.SensorReportRepository;
import io.joule.sensor.service.SensorService;
import io.joule.time.Zones;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@DatabaseTimeout
@Path("/sensors")
@Tag(name = "Water sensors", description = "Sensor registry, account linking, levels and daily consumption")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class SensorResource {
    static final String PROBLEM = "application/problem+json";
    private final SensorService sensors;
    private final SensorReportRepository reports;
    private final SecurityIdentity caller;

    public SensorResource(SensorService sensors, SensorReportRepository reports, SecurityIdentity caller) {
        this.sensors = sensors;
        this.reports = reports;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Register a sensor", description = "Answers the sensor's device key once. An id is generated when none is given.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RequestSchemas.Sensor.class), examples = @ExampleObject(name = "sensor", value = "{\"sensor_id\": \"5f1efd8e2514f800017a1fd4\", \"zone\": \"Europe/Berlin\", \"unit\": \"cm\"}")))
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "created", value = "{\"sensor_id\": \"5f1efd8e2514f800017a1fd4\", \"zone\": \"Europe/Berlin\", \"unit\": \"cm\", \"api_key\": \"jk_...\"}")))
    @APIResponse(responseCode = "400", description = "Bad id, zone or unit", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "The id exists", content = @Content(mediaType = PROBLEM))
    public Uni<RestResponse<CreatedSensor>> create(byte[] body) {
        JsonNode root = body == null || body.length == 0 ? JsonBody.tree("{}".getBytes()) : JsonBody.small(body);
        if (!root.isObject()) {
            throw ProblemException.badRequest("Send {\"sensor_id\"?, \"zone\"?, \"unit\"?}", null);
        }
        String id = text(root, "sensor_id");
        if (id != null && !SensorIds.valid(id)) {
            throw invalid("/sensor_id", "1 to 64 of A-Z, a-z, 0-9, _ and -");
        }
        String zoneName = text(root, "zone");
        ZoneId zone = zoneName == null ? Zones.UTC
                : Zones.parse(zoneName).orElseThrow(() -> invalid("/zone", Zones.expectation()));
        String unit = text(root, "unit");
        if (unit != null && (unit.isBlank() || unit.codePointCount(0, unit.length()) > 16)) {
            throw invalid("/unit", "1 to 16 characters");
        }
        return sensors.create(id == null ? SensorIds.generate() : id, zone, unit == null ? "cm" : unit)
                .map(created -> RestResponse.status(RestResponse.Status.CREATED, created));
    }

    @POST
    @Path("/{id}/owner")
    @RolesAllowed(Role.USER_NAME)
    @Operation(summary = "Link a sensor to my account", description = "A user key links the sensor to its user. Linking it again is fine.")
    @APIResponse(responseCode = "200", description = "Linked")
    @APIResponse(responseCode = "404", description = "No such sensor", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "Linked to someone else", content = @Content(mediaType = PROBLEM))
    public Uni<Map<String, Object>> link(@PathParam("id") String id) {
        UUID user = SensorScope.userId(caller.getAttribute(ApiKeyIdentityProvider.SUBJECT));
        if (user == null) {
            throw ProblemException.forbidden("This user key belongs to no account; create users with POST /users");
        }
        return sensors.link(id, user).map(s -> Map.of("sensor_id", s.sensorId, "owner", s.ownerId));
    }

    @DELETE
    @Path("/{id}/owner")
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @Operation(summary = "Unlink a sensor", description = "Its owner or an admin.")
    @APIResponse(responseCode = "204", description = "Unlinked")
    @APIResponse(responseCode = "404", description = "No such sensor among the caller's", content = @Content(mediaType = PROBLEM))
    public Uni<Void> unlink(@PathParam("id") String id) {
        return sensors.unlink(id, SensorScope.of(caller));
    }

    @GET
    @Path("/{id}/consumption")
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    @RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME, Role.USER_NAME, Role.DEVICE_NAME})
    @Operation(summary = "A sensor's daily consumption",
            description = "Per local day of the sensor's zone (dates inclusive): the sum of rises between consecutive levels, "
                    + "with the exact UTC start and end of the day, in the sensor's unit. A sensor the caller may not see is not found. "
                    + "JSON by default; Accept: text/csv answers date,start,end,consumption_<unit> rows.")
    @APIResponse(responseCode = "200", description = "The days", content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = SensorDay.class),
            examples = @ExampleObject(name = "a day", value = "[{\"date\": \"2020-07-27\", \"start\": \"2020-07-26T22:00:00Z\", \"end\": \"2020-07-27T22:00:00Z\", \"consumption\": 104.0}]")),
            @Content(mediaType = CsvBodyWriter.TEXT_CSV, examples = @ExampleObject(name = "a day", value = """
                    date,start,end,consumption_cm
                    2020-07-27,2020-07-26T22:00:00Z,2020-07-27T22:00:00Z,104.0
                    """))})
    @APIResponse(responseCode = "400", description = "Bad dates", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such sensor among the caller's", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "406", description = "Accept names neither application/json nor text/csv", content = @Content(mediaType = PROBLEM))
    public Uni<SensorConsumption> consumption(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate[] days = QueryParams.dates(from, to, 3660);
        return reports.days(id, SensorScope.of(caller), days[0], days[1]);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid("/" + field, "must be a string");
        }
        return node.asText();
    }

    private static ProblemException invalid(String pointer, String detail) {
        return ProblemException.badRequest("Invalid sensor", List.of(ProblemError.at(pointer, detail)));
    }
}
