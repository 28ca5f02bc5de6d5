package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Violation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The streaming form of {@link ImportPlan}: the same checks and the same report, but the input is read as the
 * backend asks for chunks, so an {@code importAll} of a lazily produced collection (one that makes each employee as
 * it is iterated) never holds the whole input: only the chunks being written, the failures, and the ids seen so far
 * in an {@link IdIndex} (for the rule that a repeated id after its first occurrence is reported, §4.13.2).
 *
 * <p>Use: call {@link #next(int)} until it returns an empty list, then {@link #result(List)}. The input is iterated
 * once. Not thread-safe: one thread reads the feed (the backend may hand the chunks to other threads).
 */
public final class ImportFeed {
    private final int attempted;
    private final Iterator<Employee> input;
    private final IdIndex ids = new IdIndex();
    private final List<ImportResult.Failure> failures = new ArrayList<>();
    private int index;
    private int writable;
    private boolean done;

    private ImportFeed(Collection<Employee> employees) {
        this.attempted = employees.size();
        this.input = employees.iterator();
    }

    /**
     * @param employees the input of {@code importAll}; iterated once, lazily
     * @return the feed
     * @throws InvalidInputException if the collection itself is null
     */
    public static ImportFeed of(Collection<Employee> employees) {
        if (employees == null) {
            throw InvalidInputException.of("employees", "is required");
        }
        return new ImportFeed(employees);
    }

    /** @return the size the collection reported when the feed was made (to size the work; the result counts) */
    public int expected() {
        return attempted;
    }

    /**
     * Reads the input on until {@code maxRows} writable employees are found or it ends.
     *
     * @param maxRows the most entries to return, at least 1
     * @return the next valid employees with ids not seen before, each with its input index; empty once the input is
     *         read to its end
     */
    public List<ImportPlan.Entry> next(int maxRows) {
        List<ImportPlan.Entry> chunk = new ArrayList<>(Math.min(maxRows, 4096));
        while (chunk.size() < maxRows && input.hasNext()) {
            Employee e = input.next();
            int i = index++;
            List<Violation> violations = EmployeeValidator.importViolations(e);
            if (!violations.isEmpty()) {
                failures.add(new ImportResult.Failure(i, e == null ? null : e.id(), "invalid: "
                        + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")),
                        violations, null));
                continue;
            }
            int first = ids.putIfAbsent(e.id(), i);
            if (first >= 0) {
                failures.add(new ImportResult.Failure(i, e.id(), "duplicate id: already given at index " + first,
                        List.of(), null));
                continue;
            }
            chunk.add(new ImportPlan.Entry(i, e));
        }
        if (chunk.isEmpty()) {
            done = true;
        }
        writable += chunk.size();
        return chunk;
    }

    /**
     * As {@link ImportPlan#checksTableOnly()}, once the feed is read to its end.
     *
     * @return true when the input was not empty and nothing in it was writable
     */
    public boolean checksTableOnly() {
        return done && writable == 0 && !failures.isEmpty();
    }

    /**
     * @param writeFailures the writable employees the backend could not write (from {@link ImportPlan#writeFailure})
     * @return the result, every input employee written or reported
     * @throws IllegalStateException if the feed is not read to its end
     */
    public ImportResult result(List<ImportResult.Failure> writeFailures) {
        if (!done) {
            throw new IllegalStateException("the feed is not read to its end");
        }
        List<ImportResult.Failure> all = new ArrayList<>(failures);
        all.addAll(writeFailures);
        all.sort(Comparator.comparingInt(ImportResult.Failure::index));
        // attempted counts what was iterated (a collection whose size() and iteration disagree is read as iterated)
        return new ImportResult(index, writable - writeFailures.size(), all);
    }
}
