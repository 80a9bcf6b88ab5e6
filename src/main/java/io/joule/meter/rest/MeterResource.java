package io.joule.meter.rest;

import io.joule.auth.Role;
import io.joule.meter.DailyStat;
import io.joule.meter.MeterView;
import io.joule.meter.repository.MeterRepository;
import io.joule.problem.ProblemException;
import io.joule.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/meters")
@Tag(name = "Meters")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.COORDINATOR_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class MeterResource {
    static final int MAX_DAYS = 3660;
    private final MeterRepository meters;
    private final Pool pool;

    public MeterResource(MeterRepository meters, Pool pool) {
        this.meters = meters;
        this.pool = pool;
    }

    @GET
    @Operation(summary = "List meters", description = "Every meter with its channels, units, plant code, zone and first/last reading.")
    @APIResponse(responseCode = "200", description = "The meters")
    public Uni<List<MeterView>> list() {
        return meters.channels(pool).map(rows -> {
            Map<String, List<MeterView.ChannelView>> byMeter = new LinkedHashMap<>();
            for (Row r : rows) {
                byMeter.computeIfAbsent(r.getString("meter_code"), k -> new ArrayList<>()).add(new MeterView.ChannelView(
                        r.getString("serial"), r.getString("data_type"), r.getString("period"), r.getString("rate"),
                        r.getString("units"), r.getString("plant_code"), r.getString("zone"),
                        instant(r.getOffsetDateTime("first_reading")), instant(r.getOffsetDateTime("last_reading"))));
            }
            return byMeter.entrySet().stream().map(e -> new MeterView(e.getKey(), e.getValue())).toList();
        });
    }

    @GET
    @Path("/{meterCode}/daily-stats")
    @Operation(summary = "Daily MIN/MAX/AVG/COUNT per channel",
            description = "One row per channel and local day (the zone of the import), over the values as given in the files; "
                    + "channels are never mixed (kWh and kvarh apart). Served from the daily rollups. Dates inclusive.")
    @APIResponse(responseCode = "200", description = "The statistics", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one channel-day", value = """
                    [{"date": "2015-08-31", "serial": "210095893", "data_type": "Import Wh Total", "period": null, "rate": null,
                      "units": "kwh", "plant_code": "ED031000001", "min": 0.0, "max": 0.6, "avg": 0.12, "count": 93}]""")))
    @APIResponse(responseCode = "400", description = "Bad dates", content = @Content(mediaType = MeterFileResource.PROBLEM))
    @APIResponse(responseCode = "404", description = "Unknown meter", content = @Content(mediaType = MeterFileResource.PROBLEM))
    public Uni<List<DailyStat>> dailyStats(@PathParam("meterCode") String meterCode,
            @Parameter(description = "Only this serial number") @QueryParam("serial") String serial,
            @Parameter(description = "First local day, YYYY-MM-DD", required = true) @QueryParam("from") String from,
            @Parameter(description = "Last local day (inclusive), YYYY-MM-DD", required = true) @QueryParam("to") String to,
            @Parameter(description = "Only this data type, e.g. Import Wh Total") @QueryParam("data_type") String dataType) {
        LocalDate[] days = QueryParams.dates(from, to, MAX_DAYS);
        return meters.meterExists(pool, meterCode)
                .invoke(exists -> {
                    if (!exists) {
                        throw ProblemException.notFound("No meter " + meterCode);
                    }
                })
                .flatMap(exists -> meters.dailyStats(pool, meterCode, blankToNull(serial), blankToNull(dataType), days[0], days[1]));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
