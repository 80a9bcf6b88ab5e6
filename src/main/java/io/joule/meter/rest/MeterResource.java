package io.joule.meter.rest;

import io.joule.auth.Role;
import io.joule.auth.security.Access;
import io.joule.csv.CsvBodyWriter;
import io.joule.meter.DailyStat;
import io.joule.meter.MeterView;
import io.joule.meter.repository.MeterRepository;
import io.joule.problem.DatabaseTimeout;
import io.joule.problem.ProblemException;
import io.joule.rest.Paging;
import io.joule.rest.QueryParams;
import io.joule.series.SeriesKind;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@DatabaseTimeout
@Path("/meters")
@Tag(name = "Meters")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class MeterResource {
    static final int MAX_DAYS = 3660;
    static final int DEFAULT_METERS = 100;
    static final int MAX_METERS = 1000;
    private final MeterRepository meters;
    private final Pool pool;
    private final SecurityIdentity caller;

    public MeterResource(MeterRepository meters, Pool pool, SecurityIdentity caller) {
        this.meters = meters;
        this.pool = pool;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List meters", description = "Meters with their channels, units, plant code, zone and first/last reading, "
            + "by meter code, at most limit a page. When there are more, the Link header (rel=\"next\") holds the URL of the next "
            + "page (this request with after set to the page's last meter code); follow it until there is none.")
    @APIResponse(responseCode = "200", description = "One page of meters",
            headers = @Header(name = "Link", description = Paging.LINK_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = MeterView.class)))
    @APIResponse(responseCode = "400", description = "Bad limit or after", content = @Content(mediaType = MeterFileResource.PROBLEM))
    public Uni<RestResponse<List<MeterView>>> list(
            @Parameter(description = "Most meters in this page: 1 to " + MAX_METERS + ", default " + DEFAULT_METERS,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + MAX_METERS, defaultValue = "" + DEFAULT_METERS))
            @QueryParam("limit") String limit,
            @Parameter(description = "Only meters whose code sorts after this: the last meter code of the previous page. The next link sets it")
            @QueryParam("after") String after,
            @Context HttpServerRequest request) {
        int pageSize = QueryParams.intBetween("limit", limit, 1, MAX_METERS, DEFAULT_METERS);
        String afterCode = after == null || after.isEmpty() ? null : meterCode("after", after);
        return meters.channels(pool, afterCode, pageSize + 1).map(rows -> {
            Map<String, List<MeterView.ChannelView>> byMeter = new LinkedHashMap<>();
            for (Row r : rows) {
                byMeter.computeIfAbsent(r.getString("meter_code"), k -> new ArrayList<>()).add(new MeterView.ChannelView(
                        r.getString("serial"), r.getString("data_type"), r.getString("period"), r.getString("rate"),
                        r.getString("units"), r.getString("plant_code"), r.getString("zone"),
                        instant(r.getOffsetDateTime("first_reading")), instant(r.getOffsetDateTime("last_reading"))));
            }
            List<MeterView> page = byMeter.entrySet().stream().limit(pageSize).map(e -> new MeterView(e.getKey(), e.getValue())).toList();
            String next = Paging.next(request, byMeter.size() > pageSize ? page.get(pageSize - 1).meterCode() : null);
            return Paging.page(page, next);
        });
    }

    /** A meter code as files carry it: 1 to 64 characters without '|'. */
    private static String meterCode(String name, String value) {
        if (value.length() > 64 || value.indexOf('|') >= 0) {
            throw ProblemException.badParameter(name, "must be a meter code: 1 to 64 characters without '|'");
        }
        return value;
    }

    @GET
    @Path("/{meterCode}/daily-stats")
    @RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME, Role.DEVICE_NAME})
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    @Operation(summary = "Daily MIN/MAX/AVG/COUNT per channel",
            description = "One row per channel and local day (the zone of the import), over the values as given in the files; "
                    + "channels are never mixed (kWh and kvarh apart). Served from the daily rollups (PostgreSQL) or the continuous aggregates (TimescaleDB), exact right after an import. Dates inclusive. "
                    + "JSON by default; Accept: text/csv answers the same columns as CSV (units is a column: it differs by channel).")
    @APIResponse(responseCode = "200", description = "The statistics", content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one channel-day", value = """
                    [{"date": "2015-08-31", "start": "2015-08-31T00:00:00Z", "end": "2015-09-01T00:00:00Z", "zone": "UTC",
                      "serial": "210095893", "data_type": "Import Wh Total", "period": null, "rate": null,
                      "units": "kwh", "plant_code": "ED031000001", "min": 0.0, "max": 0.6, "avg": 0.12, "count": 93}]""")),
            @Content(mediaType = CsvBodyWriter.TEXT_CSV, examples = @ExampleObject(name = "one channel-day", value = """
                    date,start,end,zone,serial,data_type,period,rate,units,plant_code,min,max,avg,count
                    2015-08-31,2015-08-31T00:00:00Z,2015-09-01T00:00:00Z,UTC,210095893,Import Wh Total,,,kwh,ED031000001,0.0,0.6,0.12,93
                    """))})
    @APIResponse(responseCode = "400", description = "Bad dates", content = @Content(mediaType = MeterFileResource.PROBLEM))
    @APIResponse(responseCode = "403", description = "A device key of another meter", content = @Content(mediaType = MeterFileResource.PROBLEM))
    @APIResponse(responseCode = "404", description = "Unknown meter", content = @Content(mediaType = MeterFileResource.PROBLEM))
    @APIResponse(responseCode = "406", description = "Accept names neither application/json nor text/csv", content = @Content(mediaType = MeterFileResource.PROBLEM))
    public Uni<List<DailyStat>> dailyStats(@PathParam("meterCode") String meterCode,
            @Parameter(description = "Only this serial number") @QueryParam("serial") String serial,
            @Parameter(description = "First local day, YYYY-MM-DD", required = true) @QueryParam("from") String from,
            @Parameter(description = "Last local day (inclusive), YYYY-MM-DD", required = true) @QueryParam("to") String to,
            @Parameter(description = "Only this data type, e.g. Import Wh Total") @QueryParam("data_type") String dataType) {
        Access.requireRead(caller, SeriesKind.METER, meterCode);
        LocalDate[] days = QueryParams.dates(from, to, MAX_DAYS);
        return meters.dailyStats(pool, meterCode, blankToNull(serial), blankToNull(dataType), days[0], days[1])
                .map(stats -> stats.orElseThrow(() -> ProblemException.notFound("No meter " + meterCode)));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
