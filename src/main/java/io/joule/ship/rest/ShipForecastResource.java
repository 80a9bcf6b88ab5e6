package io.joule.ship.rest;

import io.joule.auth.Role;
import io.joule.auth.security.Access;
import io.joule.pipeline.TimeRange;
import io.joule.problem.DatabaseTimeout;
import io.joule.problem.ProblemException;
import io.joule.rest.QueryParams;
import io.joule.series.SeriesKind;
import io.joule.ship.ShipForecast;
import io.joule.ship.service.ShipForecastService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@DatabaseTimeout
@Path("/forecast")
@Tag(name = "Ships")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ShipForecastResource {
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    private final ShipForecastService service;
    private final SecurityIdentity caller;

    public ShipForecastResource(ShipForecastService service, SecurityIdentity caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME, Role.DEVICE_NAME})
    @Operation(summary = "Forecast a ship's energy for a window",
            description = "Model: hourly energy (from the hourly rollups of the 56 days before start) as a time-of-week profile "
                    + "(168 hour-of-week levels: daily and weekly seasonality) and a linear trend, either added (every hour grows by "
                    + "the same kWh; ordinary least squares, Apache Commons Math) or multiplied (every hour grows by the same "
                    + "fraction, so a weekend at 0.3× the weekday load stays at 0.3×; least squares), whichever fits the history "
                    + "with the smaller squared error (ties and histories with a negative hour: added). model names the one used. "
                    + "With under two weeks of history it uses an hour-of-day profile, and a mean and trend below that. "
                    + "expected_consumption is the sum of the hourly predictions over [start, end) (partial hours pro rata); low and "
                    + "high bound the 80% prediction interval of that sum, assuming independent hourly errors, clipped at 0. "
                    + "Needs at least 2 days (48 hours) of data before start; windows up to 31 days.")
    @APIResponse(responseCode = "200", description = "The forecast", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = "a week", value = """
                    {"datetime": "2024-01-29T00:00:00Z", "expected_consumption": 688.4, "low": 671.2, "high": 705.6,
                     "model": "time-of-week profile + linear trend (OLS)", "history_days": 28}"""),
                @ExampleObject(name = "a week of a growing load", value = """
                    {"datetime": "2024-02-26T00:00:00Z", "expected_consumption": 838.7, "low": 829.5, "high": 847.9,
                     "model": "time-of-week profile × linear trend (least squares)", "history_days": 56}""")}))
    @APIResponse(responseCode = "400", description = "Bad parameters, start ≥ end, or a window over 31 days", content = @Content(mediaType = ShipDataResource.PROBLEM))
    @APIResponse(responseCode = "401", description = "No or unknown API key", content = @Content(mediaType = ShipDataResource.PROBLEM))
    @APIResponse(responseCode = "403", description = "The key may not read this ship", content = @Content(mediaType = ShipDataResource.PROBLEM))
    @APIResponse(responseCode = "404", description = "The ship has no data", content = @Content(mediaType = ShipDataResource.PROBLEM))
    @APIResponse(responseCode = "422", description = "Under 2 days of history before start", content = @Content(mediaType = ShipDataResource.PROBLEM))
    public Uni<ShipForecast> forecast(
            @Parameter(description = "The ship", required = true, example = "1") @QueryParam("spaceship_id") String spaceshipId,
            @Parameter(description = "Window start (inclusive)", required = true, example = "2024-01-29T00:00:00Z") @QueryParam("start") String start,
            @Parameter(description = "Window end (exclusive), at most 31 days after start", required = true, example = "2024-02-05T00:00:00Z")
            @QueryParam("end") String end) {
        long ship = QueryParams.positiveLong("spaceship_id", spaceshipId);
        Instant from = QueryParams.instant("start", start);
        Instant to = QueryParams.instant("end", end);
        if (!from.isBefore(to)) {
            throw ProblemException.badParameter("end", "must be after start (" + from + "), got " + to);
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.badParameter("end", "the window may span at most 31 days");
        }
        Access.requireRead(caller, SeriesKind.SHIP, Long.toString(ship));
        return service.forecast(ship, new TimeRange(from, to));
    }
}
