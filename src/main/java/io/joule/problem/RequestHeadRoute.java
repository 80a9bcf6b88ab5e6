package io.joule.problem;

import static io.joule.problem.RouteRefusal.refuse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.joule.openapi.AllowedMethods;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Checks a request's head before any other route: the URI's length, the methods Quarkus's own endpoints answer, and
 * headers that may come once. Its body is {@link BodyLimitRoute}'s.
 */
@Singleton
public class RequestHeadRoute {
    /**
     * The longest URI answered. Vert.x refuses request lines over quarkus.http.limits.max-initial-line-length itself,
     * with an empty 414 this service cannot reach; that limit is set far above this one so the refusal is ours.
     */
    static final int MAX_URI = 8_192;
    /**
     * Headers a request may carry once. Of two Hosts a proxy may route on one while the links name the other (RFC 9112,
     * 3.2); of two Authorizations, one component may check one key while another acts on the other; of two Origins or
     * Sec-Fetch-Sites, the dashboard's same-origin check read the first. A browser sends one of each.
     */
    private static final List<String> ONE_ONLY = List.of("Host", "Authorization", "Origin", "Sec-Fetch-Site");

    /** Quarkus's own endpoints (health, metrics, OpenAPI, Swagger UI): read-only. */
    private static final String MANAGEMENT = "/q/";
    private static final String MANAGEMENT_ALLOW = "GET, HEAD, OPTIONS";

    void install(@Observes Router router, ObjectMapper json) {
        router.route().order(RouteOrder.HEAD).handler(ctx -> {
            if (ctx.request().uri().length() > MAX_URI) {
                refuse(ctx, json, 414, "URI Too Long", "The URI has " + ctx.request().uri().length() + " characters; the limit is "
                        + MAX_URI + ". Send long inputs in a body");
                return;
            }
            // as routes match it: percent-decoded and without dot segments, so /%71/health or /x/../q/health is /q/health
            if (isManagement(ctx.normalizedPath()) && !readOnly(ctx.request().method())) {
                // Quarkus's own routes (health, metrics, OpenAPI, Swagger UI) take any method; they only read
                ctx.response().putHeader(HttpHeaders.ALLOW, MANAGEMENT_ALLOW);
                if (ctx.request().method() == HttpMethod.OPTIONS) {
                    ctx.response().setStatusCode(200).end();
                } else {
                    refuse(ctx, json, 405, "Method Not Allowed", AllowedMethods.notAnswered(ctx.request().method().name(), MANAGEMENT_ALLOW));
                }
                return;
            }
            for (String name : ONE_ONLY) {
                if (ctx.request().headers().getAll(name).size() > 1) {
                    refuse(ctx, json, 400, "Bad Request", "The request has more than one " + name + " header; send one");
                    return;
                }
            }
            ctx.next();
        });
    }

    private static boolean isManagement(String path) {
        return path.startsWith(MANAGEMENT) || path.equals("/q");
    }

    private static boolean readOnly(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }
}
