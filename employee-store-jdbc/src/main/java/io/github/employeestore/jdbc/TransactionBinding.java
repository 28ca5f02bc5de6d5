package io.github.employeestore.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a {@link JdbcEmployeeStore} built on a {@link DataSource} finds a transaction that the application manages on
 * that data source, so that the store's calls take part in it: the store asks {@link #currentConnection(DataSource)}
 * at the start of every call, and when it gets a connection, runs the call on it and hands it back with
 * {@link #release(Connection, DataSource)}. This keeps the JDBC backend free of any framework: a framework's
 * integration implements this interface (the Spring Boot starter does, for Spring-managed transactions).
 *
 * <p>What the store does on a joined connection: single writes ({@code create}, {@code update}, {@code put}, both
 * {@code delete}s) and {@code transact} run inside a savepoint, so that a failed call (a version conflict, an
 * existing id, a failing operation of {@code transact}) is undone on its own, leaves what the transaction wrote
 * before it in place, and leaves the transaction usable (PostgreSQL would otherwise refuse every later statement);
 * the store never commits, rolls back the transaction, closes the connection or changes its auto-commit mode, and
 * never retries (a deadlock or serialization failure is thrown as a retryable
 * {@link io.github.employeestore.StoreUnavailableException}: the owner of the transaction retries it as a whole).
 * Reads run on the joined connection too, so they see the transaction's own writes. {@code importAll} and
 * {@code schema()} never join: they commit as they go by design (and DDL commits implicitly on MySQL/MariaDB), so
 * they always borrow a connection of their own from the data source.
 *
 * <p>Implementations must be thread-safe; the store calls them from every thread that uses it.
 */
public interface TransactionBinding {
    /** No binding: every call borrows a connection of its own and commits its own work (the default). */
    TransactionBinding NONE = dataSource -> null;

    /**
     * @param dataSource the store's data source
     * @return the connection of the transaction active on the calling thread for {@code dataSource} (auto-commit
     *         off), or {@code null} when there is none and the call should run on its own connection
     * @throws SQLException when the transaction's connection cannot be had; the store translates it as it does
     *                      any failure to connect
     */
    Connection currentConnection(DataSource dataSource) throws SQLException;

    /**
     * Hands back a connection that {@link #currentConnection(DataSource)} returned, at the end of the call. The
     * default does nothing: the transaction's owner closes it.
     *
     * @param connection the connection
     * @param dataSource the store's data source
     */
    default void release(Connection connection, DataSource dataSource) {
    }
}
