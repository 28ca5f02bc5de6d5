package io.github.employeestore.jdbc.internal;

import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.jdbc.TransactionBinding;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How the JDBC store runs its work on connections: on a connection of its own (auto-commit, or one transaction),
 * or on the connection of a transaction the application manages on the store's data source
 * ({@link TransactionBinding}: writes in a savepoint, no retry, no commit); failures translated into the store's
 * exceptions, a lost connection always a {@link StoreUnavailableException}, and single writes retried after a
 * deadlock or a racing duplicate key when the store owns the transaction. Thread-safe (immutable).
 */
public final class StoreCalls {
    private static final Logger LOG = LoggerFactory.getLogger(StoreCalls.class);
    private static final int MAX_ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final TransactionBinding binding;
    private final String table;
    private final boolean writesReturnRow;
    private final BooleanSupplier closedPool;
    private final BooleanSupplier tableDropped;

    /**
     * @param jdbi            the store's Jdbi (its transactions)
     * @param dataSource      the data source the store was built from, or {@code null} when it was given a Jdbi
     * @param binding         how to find the application's transaction on {@code dataSource}
     * @param table           the table name, for messages
     * @param writesReturnRow whether single writes are one statement (else they run in a transaction)
     * @param closedPool      whether the store closed a pool of its own (failures are then "the store is closed")
     * @param tableDropped    whether the table is known to be missing now (asked after an unclassified failure)
     */
    public StoreCalls(Jdbi jdbi, DataSource dataSource, TransactionBinding binding, String table,
                      boolean writesReturnRow, BooleanSupplier closedPool, BooleanSupplier tableDropped) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
        this.binding = binding;
        this.table = table;
        this.writesReturnRow = writesReturnRow;
        this.closedPool = closedPool;
        this.tableDropped = tableDropped;
    }

    /** A read: on the application's transaction if one is active (it sees its writes), else in auto-commit mode. */
    public <T> T read(String operation, String id, SqlWork<T> work) {
        Connection joined = joinable(operation, id);
        return joined != null ? inJoined(joined, operation, id, work, false) : own(operation, id, work);
    }

    /** A single-statement write: in a savepoint of the application's transaction if one is active. */
    public <T> T write(String operation, String id, SqlWork<T> work) {
        Connection joined = joinable(operation, id);
        return joined != null ? inJoined(joined, operation, id, work, true) : own(operation, id, work);
    }

    /**
     * A single write that may take two statements: in a savepoint of the application's transaction if one is
     * active; else in auto-commit mode (or one transaction where writes do not return rows), retried after a
     * deadlock, a serialization failure or a racing duplicate key.
     */
    public <T> T writeWithRetry(String operation, String id, SqlWork<T> work) {
        Connection joined = joinable(operation, id);
        if (joined != null) {
            return inJoined(joined, operation, id, work, true);
        }
        if (writesReturnRow) {
            return retrying(operation, id, () -> own(operation, id, work));
        }
        return retrying(operation, id, () -> ownTransaction(operation, id, work));
    }

    /**
     * A single write of several statements: in a savepoint of the application's transaction if one is active
     * (never retried there); else in one transaction of its own, retried after a deadlock, a serialization failure
     * or a racing duplicate key.
     */
    public <T> T inTransactionWithRetry(String operation, String id, SqlWork<T> work) {
        Connection joined = joinable(operation, id);
        if (joined != null) {
            return inJoined(joined, operation, id, work, true);
        }
        return retrying(operation, id, () -> ownTransaction(operation, id, work));
    }

    /** Work in one transaction: a savepoint of the application's transaction if one is active. */
    public <T> T inTransaction(String operation, String id, SqlWork<T> work) {
        Connection joined = joinable(operation, id);
        return joined != null ? inJoined(joined, operation, id, work, true) : ownTransaction(operation, id, work);
    }

    /**
     * Work on a pooled connection of its own in auto-commit mode, never in the application's transaction (bulk
     * loads and schema changes, which commit as they go).
     */
    public <T> T own(String operation, String id, SqlWork<T> work) {
        // Built from a DataSource, the single-statement calls borrow the connection from it directly: opening and
        // closing a Jdbi Handle costs several microseconds (its configuration is copied), a fifth of a get-by-id
        // on a fast database. Transactions still go through Jdbi.
        try (Handle h = dataSource == null ? jdbi.open() : null;
             Connection direct = dataSource != null ? dataSource.getConnection() : null) {
            Connection c = h != null ? h.getConnection() : direct;
            try {
                return work.run(c);
            } catch (SQLException | RuntimeException e) {
                failIfConnectionLost(c, e, operation);
                throw e;
            }
        } catch (EmployeeAlreadyExistsException e) {
            throw e;
        } catch (EmployeeStoreException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw translate(e, operation, id);
        }
    }

    private <T> T ownTransaction(String operation, String id, SqlWork<T> work) {
        try (Handle h = jdbi.open()) {
            Connection c = h.getConnection();
            try {
                return h.inTransaction(tx -> work.run(tx.getConnection()));
            } catch (SQLException | RuntimeException e) {
                failIfConnectionLost(c, e, operation);
                throw e;
            }
        } catch (EmployeeStoreException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw translate(e, operation, id);
        }
    }

    /** @return the connection of the application's transaction on the data source, or {@code null} */
    private Connection joinable(String operation, String id) {
        if (dataSource == null || binding == TransactionBinding.NONE) {
            return null;
        }
        try {
            return binding.currentConnection(dataSource);
        } catch (SQLException | RuntimeException e) {
            throw translate(e, operation, id);
        }
    }

    /** Work on the application's transaction's connection (writes in a savepoint), never retried or committed. */
    private <T> T inJoined(Connection c, String operation, String id, SqlWork<T> work, boolean savepoint) {
        try {
            try {
                return savepoint ? Savepoints.run(c, work) : work.run(c);
            } catch (SQLException | RuntimeException e) {
                failIfConnectionLost(c, e, operation);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            EmployeeStoreException t = translate(e, operation, id);
            throw t instanceof RetryableDuplicate r ? SqlErrors.translate(r.getCause(), operation, table) : t;
        } finally {
            binding.release(c, dataSource);
        }
    }

    /**
     * Decides a failure by the state of the connection it happened on, before the connection goes back to the pool:
     * when the connection is closed or no longer valid (killed on the server, network lost), the failure is a
     * {@link StoreUnavailableException} whatever the driver reported last (drivers and the pool can report such a
     * failure as "statement closed" or "connection is closed", without a connection SQLState, and a failed rollback
     * can hide the original error). Otherwise returns, and the caller rethrows for the usual translation.
     */
    private void failIfConnectionLost(Connection c, Exception e, String operation) {
        if (e instanceof EmployeeStoreException || !Connections.isLost(c)) {
            return;
        }
        SQLException sqlCause = SqlErrors.sqlCause(e);
        String codes = sqlCause == null ? ""
                : " (SQLState " + sqlCause.getSQLState() + ", vendor code " + sqlCause.getErrorCode() + ")";
        throw new StoreUnavailableException(operation + " on table '" + table + "' failed: the connection to"
                + " the database was lost" + codes, sqlCause != null ? sqlCause : e, true);
    }

    /**
     * Retries a single-employee write that failed with a deadlock, a serialization failure or (H2's MERGE racing
     * an insert of the same new id) a duplicate key: the failed attempt was rolled back, so retrying is safe.
     */
    private <T> T retrying(String operation, String id, Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (StoreUnavailableException | RetryableDuplicate e) {
                Throwable cause = e instanceof RetryableDuplicate r ? r.getCause() : e.getCause();
                boolean retry = i < MAX_ATTEMPTS
                        && (e instanceof RetryableDuplicate || SqlErrors.isDeadlock(cause));
                if (!retry) {
                    if (e instanceof RetryableDuplicate r) {
                        throw SqlErrors.translate(r.getCause(), operation, table);
                    }
                    throw (StoreUnavailableException) e;
                }
                LOG.debug("{} id={} retrying after a transient conflict (attempt {})", operation, id, i);
                try {
                    Thread.sleep(i);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw (RuntimeException) e;
                }
            }
        }
    }

    private EmployeeStoreException translate(Throwable e, String operation, String id) {
        if (closedPool.getAsBoolean()) {
            return new StoreUnavailableException(operation + " failed: the store is closed", e, false);
        }
        if (("put".equals(operation) || "update".equals(operation)) && SqlErrors.isDuplicateKey(e)) {
            return new RetryableDuplicate(SqlErrors.sqlCause(e) != null ? SqlErrors.sqlCause(e) : e);
        }
        EmployeeStoreException translated = SqlErrors.translate(e, operation, table);
        if (translated.getClass() == EmployeeStoreException.class && tableDropped.getAsBoolean()) {
            // a statement racing DROP TABLE can fail with an error of its own (H2: a general error) instead of the
            // missing-table one: the table is gone, so the write did not happen (CONTRACT §4.15.2, §4.15.3)
            return new StoreConfigurationException("table '" + table + "' does not exist (dropped while " + operation
                    + " ran); create it with schema().create()", translated.getCause());
        }
        return translated;
    }

    /** A duplicate key where none can be meant (a put racing an insert of the same id): retried. */
    private static final class RetryableDuplicate extends EmployeeStoreException {
        private static final long serialVersionUID = 1L;

        RetryableDuplicate(Throwable cause) {
            super("duplicate key while upserting", cause);
        }
    }
}
