package io.joule.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpUtils;
import io.vertx.core.net.HostAndPort;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Keyset paging: a page that is not the last names the next one in a {@code Link: <url>; rel="next"}
 * header (RFC 8288), the request's own URL with {@code after} set to the last key of the page. A
 * client follows it until there is none; the other parameters (limit included) carry over.
 */
public final class Paging {
    public static final String LINK_DESCRIPTION = "<URL of the next page>; rel=\"next\"; absent on the last page";

    private Paging() {
    }

    /**
     * This request's URL with {@code after} replaced, or null when there is no next page. Built by hand
     * rather than with UriBuilder, which would read a '{' in a meter code as a URI template; ':' stays
     * as it is (a query may hold it), so a timestamp reads as one. A request without a host (HTTP/1.0
     * may send none) gets the path and query alone, a reference relative to the request's own URL.
     */
    public static String next(HttpServerRequest request, String after) {
        if (after == null) {
            return null;
        }
        HostAndPort authority = request.authority();
        StringBuilder url = new StringBuilder();
        if (authority != null && !authority.host().isEmpty()) {
            url.append(request.scheme()).append("://").append(authority.host());
            if (authority.port() > 0) { // "Host: x:" has an empty port, which Vert.x reads as 0
                url.append(':').append(authority.port());
            }
        }
        // as routes read it: GET //evil.com/../data is /data, and without a host its link read as one to evil.com
        url.append(HttpUtils.normalizePath(request.path())).append('?');
        String query = request.query();
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (!parameter.isEmpty() && !"after".equals(decodedName(parameter))) {
                    url.append(parameter).append('&');
                }
            }
        }
        return url.append("after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":")).toString();
    }

    /** The parameter's name as the server read it (%61fter is after), or the raw name when it does not decode. */
    private static String decodedName(String parameter) {
        String name = parameter.split("=", 2)[0];
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    /** Adds the Link header when there is a next page. */
    public static void link(HttpServerResponse response, String next) {
        if (next != null) {
            response.putHeader("Link", linkHeader(next));
        }
    }

    static String linkHeader(String next) {
        return "<" + next + ">; rel=\"next\"";
    }

    /** 200 with the body, and the Link header when there is a next page. */
    public static <T> RestResponse<T> page(T body, String next) {
        RestResponse.ResponseBuilder<T> ok = RestResponse.ResponseBuilder.ok(body);
        if (next != null) {
            ok.header("Link", linkHeader(next));
        }
        return ok.build();
    }
}
