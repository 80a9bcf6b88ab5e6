package io.joule.openapi;

import io.joule.problem.Problem;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Answers OPTIONS with the path's own methods, and a path no resource answers with 404. RESTEasy Reactive lists every method of the resource class, so
 * {@code OPTIONS /api-keys} named DELETE, which only {@code /api-keys/{id}} answers.
 */
public class OptionsAllow {

    @ServerResponseFilter
    public void allow(ContainerRequestContext request, ContainerResponseContext response) {
        if (HttpMethod.OPTIONS.equals(request.getMethod()) && response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
            // the raw path, as a 405 matches it: a decoded %2F would split a segment
            String path = request.getUriInfo().getRequestUri().getRawPath();
            Optional<String> allow = AllowedMethods.forPath(path);
            if (allow.isPresent()) {
                response.getHeaders().putSingle(HttpHeaders.ALLOW, allow.get());
            } else {
                // RESTEasy answered for the nearest resource class (OPTIONS /data/x/y named /data's methods); as GET would, 404
                response.getHeaders().remove(HttpHeaders.ALLOW);
                response.setStatus(404);
                response.setEntity(new Problem("about:blank", "Not Found", 404, "No such path", path, null), null,
                        MediaType.valueOf(Problem.MEDIA_TYPE));
            }
        }
    }
}
