package io.joule.problem;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a failure to reach the database (the client should retry) from a bug (a 500): walks the
 * cause chain, because Hibernate Reactive, Mutiny and Vert.x wrap the connection-level cause.
 */
public final class DatabaseOutage {
    /** The database cannot be connected to (refused, no route, unknown host, connect timeout). */
    public static final String UNREACHABLE = "database unreachable";
    /** An open connection was closed or reset under a running statement. */
    public static final String CONNECTION_LOST = "database connection lost";
    /** Every pooled connection stayed busy (or kept failing) for the whole acquire timeout. */
    public static final String POOL_TIMEOUT = "database pool acquire timeout";
    /** A request waited its whole read or write timeout for an answer: the server holds its connections but answers nothing. */
    public static final String NO_ANSWER = "database not answering";
    /** PostgreSQL stopped a statement past the statement timeout (or an operator cancelled it): try again later. */
    public static final String STATEMENT_TIMEOUT = "database statement timeout";
    /** A meter import waited its whole lock timeout for a lock another transaction holds: try again later. */
    public static final String LOCK_TIMEOUT = "database lock timeout";
    /** The server answered but refuses work for now: shutting down, starting up, too many connections. */
    public static final String SERVER_UNAVAILABLE = "database server unavailable";

    /** SQLSTATEs that mean "not now" rather than "wrong": admin/crash shutdown, cannot connect now, too many connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    private static final String QUERY_CANCELED = "57014";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final int MAX_DEPTH = 20;
    /** How the JDBC pool (Agroal, used by meter imports) fails a waiter after its acquisition timeout: no SQLSTATE. */
    static final String AGROAL_ACQUISITION_TIMEOUT = "Sorry, acquisition timeout!";

    private DatabaseOutage() {
    }

    /** The innermost cause of {@code failure} (the driver's own exception, under the wrappers of Mutiny and Vert.x). */
    public static Throwable root(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; depth < MAX_DEPTH && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        return root;
    }

    /** The failure kind when {@code failure} (or one of its causes) is an outage, else empty. */
    public static Optional<String> kind(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause() == t ? null : t.getCause()) {
            String kind = own(t);
            if (kind != null) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static String own(Throwable t) {
        if (t instanceof DatabaseNoAnswer) {
            return NO_ANSWER;
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
            return UNREACHABLE;
        }
        if (t instanceof ClosedConnectionException || t instanceof ClosedChannelException || t instanceof SocketException) {
            return CONNECTION_LOST;
        }
        if (t instanceof DatabaseException db) {
            return state(db.getSqlState());
        }
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
            return UNREACHABLE;
        }
        if (t instanceof SQLException sql) {
            if (sql.getSQLState() == null && AGROAL_ACQUISITION_TIMEOUT.equals(sql.getMessage())) {
                return POOL_TIMEOUT;
            }
            return state(sql.getSQLState());
        }
        if (t instanceof NoStackTraceThrowable && "Timeout".equals(t.getMessage())) {
            return POOL_TIMEOUT; // how the Vert.x SQL pool fails a waiter after connectionTimeout
        }
        if (t instanceof IOException && (t.getClass().getName().startsWith("io.netty.") || raisedByDatabaseClient(t)
                || socketGone(t.getMessage()))) {
            return CONNECTION_LOST; // e.g. "Connection reset by peer", or "Broken pipe" while the client flushes a query
        }
        // The pool fails a statement on a connection that just closed with a bare NoStackTraceThrowable of this message.
        if ((t instanceof VertxException || t instanceof NoStackTraceThrowable) && t.getMessage() != null) {
            String message = t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("connection") && (message.contains("closed") || message.contains("not active"))) {
                return CONNECTION_LOST;
            }
        }
        return null;
    }

    /** An I/O failure on the database client's own socket (not the HTTP client's) has the SQL client on its stack. */
    private static boolean raisedByDatabaseClient(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            String name = frame.getClassName();
            if (name.startsWith("io.vertx.sqlclient.") || name.startsWith("io.vertx.pgclient.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A request's body is read before its handler runs and an upload's failures are a 400, so a socket that went away
     * under a running request is the database's, even when the write was flushed later from the event loop.
     */
    private static boolean socketGone(String message) {
        return message != null && (message.contains("Broken pipe") || message.contains("Connection reset"));
    }

    private static String state(String sqlState) {
        if (sqlState == null) {
            return null;
        }
        if (sqlState.startsWith("08")) {
            return CONNECTION_LOST;
        }
        if (QUERY_CANCELED.equals(sqlState)) {
            return STATEMENT_TIMEOUT;
        }
        if (LOCK_NOT_AVAILABLE.equals(sqlState)) {
            return LOCK_TIMEOUT;
        }
        return UNAVAILABLE_STATES.contains(sqlState) ? SERVER_UNAVAILABLE : null;
    }
}
