package io.joule.auth.rest;

import io.joule.auth.ApiKeyView;
import io.joule.auth.Role;
import io.joule.auth.security.ActiveKeys;
import io.joule.auth.service.ApiKeyService;
import io.joule.openapi.RequestSchemas;
import io.joule.problem.DatabaseTimeout;
import io.joule.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@DatabaseTimeout
@Path("/api-keys")
@Tag(name = "API keys", description = "Bearer keys and their roles (admin only)")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {
    private final ApiKeyService service;
    private final ActiveKeys activeKeys;

    public ApiKeyResource(ApiKeyService service, ActiveKeys activeKeys) {
        this.service = service;
        this.activeKeys = activeKeys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API key", description = "Roles: admin (everything), coordinator (reads every series), "
            + "device (one series, named by subject such as ship:42), user. The key is shown once; only its hash is stored.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RequestSchemas.ApiKey.class), examples = @ExampleObject(name = "device", value = "{\"role\": \"device\", \"subject\": \"ship:42\"}")))
    @APIResponse(responseCode = "201", description = "Issued", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "issued", value = "{\"id\": \"2b6f0cc9-3f0c-4bb0-9a53-5d3c3f1c2a10\", "
                    + "\"key\": \"jk_bWFkZSB1cCBmb3IgdGhlIGV4YW1wbGUgb25seQ\", \"role\": \"device\", \"subject\": \"ship:42\"}")))
    @APIResponse(responseCode = "400", description = "Unknown role, a subject that does not fit it, or a user key for a user that does not exist", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "401", description = "No or unknown key", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "Not an admin key", content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> issue(byte[] body) {
        ApiKeyRequestParser.Request request = ApiKeyRequestParser.parse(body);
        return service.issue(request.role(), request.subject())
                .map(issued -> Response.status(Response.Status.CREATED).entity(issued).build());
    }

    @GET
    @Operation(summary = "List API keys", description = "Every key with its role, subject and revocation time; never the secret.")
    @APIResponse(responseCode = "200", description = "The keys")
    public Uni<List<ApiKeyView>> list() {
        return service.list();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key", description = "The key stops working at once on this instance and within JOULE_KEY_CACHE_TTL (5 s) on others. Revoking a revoked key changes nothing.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key", content = @Content(mediaType = "application/problem+json"))
    public Uni<Void> revoke(@PathParam("id") String id) {
        // Forgotten once the revocation is committed, so no request can cache the key again in between; also when the
        // answer ends otherwise (a write timeout): the revocation may commit later, and forgetting costs only lookups.
        return service.revoke(parseId(id)).onTermination().invoke(activeKeys::forgetAll);
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No API key " + id);
        }
    }
}
