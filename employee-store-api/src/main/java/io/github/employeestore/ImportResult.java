package io.github.employeestore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link EmployeeStore#importAll(java.util.Collection)} did: how many employees it wrote, and every one it could
 * not write, with the reason. Every input employee is either counted in {@link #written()} or listed in
 * {@link #failures()}; none is dropped silently.
 *
 * <p>Immutable and thread-safe.
 *
 * @param attempted how many employees were given
 * @param written   how many were written
 * @param failures  the ones that were not written, in input order
 */
public record ImportResult(int attempted, int written, List<Failure> failures) {

    /**
     * @throws IllegalArgumentException if written plus failures is not attempted
     */
    public ImportResult {
        failures = List.copyOf(failures);
        if (written + failures.size() != attempted) {
            throw new IllegalArgumentException("written (" + written + ") + failed (" + failures.size()
                    + ") != attempted (" + attempted + ")");
        }
    }

    /** @return whether every employee was written */
    public boolean isComplete() {
        return failures.isEmpty();
    }

    /** @return the ids that were not written, in input order ({@code null} for an employee that had no id) */
    public List<String> failedIds() {
        return failures.stream().map(Failure::id).toList();
    }

    /**
     * One employee that was not written.
     *
     * @param index      its position in the input collection (0-based, in iteration order)
     * @param id         its id, or {@code null} if it had none
     * @param reason     why, in words (no personal data)
     * @param violations the broken rules when the employee was invalid, otherwise empty
     * @param cause      the store error when the write itself failed, otherwise {@code null}
     */
    public record Failure(int index, String id, String reason, List<Violation> violations, Throwable cause) {
        /** @throws NullPointerException if reason or violations is null */
        public Failure {
            Objects.requireNonNull(reason, "reason");
            violations = List.copyOf(violations);
        }

        /** @return the store error, if the write itself failed */
        public Optional<Throwable> error() {
            return Optional.ofNullable(cause);
        }

        @Override
        public String toString() {
            return "Failure[index=" + index + ", id=" + id + ", reason=" + reason + "]";
        }
    }
}
