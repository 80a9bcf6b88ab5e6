package io.joule.problem;

import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * A request got no answer from the database within its timeout (a 503, see {@link DatabaseOutage#NO_ANSWER}). A write
 * given up on so may still commit later, as after a connection lost under it.
 */
public final class DatabaseNoAnswer extends RuntimeException {

    public DatabaseNoAnswer(Duration waited) {
        super("no answer within " + waited.toMillis() + " ms", null, false, false);
    }

    /** The wait, failing with this exception when it has no item within {@code timeout}; it then stops waiting for it. */
    public static <T> Uni<T> within(Uni<T> wait, Duration timeout) {
        return wait.ifNoItem().after(timeout).failWith(() -> new DatabaseNoAnswer(timeout));
    }
}
