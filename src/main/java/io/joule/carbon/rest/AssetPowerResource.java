package io.joule.carbon.rest;

import io.joule.auth.Role;
import io.joule.auth.security.Access;
import io.joule.carbon.AssetPowerParser;
import io.joule.pipeline.Reading;
import io.joule.problem.DatabaseTimeout;
import io.joule.rest.LargeBodies;
import io.joule.series.SeriesKind;
import io.joule.series.SeriesSpec;
import io.joule.timeseries.WriteSummary;
import io.joule.timeseries.service.TimeSeriesWriter;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@DatabaseTimeout
@Path("/assets/power")
@Tag(name = "Carbon")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AssetPowerResource {
    private final TimeSeriesWriter writer;
    private final SecurityIdentity caller;

    public AssetPowerResource(TimeSeriesWriter writer, SecurityIdentity caller) {
        this.writer = writer;
        this.caller = caller;
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Role.ADMIN_NAME, Role.DEVICE_NAME})
    @Operation(summary = "Import asset power", description = "CSV Time,Variable,AssetId,Value with UTC times like 2019-11-25 05:54:08.8640000, "
            + "rows in any order, signed kW (a battery discharges below zero). Only Variable 'power'. Stored whole or not at all. "
            + "Admin, or the asset's device key (asset:<id>).")
    @APIResponse(responseCode = "200", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "stored", value = "[{\"asset_id\": \"abc123xyz\", \"readings\": 4916, \"slots_written\": 96, \"from\": \"2019-11-24T00:00:00Z\", \"to\": \"2019-11-27T00:00:00Z\"}]")))
    @APIResponse(responseCode = "400", description = "Bad rows by line number; nothing stored", content = @Content(mediaType = CarbonIntensityResource.PROBLEM))
    @APIResponse(responseCode = "403", description = "Another asset's key", content = @Content(mediaType = CarbonIntensityResource.PROBLEM))
    @APIResponse(responseCode = "413", description = "Body over JOULE_MAX_BODY_SIZE, or an asset's readings covering more than 500,000 "
            + "15-minute slots (each holds for up to a day); nothing stored", content = @Content(mediaType = CarbonIntensityResource.PROBLEM))
    public Uni<List<Map<String, Object>>> importPower(byte[] body) {
        return LargeBodies.parse(body, LargeBodies.CSV_INLINE_BYTES,
                b -> AssetPowerParser.parse(new ByteArrayInputStream(b == null ? new byte[0] : b))).flatMap(this::write);
    }

    private Uni<List<Map<String, Object>>> write(Map<String, List<Reading>> byAsset) {
        byAsset.keySet().forEach(asset -> Access.requireWrite(caller, SeriesKind.ASSET, asset));
        TreeMap<SeriesSpec, List<Reading>> batches = new TreeMap<>(Comparator.comparing(SeriesSpec::key));
        byAsset.forEach((asset, readings) -> batches.put(SeriesSpec.asset(asset), readings));
        return writer.writeAll(batches).map(summaries -> {
            List<String> assets = List.copyOf(batches.keySet().stream().map(SeriesSpec::key).toList());
            return java.util.stream.IntStream.range(0, summaries.size()).mapToObj(i -> summary(assets.get(i), summaries.get(i))).toList();
        });
    }

    private static Map<String, Object> summary(String asset, WriteSummary w) {
        return Map.of("asset_id", asset, "readings", w.readings(), "slots_written", w.slotsWritten(), "from", w.from(), "to", w.to());
    }
}
