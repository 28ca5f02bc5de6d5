package io.github.employeestore;

import java.util.Objects;

/**
 * A stored employee that cannot be mapped to the model: an item or row written by other code with a core field of
 * the wrong type, a timestamp in a form the library does not accept, a version that is not a non-negative integer,
 * no full name, or malformed JSON.
 *
 * <p>{@link EmployeeStore#get(String)} throws it for that id. Reads of many employees never fail because of one such
 * employee: {@link EmployeeStore#list}, {@link EmployeeStore#find} and {@link EmployeeStore#stream()} return every
 * readable employee and report each unreadable one by this exception ({@link Page#unreadable()},
 * {@link EmployeeStore#stream(java.util.function.Consumer)},
 * {@link EmployeeStore#getAll(java.util.Collection, java.util.function.Consumer)}); the stored item is left as it is.
 * {@link EmployeeStore#delete(String)} and {@link EmployeeStore#count()} work on it as on any employee.
 *
 * <p>The message names the id and the attribute (its storage name, e.g. {@code created_at}, or
 * {@code attributes.<name>} for a flexible attribute) and what is wrong with it, never the stored value.
 * Immutable.
 */
public class UnreadableEmployeeException extends EmployeeStoreException {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String attribute;
    private final String problem;

    /**
     * @param id        the id of the stored employee
     * @param attribute the storage name of the attribute that cannot be read
     * @param problem   what is wrong with it, without its value (e.g. "is a number, not text")
     * @param cause     the parser's or driver's exception, or {@code null}
     */
    public UnreadableEmployeeException(String id, String attribute, String problem, Throwable cause) {
        super("stored employee id=" + id + " cannot be read: " + attribute + " " + problem, cause);
        this.id = Objects.requireNonNull(id, "id");
        this.attribute = Objects.requireNonNull(attribute, "attribute");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** @return the id of the stored employee */
    public String id() {
        return id;
    }

    /** @return the storage name of the attribute that cannot be read */
    public String attribute() {
        return attribute;
    }

    /** @return what is wrong with the attribute (never its value) */
    public String problem() {
        return problem;
    }
}
