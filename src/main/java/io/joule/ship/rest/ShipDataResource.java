package io.joule.ship.rest;

import io.joule.auth.Role;
import io.joule.auth.security.Access;
import io.joule.config.JouleConfig;
import io.joule.csv.CsvBodyWriter;
import io.joule.openapi.RequestSchemas;
import io.joule.pipeline.TimeRange;
import io.joule.problem.DatabaseTimeout;
import io.joule.rest.LargeBodies;
import io.joule.rest.Paging;
import io.joule.rest.QueryParams;
import io.joule.series.SeriesKind;
import io.joule.ship.IngestSummary;
import io.joule.ship.ShipBatch;
import io.joule.ship.ShipUsage;
import io.joule.ship.SlotLabel;
import io.joule.ship.service.ShipDataService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@DatabaseTimeout
@Path("/data")
@Tag(name = "Ships", description = "Ship power and energy, normalized to 15-minute kWh")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ShipDataResource {
    static final String PROBLEM = "application/problem+json";
    /** Slots per page of GET /data: about 104 days by default, 1042 at most. */
    static final int DEFAULT_LIMIT = 10_000;
    static final int MAX_LIMIT = 100_000;
    private static final String BATCH_EXAMPLE = """
            {"spaceship_id": 2, "units": "kW", "data": [
              {"datetime": "2018-08-24T00:00:00Z", "value": 22},
              {"datetime": "2018-08-24T00:05:00Z", "value": 24},
              {"datetime": "2018-08-24T00:10:00Z", "value": 23}]}""";
    private static final String BAD_BATCH_EXAMPLE = """
            {"type": "about:blank", "title": "Bad Request", "status": 400,
             "detail": "The batch has 2 invalid fields; nothing was stored", "instance": "/data",
             "errors": [{"pointer": "/units", "detail": "unknown units \\"kWs\\"; use W, kW, MW (power) or Wh, kWh, MWh (energy)"},
                        {"pointer": "/data/1/datetime", "detail": "\\"2019-01-05T04:42:00ZZ\\" is not an ISO-8601 timestamp with an offset"}]}""";

    private final ShipDataService service;
    private final SecurityIdentity caller;
    private final JouleConfig config;

    public ShipDataResource(ShipDataService service, SecurityIdentity caller, JouleConfig config) {
        this.service = service;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.DEVICE_NAME})
    @Operation(summary = "Post a batch of ship readings",
            description = "Power (W, kW, MW) is held until the next reading; interval energy (Wh, kWh, MWh) is spread over "
                    + "the time to the next reading. A reading before a gap over 1 h covers one nominal interval. "
                    + "Re-sending a timestamp replaces its value. The whole batch is validated first: any error stores nothing. "
                    + "A new spaceship_id is registered on its first accepted batch; a ship keeps the quantity (power or energy) "
                    + "of its first batch. Admin, or the ship's device key.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RequestSchemas.ShipBatch.class), examples = @ExampleObject(name = "kW every 5 minutes", value = BATCH_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Stored; the slots around each reading were recomputed, all within [from, to)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "summary", value = """
                    {"spaceship_id": 2, "readings": 3, "slots_written": 1, "from": "2018-08-23T23:00:00Z", "to": "2018-08-24T02:15:00Z"}""")))
    @APIResponse(responseCode = "400", description = "Invalid batch: every offending field by JSON pointer",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "invalid", value = BAD_BATCH_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No or unknown API key", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "The key may not write this ship", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "The units' quantity differs from the ship's", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "413", description = "Body over the size limit (JOULE_MAX_BODY_SIZE), or readings that cover more than "
            + "500,000 15-minute slots", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "415", description = "Not application/json", content = @Content(mediaType = PROBLEM))
    public Uni<IngestSummary> post(byte[] body) {
        return LargeBodies.parse(body, LargeBodies.JSON_INLINE_BYTES, b -> ShipBatchParser.parse(b, config.maxBatchPoints()))
                .flatMap(batch -> {
                    Access.requireWrite(caller, SeriesKind.SHIP, Long.toString(batch.spaceshipId()));
                    return service.ingest(batch);
                });
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    @RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME, Role.DEVICE_NAME})
    @Operation(summary = "Get a ship's 15-minute usage",
            description = "The slots whose start is in [start, end), ascending, in kWh, unrounded. Slots without data are absent. "
                    + "At most limit slots a page: when there are more, the Link header (rel=\"next\") and next hold the URL "
                    + "of the next page (this request with after set to the last datetime shown); follow it until there is none. "
                    + "JSON by default; Accept: text/csv answers datetime,value_kwh rows.")
    @APIResponse(responseCode = "200", description = "One page of slots",
            headers = @Header(name = "Link", description = Paging.LINK_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "usage", value = """
                    {"spaceship_id": 1, "units": "kWh", "data": [{"datetime": "2018-08-24T00:00:00Z", "value": 3.0},
                     {"datetime": "2018-08-24T00:15:00Z", "value": 3.0}],
                     "next": "http://localhost:8080/data?spaceship_id=1&limit=2&after=2018-08-24T00:15:00Z"}""")),
                @Content(mediaType = CsvBodyWriter.TEXT_CSV, examples = @ExampleObject(name = "usage", value = """
                    datetime,value_kwh
                    2018-08-24T00:00:00Z,3.0
                    2018-08-24T00:15:00Z,3.0
                    """))})
    @APIResponse(responseCode = "400", description = "Bad parameter, or start ≥ end", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = "No or unknown API key", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "The key may not read this ship", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "The ship has no data", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "406", description = "Accept names neither application/json nor text/csv", content = @Content(mediaType = PROBLEM))
    public Uni<ShipUsage> get(
            @Parameter(description = "The ship", required = true, example = "1", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("spaceship_id") String spaceshipId,
            @Parameter(description = "Inclusive lower bound on slot start; open when absent. Z, offset or 2018-08-24T00-00-00Z form",
                    example = "2018-08-24T00:00:00Z") @QueryParam("start") String start,
            @Parameter(description = "Exclusive upper bound on slot start; open when absent", example = "2018-08-25T00:00:00Z")
            @QueryParam("end") String end,
            @Parameter(description = "Show each slot by its start (default) or its end",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"start", "end"}, defaultValue = "start")) @QueryParam("label") String label,
            @Parameter(description = "Most slots in this page: 1 to " + MAX_LIMIT + ", default " + DEFAULT_LIMIT,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT))
            @QueryParam("limit") String limit,
            @Parameter(description = "Only slots whose datetime (as labelled) is after this: the last datetime of the previous page. "
                    + "The next link sets it, e.g. 2018-08-24T00:15:00Z") @QueryParam("after") String after,
            @Context HttpServerRequest request, @Context HttpServerResponse response) {
        long id = QueryParams.positiveLong("spaceship_id", spaceshipId);
        TimeRange range = QueryParams.range(start, end);
        SlotLabel slotLabel = QueryParams.choice("label", label, SlotLabel.class, SlotLabel.START);
        int pageSize = QueryParams.intBetween("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        Instant afterShown = after == null || after.isEmpty() ? null : QueryParams.instant("after", after);
        Access.requireRead(caller, SeriesKind.SHIP, Long.toString(id));
        // Uni<ShipUsage> rather than a RestResponse: only then does RESTEasy Reactive pick the CSV writer by Accept.
        return service.usage(id, range, slotLabel, afterShown, pageSize).map(page -> {
            String next = Paging.next(request, page.nextAfter() == null ? null : page.nextAfter().toString());
            Paging.link(response, next);
            return page.usage().withNext(next);
        });
    }
}
