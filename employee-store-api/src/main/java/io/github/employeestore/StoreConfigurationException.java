package io.github.employeestore;

/**
 * The store is not set up to work: the table is missing or has the wrong shape, the URL is malformed or names no
 * installed backend, a driver is missing. Retrying will not help; fix the configuration.
 */
public class StoreConfigurationException extends EmployeeStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong (no credentials)
     */
    public StoreConfigurationException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong (no credentials)
     * @param cause   the driver or SDK exception, or {@code null}
     */
    public StoreConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
