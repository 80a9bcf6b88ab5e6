package io.joule.auth.security;

import io.vertx.core.http.HttpServerRequest;
import java.net.URI;

/**
 * Whether a browser request comes from the dashboard's own page. A cookie goes with every
 * request to its site, so cookie-authenticated calls also need a header that a page on
 * another site cannot send without a CORS preflight (which Joule never grants), and neither
 * Sec-Fetch-Site nor Origin may name another site.
 */
public final class SameOrigin {
    /** The header the dashboard sends with every call; its value does not matter, only that a script of this origin set it. */
    public static final String HEADER = "X-Joule-Dashboard";

    private SameOrigin() {
    }

    public static boolean allows(HttpServerRequest request) {
        if (request.getHeader(HEADER) == null) {
            return false;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        return origin == null || sameHost(origin, request.getHeader("Host"));
    }

    /** The scheme is not compared: behind a TLS-terminating proxy the service sees http for an https page. */
    private static boolean sameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI page = URI.create(origin);
            URI self = URI.create("//" + host);
            int defaultPort = "https".equalsIgnoreCase(page.getScheme()) ? 443 : 80;
            return page.getHost() != null && page.getHost().equalsIgnoreCase(self.getHost())
                    && port(page, defaultPort) == port(self, defaultPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri, int defaultPort) {
        return uri.getPort() < 0 ? defaultPort : uri.getPort();
    }
}
