package io.github.employeestore.jdbc.internal;

import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Translates driver exceptions into the store's exceptions by SQLState and vendor code. Messages carry the operation,
 * the table and the SQLState/vendor code, never the driver's message (which may quote bound values); the driver
 * exception is always the cause. Thread-safe (stateless).
 */
public final class SqlErrors {
    /** MySQL/MariaDB: ER_DUP_ENTRY. */
    private static final int MYSQL_DUPLICATE_ENTRY = 1062;
    /** MySQL/MariaDB: ER_NO_SUCH_TABLE. */
    private static final int MYSQL_NO_SUCH_TABLE = 1146;
    /** MySQL/MariaDB: lock wait timeout, deadlock, too many connections, server gone away, lost connection, etc. */
    private static final Set<Integer> MYSQL_TRANSIENT = Set.of(1205, 1213, 1040, 1053, 1077, 1078, 1079, 1080, 1152,
            1153, 1154, 1155, 1156, 1157, 1158, 1159, 1160, 1161, 2002, 2003, 2006, 2013, 3024, 3572, 1969);
    /** H2: table or view not found (several variants). */
    private static final Set<Integer> H2_NO_SUCH_TABLE = Set.of(42102, 42103, 42104);
    /** H2: lock timeout, deadlock, concurrent update, connection broken, database closed/in use. */
    private static final Set<Integer> H2_TRANSIENT = Set.of(50200, 40001, 90131, 90067, 90098, 90020);
    /** SQLStates (exact) of transient failures: serialization failure, deadlock, lock not available, cancel,
     *  admin shutdown / crash, too many connections, timeout, operation canceled. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02",
            "57P03", "53300", "HYT00", "HYT01", "HY008", "40000");

    private SqlErrors() {
    }

    /**
     * @param e an exception from Jdbi, the pool or the driver
     * @return the first {@link SQLException} in its cause chain, or {@code null}
     */
    public static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /**
     * @param e an exception
     * @return whether it reports a duplicate primary key
     */
    public static boolean isDuplicateKey(Throwable e) {
        for (SQLException s : chain(e)) {
            if ("23505".equals(s.getSQLState()) || s.getErrorCode() == MYSQL_DUPLICATE_ENTRY
                    && ("23000".equals(s.getSQLState()) || s.getSQLState() == null)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param e an exception
     * @return whether it reports a missing table
     */
    public static boolean isMissingTable(Throwable e) {
        for (SQLException s : chain(e)) {
            String state = s.getSQLState();
            if ("42S02".equals(state) || "42P01".equals(state) || s.getErrorCode() == MYSQL_NO_SUCH_TABLE
                    || state != null && state.startsWith("42") && H2_NO_SUCH_TABLE.contains(s.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param e an exception
     * @return whether it is transient: a lost or refused connection, a timeout, a lock-wait timeout, a deadlock, a
     *         serialization failure, too many connections
     */
    public static boolean isTransient(Throwable e) {
        for (SQLException s : chain(e)) {
            if (s instanceof SQLTransientException || s instanceof SQLRecoverableException
                    || s instanceof SQLNonTransientConnectionException || s instanceof SQLTimeoutException) {
                return true;
            }
            String state = s.getSQLState();
            if (state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state))) {
                return true;
            }
            int code = s.getErrorCode();
            if (MYSQL_TRANSIENT.contains(code) && (state == null || !state.startsWith("42"))) {
                return true;
            }
            if (H2_TRANSIENT.contains(code)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param e an exception
     * @return whether retrying the same statement at once may succeed: a deadlock or serialization failure
     */
    public static boolean isDeadlock(Throwable e) {
        for (SQLException s : chain(e)) {
            String state = s.getSQLState();
            if ("40001".equals(state) || "40P01".equals(state) || s.getErrorCode() == 1213
                    || s.getErrorCode() == 40001) {
                return true;
            }
        }
        return false;
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
        if (isMissingTable(e)) {
            return new StoreConfigurationException("table '" + table + "' does not exist; create it with"
                    + " schema().create()" + codes, cause);
        }
        if (isTransient(e)) {
            return new StoreUnavailableException(operation + " on table '" + table + "' failed: database unavailable"
                    + " or transient failure" + codes, cause, true);
        }
        return new EmployeeStoreException(operation + " on table '" + table + "' failed" + codes, cause);
    }

    private static Iterable<SQLException> chain(Throwable e) {
        java.util.List<SQLException> list = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && list.size() < 20; t = t.getCause()) {
            if (t instanceof SQLException s) {
                list.add(s);
                SQLException next = s.getNextException();
                int guard = 0;
                while (next != null && guard++ < 5) {
                    list.add(next);
                    next = next.getNextException();
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return list;
    }
}
