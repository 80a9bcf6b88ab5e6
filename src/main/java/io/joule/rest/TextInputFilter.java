package io.joule.rest;

import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import io.joule.text.ClientText;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.PathSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before any resource runs, a path segment or query parameter (decoded) over 1,000
 * characters or with a control character or a lone surrogate: a 400 naming it, instead of a 500
 * from PostgreSQL; and a query parameter given more than once. (Header values with control characters are refused by
 * the HTTP codec itself.)
 */
public class TextInputFilter {
    static final int MAX_PARAMETER = 1_000;

    /** Parameters a request may have for {@link #plainlyFine} to compare their names; more are checked in full. */
    static final int FEW_PARAMETERS = 16;

    @ServerRequestFilter
    public void check(ContainerRequestContext request, HttpServerRequest http) {
        if (plainlyFine(http.uri())) {
            return;
        }
        List<ProblemError> errors = new ArrayList<>();
        List<ProblemError> repeated = new ArrayList<>();
        for (PathSegment segment : request.getUriInfo().getPathSegments(true)) {
            String problem = ClientText.problem(segment.getPath(), MAX_PARAMETER);
            if (problem != null) {
                errors.add(ProblemError.parameter("path segment '" + ClientText.printable(segment.getPath()) + "'", problem));
            }
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
            String problem = ClientText.problem(parameter.getKey(), MAX_PARAMETER);
            for (String value : parameter.getValue()) {
                problem = problem != null ? problem : ClientText.problem(value, MAX_PARAMETER);
            }
            if (problem != null) {
                errors.add(ProblemError.parameter(ClientText.printable(parameter.getKey()), problem));
            } else if (parameter.getValue().size() > 1) {
                // Every parameter here takes one value: of two, a proxy or cache might act on one and Joule on the other
                repeated.add(ProblemError.parameter(parameter.getKey(), "given " + parameter.getValue().size() + " times; send it once"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The request has text that may not be stored: no control characters or lone surrogates", errors);
        }
        if (!repeated.isEmpty()) {
            throw ProblemException.badRequest("A query parameter is repeated", repeated);
        }
    }

    /**
     * Whether the raw URI (path and query) plainly holds nothing refused: printable ASCII without percent escapes or ';',
     * which decodes to itself ('+' to a space), but for {@code %20} in a parameter's value (a space, as clients write the
     * data types' names: 2 – 3 % of such a read's CPU went to decoding it in full); no segment and no name=value over the
     * limit; a few parameters each named once, in any case.
     * Most requests are so; the rest are decoded and checked in full (decoding every request was 2 % of a read's CPU).
     */
    static boolean plainlyFine(String uri) {
        if (uri == null || uri.isEmpty() || uri.charAt(0) != '/') {
            return false;
        }
        int query = -1;
        int run = 0;
        boolean inValue = false;
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            // names are compared as sent below, so an escape in a name could hide a repeat; in a value it cannot
            boolean space = c == '%' && inValue && uri.startsWith("20", i + 1);
            // ';' also parts parameters for Vert.x, which keeps their names regardless of case; at '#' it stops reading
            // the query, taking what comes before as one more name ("start=1&start#" is start twice)
            if (!space && (c <= ' ' || c >= 0x7f || c == '%' || c == ';' || c == '#')) {
                return false;
            }
            if (space) {
                // counted as sent, three characters: more than it decodes to
                i += 2;
                run += 2;
            }
            if (c == '?' && query < 0) {
                query = i;
                run = 0;
            } else if (c == (query < 0 ? '/' : '&')) {
                run = 0;
                inValue = false;
            } else if (++run > MAX_PARAMETER) {
                return false;
            } else if (c == '=' && query >= 0) {
                inValue = true;
            }
        }
        return query < 0 || namedOnce(uri, query + 1);
    }

    private static boolean namedOnce(String uri, int from) {
        List<String> names = new ArrayList<>(4);
        for (int start = from; start <= uri.length(); ) {
            int end = uri.indexOf('&', start);
            end = end < 0 ? uri.length() : end;
            int equals = uri.indexOf('=', start);
            String name = uri.substring(start, equals < 0 || equals > end ? end : equals);
            if (equals == start) {
                return false; // Netty reads "=a" as the name a
            }
            for (String named : names) {
                if (named.equalsIgnoreCase(name)) {
                    return false;
                }
            }
            if (names.size() == FEW_PARAMETERS) {
                return false;
            }
            names.add(name);
            start = end + 1;
        }
        return true;
    }
}
