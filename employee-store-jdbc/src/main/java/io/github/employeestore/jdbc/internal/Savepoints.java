package io.github.employeestore.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;

/**
 * Work inside a savepoint of a transaction that someone else owns: undone on its own when it fails, leaving the
 * transaction as it was before and usable. Thread-safe (stateless).
 */
public final class Savepoints {
    private Savepoints() {
    }

    /**
     * @param c    a connection with auto-commit off, in a transaction the caller does not own
     * @param work the work
     * @param <T>  the result type
     * @return the work's result
     * @throws SQLException from the driver (the work's own failure, with a failed rollback to the savepoint
     *                      suppressed in it)
     */
    public static <T> T run(Connection c, SqlWork<T> work) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        T result;
        try {
            result = work.run(c);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        try {
            c.releaseSavepoint(savepoint);
        } catch (SQLFeatureNotSupportedException e) {
            // a driver without RELEASE SAVEPOINT keeps it until the transaction ends: harmless
        }
        return result;
    }
}
