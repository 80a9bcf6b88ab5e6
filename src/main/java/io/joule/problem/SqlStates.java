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

    private SqlStates() {
    }

    public static boolean is(Throwable failure, String sqlState) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof PgException pg ? pg.getSqlState()
                    : t instanceof JDBCException jdbc ? jdbc.getSQLState()
                    : t instanceof SQLException sql ? sql.getSQLState() : null;
            if (sqlState.equals(state)) {
                return true;
            }
        }
        return false;
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

    /** A write that lost a race to a concurrent one with the same key: a 409, never a 500. */
    public static java.util.function.Function<Throwable, Throwable> conflictOnDuplicate(String detail) {
        return t -> is(t, UNIQUE_VIOLATION) ? ProblemException.conflict(detail) : t;
    }
}
