package io.joule.problem;

import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * A read got no answer from the database within its timeout (a 503, see {@link DatabaseOutage#NO_ANSWER}). Only reads
 * are bounded so: giving up on a write could not tell the client whether it will still commit.
 */
public final class DatabaseNoAnswer extends RuntimeException {

    public DatabaseNoAnswer(Duration waited) {
        super("no answer within " + waited.toMillis() + " ms", null, false, false);
    }

    /** The read, failing with this exception when it has no item within {@code timeout}; it then stops waiting for it. */
    public static <T> Uni<T> within(Uni<T> read, Duration timeout) {
        return read.ifNoItem().after(timeout).failWith(() -> new DatabaseNoAnswer(timeout));
    }
}
