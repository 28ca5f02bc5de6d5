package io.github.employeestore.directory.internal;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.Employee;
import io.github.employeestore.directory.internal.copy.Checkpoint;
import io.github.employeestore.directory.internal.copy.CopyEngine;
import io.github.employeestore.directory.internal.copy.CopySource;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code copy} command's reporting around {@link CopyEngine}: reads the source with its cursor (pages in source
 * order), writes batches with the target's {@code importAll} through a bounded pipeline, shows progress, reports every
 * id that failed with the reason, records a {@link Checkpoint} after each batch so that {@code --resume} continues
 * where a stopped copy ended, and at the end verifies the counts and reads back a random sample of up to 100 written
 * employees from the target. A stopped copy (signal, lost store) prints how many were copied and that the target is
 * partial.
 *
 * <p>The source is a store or any other {@link CopySource} (such as {@link SampleMySqlSource}). A stored employee the
 * source cannot read is reported as a failure by id (and attribute) and counted, so the counts still add up and the
 * copy fails; employees written by other code without a version or timestamps (read as version 0) are copied as
 * version 1 stamped with the time the copy started.
 *
 * <p>The target must be empty unless merging or resuming. Merging ({@code --merge}) writes an employee the target
 * holds only when the source's version is higher, keeps a newer (or different, same-version) target employee and
 * reports it as a conflict ({@code MergeRule}); the count check then only requires the target to hold at least as
 * many employees as were copied.
 *
 * <p>Not thread-safe: one run per instance; {@link #stop()} may be called from a signal handler.
 */
public final class CopyCommand {
    /** Default employees per {@code importAll} call. */
    public static final int DEFAULT_CHUNK = 5_000;
    /** Default number of writer threads. */
    public static final int DEFAULT_WRITERS = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final long progressIntervalMillis;
    private volatile CopyEngine engine;
    private volatile boolean stopRequested;

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

    /** How to copy. */
    public record Request(int chunk, int writers, boolean merge, boolean resume, Checkpoint checkpoint) {
    }

    /**
     * What a copy did.
     *
     * @param failedEarlier  employees that failed in the runs this one resumes
     * @param countsVerified every employee of the source was copied or is unreadable there (and reported), and the
     *                       target holds the copied ones (at least as many when merging)
     * @param conflicts      with {@code --merge}: employees of the target kept because they are newer than the
     *                       source's, or differ at the same version, or cannot be read (each printed as
     *                       {@code KEPT id: reason}); not a failure
     */
    public record Result(long read, long written, List<String> failures, long failedEarlier, long sourceCount,
                         long targetCount, boolean countsVerified, boolean sampleVerified, boolean stopped,
                         double ratePerSecond, long conflicts) {
        /** @return whether everything was copied and checked */
        public boolean ok() {
            return !stopped && failures.isEmpty() && failedEarlier == 0 && countsVerified && sampleVerified;
        }
    }

    /** Asks a running copy to stop after the batches being written (from a signal handler). */
    public void stop() {
        stopRequested = true;
        CopyEngine e = engine;
        if (e != null) {
            e.stop();
        }
    }

    /**
     * @param source  where to read
     * @param target  where to write; its schema must exist
     * @param request how
     * @return what was done
     * @throws IllegalStateException if the target is not empty and neither merging nor resuming, or there is
     *                               nothing to resume
     */
    public Result copy(EmployeeStore source, EmployeeStore target, Request request) {
        return copy(CopySource.of(source), target, request);
    }

    /**
     * Copies as {@link #copy(EmployeeStore, EmployeeStore, Request)} does, from any source.
     *
     * @param source  where to read
     * @param target  where to write; its schema must exist
     * @param request how
     * @return what was done
     * @throws IllegalStateException if the target is not empty and neither merging nor resuming, or there is
     *                               nothing to resume
     */
    public Result copy(CopySource source, EmployeeStore target, Request request) {
        Checkpoint.State from = Checkpoint.State.start();
        if (request.resume()) {
            from = request.checkpoint().read().orElseThrow(() -> new IllegalStateException(
                    "nothing to resume: no checkpoint " + request.checkpoint().file()));
            err.printf(Locale.ROOT, "resuming after %,d employees already copied%n", from.copied());
        } else {
            long targetBefore = target.count();
            if (targetBefore > 0 && !request.merge()) {
                throw new IllegalStateException("the target already holds " + targetBefore + " employees; copy into"
                        + " an empty store, pass --merge to add the source's employees and replace older versions of the target's (newer ones are kept),"
                        + " or --resume to continue a stopped copy");
            }
        }
        long expected = source.count();
        Progress progress = new Progress(err, expected, terminal, progressIntervalMillis);
        progress.advance(from.copied() + from.failed());
        CopyEngine e = new CopyEngine(source, target,
                new CopyEngine.Options(request.chunk(), request.writers(), 2, request.merge()), request.checkpoint(), n -> {
                    synchronized (progress) {
                        progress.advance(n);
                    }
                });
        engine = e;
        if (stopRequested) {
            e.stop();
        }
        if (!request.resume() && request.checkpoint() != null) {
            request.checkpoint().write(from);
        }
        CopyEngine.Outcome o = e.run(from);
        synchronized (progress) {
            progress.finish();
        }
        for (String failure : o.failures()) {
            err.println("FAILED " + failure);
        }
        for (String kept : o.conflicts()) {
            err.println("KEPT " + kept);
        }
        long copied = o.copied();
        if (o.stopped()) {
            long sourceNow = safeCount(source);
            out.printf(Locale.ROOT, "STOPPED: read %,d, written %,d, failed %,d in this run; %,d of %,d employees"
                            + " copied so far in source order. The target is PARTIAL.%n", o.read(), o.written(),
                    o.failures().size(), copied, sourceNow);
            o.error().ifPresent(x -> out.println("stopped by: " + x.getClass().getSimpleName() + ": "
                    + x.getMessage()));
            if (request.checkpoint() != null) {
                out.println("continue with the same command and --resume (checkpoint "
                        + request.checkpoint().file() + ")");
            }
            return new Result(o.read(), o.written(), o.failures(), from.failed(), sourceNow, -1, false, false, true,
                    o.rate(), o.conflicts().size());
        }
        long sourceAfter = source.count();
        long targetAfter = target.count();
        // every employee of the source copied or reported as unreadable there (in this run and the runs it resumes),
        // and the target holds exactly the copied ones (at least as many when merging into others)
        boolean verified = copied + o.unreadable() == sourceAfter
                && (request.merge() ? targetAfter >= copied : targetAfter == copied);
        boolean sampleOk = spotCheck(target, o.sample());
        out.printf(Locale.ROOT, "read %,d, written %,d, failed %,d; source count %,d, target count %,d: counts %s;"
                        + " %d sampled employees read back %s (%,.0f employees/s)%n", o.read(), o.written(),
                o.failures().size(), sourceAfter, targetAfter, verified ? "verified" : "DO NOT MATCH",
                o.sample().size(), sampleOk ? "equal" : "DIFFER", o.rate());
        if (request.merge()) {
            out.printf(Locale.ROOT, "merge conflicts: %,d (employees of the target kept: newer than the source's,"
                    + " or other data at the same version; listed as KEPT)%n", o.conflicts().size());
        }
        Result result = new Result(o.read(), o.written(), o.failures(), from.failed(), sourceAfter, targetAfter,
                verified, sampleOk, false, o.rate(), o.conflicts().size());
        if (request.checkpoint() != null && result.ok()) {
            request.checkpoint().delete();
        }
        return result;
    }

    private static boolean spotCheck(EmployeeStore target, List<Employee> sample) {
        if (sample.isEmpty()) {
            return true;
        }
        Map<String, Employee> back = target.getAll(sample.stream().map(Employee::id).toList());
        for (Employee e : sample) {
            if (!Objects.equals(back.get(e.id()), e)) {
                return false;
            }
        }
        return true;
    }

    private static long safeCount(CopySource store) {
        try {
            return store.count();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
