package io.github.employeestore.tck;

/**
 * The hook of the TCK's fault tests: a way to make the store under test lose its connections to the database while
 * it works, as a network failure or a database restart would. A backend's TCK subclass offers it by overriding
 * {@link EmployeeStoreTck#faults}; without it the tests under faults are skipped with the reason.
 *
 * <p>A call that a fault interrupts must fail with {@link io.github.employeestore.StoreUnavailableException} (the
 * TCK then counts it as "maybe applied") and never leave half of its write behind; the calls after it must work.
 *
 * <p>Implementations must be thread-safe: {@link #inject} is called from a thread of its own while other threads
 * use the store.
 */
public interface Faults extends AutoCloseable {
    /**
     * Ends one of the store's connections to its database now (for example {@code KILL CONNECTION} on MariaDB,
     * {@code pg_terminate_backend} on PostgreSQL), whatever it is doing; does nothing when the store has none open.
     *
     * @return whether a connection was ended
     */
    boolean inject();

    /** Releases what the hook holds (its own connection); called once the test is over. Does nothing by default. */
    @Override
    default void close() {
    }
}
