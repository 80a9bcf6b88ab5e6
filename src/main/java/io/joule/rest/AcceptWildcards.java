package io.joule.rest;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads a wildcard subtype in Accept ({@code application/*}, {@code text/*}) as the endpoint's own type of
 * that kind before content negotiation. Where a method produces more than one type (JSON and CSV),
 * RESTEasy Reactive would otherwise answer {@code application/*} with the entity's toString() as
 * application/octet-stream, and {@code text/*} with 406. Other methods, and {@code *}{@code /*}, are left alone.
 */
public class AcceptWildcards {

    @ServerRequestFilter
    public void resolve(ContainerRequestContext request, ResourceInfo resource) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        // the common cases (none, */*, concrete types) cost one scan of the header
        if (accept == null || !hasWildcardSubtype(accept) || resource.getResourceMethod() == null) {
            return;
        }
        Produces produces = resource.getResourceMethod().getAnnotation(Produces.class);
        if (produces == null || produces.value().length < 2) {
            return;
        }
        List<String> ranges = new ArrayList<>();
        for (String range : accept.split(",")) {
            ranges.add(resolved(range.trim(), produces.value()));
        }
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, String.join(", ", ranges));
    }

    /** Whether a range like {@code text/*} (not {@code *}{@code /*}) is in the header. */
    static boolean hasWildcardSubtype(String accept) {
        for (int i = accept.indexOf("/*"); i > 0; i = accept.indexOf("/*", i + 2)) {
            if (accept.charAt(i - 1) != '*') {
                return true;
            }
        }
        return false;
    }

    /** {@code type/*;params} as the first produced {@code type/subtype;params}, else the range as it was. */
    static String resolved(String range, String[] produced) {
        int slash = range.indexOf("/*");
        if (slash <= 0 || range.startsWith("*")) {
            return range;
        }
        String type = range.substring(0, slash);
        for (String candidate : produced) {
            MediaType media = MediaType.valueOf(candidate);
            if (media.getType().equalsIgnoreCase(type)) {
                return media.getType() + "/" + media.getSubtype() + range.substring(slash + 2);
            }
        }
        return range;
    }
}
