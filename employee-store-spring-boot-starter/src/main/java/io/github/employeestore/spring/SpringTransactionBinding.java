package io.github.employeestore.spring;

import io.github.employeestore.jdbc.JdbcEmployeeStore;
import io.github.employeestore.jdbc.TransactionBinding;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Lets a {@link JdbcEmployeeStore} take part in Spring-managed transactions on its {@link DataSource}, as
 * {@code JdbcTemplate} does: when a transaction of a {@code DataSourceTransactionManager} (or
 * {@code JdbcTransactionManager}, or a {@code JpaTransactionManager} that exposes its JDBC connection) is active on
 * the calling thread for the store's data source, the store's calls run on that transaction's connection (obtained
 * through {@link DataSourceUtils}), commit and roll back with it, and are never retried inside it. Outside such a
 * transaction, and in a transaction on another data source, every call runs on a connection of its own as without a
 * binding. See {@link TransactionBinding} for what the store does on a joined connection (savepoints per write;
 * {@code importAll} and {@code schema()} never join).
 *
 * <p>The Spring Boot starter sets it on the store it builds on the application's {@code DataSource}. To build a store
 * yourself: {@code JdbcEmployeeStore.builder().dataSource(ds).transactionBinding(SpringTransactionBinding.INSTANCE)}.
 * Thread-safe (stateless).
 */
public final class SpringTransactionBinding implements TransactionBinding {
    /** The binding (stateless, so one is enough). */
    public static final SpringTransactionBinding INSTANCE = new SpringTransactionBinding();

    private SpringTransactionBinding() {
    }

    /**
     * @return the connection of the Spring-managed transaction active on this thread for {@code dataSource}, or
     *         {@code null} when there is none (no actual transaction, one on another resource, or a connection
     *         in auto-commit mode)
     */
    @Override
    public Connection currentConnection(DataSource dataSource) throws SQLException {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        if (!(TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder)) {
            return null;   // the transaction is on another resource: JdbcTemplate would not be in it either
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        if (connection.getAutoCommit()) {
            // bound but not transactional (no savepoints are possible): behave as outside a transaction
            DataSourceUtils.releaseConnection(connection, dataSource);
            return null;
        }
        return connection;
    }

    @Override
    public void release(Connection connection, DataSource dataSource) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }

    @Override
    public String toString() {
        return "SpringTransactionBinding";
    }
}
