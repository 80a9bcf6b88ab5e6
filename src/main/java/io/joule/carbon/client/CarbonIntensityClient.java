package io.joule.carbon.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The National Grid Carbon Intensity API (base URL: joule.carbon-intensity.url). */
@RegisterRestClient(configKey = "carbon-intensity")
@Produces(MediaType.APPLICATION_JSON)
public interface CarbonIntensityClient {

    /** @param from ISO-8601 such as 2019-11-25T00:00Z; the API answers at most 14 days per request */
    @GET
    @Path("/intensity/{from}/{to}")
    Uni<JsonNode> intensity(@PathParam("from") String from, @PathParam("to") String to);
}
