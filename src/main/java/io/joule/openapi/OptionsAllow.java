package io.joule.openapi;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Answers OPTIONS with the path's own methods. RESTEasy Reactive lists every method of the resource class, so
 * {@code OPTIONS /api-keys} named DELETE, which only {@code /api-keys/{id}} answers.
 */
public class OptionsAllow {

    @ServerResponseFilter
    public void allow(ContainerRequestContext request, ContainerResponseContext response) {
        if (HttpMethod.OPTIONS.equals(request.getMethod()) && response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
            // the raw path, as a 405 matches it: a decoded %2F would split a segment
            AllowedMethods.forPath(request.getUriInfo().getRequestUri().getRawPath())
                    .ifPresent(allow -> response.getHeaders().putSingle(HttpHeaders.ALLOW, allow));
        }
    }
}
