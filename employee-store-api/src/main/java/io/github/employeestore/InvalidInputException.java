package io.github.employeestore;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The input broke one or more rules of the model or of the call; nothing was written. {@link #violations()} lists
 * every broken rule found, not only the first.
 */
public class InvalidInputException extends EmployeeStoreException {
    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;

    /**
     * @param violations every broken rule; not empty
     */
    public InvalidInputException(List<Violation> violations) {
        this(violations, null);
    }

    /**
     * @param violations every broken rule; not empty
     * @param cause      the underlying exception, or {@code null}
     */
    public InvalidInputException(List<Violation> violations, Throwable cause) {
        super(message(violations), cause);
        this.violations = List.copyOf(violations);
    }

    /**
     * @param field the field path
     * @param rule  the broken rule
     * @return an exception with that single violation
     */
    public static InvalidInputException of(String field, String rule) {
        return new InvalidInputException(List.of(new Violation(field, rule)));
    }

    private static String message(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one violation");
        }
        return "invalid input: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }

    /** @return the broken rules, unmodifiable, never empty */
    public List<Violation> violations() {
        return violations;
    }
}
