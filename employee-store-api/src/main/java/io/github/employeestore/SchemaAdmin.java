package io.github.employeestore;

/**
 * Creates, checks and drops the store's table and indexes. Thread-safe.
 */
public interface SchemaAdmin {
    /**
     * Creates the table and its indexes if they are missing, and waits until they can be used. Idempotent: calling
     * it on an existing, well-formed schema does nothing.
     *
     * @throws StoreConfigurationException if a table of that name exists with the wrong shape, or the caller lacks
     *                                     the permission
     * @throws StoreUnavailableException   if the database cannot be reached
     */
    void create();

    /**
     * @return whether the table exists
     * @throws StoreUnavailableException if the database cannot be reached
     */
    boolean exists();

    /**
     * Drops the table and its indexes, with every employee in it. Does nothing if the table does not exist.
     *
     * @throws StoreUnavailableException if the database cannot be reached
     */
    void drop();
}
