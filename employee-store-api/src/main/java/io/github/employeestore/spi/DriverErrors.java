package io.github.employeestore.spi;

import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.StoreUnavailableException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Classifies driver and client exceptions, so that every backend sorts them into the contract's errors the same way:
 * transient failures become a retryable {@link StoreUnavailableException}, everything else stays a plain
 * {@link EmployeeStoreException} (or whatever typed exception the backend derives from the specific kinds this class
 * recognises: a duplicate key, a missing table, a deadlock).
 *
 * <p>The rules look at the whole cause chain (and at {@link SQLException#getNextException()}):
 * <ul>
 *   <li>transient: the JDBC exception types {@link SQLTransientException}, {@link SQLRecoverableException},
 *       {@link SQLNonTransientConnectionException} and {@link SQLTimeoutException}; SQLState class {@code 08}
 *       (connection exception) and the states of serialization failure, deadlock, lock not available, statement
 *       cancelled, administrator shutdown, too many connections and timeouts ({@code 40001 40P01 55P03 57014 57P01
 *       57P02 57P03 53300 HYT00 HYT01 HY008 40000}); MySQL/MariaDB vendor codes of lock wait timeout, deadlock, too many
 *       connections, server gone away and lost connection; H2's lock timeout, deadlock, concurrent update and
 *       broken-connection codes; any {@link IOException} (refused or reset connection, socket timeout, end of
 *       stream) or {@link TimeoutException}; and any exception type the caller names (a client library's "connection"
 *       exception, for example);</li>
 *   <li>duplicate key: SQLState {@code 23505}, or MySQL/MariaDB {@code ER_DUP_ENTRY} (1062);</li>
 *   <li>missing table: SQLState {@code 42S02} or {@code 42P01}, MySQL/MariaDB {@code ER_NO_SUCH_TABLE} (1146), or
 *       H2's table-not-found codes;</li>
 *   <li>deadlock (worth retrying the same statement at once): SQLState {@code 40001} or {@code 40P01}, or vendor
 *       code 1213 or 40001.</li>
 * </ul>
 * Messages this class builds name the operation and the SQLState/vendor code, never the driver's message (which
 * may quote bound values); the driver exception is always the cause.
 *
 * <p>Thread-safe (stateless).
 */
public final class DriverErrors {
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
    private static final int MAX_CHAIN = 20;

    private DriverErrors() {
    }

    /**
     * @param e an exception
     * @return the first {@link SQLException} in its cause chain, or {@code null}
     */
    public static SQLException sqlCause(Throwable e) {
        for (Throwable t : causes(e)) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /**
     * @param e              an exception from a driver or client library
     * @param transientTypes further exception types that mean a transient failure in the caller's client library
     *                       (matched anywhere in the cause chain, subclasses included)
     * @return whether the failure is transient: a lost or refused connection, a timeout, a lock-wait timeout, a
     *         deadlock, a serialization failure, too many connections
     */
    @SafeVarargs
    public static boolean isTransient(Throwable e, Class<? extends Throwable>... transientTypes) {
        for (Throwable t : causes(e)) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
            for (Class<? extends Throwable> type : transientTypes) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        for (SQLException s : sqlChain(e)) {
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
     * @return whether it reports a duplicate primary key
     */
    public static boolean isDuplicateKey(Throwable e) {
        for (SQLException s : sqlChain(e)) {
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
        for (SQLException s : sqlChain(e)) {
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
     * @return whether retrying the same statement at once may succeed: a deadlock or serialization failure
     */
    public static boolean isDeadlock(Throwable e) {
        for (SQLException s : sqlChain(e)) {
            String state = s.getSQLState();
            if ("40001".equals(state) || "40P01".equals(state) || s.getErrorCode() == 1213
                    || s.getErrorCode() == 40001) {
                return true;
            }
        }
        return false;
    }

    /**
     * Translates a failure by {@link #isTransient}: a retryable {@link StoreUnavailableException} or a plain
     * {@link EmployeeStoreException}; a store exception is returned as it is.
     *
     * @param e              the exception from the driver or client library
     * @param operation      what failed, for the message (no personal data), e.g. {@code "get id=42"}
     * @param transientTypes as {@link #isTransient}
     * @return the store exception to throw, with {@code e} as its cause
     */
    @SafeVarargs
    public static EmployeeStoreException translate(Throwable e, String operation,
                                                   Class<? extends Throwable>... transientTypes) {
        if (e instanceof EmployeeStoreException ese) {
            return ese;
        }
        SQLException s = sqlCause(e);
        String codes = s == null ? " (" + e.getClass().getSimpleName() + ")"
                : " (SQLState " + s.getSQLState() + ", vendor code " + s.getErrorCode() + ")";
        if (isTransient(e, transientTypes)) {
            return new StoreUnavailableException(operation + " failed: database unavailable or transient failure"
                    + codes, e, true);
        }
        return new EmployeeStoreException(operation + " failed" + codes, e);
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> list = new ArrayList<>();
        for (Throwable t = e; t != null && list.size() < MAX_CHAIN; t = t.getCause()) {
            list.add(t);
            if (t.getCause() == t) {
                break;
            }
        }
        return list;
    }

    private static List<SQLException> sqlChain(Throwable e) {
        List<SQLException> list = new ArrayList<>();
        for (Throwable t : causes(e)) {
            if (t instanceof SQLException s) {
                list.add(s);
                SQLException next = s.getNextException();
                int guard = 0;
                while (next != null && guard++ < 5) {
                    list.add(next);
                    next = next.getNextException();
                }
            }
        }
        return list;
    }
}
