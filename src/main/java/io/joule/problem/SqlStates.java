package io.joule.problem;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import org.hibernate.JDBCException;

/** PostgreSQL error codes a write can meet under concurrency, found anywhere in a failure's causes (as the client or Hibernate reports them). */
public final class SqlStates {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String DEADLOCK_DETECTED = "40P01";
    public static final String SERIALIZATION_FAILURE = "40001";
    /** out_of_memory; with "shared memory" in the message, the lock table is full. */
    public static final String OUT_OF_MEMORY = "53200";

    private SqlStates() {
    }

    public static boolean is(Throwable failure, String sqlState) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (sqlState.equals(state(t))) {
                return true;
            }
        }
        return false;
    }

    private static String state(Throwable t) {
        return t instanceof PgException pg ? pg.getSqlState()
                : t instanceof JDBCException jdbc ? jdbc.getSQLState()
                : t instanceof SQLException sql ? sql.getSQLState() : null;
    }

    /**
     * A transaction PostgreSQL aborted because a concurrent one touched the same rows (deadlock, serialization
     * failure): nothing of it was stored, and the same request sent again succeeds. A 409 with Retry-After, never a 500,
     * wherever it comes from.
     */
    public static java.util.Optional<ProblemException> abortedByConcurrentWrite(Throwable failure) {
        if (is(failure, DEADLOCK_DETECTED) || is(failure, SERIALIZATION_FAILURE)) {
            return java.util.Optional.of(ProblemException.transientConflict(
                    "A concurrent write to the same data was chosen over this one; nothing of this request was stored. Send it again", 1));
        }
        return java.util.Optional.empty();
    }

    /**
     * A write that needs more locks than the server's lock table holds: on TimescaleDB each chunk written is locked
     * until the transaction ends, so a file or batch spanning decades of weekly chunks can exhaust
     * max_locks_per_transaction. Nothing was stored, and sending it again would fail again: a 413, not a 500.
     */
    public static java.util.Optional<ProblemException> tooManyLocks(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (OUT_OF_MEMORY.equals(state(t)) && t.getMessage() != null && t.getMessage().contains("out of shared memory")) {
                return java.util.Optional.of(ProblemException.contentTooLarge("The request writes across more time "
                        + "partitions than the database can lock in one transaction (out of shared memory); nothing was stored. "
                        + "Send it in parts that span less time, or ask the operator to raise max_locks_per_transaction"));
            }
        }
        return java.util.Optional.empty();
    }

    /** A write that lost a race to a concurrent one with the same key: a 409, never a 500. */
    public static java.util.function.Function<Throwable, Throwable> conflictOnDuplicate(String detail) {
        return t -> is(t, UNIQUE_VIOLATION) ? ProblemException.conflict(detail) : t;
    }
}
