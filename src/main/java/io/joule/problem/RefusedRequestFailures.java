package io.joule.problem;

import static io.joule.problem.RouteRefusal.refuse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.joule.config.JouleConfig;
import io.joule.text.ClientText;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Answers, as problem+json, the failures of a request that no resource ever saw: a body over the limit while it was
 * counted, chunks Netty could not read, and requests Vert.x Web refused before any route ran. Left to Quarkus, each was an
 * empty answer or an error page logged as an ERROR, which any client could repeat to fill the log.
 */
@Singleton
public class RefusedRequestFailures {

    void install(@Observes Router router, JouleConfig config, ObjectMapper json) {
        long bodyLimit = config.maxBodySize().asLongValue();
        router.route().order(RouteOrder.HEAD).failureHandler(ctx -> {
            if (ctx.failure() instanceof HttpClosedException || ctx.response().closed()) {
                // The client hung up (an aborted upload, a refused body): nobody is left to answer, and it is not our fault.
                Log.debugf("%s %s: the client closed the connection", ctx.request().method(), ctx.request().path());
            } else if (malformedFraming(ctx.failure()) && !ctx.response().ended()) {
                // Netty could not read the body's chunks (a size over 2^63, a chunk extension with a value)
                Log.debugf("%s %s: malformed chunked body (%s)", ctx.request().method(), ctx.request().path(), ctx.failure().getMessage());
                refuse(ctx, json, 400, "Bad Request", "The chunked body could not be read: " + ClientText.abbreviate(String.valueOf(
                        ctx.failure().getMessage())) + ". Frame each chunk as its size in hex, CRLF, the bytes, CRLF");
            } else if (formUnreadable(ctx.failure()) && !ctx.response().ended()) {
                // a chunked form or multipart body, read by BodyLimitRoute's counter, with a field over Vert.x's limit
                Log.debugf("%s %s: form body refused (%s)", ctx.request().method(), ctx.request().path(), ctx.failure().getMessage());
                refuse(ctx, json, 400, "Bad Request", "The form body could not be read: " + ClientText.abbreviate(String.valueOf(
                        ctx.failure().getMessage())) + ". A chunked form's fields may be at most 2048 bytes; send the form with a Content-Length");
            } else if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                BodyLimitRoute.tooLarge(ctx, json, "The body is larger than the limit of " + bodyLimit + " bytes" + BodyLimitRoute.envVar(false));
            } else if (ctx.statusCode() == 400 && !ctx.response().ended() && !((HttpServerRequestInternal) ctx.request()).isValidAuthority()) {
                refuse(ctx, json, 400, "Bad Request", "The request needs a valid Host header (HTTP/1.x) or :authority (HTTP/2), "
                        + "such as localhost:8080");
            } else if ((ctx.statusCode() == 400 || ctx.statusCode() == 404 && ctx.failure() == null) && !ctx.response().ended()
                    && (ctx.request().path() == null || !ctx.request().path().startsWith("/"))) {
                // a request target that is not a path (GET ?a, GET *)
                refuse(ctx, json, ctx.statusCode(), ctx.statusCode() == 400 ? "Bad Request" : "Not Found",
                        "The request target must be a path, starting with /");
            } else {
                ctx.next();
            }
        });
    }

    /** A failure of Netty's form decoder (a field over the size limit, too many fields, bad encoding). */
    private static boolean formUnreadable(Throwable failure) {
        String decoder = "io.netty.handler.codec.http.multipart.";
        return thrownBy(failure, decoder) || failure != null && failure.getClass().getName().startsWith(decoder);
    }

    /** A failure thrown by Netty's HTTP/1.1 decoder while it read the request's body. */
    private static boolean malformedFraming(Throwable failure) {
        return thrownBy(failure, "io.netty.handler.codec.http.HttpObjectDecoder")
                || failure != null && failure.getClass().getName().startsWith("io.netty.handler.codec.http.InvalidChunk");
    }

    /** Whether the failure was thrown in a class whose name starts so (an IOException says little by its own class). */
    private static boolean thrownBy(Throwable failure, String classNamePrefix) {
        StackTraceElement[] trace = failure == null ? new StackTraceElement[0] : failure.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith(classNamePrefix);
    }
}
