package io.joule.user.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.joule.auth.Role;
import io.joule.openapi.RequestSchemas;
import io.joule.problem.DatabaseTimeout;
import io.joule.problem.JsonBody;
import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import io.joule.user.CreatedUser;
import io.joule.user.UserName;
import io.joule.user.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@DatabaseTimeout
@Path("/users")
@Tag(name = "Water sensors")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private final UserService users;

    public UserResource(UserService users) {
        this.users = users;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user", description = "A person who links sensors to their account. Answers their API key (role user) once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RequestSchemas.User.class), examples = @ExampleObject(name = "alice", value = "{\"name\": \"alice\"}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "created", value = "{\"user_id\": \"6f1c2d0e-5a7b-4c1e-9d2f-3b4a5c6d7e8f\", \"name\": \"alice\", \"api_key\": \"jk_...\"}")))
    @APIResponse(responseCode = "400", description = "No name", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The name is taken", content = @Content(mediaType = "application/problem+json"))
    public Uni<RestResponse<CreatedUser>> create(byte[] body) {
        JsonNode root = JsonBody.small(body);
        JsonNode name = root.isObject() ? root.get("name") : null;
        String canonical = name == null || !name.isTextual() ? null : UserName.canonical(name.asText()).orElse(null);
        if (canonical == null) {
            throw ProblemException.badRequest("Invalid user", List.of(ProblemError.at("/name", "required: " + UserName.RULE)));
        }
        return users.create(canonical).map(u -> RestResponse.status(RestResponse.Status.CREATED, u));
    }
}
