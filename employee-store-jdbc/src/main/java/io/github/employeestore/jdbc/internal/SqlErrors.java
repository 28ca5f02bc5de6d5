package io.github.employeestore.jdbc.internal;

import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.spi.DriverErrors;

import java.sql.SQLException;

/**
 * Translates driver exceptions into the store's exceptions. The classification rules (SQLState, vendor code,
 * exception type) are the public {@link DriverErrors}; this class only words the JDBC backend's messages: the
 * operation, the table and the SQLState/vendor code, never the driver's message (which may quote bound values); the
 * driver exception is always the cause. Thread-safe (stateless).
 */
public final class SqlErrors {
    private SqlErrors() {
    }

    /** @see DriverErrors#sqlCause(Throwable) */
    public static SQLException sqlCause(Throwable e) {
        return DriverErrors.sqlCause(e);
    }

    /** @see DriverErrors#isDuplicateKey(Throwable) */
    public static boolean isDuplicateKey(Throwable e) {
        return DriverErrors.isDuplicateKey(e);
    }

    /** @see DriverErrors#isMissingTable(Throwable) */
    public static boolean isMissingTable(Throwable e) {
        return DriverErrors.isMissingTable(e);
    }

    /** @see DriverErrors#isTransient(Throwable, Class[]) */
    public static boolean isTransient(Throwable e) {
        return DriverErrors.isTransient(e);
    }

    /** @see DriverErrors#isDeadlock(Throwable) */
    public static boolean isDeadlock(Throwable e) {
        return DriverErrors.isDeadlock(e);
    }

    /**
     * Translates a failure that is not a duplicate key (the caller handles that where it has a meaning).
     *
     * @param e         the exception from Jdbi, the pool or the driver
     * @param operation the store operation, e.g. {@code "update"}
     * @param table     the table name (validated, safe to show)
     * @return the store exception to throw
     */
    public static EmployeeStoreException translate(Throwable e, String operation, String table) {
        if (e instanceof EmployeeStoreException ese) {
            return ese;
        }
        SQLException s = sqlCause(e);
        Throwable cause = s != null ? s : e;
        String codes = s == null ? "" : " (SQLState " + s.getSQLState() + ", vendor code " + s.getErrorCode() + ")";
        if (DriverErrors.isMissingTable(e)) {
            return new StoreConfigurationException("table '" + table + "' does not exist; create it with"
                    + " schema().create()" + codes, cause);
        }
        if (DriverErrors.isTransient(e)) {
            return new StoreUnavailableException(operation + " on table '" + table + "' failed: database unavailable"
                    + " or transient failure" + codes, cause, true);
        }
        return new EmployeeStoreException(operation + " on table '" + table + "' failed" + codes, cause);
    }
}
