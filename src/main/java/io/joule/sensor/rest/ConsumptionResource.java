package io.joule.sensor.rest;

import io.joule.auth.Role;
import io.joule.problem.DatabaseTimeout;
import io.joule.rest.QueryParams;
import io.joule.sensor.ConsumptionReport;
import io.joule.sensor.DayReadings;
import io.joule.sensor.SensorScope;
import io.joule.sensor.repository.SensorReportRepository;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@DatabaseTimeout
@Path("/")
@Tag(name = "Water sensors")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME, Role.USER_NAME, Role.DEVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class ConsumptionResource {
    private final SensorReportRepository reports;
    private final SecurityIdentity caller;

    public ConsumptionResource(SensorReportRepository reports, SecurityIdentity caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Path("consumption")
    @Operation(summary = "Daily consumption report", description = "The original's report shape, for the sensors the caller may see "
            + "(admin and coordinator: all; user: their linked sensors), each on the given local day of its zone.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "report", value = "[{\"sensor_id\": \"5f1efd8e2514f800017a1fd4\", \"date\": \"2020-07-27\", \"consumption\": 104.0}]")))
    @APIResponse(responseCode = "400", description = "Bad date", content = @Content(mediaType = "application/problem+json"))
    public Uni<List<ConsumptionReport>> consumption(@QueryParam("date") String date) {
        return reports.consumption(QueryParams.date("date", date), SensorScope.of(caller));
    }

    @GET
    @Path("consumption_data")
    @Operation(summary = "A day's levels", description = "The original's daily input shape: each visible sensor's levels of the local day.")
    @APIResponse(responseCode = "200", description = "The levels")
    @APIResponse(responseCode = "400", description = "Bad date", content = @Content(mediaType = "application/problem+json"))
    public Uni<List<DayReadings>> consumptionData(@QueryParam("date") String date) {
        return reports.readings(QueryParams.date("date", date), SensorScope.of(caller));
    }
}
