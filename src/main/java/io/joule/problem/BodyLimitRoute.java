package io.joule.problem;

import static io.joule.problem.RouteRefusal.refuse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.joule.config.JouleConfig;
import io.joule.text.ClientText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Holds every request body to its limit however it is framed. A declared Content-Length over the limit is refused before
 * anything is read; a body without one (chunked) is counted as it arrives and refused the moment it crosses the limit,
 * so no client can make the service buffer more than the limit. Meter files have their own, larger limit and stream.
 * Runs after {@link RequestHeadRoute}.
 */
@Singleton
public class BodyLimitRoute {
    static final String FILE_UPLOADS = "/meter-files";

    void install(@Observes Router router, JouleConfig config, ObjectMapper json) {
        long bodyLimit = config.maxBodySize().asLongValue();
        long fileLimit = config.maxFileSize().asLongValue();
        BodyHandler bounded = BodyHandler.create(false).setBodyLimit(bodyLimit).setHandleFileUploads(false);
        router.route().order(RouteOrder.BODY).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean file = isFileUpload(ctx);
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
        });
        router.route().method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH).order(RouteOrder.EMPTY_BODY).handler(ctx -> {
            if (ctx.body().buffer() == null && ctx.request().isEnded() && ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                    && !isFileUpload(ctx)) {
                // An empty chunked body, read by BodyHandler, which keeps no buffer for it: RESTEasy then waited for the
                // body from a request that had ended, until the idle timeout. Given the empty body, each endpoint answers
                // as for Content-Length: 0.
                ctx.setBody(Buffer.buffer());
            }
            ctx.next();
        });
    }

    /**
     * Whether the request goes to the meter-file upload, as routes match it: /meter-files/../data is /data, which must
     * not get the file limit (it did: 150 MB into a JSON endpoint ran the heap out).
     */
    static boolean isFileUpload(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        return path.equals(FILE_UPLOADS) || path.equals(FILE_UPLOADS + "/");
    }

    static void tooLarge(RoutingContext ctx, ObjectMapper json, String detail) {
        refuse(ctx, json, 413, "Content Too Large", detail);
    }

    static String envVar(boolean file) {
        return file ? " (JOULE_MAX_FILE_SIZE)" : " (JOULE_MAX_BODY_SIZE)";
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
