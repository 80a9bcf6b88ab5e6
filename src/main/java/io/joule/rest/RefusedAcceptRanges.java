package io.joule.rest;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Honours {@code q=0} in Accept, which says "not this type" (RFC 9110, 12.4.2): RESTEasy Reactive reads it as any other
 * weight, so {@code Accept: text/csv;q=0} got CSV. Such ranges are dropped before content negotiation; when none is left,
 * the answer is 406.
 */
public class RefusedAcceptRanges {

    @ServerRequestFilter
    public void drop(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || !accept.contains("=0")) { // q=0, Q=0 (parameter names ignore case), q=0.0
            return;
        }
        List<String> wanted = wanted(accept);
        if (wanted.isEmpty()) {
            throw new NotAcceptableException("Accept refuses (q=0) every type it names; ask for application/json or text/csv, "
                    + "as the endpoint answers");
        }
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, String.join(", ", wanted));
    }

    /** The ranges of the header whose weight is not 0, as they were written. */
    static List<String> wanted(String accept) {
        List<String> wanted = new ArrayList<>();
        for (String range : accept.split(",")) {
            if (!range.isBlank() && !refused(range)) {
                wanted.add(range.trim());
            }
        }
        return wanted;
    }

    private static boolean refused(String range) {
        String[] parameters = range.split(";");
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q') && parameter.charAt(1) == '=') {
                try {
                    return Double.parseDouble(parameter.substring(2).trim()) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
