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
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The shared frame of {@code importAll}: splits the input into employees that can be written and failures
 * (invalid employees, and repeated ids after their first occurrence), cuts the writable ones into chunks by count
 * and by serialized size ({@link #chunks(int, long, ToLongFunction)}), and assembles the {@link ImportResult} from
 * what the backend then wrote, so that every input employee is either written or reported with its index and id.
 *
 * <h2>When the store cannot be reached</h2>
 * The rule every backend follows, and that {@link #write(int, long, ToLongFunction, ChunkWriter)} applies:
 * <ul>
 *   <li>When the store <em>answers but refuses</em> some employees (a constraint, a rejected item, throttling of
 *       those items that outlasts the backend's retries), each of them is reported as a failure with the store
 *       error as its cause, and the others are written.</li>
 *   <li>When the store <em>cannot be reached</em> (connection refused or lost, endpoint down, missing table), the
 *       call throws ({@link io.github.employeestore.StoreUnavailableException},
 *       {@link io.github.employeestore.StoreConfigurationException}) instead of reporting every employee as failed:
 *       the chunks written before stay written (a chunk the store did not confirm may be written or not), and since
 *       {@code importAll} replaces by id without version checks, calling it again with the same input is safe and
 *       completes the load.</li>
 * </ul>
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

    /**
     * Whether the backend has to check that the table exists although it writes nothing: the input has employees,
     * but none of them can be written (all invalid or repeated). CONTRACT §4.15.3 makes {@code importAll} of at least
     * one employee throw {@code StoreConfigurationException} on a missing table, so such an import is reported only
     * after a check of the table (the cheapest read the backend has); only an empty input may skip it.
     *
     * @return true when the input is not empty and nothing in it is writable
     */
    public boolean checksTableOnly() {
        return writable.isEmpty() && !failures.isEmpty();
    }

    /**
     * Runs the backend's check of the table when {@link #checksTableOnly()} holds, before anything is reported.
     *
     * @param tableCheck the backend's cheapest read of the table, throwing {@code StoreConfigurationException} when
     *                   it is missing
     * @return this plan
     */
    public ImportPlan checkingTable(Runnable tableCheck) {
        if (checksTableOnly()) {
            tableCheck.run();
        }
        return this;
    }

    /** @return the valid employees with distinct ids, in input order */
    public List<Entry> writable() {
        return List.copyOf(writable);
    }

    /**
     * Cuts the writable employees into chunks for batched writes, in input order: each chunk has at most
     * {@code maxCount} employees whose sizes add up to at most {@code maxBytes}; an employee larger than
     * {@code maxBytes} by itself (the model allows up to {@link io.github.employeestore.Limits#MAX_ITEM_BYTES})
     * makes a chunk of its own. Each entry keeps its input index for the report.
     *
     * @param maxCount the most employees in a chunk (the backend's batch limit, e.g. 25 for BatchWriteItem)
     * @param maxBytes the most bytes in a chunk (the backend's request limit)
     * @param sizeOf   the size of an employee as the backend serializes it (e.g. {@link ItemSize#of(Employee)})
     * @return the chunks, none empty
     * @throws IllegalArgumentException if {@code maxCount} or {@code maxBytes} is below 1
     */
    public List<List<Entry>> chunks(int maxCount, long maxBytes, ToLongFunction<Employee> sizeOf) {
        if (maxCount < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxCount and maxBytes must be at least 1");
        }
        List<List<Entry>> chunks = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        long bytes = 0;
        for (Entry entry : writable) {
            long size = sizeOf.applyAsLong(entry.employee());
            if (!current.isEmpty() && (current.size() >= maxCount || bytes + size > maxBytes)) {
                chunks.add(List.copyOf(current));
                current.clear();
                bytes = 0;
            }
            current.add(entry);
            bytes += size;
        }
        if (!current.isEmpty()) {
            chunks.add(List.copyOf(current));
        }
        return chunks;
    }

    /**
     * Writes one chunk. Returns the employees of the chunk the store refused (each with its cause); throws when the
     * store cannot be reached, which ends the import (see the class comment).
     */
    @FunctionalInterface
    public interface ChunkWriter {
        /**
         * @param chunk the employees to write
         * @return the failures of the employees the store refused (built with
         *         {@link ImportPlan#writeFailure(Entry, Throwable)}); empty when all were written
         * @throws io.github.employeestore.EmployeeStoreException when the store cannot be reached
         */
        List<ImportResult.Failure> write(List<Entry> chunk);
    }

    /**
     * Runs the whole import: cuts the writable employees into chunks, has the backend write each, and returns the
     * result with every invalid, repeated and refused employee reported by index and id.
     *
     * @param maxCount as {@link #chunks(int, long, ToLongFunction)}
     * @param maxBytes as {@link #chunks(int, long, ToLongFunction)}
     * @param sizeOf   as {@link #chunks(int, long, ToLongFunction)}
     * @param writer   writes one chunk
     * @return the result of the import
     * @throws io.github.employeestore.EmployeeStoreException what the writer throws when the store cannot be
     *                                                        reached (chunks written before stay written)
     */
    public ImportResult write(int maxCount, long maxBytes, ToLongFunction<Employee> sizeOf, ChunkWriter writer) {
        List<ImportResult.Failure> refused = new ArrayList<>();
        for (List<Entry> chunk : chunks(maxCount, maxBytes, sizeOf)) {
            refused.addAll(writer.write(chunk));
        }
        return result(refused);
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
