package io.github.employeestore;

/**
 * An optional capability of a backend. A backend that does not declare one throws
 * {@link UnsupportedOperationException} from the methods it covers.
 */
public enum Capability {
    /** {@link EmployeeStore#find(EmployeeQuery, PageRequest)} is supported. */
    QUERIES,
    /** {@link EmployeeStore#transact(java.util.function.Consumer)} is supported. */
    TRANSACTIONS,
    /**
     * Name search: {@link EmployeeQuery#byName(String)} in {@link EmployeeStore#find(EmployeeQuery, PageRequest)} and
     * {@link EmployeeStore#listByName(PageRequest)} are supported (CONTRACT §4.20).
     */
    SEARCH
}
