package io.joule.problem;

/** The service is at a bound it keeps on purpose (concurrent imports): 503 with Retry-After, try again later. */
public class ServiceBusyException extends ProblemException {
    private final int retryAfterSeconds;

    public ServiceBusyException(String detail, int retryAfterSeconds) {
        super(503, "Service Unavailable", detail, null);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
