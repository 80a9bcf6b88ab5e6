package io.joule.carbon.rest;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The footprint's parameters, shared by its JSON, SVG and PNG forms so each is documented once. */
public class FootprintQuery {
    @PathParam("assetId")
    @Parameter(description = "The grid asset's id", example = "abc123xyz")
    String assetId;

    @QueryParam("date")
    @Parameter(description = "Local day, YYYY-MM-DD", required = true, example = "2019-11-25")
    String date;

    @QueryParam("from")
    @Parameter(description = "First HalfHourId, 1–50 (default 1: the half-hour from local midnight)", schema = @Schema(minimum = "1", maximum = "50"))
    String from;

    @QueryParam("to")
    @Parameter(description = "Last HalfHourId, inclusive, 1–50 (default the day's last: 48, or 46/50 on DST days)",
            schema = @Schema(minimum = "1", maximum = "50"))
    String to;

    @QueryParam("zone")
    @Parameter(description = "IANA zone whose local day is meant", schema = @Schema(defaultValue = "UTC"))
    String zone;

    @QueryParam("region")
    @Parameter(description = "Grid region of the carbon intensity", schema = @Schema(defaultValue = "GB"))
    String region;
}
