package io.joule.carbon.rest;

import io.joule.auth.Role;
import io.joule.carbon.IngestedIntensity;
import io.joule.carbon.IntensityParser;
import io.joule.carbon.service.IntensityService;
import io.joule.openapi.RequestSchemas;
import io.joule.problem.DatabaseTimeout;
import io.joule.problem.JsonBody;
import io.joule.problem.ProblemException;
import io.joule.rest.LargeBodies;
import io.joule.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/carbon-intensity")
@Tag(name = "Carbon", description = "Grid carbon intensity, asset power and half-hourly footprints")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class CarbonIntensityResource {
    static final String PROBLEM = "application/problem+json";
    static final Duration MAX_FETCH = Duration.ofDays(366);
    private static final Pattern REGION = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");
    private final IntensityService service;

    public CarbonIntensityResource(IntensityService service) {
        this.service = service;
    }

    @DatabaseTimeout
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import carbon intensity", description = "A body in the Carbon Intensity API's shape. Each half-hour's "
            + "forecast and actual are stored; a later import replaces the values it carries (actuals arrive after forecasts).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RequestSchemas.CarbonIntensity.class), examples = @ExampleObject(name = "one half-hour", value = """
            {"data": [{"from": "2018-01-20T12:00Z", "to": "2018-01-20T12:30Z", "intensity": {"forecast": 266, "actual": 263, "index": "moderate"}}]}""")))
    @APIResponse(responseCode = "200", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "stored", value = "{\"region\": \"GB\", \"periods\": 1, \"from\": \"2018-01-20T12:00:00Z\", \"to\": \"2018-01-20T12:30:00Z\", \"requests\": 0}")))
    @APIResponse(responseCode = "400", description = "Invalid periods, by JSON pointer", content = @Content(mediaType = PROBLEM))
    public Uni<IngestedIntensity> importIntensity(byte[] body, @QueryParam("region") String region) {
        String regionName = region(region);
        return LargeBodies.parse(body, LargeBodies.JSON_INLINE_BYTES, b -> IntensityParser.parse(JsonBody.tree(b)))
                .flatMap(periods -> service.store(regionName, periods, 0));
    }

    @POST
    @Path("/fetch")
    @Operation(summary = "Fetch carbon intensity from the API", description = "Calls GET {JOULE_CARBON_INTENSITY_URL}/intensity/{from}/{to} "
            + "in requests of at most 14 days, each with a timeout and two retries, and stores the result (all or nothing).")
    @APIResponse(responseCode = "200", description = "Fetched and stored")
    @APIResponse(responseCode = "400", description = "Bad from/to", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "502", description = "The API failed or stalled; its message is in detail", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "504", description = "The requests together outlasted the fetch's deadline "
            + "(JOULE_CARBON_INTENSITY_FETCH_DEADLINE_MS, 100 s); nothing was stored", content = @Content(mediaType = PROBLEM))
    public Uni<IngestedIntensity> fetch(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("region") String region) {
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_FETCH) > 0) {
            throw ProblemException.badParameter("to", "must be after from and at most 366 days later");
        }
        return service.fetch(region(region), start, end);
    }

    static String region(String region) {
        if (region == null || region.isEmpty()) {
            return "GB";
        }
        if (!REGION.matcher(region).matches()) {
            throw ProblemException.badParameter("region", "1 to 32 of A-Z, a-z, 0-9, _ and -");
        }
        return region;
    }
}
