package io.joule.jdbc;

import java.sql.SQLException;

/**
 * A JDBC failure leaving code that cannot throw checked exceptions. It keeps the SQLException as its cause, whose
 * SQLSTATE {@code io.joule.problem.DatabaseOutage} reads: a lost connection answers 503, anything else is a bug (500).
 */
public final class UncheckedSqlException extends RuntimeException {
    public UncheckedSqlException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
