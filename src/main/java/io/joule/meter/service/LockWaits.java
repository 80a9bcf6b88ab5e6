package io.joule.meter.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Bounds a meter import's waits for locks (PostgreSQL's lock_timeout) on its pooled JDBC connection. An import runs
 * long by nature, so the reactive pool's statement timeout does not fit it; but a table or channel locked by another
 * transaction would keep it, its upload slot and its client waiting with no end. Set for the session, not the
 * transaction, because an import may roll back and start again on the same connection; reset before the connection
 * goes back to the pool.
 */
final class LockWaits {
    private LockWaits() {
    }

    static void bound(Connection db, Duration timeout) throws SQLException {
        if (!timeout.isZero()) {
            try (Statement set = db.createStatement()) {
                set.execute("set lock_timeout = " + timeout.toMillis());
            }
        }
    }

    /** After the import's commit or rollback; a connection that is gone has nothing left to reset. */
    static void unbound(Connection db, Duration timeout) {
        if (timeout.isZero()) {
            return;
        }
        try (Statement reset = db.createStatement()) {
            db.setAutoCommit(true);
            reset.execute("reset lock_timeout");
        } catch (SQLException e) {
            // the pool discards a broken connection; a live one has had its lock timeout reset
        }
    }
}
