package io.github.employeestore;

/**
 * {@code create} was given an id that the store already holds. The database decides this atomically (a conditional
 * put or a primary key), so of any number of concurrent creates of one id exactly one succeeds.
 */
public class EmployeeAlreadyExistsException extends EmployeeStoreException {
    private static final long serialVersionUID = 1L;

    private final String id;

    /**
     * @param id the id that exists
     */
    public EmployeeAlreadyExistsException(String id) {
        this(id, null);
    }

    /**
     * @param id    the id that exists
     * @param cause the driver or SDK exception, or {@code null}
     */
    public EmployeeAlreadyExistsException(String id, Throwable cause) {
        super("employee already exists: id=" + id, cause);
        this.id = id;
    }

    /** @return the id that exists */
    public String id() {
        return id;
    }
}
