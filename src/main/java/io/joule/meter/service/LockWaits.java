package io.joule.meter.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Bounds a meter import's waits for locks (PostgreSQL's lock_timeout) on its pooled JDBC connection. An import runs
 * long by nature, so the reactive pool's statement timeout does not fit it; but a table or row locked by a stranger's
 * transaction would keep it, its upload slot and its client waiting with no end. Set for the session, not the
 * transaction, because an import may roll back and start again on the same connection; reset before the connection
 * goes back to the pool. Waits for the service's own advisory locks are not bounded ({@link #forOurOwn}).
 */
final class LockWaits {
    /** A wait for a lock, on the import's connection. */
    interface Wait {
        void run() throws SQLException;
    }

    private LockWaits() {
    }

    /**
     * Waits for one of the service's own advisory locks (a channel another import is writing, or the right to register
     * channels) as long as its holder takes: that import is progressing, and a client whose upload the gate let in
     * should not have to send its file again because another import was longer than the lock timeout.
     */
    static void forOurOwn(Connection db, Duration timeout, Wait wait) throws SQLException {
        if (timeout.isZero()) {
            wait.run();
            return;
        }
        try (Statement set = db.createStatement()) {
            set.execute("set local lock_timeout = 0");
            wait.run();
            set.execute("set local lock_timeout = " + timeout.toMillis());
        }
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
