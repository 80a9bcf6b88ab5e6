package io.joule.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * A problem+json answer from a route that runs before RESTEasy (the request's head and body checks), which also stops
 * the rest of a refused body from being read.
 */
final class RouteRefusal {
    /** How long a refused HTTP/2 stream may go on sending before it is reset. */
    static final long HTTP2_RESET_DELAY_MS = 1_000;

    private RouteRefusal() {
    }

    static void refuse(RoutingContext ctx, ObjectMapper json, int status, String title, String detail) {
        Problem problem = new Problem("about:blank", title, status, detail, ctx.request().path(), null);
        try {
            if (ctx.request().version() == HttpVersion.HTTP_2) {
                // Other streams share the connection, and HTTP/2 forbids a connection header: only this stream ends. What
                // arrives meanwhile is dropped: Quarkus holds a request paused until someone reads it, and a paused stream
                // never ends. A client still sending after the answer gets RST_STREAM NO_ERROR, so it stops (RFC 9113,
                // section 8.1), a second later so that the answer's frames leave first. (Answers thought lost to an
                // immediate reset were the test client's race, eclipse-vertx/vert.x#5904; the delay costs only a timer.)
                ctx.request().handler(ignored -> { }).resume();
                ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(json.writeValueAsString(problem))
                        .onComplete(done -> ctx.vertx().setTimer(HTTP2_RESET_DELAY_MS, t -> {
                            if (!ctx.request().isEnded()) {
                                ctx.response().reset(0);
                            }
                        }));
                return;
            }
            ctx.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(problem))
                    // The rest of a refused body is never read: the connection goes.
                    .onComplete(done -> ctx.request().connection().close());
        } catch (Exception e) {
            ctx.response().setStatusCode(status).end();
        }
    }
}
