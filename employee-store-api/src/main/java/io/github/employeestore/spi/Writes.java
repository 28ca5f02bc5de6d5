package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.InvalidInputException;

import java.time.Clock;
import java.time.Instant;

/**
 * Validates and stamps the employee a write will store (id, version, timestamps), the same way for every backend.
 * Thread-safe (stateless).
 */
public final class Writes {
    private Writes() {
    }

    /**
     * @param draft the draft given to {@code create}
     * @param clock the store's clock
     * @return the employee to insert: id assigned if missing, version 1, both timestamps now
     * @throws InvalidInputException if the draft breaks a rule of the model
     */
    public static Employee forCreate(Employee draft, Clock clock) {
        EmployeeValidator.validateDraft(draft);
        Instant now = Timestamps.now(clock);
        return draft.toBuilder()
                .id(draft.id() != null ? draft.id() : Ids.newId())
                .version(1)
                .createdAt(now)
                .updatedAt(now)
                .build();
    }

    /**
     * @param changed the employee given to {@code update}, carrying the expected version
     * @param clock   the store's clock
     * @return the employee to store if the stored version is {@code changed.version()}: version + 1,
     *         {@code updatedAt} now, and {@code createdAt} still to be taken from the stored employee
     *         (see {@link #replacing(Employee, Employee)}); {@code createdAt} is {@code null} here
     * @throws InvalidInputException if the employee breaks a rule of the model, or its version is negative or
     *                               {@link io.github.employeestore.Limits#MAX_VERSION} or above (§4.1.2)
     */
    public static Employee forUpdate(Employee changed, Clock clock) {
        EmployeeValidator.validateForUpdate(changed);
        return changed.toBuilder()
                .version(Versions.next(changed.id(), changed.version()))
                .createdAt(null)
                .updatedAt(Timestamps.now(clock))
                .build();
    }

    /**
     * @param employee the employee given to {@code put}
     * @param clock    the store's clock
     * @return the employee to store if none exists yet: version 1, both timestamps now; when one exists, adjust
     *         it with {@link #replacing(Employee, Employee)}
     * @throws InvalidInputException if the employee breaks a rule of the model or has no id
     */
    public static Employee forPut(Employee employee, Clock clock) {
        EmployeeValidator.validate(employee);
        Instant now = Timestamps.now(clock);
        return employee.toBuilder().version(1).createdAt(now).updatedAt(now).build();
    }

    /**
     * @param prepared the result of {@link #forPut} or {@link #forUpdate}
     * @param stored   the employee currently stored under the same id
     * @return {@code prepared} with version = stored + 1 and the stored {@code createdAt}
     * @throws InvalidInputException if the stored version is {@link io.github.employeestore.Limits#MAX_VERSION}
     *                               (see {@link Versions#next})
     */
    public static Employee replacing(Employee prepared, Employee stored) {
        return prepared.toBuilder().version(Versions.next(stored.id(), stored.version()))
                .createdAt(stored.createdAt()).build();
    }
}
