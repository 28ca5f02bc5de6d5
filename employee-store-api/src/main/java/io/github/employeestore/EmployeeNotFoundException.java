package io.github.employeestore;

/**
 * An operation needed an employee that the store does not hold: {@code update} or a versioned {@code delete} of an
 * absent id.
 */
public class EmployeeNotFoundException extends EmployeeStoreException {
    private static final long serialVersionUID = 1L;

    private final String id;

    /**
     * @param id the id that was not found
     */
    public EmployeeNotFoundException(String id) {
        this(id, null);
    }

    /**
     * @param id    the id that was not found
     * @param cause the driver or SDK exception, or {@code null}
     */
    public EmployeeNotFoundException(String id, Throwable cause) {
        super("employee not found: id=" + id, cause);
        this.id = id;
    }

    /** @return the id that was not found */
    public String id() {
        return id;
    }
}
