package io.joule.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

/** Which failures are an outage (503, retry) and which are bugs (500), and how sparingly outages are logged. */
class DatabaseOutageTest {

    @Test
    void connectionLevelFailuresAreOutagesEvenWhenWrapped() {
        assertEquals(Optional.of("database unreachable"), DatabaseOutage.kind(new ConnectException("Connection refused")));
        assertEquals(Optional.of("database unreachable"), DatabaseOutage.kind(
                new HibernateException(new CompletionException(new ConnectException("Connection refused")))));
        assertEquals(Optional.of("database connection lost"), DatabaseOutage.kind(ClosedConnectionException.INSTANCE));
        assertEquals(Optional.of("database connection lost"), DatabaseOutage.kind(
                new CompletionException(new VertxException("Connection is not active now, current status: CLOSED"))));
        assertEquals(Optional.of("database pool acquire timeout"), DatabaseOutage.kind(new NoStackTraceThrowable("Timeout")));
        assertEquals(Optional.of("database server unavailable"), DatabaseOutage.kind(
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertEquals(Optional.of("database server unavailable"), DatabaseOutage.kind(
                new PgException("sorry, too many clients already", "FATAL", "53300", null)));
        assertEquals(Optional.of("database statement timeout"), DatabaseOutage.kind(
                new PgException("canceling statement due to statement timeout", "ERROR", "57014", null)));
        assertEquals(Optional.empty(), DatabaseOutage.kind(
                new PgException("could not serialize access due to concurrent update", "ERROR", "40001", null)));
        assertEquals(Optional.of("database lock timeout"), DatabaseOutage.kind(
                new SQLException("canceling statement due to lock timeout", "55P03")));
        assertEquals(Optional.of("database connection lost"), DatabaseOutage.kind(new SQLException("I/O error", "08006")));
        assertEquals(Optional.of("database unreachable"), DatabaseOutage.kind(new SQLTransientConnectionException("pool empty")));
    }

    @Test
    void jdbcFailuresOfAMeterImportAreOutagesByTheirState() {
        // pgjdbc: refused at connect, and a socket that broke under a COPY (reported through an I/O failure)
        assertEquals(Optional.of("database connection lost"), DatabaseOutage.kind(
                new io.joule.jdbc.UncheckedSqlException(new SQLException("Connection to localhost:5432 refused", "08001"))));
        assertEquals(Optional.of("database connection lost"), DatabaseOutage.kind(new java.io.UncheckedIOException(
                new java.io.IOException("Write to copy failed.", new SQLException("Database connection failed when writing to copy", "08006")))));
        assertEquals(Optional.of("database server unavailable"), DatabaseOutage.kind(
                new io.joule.jdbc.UncheckedSqlException(new SQLException("the database system is shutting down", "57P03"))));
        // Agroal, the JDBC pool, after quarkus.datasource.jdbc.acquisition-timeout
        assertEquals(Optional.of("database pool acquire timeout"), DatabaseOutage.kind(
                new io.joule.jdbc.UncheckedSqlException(new SQLException("Sorry, acquisition timeout!"))));
        // a refused statement is a bug, not an outage
        assertEquals(Optional.empty(), DatabaseOutage.kind(
                new io.joule.jdbc.UncheckedSqlException(new SQLException("duplicate key value violates unique constraint", "23505"))));
        assertEquals(Optional.empty(), DatabaseOutage.kind(new io.joule.jdbc.UncheckedSqlException(new SQLException("other"))));
    }

    @Test
    void aSocketThatWentAwayUnderARequestIsALostConnectionButOtherIoFailuresAreBugs() {
        java.io.IOException flushing = new java.io.IOException("Broken pipe");
        flushing.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("sun.nio.ch.SocketDispatcher", "write", "SocketDispatcher.java", 62),
                new StackTraceElement("io.vertx.pgclient.impl.codec.PgEncoder", "flush", "PgEncoder.java", 154)});
        assertEquals(Optional.of("database connection lost"), DatabaseOutage.kind(new RuntimeException(flushing)));

        java.io.IOException flushedLater = new java.io.IOException("Connection reset by peer");
        flushedLater.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("io.vertx.core.net.impl.ConnectionBase", "write", "ConnectionBase.java", 1)});
        assertEquals(Optional.of("database connection lost"), DatabaseOutage.kind(flushedLater));

        assertEquals(Optional.empty(), DatabaseOutage.kind(new java.io.IOException("No space left on device")));
        assertEquals(Optional.of("database connection lost"), DatabaseOutage.kind(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")));
    }

    @Test
    void bugsAndRefusalsAreNotOutages() {
        assertEquals(Optional.empty(), DatabaseOutage.kind(new NullPointerException()));
        assertEquals(Optional.empty(), DatabaseOutage.kind(new IllegalStateException(new RuntimeException("boom"))));
        assertEquals(Optional.empty(), DatabaseOutage.kind(new PgException("syntax error at or near \"selec\"", "ERROR", "42601", null)));
        assertEquals(Optional.empty(), DatabaseOutage.kind(new PgException("duplicate key", "ERROR", "23505", null)));
        assertEquals(Optional.empty(), DatabaseOutage.kind(new NoStackTraceThrowable("something else")));
        assertEquals(Optional.empty(), DatabaseOutage.kind(new VertxException("Connection refused by a rule")));
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertEquals(Optional.empty(), DatabaseOutage.kind(a));
    }

    @Test
    void oneLinePerKindPerIntervalCountingTheRest() {
        long second = TimeUnit.SECONDS.toNanos(1);
        OutageLog log = new OutageLog(10 * second);
        assertEquals("database unreachable: POST /data: refused", log.record("database unreachable", "POST /data: refused", 0));
        assertNull(log.record("database unreachable", "POST /data: refused", 1 * second));
        assertNull(log.record("database unreachable", "GET /data: refused", 9 * second));
        assertEquals("database connection lost: POST /data: closed",
                log.record("database connection lost", "POST /data: closed", 9 * second));
        assertEquals("database unreachable: GET /data: refused (2 more since the last line)",
                log.record("database unreachable", "GET /data: refused", 10 * second));
        assertNull(log.record("database unreachable", "GET /data: refused", 19 * second));
    }
}
