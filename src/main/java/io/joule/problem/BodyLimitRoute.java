package io.joule.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.joule.config.JouleConfig;
import io.joule.openapi.AllowedMethods;
import io.joule.text.ClientText;
import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Holds every request body to its limit however it is framed. A declared Content-Length over the limit is refused before
 * anything is read; a body without one (chunked) is counted as it arrives and refused the moment it crosses the limit,
 * so no client can make the service buffer more than the limit. Meter files have their own, larger limit and stream.
 */
@Singleton
public class BodyLimitRoute {
    static final String FILE_UPLOADS = "/meter-files";
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

    /** How long a refused HTTP/2 stream may go on sending before it is reset. */
    static final long HTTP2_RESET_DELAY_MS = 1_000;

    void install(@Observes Router router, JouleConfig config, ObjectMapper json) {
        long bodyLimit = config.maxBodySize().asLongValue();
        long fileLimit = config.maxFileSize().asLongValue();
        BodyHandler bounded = BodyHandler.create(false).setBodyLimit(bodyLimit).setHandleFileUploads(false);
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
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
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean file = ctx.request().path().startsWith(FILE_UPLOADS);
            long limit = file ? fileLimit : bodyLimit;
            if (declared != null && exceeds(declared, limit)) {
                tooLarge(ctx, json, "The body declares " + declared + " bytes; the limit is " + limit + envVar(file));
                return;
            }
            boolean chunked = ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
            boolean hasBody = chunked || (declared != null && !declared.trim().equals("0"));
            if (hasBody && mayHaveBody(ctx.request().method()) && ctx.request().getHeader(HttpHeaders.CONTENT_TYPE) == null) {
                refuse(ctx, json, 415, "Unsupported Media Type", "The body has no Content-Type; say what it is "
                        + "(application/json, text/csv or multipart/form-data, as the endpoint takes)");
                return;
            }
            String encoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
            if (hasBody && encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
                // nothing here decodes a compressed body: read as it is, it was "Malformed JSON"
                refuse(ctx, json, 415, "Unsupported Media Type", "Content-Encoding " + ClientText.abbreviate(encoding.trim())
                        + " is not accepted; send the body uncompressed");
                return;
            }
            boolean http2 = ctx.request().version() == HttpVersion.HTTP_2;
            if (http2 && !file && declared == null && mayHaveBody(ctx.request().method())) {
                // HTTP/2 frames a body without any length; counting it here (as for chunked HTTP/1.1) would hand the
                // endpoint a stream that has already ended, which Vert.x refuses. A declared length is checked above.
                refuse(ctx, json, 411, "Length Required", "Over HTTP/2 this endpoint needs a content-length header with the "
                        + "body (content-length: 0 for none); the limit is " + bodyLimit + " bytes" + envVar(false));
                return;
            }
            if (!file && declared == null && mayHaveBody(ctx.request().method())) {
                // Chunked: BodyHandler counts while reading and fails with 413 as soon as the limit is crossed.
                bounded.handle(ctx);
                return;
            }
            ctx.next();
        }).failureHandler(ctx -> {
            if (ctx.failure() instanceof HttpClosedException || ctx.response().closed()) {
                // The client hung up (an aborted upload, a refused body): nobody is left to answer, and it is not our fault.
                Log.debugf("%s %s: the client closed the connection", ctx.request().method(), ctx.request().path());
            } else if (malformedFraming(ctx.failure()) && !ctx.response().ended()) {
                // Netty could not read the body's chunks (a size over 2^63, a chunk extension with a value): the request is
                // the client's fault, and left to Quarkus it was an ERROR with a stack trace that any client could repeat
                Log.debugf("%s %s: malformed chunked body (%s)", ctx.request().method(), ctx.request().path(), ctx.failure().getMessage());
                refuse(ctx, json, 400, "Bad Request", "The chunked body could not be read: " + ClientText.abbreviate(String.valueOf(
                        ctx.failure().getMessage())) + ". Frame each chunk as its size in hex, CRLF, the bytes, CRLF");
            } else if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                tooLarge(ctx, json, "The body is larger than the limit of " + bodyLimit + " bytes" + envVar(false));
            } else if (ctx.statusCode() == 400 && !ctx.response().ended() && !((HttpServerRequestInternal) ctx.request()).isValidAuthority()) {
                // Vert.x Web refuses the request before any route runs; left to Quarkus, it was a text or JSON error page
                // logged as an ERROR, which any client could repeat to fill the log
                refuse(ctx, json, 400, "Bad Request", "The request needs a valid Host header (HTTP/1.x) or :authority (HTTP/2), "
                        + "such as localhost:8080");
            } else if ((ctx.statusCode() == 400 || ctx.statusCode() == 404 && ctx.failure() == null) && !ctx.response().ended()
                    && (ctx.request().path() == null || !ctx.request().path().startsWith("/"))) {
                // Vert.x Web refused a request target that is not a path (GET ?a, GET *) before any route ran; left to
                // Quarkus, it was an empty 404, or a JSON error page logged as an ERROR that any client could repeat
                refuse(ctx, json, ctx.statusCode(), ctx.statusCode() == 400 ? "Bad Request" : "Not Found",
                        "The request target must be a path, starting with /");
            } else {
                ctx.next();
            }
        });
        router.route().method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH).order(Integer.MIN_VALUE + 1).handler(ctx -> {
            if (ctx.body().buffer() == null && ctx.request().isEnded() && ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                    && !ctx.request().path().startsWith(FILE_UPLOADS)) {
                // An empty chunked body, read by BodyHandler, which keeps no buffer for it: RESTEasy then waited for the
                // body from a request that had ended, until the idle timeout. Given the empty body, each endpoint answers
                // as for Content-Length: 0.
                ctx.setBody(Buffer.buffer());
            }
            ctx.next();
        });
    }

    /** A failure thrown by Netty's HTTP/1.1 decoder while it read the request's body. */
    private static boolean malformedFraming(Throwable failure) {
        if (failure == null) {
            return false;
        }
        StackTraceElement[] trace = failure.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("io.netty.handler.codec.http.HttpObjectDecoder")
                || failure.getClass().getName().startsWith("io.netty.handler.codec.http.InvalidChunk");
    }

    private static void tooLarge(RoutingContext ctx, ObjectMapper json, String detail) {
        refuse(ctx, json, 413, "Content Too Large", detail);
    }

    private static void refuse(RoutingContext ctx, ObjectMapper json, int status, String title, String detail) {
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

    private static String envVar(boolean file) {
        return file ? " (JOULE_MAX_FILE_SIZE)" : " (JOULE_MAX_BODY_SIZE)";
    }

    private static boolean isManagement(String path) {
        return path.startsWith(MANAGEMENT) || path.equals("/q");
    }

    private static boolean readOnly(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    private static boolean mayHaveBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
