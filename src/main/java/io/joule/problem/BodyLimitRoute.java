package io.joule.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.joule.config.JouleConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Answers a declared body over its limit (meter files have their own) with a problem+json 413 before anything reads it;
 * Vert.x's own limit (still there for chunked bodies) answers an empty 413.
 */
@Singleton
public class BodyLimitRoute {
    static final String FILE_UPLOADS = "/meter-files";

    void install(@Observes Router router, JouleConfig config, ObjectMapper json) {
        long bodyLimit = config.maxBodySize().asLongValue();
        long fileLimit = config.maxFileSize().asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean file = ctx.request().path().startsWith(FILE_UPLOADS);
            long limit = file ? fileLimit : bodyLimit;
            if (declared != null && exceeds(declared, limit)) {
                Problem problem = new Problem("about:blank", "Content Too Large", 413,
                        "The body declares " + declared + " bytes; the limit is " + limit
                                + (file ? " (JOULE_MAX_FILE_SIZE)" : " (JOULE_MAX_BODY_SIZE)"),
                        ctx.request().path(), null);
                try {
                    ctx.response().setStatusCode(413)
                            .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                            .putHeader(HttpHeaders.CONNECTION, "close")
                            .end(json.writeValueAsString(problem));
                } catch (Exception e) {
                    ctx.fail(413);
                }
                return;
            }
            ctx.next();
        });
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
