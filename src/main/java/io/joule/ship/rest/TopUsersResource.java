package io.joule.ship.rest;

import io.joule.auth.Role;
import io.joule.pipeline.TimeRange;
import io.joule.problem.DatabaseTimeout;
import io.joule.rest.QueryParams;
import io.joule.ship.TopUsers;
import io.joule.ship.service.ShipRollupService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@DatabaseTimeout
@Path("/topusers")
@Tag(name = "Ships")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class TopUsersResource {
    private final ShipRollupService service;

    public TopUsersResource(ShipRollupService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME})
    @Operation(summary = "The ships that used the most energy",
            description = "Ships by total kWh of the slots whose start is in [start, end), highest first, ties by spaceship_id. "
                    + "Whole days come from daily rollups, whole hours from hourly rollups and the edges from the slots, so any "
                    + "window equals the sum of its slots. No window means all data; then datetime is the first slot.")
    @APIResponse(responseCode = "200", description = "The ranking", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "top 2", value = """
                    {"datetime": "2018-08-24T00:00:00Z", "ships": [{"spaceship_id": 1, "consumption": 56.0},
                     {"spaceship_id": 2, "consumption": 11.666666666666666}]}""")))
    @APIResponse(responseCode = "400", description = "count outside 1..1000, bad times, or start ≥ end", content = @Content(mediaType = ShipDataResource.PROBLEM))
    @APIResponse(responseCode = "401", description = "No or unknown API key", content = @Content(mediaType = ShipDataResource.PROBLEM))
    @APIResponse(responseCode = "403", description = "Not an admin or coordinator key", content = @Content(mediaType = ShipDataResource.PROBLEM))
    public Uni<TopUsers> top(@Parameter(description = "How many ships, 1..1000", example = "3") @QueryParam("count") String count,
            @Parameter(description = "Inclusive window start; open when absent", example = "2018-08-24T00:00:00Z") @QueryParam("start") String start,
            @Parameter(description = "Exclusive window end; open when absent", example = "2018-08-25T00:00:00Z") @QueryParam("end") String end) {
        int n = QueryParams.intBetween("count", count, 1, 1000, 3);
        TimeRange window = QueryParams.range(start, end);
        return service.top(window, n);
    }
}
