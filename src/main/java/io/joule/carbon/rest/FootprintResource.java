package io.joule.carbon.rest;

import io.joule.auth.Role;
import io.joule.auth.security.Access;
import io.joule.carbon.Footprint;
import io.joule.carbon.service.FootprintChart;
import io.joule.carbon.service.FootprintService;
import io.joule.config.DatabaseConfig;
import io.joule.csv.CsvBodyWriter;
import io.joule.problem.DatabaseNoAnswer;
import io.joule.problem.DatabaseTimeout;
import io.joule.problem.ProblemException;
import io.joule.rest.PathParams;
import io.joule.rest.QueryParams;
import io.joule.series.SeriesKind;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "Carbon")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME, Role.DEVICE_NAME})
public class FootprintResource {
    static final String SVG = "image/svg+xml";
    static final String PNG = "image/png";
    private final FootprintService service;
    private final SecurityIdentity caller;
    private final Duration readTimeout;

    public FootprintResource(FootprintService service, SecurityIdentity caller, DatabaseConfig config) {
        this.service = service;
        this.caller = caller;
        this.readTimeout = config.readTimeout();
    }

    @GET
    @Path("assets/{assetId}/footprint")
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    @Operation(summary = "An asset's half-hourly carbon footprint",
            description = "Per half-hour of the local day (HalfHourId 1 starts at local midnight in zone; 46 or 50 ids on DST days): "
                    + "energy_kwh (sum of the two 15-minute slots), intensity (actual where known, else forecast, as intensity_type) "
                    + "and footprint_g = energy × intensity. In a zone offset by :15 or :45 (Asia/Kathmandu) a half-hour straddles two "
                    + "of the grid's: each slot takes its own half-hour's intensity, footprint_g is the sum, intensity their mean, "
                    + "and intensity_type actual only when both are. Unknown energy or intensity is null, never zero. from/to are inclusive ids. "
                    + "JSON by default; Accept: text/csv answers the half-hours as rows (intensity as intensity_g_per_kwh, "
                    + "unknown values empty; no total).")
    @APIResponse(responseCode = "200", description = "The footprint", content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one half-hour", value = """
                    {"asset_id": "abc123xyz", "date": "2019-11-25", "zone": "UTC", "region": "GB", "half_hours": [{"half_hour_id": 1,
                     "start": "2019-11-25T00:00:00Z", "end": "2019-11-25T00:30:00Z", "energy_kwh": -50.0, "intensity": 200.0,
                     "intensity_type": "actual", "footprint_g": -10000.0}], "total_g": -10000.0}""")),
            @Content(mediaType = CsvBodyWriter.TEXT_CSV, examples = @ExampleObject(name = "one half-hour", value = """
                    half_hour_id,start,end,energy_kwh,intensity_g_per_kwh,intensity_type,footprint_g
                    1,2019-11-25T00:00:00Z,2019-11-25T00:30:00Z,-50.0,200.0,actual,-10000.0
                    """))})
    @APIResponse(responseCode = "400", description = "Bad date, ids, zone or region", content = @Content(mediaType = CarbonIntensityResource.PROBLEM))
    @APIResponse(responseCode = "404", description = "No data for the asset", content = @Content(mediaType = CarbonIntensityResource.PROBLEM))
    @APIResponse(responseCode = "406", description = "Accept names neither application/json nor text/csv", content = @Content(mediaType = CarbonIntensityResource.PROBLEM))
    @DatabaseTimeout
    public Uni<Footprint> footprint(@BeanParam FootprintQuery query) {
        return read(query);
    }

    private Uni<Footprint> read(FootprintQuery query) {
        Access.requireRead(caller, SeriesKind.ASSET, query.assetId);
        return service.footprint(query.assetId, QueryParams.date("date", query.date), id("from", query.from), id("to", query.to),
                QueryParams.zone("zone", query.zone), CarbonIntensityResource.region(query.region));
    }

    @GET
    @Path("assets/{assetId}/footprint.svg")
    @Produces(SVG)
    @Operation(summary = "The footprint as an SVG bar chart", description = "Same parameters as the JSON footprint.")
    @APIResponse(responseCode = "200", description = "An SVG image", content = @Content(mediaType = SVG))
    public Uni<byte[]> svg(@BeanParam FootprintQuery query) {
        return draw(query, FootprintChart::svg);
    }

    @GET
    @Path("assets/{assetId}/footprint.png")
    @Produces(PNG)
    @Operation(summary = "The footprint as a PNG bar chart", description = "Same parameters as the JSON footprint.")
    @APIResponse(responseCode = "200", description = "A PNG image", content = @Content(mediaType = PNG))
    public Uni<byte[]> png(@BeanParam FootprintQuery query) {
        return draw(query, FootprintChart::png);
    }

    @GET
    @Path("footprint/{assetId}/{date}/{range: [^/]+}{slash: /?}")
    @Produces(PNG)
    @Operation(summary = "The original's footprint chart URL", description = "GET /footprint/{asset_id}/{date}/{from}-{to}/ answers the PNG "
            + "for HalfHourIds from..to of the UTC day.")
    @APIResponse(responseCode = "200", description = "A PNG image", content = @Content(mediaType = PNG))
    public Uni<byte[]> legacy(@Parameter(description = "The grid asset's id", example = "abc123xyz") @PathParam("assetId") String assetId,
            @Parameter(description = "UTC day, YYYY-MM-DD", example = "2019-11-25") @PathParam("date") String date,
            @Parameter(description = "{from}-{to}: first and last HalfHourId, inclusive", example = "1-48") @PathParam("range") String range) {
        int dash = range.indexOf('-');
        if (dash <= 0 || dash == range.length() - 1) {
            throw PathParams.bad("range", "expected {from}-{to}, e.g. 1-48");
        }
        FootprintQuery query = new FootprintQuery();
        query.assetId = assetId;
        query.date = PathParams.date("date", date).toString();
        query.from = range.substring(0, dash);
        query.to = range.substring(dash + 1);
        Uni<byte[]> chart; // from and to stand in the path here, whether they are refused at once or by the read
        try {
            chart = png(query);
        } catch (ProblemException e) {
            throw e.inPath();
        }
        return chart.onFailure(ProblemException.class).transform(e -> ((ProblemException) e).inPath());
    }

    /**
     * Charts are drawn off the event loop: rendering takes tens of milliseconds. Only the read waits at most the read
     * timeout; a slow drawing on a busy machine is not the database's silence.
     */
    private Uni<byte[]> draw(FootprintQuery query, Function<Footprint, byte[]> drawer) {
        return DatabaseNoAnswer.within(read(query), readTimeout).emitOn(Infrastructure.getDefaultWorkerPool()).map(drawer);
    }

    private static Integer id(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return QueryParams.intBetween(name, value, 1, 50, 1);
    }

}
