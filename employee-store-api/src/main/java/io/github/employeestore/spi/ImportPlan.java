package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Violation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shared first half of {@code importAll}: splits the input into employees that can be written and failures
 * (invalid employees, and repeated ids after their first occurrence), and assembles the {@link ImportResult} from
 * what the backend then wrote, so that every input employee is either written or reported.
 *
 * <p>Not thread-safe: one plan per {@code importAll} call.
 */
public final class ImportPlan {
    private final int attempted;
    private final List<Entry> writable = new ArrayList<>();
    private final List<ImportResult.Failure> failures = new ArrayList<>();

    /**
     * An employee to write and its position in the input.
     *
     * @param index    the position in the input collection
     * @param employee the employee, valid
     */
    public record Entry(int index, Employee employee) {
    }

    private ImportPlan(Collection<Employee> employees) {
        this.attempted = employees.size();
        Map<String, Integer> firstIndex = new HashMap<>();
        int index = 0;
        for (Employee e : employees) {
            int i = index++;
            List<Violation> violations = EmployeeValidator.importViolations(e);
            if (!violations.isEmpty()) {
                failures.add(new ImportResult.Failure(i, e == null ? null : e.id(), "invalid: "
                        + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")),
                        violations, null));
                continue;
            }
            Integer first = firstIndex.putIfAbsent(e.id(), i);
            if (first != null) {
                failures.add(new ImportResult.Failure(i, e.id(), "duplicate id: already given at index " + first,
                        List.of(), null));
                continue;
            }
            writable.add(new Entry(i, e));
        }
    }

    /**
     * @param employees the input of {@code importAll}
     * @return the plan
     * @throws InvalidInputException if the collection itself is null
     */
    public static ImportPlan of(Collection<Employee> employees) {
        if (employees == null) {
            throw InvalidInputException.of("employees", "is required");
        }
        return new ImportPlan(employees);
    }

    /** @return the valid employees with distinct ids, in input order */
    public List<Entry> writable() {
        return List.copyOf(writable);
    }

    /**
     * Builds the failure of one writable employee that the backend could not write.
     *
     * @param entry the entry
     * @param cause the store error (no personal data in its message)
     * @return the failure, for {@link #result(List)}
     */
    public static ImportResult.Failure writeFailure(Entry entry, Throwable cause) {
        return new ImportResult.Failure(entry.index(), entry.employee().id(),
                "not written: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), List.of(), cause);
    }

    /**
     * @param writeFailures the writable employees that the backend could not write
     * @return the result: every writable employee not in {@code writeFailures} counts as written
     */
    public ImportResult result(List<ImportResult.Failure> writeFailures) {
        List<ImportResult.Failure> all = new ArrayList<>(failures);
        all.addAll(writeFailures);
        all.sort(Comparator.comparingInt(ImportResult.Failure::index));
        return new ImportResult(attempted, writable.size() - writeFailures.size(), all);
    }
}
