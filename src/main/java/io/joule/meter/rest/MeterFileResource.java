package io.joule.meter.rest;

import io.joule.auth.Role;
import io.joule.meter.ImportSummary;
import io.joule.config.JouleConfig;
import io.joule.meter.service.ImportGate;
import io.joule.meter.service.MeterImportService;
import io.joule.meter.service.UploadSpool;
import io.joule.problem.ProblemException;
import io.joule.rest.QueryParams;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/meter-files")
@Tag(name = "Meters", description = "Load-Profile and Time-of-Use files, daily statistics per channel")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class MeterFileResource {
    static final String PROBLEM = "application/problem+json";
    // No example: Swagger UI would prefill it, and a channel keeps the zone of its first import.
    static final String ZONE = "IANA zone of the file's local times, e.g. Europe/Berlin. A channel keeps the zone of its first import.";
    private final MeterImportService service;
    private final ImportGate gate;
    private final long fileLimit;

    public MeterFileResource(MeterImportService service, ImportGate gate, JouleConfig config) {
        this.service = service;
        this.gate = gate;
        this.fileLimit = config.maxFileSize().asLongValue();
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Import a meter file (CSV body)",
            description = "The layout (LP, TOU-2015, TOU-2018) is recognised by the header. Times are local to zone. "
                    + "The file is imported whole or not at all; re-importing it leaves the same state. kWh channels of LP and "
                    + "TOU-2018 files also feed the 15-minute slots.")
    @APIResponse(responseCode = "201", description = "Imported", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "LP", value = """
                    {"format": "LP", "rows": 384, "meters": ["210095893"], "channels": [{"meter_code": "210095893",
                     "serial": "210095893", "data_type": "Import Wh Total", "units": "kwh", "plant_code": "ED031000001"}],
                     "from": "2015-08-31T00:45:00Z", "to": "2015-09-01T00:30:00Z"}""")))
    @APIResponse(responseCode = "400", description = "Unknown layout, or bad rows listed by line number", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "A channel kept in another zone or with other units", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "413", description = "Over JOULE_MAX_FILE_SIZE", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "503", description = "Too many imports at once; see Retry-After", content = @Content(mediaType = PROBLEM))
    public RestResponse<ImportSummary> importCsv(InputStream body,
            @Parameter(description = ZONE, schema = @Schema(defaultValue = "UTC")) @QueryParam("zone") String zone) {
        ZoneId z = QueryParams.zone("zone", zone);
        return gate.run(() -> {
            // The whole body is on disk before the import takes a database connection.
            try (UploadSpool spool = UploadSpool.of(body, fileLimit)) {
                return importFrom(spool.path(), z);
            }
        });
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import a meter file (multipart upload, part 'file')", description = "As the CSV body form; what browsers and Postman send.")
    @APIResponse(responseCode = "201", description = "Imported")
    @APIResponse(responseCode = "400", description = "No 'file' part, unknown layout, or bad rows", content = @Content(mediaType = PROBLEM))
    public RestResponse<ImportSummary> importUpload(@RestForm("file") FileUpload file,
            @Parameter(description = ZONE, schema = @Schema(defaultValue = "UTC")) @QueryParam("zone") String zone,
            @Parameter(hidden = true) @RestForm(FileUpload.ALL) List<FileUpload> uploads) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.badFormField("file", "send the CSV as the multipart part named 'file'");
        }
        if (uploads.stream().filter(upload -> "file".equals(upload.name())).count() > 1) {
            throw ProblemException.badFormField("file", "send one file a request: this upload has several parts named 'file'");
        }
        ZoneId z = QueryParams.zone("zone", zone);
        return gate.run(() -> importFrom(file.uploadedFile(), z));
    }

    private RestResponse<ImportSummary> importFrom(java.nio.file.Path file, ZoneId zone) {
        return RestResponse.status(RestResponse.Status.CREATED, service.importFile(file, zone));
    }

}
