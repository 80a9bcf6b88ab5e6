package io.joule.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

/** A transaction PostgreSQL aborted for a concurrent one is a 409 to retry, wherever it surfaces; other SQL errors are not. */
class SqlStatesTest {

    @Test
    void deadlocksAndSerializationFailuresAreConflictsToRetry() {
        for (Throwable aborted : new Throwable[] {
                new PgException("deadlock detected", "ERROR", "40P01", null),
                new HibernateException(new CompletionException(new PgException("could not serialize access", "ERROR", "40001", null))),
                new SQLException("deadlock detected", "40P01")}) {
            ProblemException answer = SqlStates.abortedByConcurrentWrite(aborted).orElseThrow();
            assertEquals(409, answer.status());
            assertEquals(1L, answer.retryAfterSeconds());
            assertTrue(answer.getMessage().startsWith("A concurrent write to the same data was chosen over this one"), answer.getMessage());
        }
    }

    @Test
    void aFullLockTableIsContentTooLargeAndOtherOutOfMemoryIsNot() {
        for (Throwable full : new Throwable[] {
                new PgException("out of shared memory", "ERROR", "53200", null),
                new io.joule.jdbc.UncheckedSqlException(new SQLException("ERROR: out of shared memory", "53200"))}) {
            ProblemException answer = SqlStates.tooManyLocks(full).orElseThrow();
            assertEquals(413, answer.status());
            assertTrue(answer.getMessage().contains("raise max_locks_per_transaction"), answer.getMessage());
        }
        assertTrue(SqlStates.tooManyLocks(new PgException("out of memory", "ERROR", "53200", null)).isEmpty());
        assertTrue(SqlStates.tooManyLocks(new PgException("deadlock detected", "ERROR", "40P01", null)).isEmpty());
    }

    @Test
    void otherSqlErrorsAreNot() {
        assertTrue(SqlStates.abortedByConcurrentWrite(new PgException("division by zero", "ERROR", "22012", null)).isEmpty());
        assertTrue(SqlStates.abortedByConcurrentWrite(new PgException("duplicate key", "ERROR", "23505", null)).isEmpty());
        assertTrue(SqlStates.abortedByConcurrentWrite(new IllegalStateException("40P01")).isEmpty());
    }
}
