package io.github.employeestore.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on a JDBC connection.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SqlWork<T> {
    /**
     * @param c the connection
     * @return the result
     * @throws SQLException from the driver
     */
    T run(Connection c) throws SQLException;

    /** Runs work on a connection of the store, translating failures into store exceptions. */
    interface Runner {
        /**
         * @param operation the operation's name, for messages
         * @param work      the work
         * @param <T>       the result type
         * @return the result
         */
        <T> T run(String operation, SqlWork<T> work);
    }
}
