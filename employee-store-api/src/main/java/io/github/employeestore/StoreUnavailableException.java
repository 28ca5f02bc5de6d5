package io.github.employeestore;

/**
 * The database could not be reached or did not answer in time: throttling that outlasted the retries, a timeout, a
 * lost or refused connection, a lock-wait timeout, a deadlock or a serialization failure. The operation may or may
 * not have been applied if the connection was lost after sending it; {@link #isRetryable()} says whether trying again
 * is sensible.
 */
public class StoreUnavailableException extends EmployeeStoreException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /**
     * @param message   what failed (no personal data)
     * @param cause     the driver or SDK exception
     * @param retryable whether retrying the same call may succeed
     */
    public StoreUnavailableException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * A retryable failure.
     *
     * @param message what failed (no personal data)
     * @param cause   the driver or SDK exception
     */
    public StoreUnavailableException(String message, Throwable cause) {
        this(message, cause, true);
    }

    /** @return whether retrying the same call may succeed */
    public boolean isRetryable() {
        return retryable;
    }
}
