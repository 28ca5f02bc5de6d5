package io.github.employeestore;

import java.util.List;

/**
 * What {@link EmployeeStore#createAll(java.util.Collection)} did: the employees it created, as stored, and every
 * draft it did not create, with the reason. Every draft is either in {@link #created()} or in {@link #failures()};
 * none is dropped silently.
 *
 * <p>A draft whose id already existed is reported with an {@link EmployeeAlreadyExistsException} as its
 * {@linkplain ImportResult.Failure#error() error} (its reason starts with {@code "already exists"}); an invalid
 * draft with its {@linkplain ImportResult.Failure#violations() violations}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param attempted how many drafts were given
 * @param created   the employees created, as stored (id assigned where the draft had none, version 1, both
 *                  timestamps from the store's clock), in input order
 * @param failures  the drafts that were not created, in input order
 */
public record CreateAllResult(int attempted, List<Employee> created, List<ImportResult.Failure> failures) {

    /**
     * @throws IllegalArgumentException if created plus failures is not attempted
     */
    public CreateAllResult {
        created = List.copyOf(created);
        failures = List.copyOf(failures);
        if (created.size() + failures.size() != attempted) {
            throw new IllegalArgumentException("created (" + created.size() + ") + failed (" + failures.size()
                    + ") != attempted (" + attempted + ")");
        }
    }

    /** @return whether every draft was created */
    public boolean isComplete() {
        return failures.isEmpty();
    }

    /** @return how many employees were created */
    public int createdCount() {
        return created.size();
    }

    /**
     * @return the ids of the drafts that were not created because an employee with that id already existed (or was
     *         created concurrently), in input order
     */
    public List<String> existingIds() {
        return failures.stream().filter(f -> f.cause() instanceof EmployeeAlreadyExistsException)
                .map(ImportResult.Failure::id).toList();
    }

    /** @return the ids of the drafts that were not created, in input order ({@code null} for a draft without id) */
    public List<String> failedIds() {
        return failures.stream().map(ImportResult.Failure::id).toList();
    }
}
