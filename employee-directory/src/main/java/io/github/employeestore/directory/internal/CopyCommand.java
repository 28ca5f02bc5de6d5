package io.github.employeestore.directory.internal;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.ImportResult;
import io.github.employeestore.UnreadableEmployeeException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Copies every employee of one store into another: reads the source with {@link EmployeeStore#stream()} and writes
 * chunks with {@link EmployeeStore#importAll(java.util.Collection)}, so ids, versions and timestamps are kept and
 * memory stays constant. Shows a progress bar, reports every id that failed with the reason, and verifies the counts
 * at the end.
 *
 * <p>Employees written by other code without a version or timestamps (read as version 0) are copied as version 1
 * stamped with the time the copy started.
 *
 * <p>The target must be empty unless merging is allowed (then employees with the same id are replaced, and the count
 * check only requires the target to hold at least as many employees as were copied).
 *
 * <p>Not thread-safe: one run per instance.
 */
public final class CopyCommand {
    /** Default employees per {@code importAll} call. */
    public static final int DEFAULT_CHUNK = 500;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final long progressIntervalMillis;

    /**
     * @param out                    where the summary goes
     * @param err                    where progress and failures go
     * @param terminal               whether {@code err} is a terminal (progress redrawn in place)
     * @param progressIntervalMillis how often to print progress when not on a terminal
     */
    public CopyCommand(PrintStream out, PrintStream err, boolean terminal, long progressIntervalMillis) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.progressIntervalMillis = progressIntervalMillis;
    }

    /** Where a copy reads: a store, or a read-only source such as {@link SampleMySqlSource}. */
    public interface Source {
        /**
         * @param unreadable receives each stored employee that cannot be read
         * @return every readable employee, lazily
         */
        Stream<Employee> stream(Consumer<? super UnreadableEmployeeException> unreadable);

        /** @return how many employees the source holds, unreadable ones included */
        long count();

        /**
         * @param store a store
         * @return the store as a source
         */
        static Source of(EmployeeStore store) {
            return new Source() {
                @Override
                public Stream<Employee> stream(Consumer<? super UnreadableEmployeeException> unreadable) {
                    return store.stream(unreadable);
                }

                @Override
                public long count() {
                    return store.count();
                }
            };
        }
    }

    /** What a copy did. */
    public record Result(long read, long written, List<String> failures, long sourceCount, long targetCount,
                         boolean countsVerified, double ratePerSecond) {
        /** @return whether everything was copied and the counts agree */
        public boolean ok() {
            return failures.isEmpty() && countsVerified;
        }
    }

    /**
     * @param source where to read
     * @param target where to write; its schema must exist
     * @param chunk  employees per {@code importAll}
     * @param merge  whether a non-empty target is allowed
     * @return what was done
     * @throws IllegalStateException if the target is not empty and {@code merge} is false
     */
    public Result copy(EmployeeStore source, EmployeeStore target, int chunk, boolean merge) {
        return copy(Source.of(source), target, chunk, merge);
    }

    /**
     * Copies as {@link #copy(EmployeeStore, EmployeeStore, int, boolean)} does, from any source. A stored employee
     * the source cannot read is reported as a failure by id (and attribute), and the copy goes on.
     *
     * @param source where to read
     * @param target where to write; its schema must exist
     * @param chunk  employees per {@code importAll}
     * @param merge  whether a non-empty target is allowed
     * @return what was done
     * @throws IllegalStateException if the target is not empty and {@code merge} is false
     */
    public Result copy(Source source, EmployeeStore target, int chunk, boolean merge) {
        long targetBefore = target.count();
        if (targetBefore > 0 && !merge) {
            throw new IllegalStateException("the target already holds " + targetBefore + " employees; copy into an "
                    + "empty store, or pass --merge to replace employees with the same id and keep the others");
        }
        long expected = source.count();
        Progress progress = new Progress(err, expected, terminal, progressIntervalMillis);
        List<String> failures = new ArrayList<>();
        long read = 0;
        long written = 0;
        java.time.Instant started = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<String> unreadable = new ArrayList<>();
        try (Stream<Employee> stream = source.stream(u -> unreadable.add(u.id() + ": unreadable in the source: "
                + u.attribute() + " " + u.problem()))) {
            Iterator<Employee> it = stream.iterator();
            List<Employee> batch = new ArrayList<>(chunk);
            while (it.hasNext()) {
                batch.add(stamped(it.next(), started));
                if (batch.size() == chunk || !it.hasNext()) {
                    read += batch.size();
                    written += write(target, batch, failures);
                    progress.advance(batch.size());
                    batch = new ArrayList<>(chunk);
                }
            }
        }
        progress.finish();
        failures.addAll(unreadable);
        long sourceAfter = source.count();
        long targetAfter = target.count();
        // the target must hold exactly the source's employees (at least as many when merging into others)
        boolean verified = sourceAfter == read + unreadable.size()
                && written == read
                && (merge ? targetAfter >= read : targetAfter == read);
        for (String failure : failures) {
            err.println("FAILED " + failure);
        }
        out.printf(java.util.Locale.ROOT, "read %,d, written %,d, failed %,d; source count %,d, target count %,d: "
                        + "counts %s (%,.0f employees/s)%n", read, written, failures.size(), sourceAfter, targetAfter,
                verified ? "verified" : "DO NOT MATCH", progress.rate());
        return new Result(read, written, List.copyOf(failures), sourceAfter, targetAfter, verified, progress.rate());
    }

    /**
     * An employee written by other code may have no version (version 0) and no timestamps: it is copied as version 1
     * stamped with the time the copy started, since {@code importAll} keeps versions and timestamps as given.
     */
    private static Employee stamped(Employee e, java.time.Instant started) {
        if (e.version() >= 1 && e.createdAt() != null && e.updatedAt() != null) {
            return e;
        }
        return e.toBuilder().version(Math.max(1, e.version()))
                .createdAt(e.createdAt() != null ? e.createdAt() : started)
                .updatedAt(e.updatedAt() != null ? e.updatedAt() : started).build();
    }

    private static long write(EmployeeStore target, List<Employee> batch, List<String> failures) {
        try {
            ImportResult r = target.importAll(batch);
            for (ImportResult.Failure f : r.failures()) {
                failures.add(f.id() + ": " + f.reason());
            }
            return r.written();
        } catch (EmployeeStoreException e) {
            for (Employee e2 : batch) {
                failures.add(e2.id() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return 0;
        }
    }
}
