package io.github.employeestore.spi;

import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.ImportResult;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Violation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shared frame of {@code createAll}: validates every draft as {@code create} does, stamps the valid ones (an id
 * generated where the draft has none, version 1, both timestamps the store's clock at the start of the call), reports
 * the invalid ones and repeated ids after their first occurrence, and assembles the {@link CreateAllResult} from
 * what the backend then refused, so that every draft is either created or reported with its index, id and reason.
 *
 * <p>The backend writes {@link #writable()} with an insert that the database decides per id (a primary key, a
 * conditional put): an id that exists already is reported with {@link #exists(ImportPlan.Entry)}, never replaced.
 * When the store cannot be reached the backend throws, as for {@code importAll} (§4.21.4); the drafts written before
 * stay written, and repeating the call reports them as existing instead of creating them twice.
 *
 * <p>Two ways to read it: all at once ({@link #writable()}), or chunk by chunk ({@link #next(int)}, until it returns
 * an empty list), so that the first chunks are written while the rest of the input is still checked and stamped;
 * either way the input is iterated once, and the stamped drafts are kept for the result, which returns every created
 * employee.
 *
 * <p>Not thread-safe: one plan per {@code createAll} call (one thread reads it; the backend may hand the chunks to
 * other threads).
 */
public final class CreatePlan {
    private final int attempted;
    private final Instant now;
    private final Iterator<Employee> input;
    private final List<ImportPlan.Entry> writable = new ArrayList<>();
    private final List<ImportResult.Failure> failures = new ArrayList<>();
    private final Map<String, Integer> firstIndex = new HashMap<>();
    private int index;
    private boolean done;

    private CreatePlan(Collection<Employee> drafts, Instant now) {
        this.attempted = drafts.size();
        this.now = now;
        this.input = drafts.iterator();
    }

    /**
     * Reads the drafts on until {@code maxRows} writable ones are found or the input ends, checking and stamping
     * each: the streaming form, so that a backend can write the first chunks while the rest are still being checked.
     * Every writable entry returned is also kept for {@link #result(List)} (which returns every created employee).
     *
     * @param maxRows the most entries to return, at least 1
     * @return the next stamped drafts, each with its input index; empty once the input is read to its end
     */
    public List<ImportPlan.Entry> next(int maxRows) {
        List<ImportPlan.Entry> chunk = new ArrayList<>(Math.min(Math.max(maxRows, 1), 4096));
        while (chunk.size() < maxRows && input.hasNext()) {
            Employee draft = input.next();
            int i = index++;
            List<Violation> violations = EmployeeValidator.violations(draft, false);
            if (!violations.isEmpty()) {
                failures.add(new ImportResult.Failure(i, draft == null ? null : draft.id(), "invalid: "
                        + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")),
                        violations, null));
                continue;
            }
            if (draft.id() != null) {
                Integer first = firstIndex.putIfAbsent(draft.id(), i);
                if (first != null) {
                    failures.add(new ImportResult.Failure(i, draft.id(), "already exists: the same id was given at"
                            + " index " + first, List.of(), new EmployeeAlreadyExistsException(draft.id())));
                    continue;
                }
            }
            chunk.add(new ImportPlan.Entry(i, stamp(draft, now)));
        }
        if (chunk.isEmpty()) {
            done = true;
        }
        writable.addAll(chunk);
        return chunk;
    }

    /** Reads the rest of the input (for the callers that take the whole plan at once). */
    private void readAll() {
        while (!done) {
            next(Integer.MAX_VALUE);
        }
    }

    /** The draft with its id (a generated one where it has none), version 1 and both timestamps now. */
    private static Employee stamp(Employee draft, Instant now) {
        // the canonical constructor straight away: a builder would copy the badges and attributes once more
        return new Employee(draft.id() != null ? draft.id() : Ids.newId(), draft.fullName(), draft.jobTitle(),
                draft.location(), draft.badges(), draft.photoKey(), draft.attributes(), 1, now, now);
    }

    /** @return the size the collection reported when the plan was made (to size the work) */
    public int expected() {
        return attempted;
    }

    /**
     * @param drafts the input of {@code createAll}
     * @param clock  the store's clock: every employee of the call gets its instant at this moment, in milliseconds
     * @return the plan
     * @throws InvalidInputException if the collection itself is null
     */
    public static CreatePlan of(Collection<Employee> drafts, Clock clock) {
        if (drafts == null) {
            throw InvalidInputException.of("drafts", "is required");
        }
        return new CreatePlan(drafts, Timestamps.now(clock));
    }

    /**
     * @return the stamped employees to insert (valid, distinct ids, version 1, timestamps now), each with its index
     *         in the input, in input order
     */
    public List<ImportPlan.Entry> writable() {
        readAll();
        return List.copyOf(writable);
    }

    /**
     * Whether the backend has to check the table although it writes nothing (as
     * {@link ImportPlan#checksTableOnly()}): a missing table is reported as such (§4.21.3), not the invalid drafts.
     *
     * @return true when the input is not empty and nothing in it is writable
     */
    public boolean checksTableOnly() {
        readAll();
        return writable.isEmpty() && !failures.isEmpty();
    }

    /**
     * Runs the backend's check of the table when {@link #checksTableOnly()} holds.
     *
     * @param tableCheck the backend's cheapest read of the table
     * @return this plan
     */
    public CreatePlan checkingTable(Runnable tableCheck) {
        if (checksTableOnly()) {
            tableCheck.run();
        }
        return this;
    }

    /**
     * @param entry a writable entry whose id the database found stored already (or created concurrently)
     * @return its failure: reason {@code "already exists"}, an {@link EmployeeAlreadyExistsException} as the error
     */
    public static ImportResult.Failure exists(ImportPlan.Entry entry) {
        String id = entry.employee().id();
        return new ImportResult.Failure(entry.index(), id, "already exists", List.of(),
                new EmployeeAlreadyExistsException(id));
    }

    /**
     * @param refused the writable entries the backend did not create (existing ids from {@link #exists}, and write
     *                failures from {@link ImportPlan#writeFailure}), each once
     * @return the result: every other writable entry counts as created
     * @throws IllegalArgumentException if a failure is not one of a writable entry, or is given twice
     * @throws IllegalStateException    if the plan was read by {@link #next(int)} and not to its end
     */
    public CreateAllResult result(List<ImportResult.Failure> refused) {
        if (!done && index > 0) {
            throw new IllegalStateException("the plan is not read to its end");
        }
        readAll();
        Set<Integer> refusedIndexes = new HashSet<>();
        for (ImportResult.Failure f : refused) {
            if (!refusedIndexes.add(f.index())) {
                throw new IllegalArgumentException("draft " + f.index() + " refused twice");
            }
        }
        List<Employee> created = new ArrayList<>(writable.size() - refused.size());
        int matched = 0;
        for (ImportPlan.Entry entry : writable) {
            if (refusedIndexes.contains(entry.index())) {
                matched++;
            } else {
                created.add(entry.employee());
            }
        }
        if (matched != refusedIndexes.size()) {
            throw new IllegalArgumentException("a refused draft is not one of the writable drafts");
        }
        List<ImportResult.Failure> all = new ArrayList<>(failures);
        all.addAll(refused);
        all.sort(Comparator.comparingInt(ImportResult.Failure::index));
        return new CreateAllResult(attempted, created, all);
    }
}
