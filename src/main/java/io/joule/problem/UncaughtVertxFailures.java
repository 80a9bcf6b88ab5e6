package io.joule.problem;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps one known Vert.x SQL client bug out of the error log: when a pooled connection cannot be made, the pool fails
 * the waiting query at once (the client gets its 503) but leaves the acquire timer running, and the timer fails the
 * same promise again (eclipse-vertx/vertx-sql-client#1706). Each request of an outage so logged an ERROR with a stack
 * trace, a few seconds after its answer. Every other uncaught failure goes to the handler Quarkus installed.
 */
@ApplicationScoped
public class UncaughtVertxFailures {

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        Handler<Throwable> quarkus = vertx.exceptionHandler();
        vertx.exceptionHandler(failure -> {
            if (isPoolTimerAfterFailure(failure)) {
                Log.debug("The SQL pool's acquire timer fired after its query had failed (vertx-sql-client#1706)");
            } else if (quarkus != null) {
                quarkus.handle(failure);
            } else {
                Log.error("Uncaught exception received by Vert.x", failure);
            }
        });
    }

    static boolean isPoolTimerAfterFailure(Throwable failure) {
        if (!(failure instanceof IllegalStateException) || !"Result is already complete".equals(failure.getMessage())) {
            return false;
        }
        StackTraceElement[] frames = failure.getStackTrace();
        for (int i = 0; i < Math.min(3, frames.length); i++) {
            if (frames[i].getClassName().equals("io.vertx.sqlclient.impl.pool.SqlConnectionPool")) {
                return true;
            }
        }
        return false;
    }
}
