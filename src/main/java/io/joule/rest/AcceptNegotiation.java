package io.joule.rest;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Chooses the answer's type where RESTEasy Reactive would choose wrong, and hands it the choice as the only Accept range.
 * It answered {@code application/*} with the entity's toString() as application/octet-stream and {@code text/*} with 406
 * where a method produces JSON and CSV, and read {@code q=0} ("not this type", RFC 9110 12.4.2) as any other weight, so
 * {@code text/csv;q=0} got CSV. Here each produced type takes the weight of the most specific range that matches it
 * (RFC 9110 12.5.1), the highest weight above 0 wins (ties in the method's order), and none is a 406. Headers without a
 * wildcard subtype or a zero weight (none, {@code *}{@code /*}, concrete types) are left to RESTEasy, at one scan.
 */
public class AcceptNegotiation {

    @ServerRequestFilter
    public void choose(ContainerRequestContext request, ResourceInfo resource) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || !(hasWildcardSubtype(accept) || accept.contains("=0")) || resource.getResourceMethod() == null) {
            return;
        }
        Produces produces = resource.getResourceMethod().getAnnotation(Produces.class);
        if (produces == null) {
            produces = resource.getResourceClass().getAnnotation(Produces.class);
        }
        if (produces == null) {
            return;
        }
        String chosen = chosen(accept, produces.value());
        if (chosen == null) {
            throw new NotAcceptableException("Accept names none of the types this endpoint answers, or refuses them with q=0: "
                    + String.join(", ", produces.value()));
        }
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, chosen);
    }

    /** The produced type (as type/subtype) the header prefers, or null when it accepts none of them. */
    static String chosen(String accept, String[] produced) {
        List<Range> ranges = ranges(accept);
        String best = null;
        double bestWeight = 0;
        for (String candidate : produced) {
            MediaType type = MediaType.valueOf(candidate);
            double weight = weight(ranges, type.getType().toLowerCase(Locale.ROOT), type.getSubtype().toLowerCase(Locale.ROOT));
            if (weight > bestWeight) {
                best = type.getType() + "/" + type.getSubtype();
                bestWeight = weight;
            }
        }
        return best;
    }

    /** The weight of the most specific range that matches the type; 0 when none does. */
    private static double weight(List<Range> ranges, String type, String subtype) {
        int specificity = -1;
        double weight = 0;
        for (Range r : ranges) {
            int s = r.type().equals("*") ? 0 : !r.type().equals(type) ? -1 : r.subtype().equals("*") ? 1 : r.subtype().equals(subtype) ? 2 : -1;
            if (s > specificity) {
                specificity = s;
                weight = r.weight();
            }
        }
        return weight;
    }

    private record Range(String type, String subtype, double weight) {
    }

    /** The header's media ranges; ones that are not type/subtype are left out, a weight that is not a number counts as 1. */
    private static List<Range> ranges(String accept) {
        List<Range> ranges = new ArrayList<>();
        for (String element : accept.split(",")) {
            String[] parts = element.split(";");
            String range = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = range.indexOf('/');
            if (slash <= 0 || slash == range.length() - 1) {
                continue;
            }
            double weight = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q') && parameter.charAt(1) == '=') {
                    try {
                        weight = Double.parseDouble(parameter.substring(2).trim());
                    } catch (NumberFormatException e) {
                        weight = 1;
                    }
                }
            }
            ranges.add(new Range(range.substring(0, slash), range.substring(slash + 1), weight));
        }
        return ranges;
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
}
