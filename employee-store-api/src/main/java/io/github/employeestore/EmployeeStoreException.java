package io.github.employeestore;

/**
 * The root of every exception an {@link EmployeeStore} throws. Unchecked. When the failure came from a driver or SDK,
 * that exception is the {@linkplain #getCause() cause}.
 *
 * <p>Messages name ids and fields, never attribute values or other personal data.
 */
public class EmployeeStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     */
    public EmployeeStoreException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the driver or SDK exception, or {@code null}
     */
    public EmployeeStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
