package io.joule.rest;

import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import io.joule.text.ClientText;
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

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
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
}
