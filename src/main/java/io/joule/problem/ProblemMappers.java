package io.joule.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.joule.openapi.AllowedMethods;
import io.joule.pipeline.Slots;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as application/problem+json; nothing a client sends produces a 500. */
public class ProblemMappers {
    private final DatabaseOutages outages;

    public ProblemMappers(DatabaseOutages outages) {
        this.outages = outages;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return respond(e.status(), e.title(), e.getMessage(), request, e);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, HttpServerRequest request) {
        // a stored key could not be looked up: the database is down, the key may well be valid
        var outage = outages.answer(e, request.method().name(), request.path());
        if (outage.isPresent()) {
            return outage.get();
        }
        Response r = respond(401, "Unauthorized", "A valid API key is required: Authorization: Bearer <key>", request, null);
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"joule\"").build();
    }

    @ServerExceptionMapper
    public Response pastSupportedTime(Slots.PastSupportedTimeException e, HttpServerRequest request) {
        return respond(400, "Bad Request", e.getMessage() + ". Nothing was stored", request, null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(403, "Forbidden", "This API key may not do that", request, null);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return respond(400, "Bad Request", "Malformed JSON: " + JsonBody.plain(e.getOriginalMessage()), request, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.error("Request failed", e);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        if (status == 405) {
            Optional<String> allow = AllowedMethods.forPath(request.path());
            Response answer = respond(status, title, AllowedMethods.notAnswered(request.method().name(), allow.orElse(null)), request, null);
            return allow.map(a -> Response.fromResponse(answer).header(HttpHeaders.ALLOW, a).build()).orElse(answer);
        }
        return respond(status, title, status >= 500 ? "The service failed; it has been logged" : detail(status, e), request, null);
    }

    /** RESTEasy's own 406 and 415 name its annotations (@Produces, @Consumes); a client needs the endpoint's terms. */
    private static String detail(int status, WebApplicationException e) {
        String message = e.getMessage();
        if (status == 406 && message != null && message.contains("@Produces")) {
            return "The Accept header names no media type this endpoint answers; the OpenAPI document (/q/openapi) lists those it produces";
        }
        if (status == 415 && message != null && message.contains("@Consumes")) {
            return "The Content-Type is not one this endpoint takes; the OpenAPI document (/q/openapi) lists those it consumes";
        }
        return message;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        var outage = outages.answer(e, request.method().name(), request.path());
        if (outage.isPresent()) {
            return outage.get();
        }
        var lostRace = SqlStates.abortedByConcurrentWrite(e);
        if (lostRace.isPresent()) {
            Log.infof("%s %s: aborted by a concurrent write (%s); answered 409", request.method(), request.path(), e.getMessage());
            return respond(lostRace.get(), request.path());
        }
        var tooManyLocks = SqlStates.tooManyLocks(e);
        if (tooManyLocks.isPresent()) {
            Log.warnf("%s %s: the database's lock table is full (%s); answered 413. Raise max_locks_per_transaction for larger writes",
                    request.method(), request.path(), e.getMessage());
            return respond(tooManyLocks.get(), request.path());
        }
        if (fromMultipartParser(e)) {
            Log.debugf("%s %s: unreadable multipart body (%s)", request.method(), request.path(), e.getMessage());
            return respond(400, "Bad Request", "The multipart body could not be read (" + e.getMessage() + "). Send a "
                    + "multipart/form-data body that ends with its closing boundary, with at most 1,000 parts", request, null);
        }
        if (fromMultipartBase64(e)) {
            Log.debugf("%s %s: a base64 part the multipart parser could not decode (%s)", request.method(), request.path(), e.getMessage());
            return respond(400, "Bad Request", "A part sent with Content-Transfer-Encoding: base64 could not be decoded. Send the "
                    + "file's bytes as they are: multipart/form-data needs no transfer encoding (RFC 7578, section 4.7)", request, null);
        }
        Log.errorf(e, "Unexpected failure on %s %s", request.method(), request.path());
        return respond(500, "Internal Server Error", "The service failed; it has been logged", request, null);
    }

    /**
     * What RESTEasy's multipart parser throws at a body it cannot read (no closing boundary, over its 1,000 parts): the
     * client's doing, though the parser says so with a plain IOException or RuntimeException.
     */
    static boolean fromMultipartParser(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        boolean parser = trace.length > 0 && trace[0].getClassName().startsWith("org.jboss.resteasy.reactive.server.core.multipart.");
        String message = String.valueOf(e.getMessage());
        return parser && (e instanceof java.io.IOException && message.startsWith("Connection terminated parsing multipart")
                || e.getClass() == RuntimeException.class && message.matches("Param limit of \\d+ was exceeded"));
    }

    /**
     * RESTEasy's multipart parser decodes a base64 part a network buffer at a time, so a part of more than a buffer fails
     * at a buffer's edge even when its base64 is valid ("Last unit does not have enough valid bits").
     */
    static boolean fromMultipartBase64(Throwable e) {
        return e instanceof IllegalArgumentException && Arrays.stream(e.getStackTrace())
                .anyMatch(f -> f.getClassName().equals("org.jboss.resteasy.reactive.server.core.multipart.MultipartParser$Base64Encoding"));
    }

    static Response respond(int status, String title, String detail, HttpServerRequest request, ProblemException e) {
        return e == null ? respond(new ProblemException(status, title, detail, null), request.path())
                : respond(e, request.path());
    }

    /** The problem+json answer for {@code e}, with its Retry-After header when it has one. */
    static Response respond(ProblemException e, String path) {
        Problem problem = new Problem("about:blank", e.title(), e.status(), e.getMessage(), path, e.errors());
        Response.ResponseBuilder r = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (e.retryAfterSeconds() != null) {
            r.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return r.build();
    }
}
