package io.joule.problem;

import java.util.List;

/** A client's request was refused: carries the status and what to tell the client. */
public class ProblemException extends RuntimeException {
    private static final String QUERY_PARAMETER = "Invalid query parameter ";
    private final int status;
    private final String title;
    private final List<ProblemError> errors;
    private final Long retryAfterSeconds;

    public ProblemException(int status, String title, String detail, List<ProblemError> errors) {
        this(status, title, detail, errors, null);
    }

    private ProblemException(int status, String title, String detail, List<ProblemError> errors, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Not now, through no fault of the request (an outage, a bound kept on purpose): 503 with Retry-After. */
    public static ProblemException unavailable(String detail, long retryAfterSeconds) {
        return new ProblemException(503, "Service Unavailable", detail, null, retryAfterSeconds);
    }

    public static ProblemException badRequest(String detail, List<ProblemError> errors) {
        return new ProblemException(400, "Bad Request", detail, errors);
    }

    public static ProblemException badParameter(String name, String detail) {
        return badRequest(QUERY_PARAMETER + name, List.of(ProblemError.parameter(name, detail)));
    }

    /** The same refusal, of a parameter that stands in the request's path rather than its query. */
    public ProblemException inPath() {
        String detail = getMessage() != null && getMessage().startsWith(QUERY_PARAMETER)
                ? "Invalid path parameter " + getMessage().substring(QUERY_PARAMETER.length()) : getMessage();
        return new ProblemException(status, title, detail, errors, retryAfterSeconds);
    }

    /** A bad field of a form or multipart body, named like a parameter. */
    public static ProblemException badFormField(String name, String detail) {
        return badRequest("Invalid form field " + name, List.of(ProblemError.parameter(name, detail)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, null);
    }

    /** A request over a limit of size or of the work one request may cause; nothing was stored. */
    public static ProblemException contentTooLarge(String detail) {
        return new ProblemException(413, "Content Too Large", detail, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null);
    }

    /** A conflict that resolves itself: the same request may be sent again after the given seconds. */
    public static ProblemException transientConflict(String detail, long retryAfterSeconds) {
        return new ProblemException(409, "Conflict", detail, null, retryAfterSeconds);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<ProblemError> errors() {
        return errors;
    }

    /** Seconds for the Retry-After header, or null for none. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
