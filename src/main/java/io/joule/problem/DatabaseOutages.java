package io.joule.problem;

import io.joule.config.DatabaseConfig;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Answers requests that met a database outage with 503 and Retry-After, and logs each kind of outage sparingly. */
@Singleton
public class DatabaseOutages {
    private final OutageLog log;
    private final long retryAfterSeconds;

    public DatabaseOutages(DatabaseConfig config) {
        this.log = new OutageLog(config.outageLogInterval().toNanos());
        this.retryAfterSeconds = Math.max(1, config.retryAfter().toSeconds());
    }

    /** The 503 for a failure that is an outage, else empty (a bug, for the caller to report as 500). */
    public Optional<Response> answer(Throwable failure, String method, String path) {
        return DatabaseOutage.kind(failure).map(kind -> {
            note(kind, failure, method + " " + path);
            return ProblemMappers.respond(ProblemException.unavailable("The database is unavailable; retry after "
                    + retryAfterSeconds + " seconds (re-sending a batch is safe)", retryAfterSeconds), path);
        });
    }

    /** Logs one short line per kind per interval: the innermost cause's message, never a stack trace. */
    public void note(String kind, Throwable failure, String where) {
        String line = log.record(kind, where + ": " + rootMessage(failure), System.nanoTime());
        if (line != null) {
            Log.warn(line);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = DatabaseOutage.root(failure);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
