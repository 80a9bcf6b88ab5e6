package io.joule.ship.rest;

import io.joule.auth.Role;
import io.joule.auth.security.Access;
import io.joule.csv.CsvBodyWriter;
import io.joule.problem.DatabaseTimeout;
import io.joule.rest.PathParams;
import io.joule.rest.QueryParams;
import io.joule.series.SeriesKind;
import io.joule.ship.service.ShipRollupService;
import io.joule.timeseries.DailyRollup;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@DatabaseTimeout
@Path("/ships/{id}/daily")
@Tag(name = "Ships")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ShipDailyResource {
    static final int MAX_DAYS = 3660;
    private final ShipRollupService service;
    private final SecurityIdentity caller;

    public ShipDailyResource(ShipRollupService service, SecurityIdentity caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    @RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME, Role.DEVICE_NAME})
    @Operation(summary = "A ship's daily usage",
            description = "One row per local day (UTC for ships) with data, from the daily rollups: energy, MIN/MAX/AVG of the "
                    + "15-minute slots and their count, with the exact UTC start and end of the day. Dates are inclusive. "
                    + "JSON by default; Accept: text/csv answers the same columns as CSV.")
    @APIResponse(responseCode = "200", description = "The days", content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one day", value = """
                    [{"date": "2018-08-24", "start": "2018-08-24T00:00:00Z", "end": "2018-08-25T00:00:00Z", "energy_kwh": 56.0,
                      "min_kwh": 3.0, "max_kwh": 6.5, "avg_kwh": 4.666666666666667, "slots": 12}]""")),
            @Content(mediaType = CsvBodyWriter.TEXT_CSV, examples = @ExampleObject(name = "one day", value = """
                    date,start,end,energy_kwh,min_kwh,max_kwh,avg_kwh,slots
                    2018-08-24,2018-08-24T00:00:00Z,2018-08-25T00:00:00Z,56.0,3.0,6.5,4.666666666666667,12
                    """))})
    @APIResponse(responseCode = "400", description = "Bad dates, to before from, or over 3660 days", content = @Content(mediaType = ShipDataResource.PROBLEM))
    @APIResponse(responseCode = "401", description = "No or unknown API key", content = @Content(mediaType = ShipDataResource.PROBLEM))
    @APIResponse(responseCode = "403", description = "The key may not read this ship", content = @Content(mediaType = ShipDataResource.PROBLEM))
    @APIResponse(responseCode = "404", description = "The ship has no data", content = @Content(mediaType = ShipDataResource.PROBLEM))
    @APIResponse(responseCode = "406", description = "Accept names neither application/json nor text/csv", content = @Content(mediaType = ShipDataResource.PROBLEM))
    public Uni<List<DailyRollup>> daily(@Parameter(description = "The ship", example = "1") @PathParam("id") String id,
            @Parameter(description = "First day, YYYY-MM-DD", required = true, example = "2018-08-24") @QueryParam("from") String from,
            @Parameter(description = "Last day (inclusive), YYYY-MM-DD", required = true, example = "2018-08-31") @QueryParam("to") String to) {
        long ship = PathParams.positiveLong("id", id);
        LocalDate[] days = QueryParams.dates(from, to, MAX_DAYS);
        Access.requireRead(caller, SeriesKind.SHIP, Long.toString(ship));
        return service.daily(ship, days[0], days[1]);
    }
}
