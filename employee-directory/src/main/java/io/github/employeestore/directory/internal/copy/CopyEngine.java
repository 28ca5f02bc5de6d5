package io.github.employeestore.directory.internal.copy;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Page;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.UnreadableEmployeeException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Copies a {@link CopySource} into a target store as a pipeline: one reader thread reads pages and groups them into
 * batches, a bounded queue holds at most {@code queue} batches, and {@code writers} threads write each batch with the
 * target's {@link EmployeeStore#importAll bulk path}. Memory is bounded by {@code (queue + writers + 1) x batch}
 * employees whatever the size of the source.
 *
 * <p>Resumable: after every batch whose predecessors are all written, the source cursor after it is recorded in the
 * {@link Checkpoint}; a resumed run starts after that cursor, so nothing before it is written again (with several
 * writers, batches after it that happened to finish early are written again, which {@code importAll} makes harmless).
 *
 * <p>{@link #stop()} (from a signal handler) stops reading; batches being written are finished, queued ones are
 * abandoned, and {@link #run} returns an outcome that says so. A lost target ({@link StoreUnavailableException}) stops
 * the copy the same way; a failing source stops the reading, and the batches already read are still written; either
 * error is in the outcome. Other failures of a batch are reported per employee and the copy goes on.
 *
 * <p>A stored employee the source cannot read (a page's {@link Page#unreadable()}) is counted as read and failed and
 * reported by id as {@code id: unreadable in the source: attribute problem}; it is never skipped silently. An employee
 * written by other code without a version or timestamps (read as version 0) is written as version 1 stamped with the
 * time the run started, since {@code importAll} keeps versions and timestamps as given.
 *
 * <p>One run per instance; {@link #stop()} may be called from any thread.
 */
public final class CopyEngine {
    /** Employees per {@code list} page the reader asks for (the largest page every backend serves). */
    static final int PAGE = 1_000;
    private static final int SAMPLE = 100;

    /**
     * Sizes of the pipeline, and whether ids the target holds already are merged by {@link MergeRule}.
     *
     * @param merge apply {@link MergeRule} (else every source employee replaces the target's)
     */
    public record Options(int batch, int writers, int queue, boolean merge) {
        /** Checks the sizes. */
        public Options {
            if (batch < 1 || writers < 1 || queue < 1) {
                throw new IllegalArgumentException("batch, writers and queue must be at least 1");
            }
        }

        /** Options without merging (the target holds none of the source's ids). */
        public Options(int batch, int writers, int queue) {
            this(batch, writers, queue, false);
        }
    }

    /**
     * What a run did.
     *
     * @param read        employees read in this run
     * @param written     employees written in this run
     * @param failures    employees not written: {@code id: reason}
     * @param stopped     whether the run was stopped before the end of the source
     * @param error       the error that stopped it, if any
     * @param cursor      the source cursor after the last batch of the written prefix
     * @param copied      employees written in the prefix, this run and the runs it resumes together
     * @param failed      employees of the prefix not written (unreadable in the source included), this run and the
     *                    runs it resumes together
     * @param unreadable  employees of the prefix that the source could not read (counted in {@code failed})
     * @param sample      up to 100 employees as written, chosen at random, for a spot check of the target
     * @param seconds     the duration of the run
     * @param conflicts   ids the target kept when merging ({@link MergeRule}), as {@code id: reason}; they count as
     *                    copied, not as written
     */
    public record Outcome(long read, long written, List<String> failures, boolean stopped,
                          Optional<EmployeeStoreException> error, Optional<String> cursor, long copied,
                          long failed, long unreadable, List<Employee> sample,
                          double seconds, List<String> conflicts) {
        /** @return employees written per second */
        public double rate() {
            return written / Math.max(1e-9, seconds);
        }
    }

    private record Batch(long seq, List<Employee> employees, List<UnreadableEmployeeException> unreadable,
                         Optional<String> cursorAfter, boolean last) {
    }

    private static final Batch END = new Batch(-1, List.of(), List.of(), Optional.empty(), true);

    private final CopySource source;
    private final EmployeeStore target;
    private final Options options;
    private final Checkpoint checkpoint;
    private final LongConsumer progress;
    /** Stop reading. */
    private final AtomicBoolean stop = new AtomicBoolean();
    /** Stop writing too: queued batches are dropped (a signal, a lost target). */
    private final AtomicBoolean abandon = new AtomicBoolean();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final List<String> failures = new ArrayList<>();
    private final List<String> conflicts = new ArrayList<>();
    private final List<Employee> sample = new ArrayList<>();
    private long seen;
    private volatile Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private volatile EmployeeStoreException error;

    // the written prefix: guarded by this
    private record Done(Optional<String> cursorAfter, long copied, long failed, long unreadable, boolean last) {
    }

    private final TreeMap<Long, Done> doneOutOfOrder = new TreeMap<>();
    private long nextToCommit;
    private Optional<String> committedCursor;
    private long committedCopied;
    private long committedFailed;
    private long committedUnreadable;
    private boolean committedEnd;

    /**
     * @param source     where to read
     * @param target     where to write (its schema exists)
     * @param options    the pipeline's sizes
     * @param checkpoint where to record progress, or {@code null}
     * @param progress   told how many employees each batch wrote (from writer threads)
     */
    public CopyEngine(CopySource source, EmployeeStore target, Options options, Checkpoint checkpoint,
                      LongConsumer progress) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.checkpoint = checkpoint;
        this.progress = progress;
    }

    /** Asks the run to stop: no more reading, batches being written are finished. Any thread. */
    public void stop() {
        abandon.set(true);
        stop.set(true);
    }

    /** @return whether {@link #stop()} was called */
    public boolean stopRequested() {
        return stop.get();
    }

    /**
     * Runs the copy on this thread plus the reader and writer threads, until the source ends, it is stopped, or a
     * fatal error.
     *
     * @param from where to start: the state of a checkpoint, or the start
     * @return the outcome
     */
    public Outcome run(Checkpoint.State from) {
        long t0 = System.nanoTime();
        started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        committedCursor = from.cursor();
        committedCopied = from.copied();
        committedFailed = from.failed();
        committedUnreadable = from.unreadable();
        committedEnd = from.sourceEnd();
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(options.queue());
        Thread reader = new Thread(() -> read(from.cursor(), !from.sourceEnd(), queue), "copy-reader");
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < options.writers(); i++) {
            writers.add(new Thread(() -> write(queue), "copy-writer-" + (i + 1)));
        }
        reader.setDaemon(true);
        reader.start();
        writers.forEach(w -> {
            w.setDaemon(true);
            w.start();
        });
        joinAll(writers);
        stop.set(true); // writers are done: let the reader end if it still waits on a full queue
        joinAll(List.of(reader));
        boolean stopped;
        Optional<String> cursor;
        long copied;
        long failedTotal;
        long unreadableTotal;
        synchronized (this) {
            stopped = !committedEnd && (!doneOutOfOrder.isEmpty() || error != null || readerStopped);
            cursor = committedCursor;
            copied = committedCopied;
            failedTotal = committedFailed;
            unreadableTotal = committedUnreadable;
        }
        List<String> failed;
        List<Employee> sampled;
        List<String> kept;
        synchronized (failures) {
            failed = List.copyOf(failures);
            sampled = List.copyOf(sample);
            kept = List.copyOf(conflicts);
        }
        return new Outcome(read.get(), written.get(), failed, stopped, Optional.ofNullable(error), cursor, copied,
                failedTotal, unreadableTotal, sampled, (System.nanoTime() - t0) / 1e9, kept);
    }

    private volatile boolean readerStopped;

    private void read(Optional<String> after, boolean anyLeft, BlockingQueue<Batch> queue) {
        Optional<String> cursor = after;
        long seq = 0;
        boolean more = anyLeft;
        try {
            while (more && !stop.get()) {
                List<Employee> employees = new ArrayList<>(options.batch());
                List<UnreadableEmployeeException> unreadable = new ArrayList<>();
                while (more && employees.size() + unreadable.size() < options.batch() && !stop.get()) {
                    Page<Employee> page = source.page(cursor,
                            Math.min(PAGE, options.batch() - employees.size() - unreadable.size()));
                    for (Employee e : page.items()) {
                        employees.add(stamped(e));
                    }
                    unreadable.addAll(page.unreadable());
                    cursor = page.nextCursor();
                    more = cursor.isPresent();
                }
                if ((employees.isEmpty() && unreadable.isEmpty()) || stop.get()) {
                    break;
                }
                read.addAndGet(employees.size() + unreadable.size());
                Batch batch = new Batch(seq++, employees, unreadable, cursor, !more);
                while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    if (stop.get()) {
                        return;
                    }
                }
            }
        } catch (EmployeeStoreException e) {
            // the batches already read are still written; the copy ends after them
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            readerStopped = more || stop.get();
            for (int i = 0; i < options.writers(); i++) {
                while (true) {
                    try {
                        queue.put(END);
                        break;
                    } catch (InterruptedException e) {
                        // the writers must learn the end: retry
                    }
                }
            }
        }
    }

    private void write(BlockingQueue<Batch> queue) {
        while (true) {
            Batch batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch == END) {
                return;
            }
            if (abandon.get()) {
                continue; // abandoned: not started, so nothing of it is written
            }
            long failedHere = batch.unreadable().size();
            if (!batch.unreadable().isEmpty()) {
                synchronized (failures) {
                    for (UnreadableEmployeeException u : batch.unreadable()) {
                        failures.add(u.id() + ": unreadable in the source: " + u.attribute() + " " + u.problem());
                    }
                }
                progress.accept(batch.unreadable().size());
            }
            if (batch.employees().isEmpty()) {
                committed(batch, 0, failedHere);
                continue;
            }
            try {
                List<Employee> toWrite = batch.employees();
                if (options.merge()) {
                    MergeRule.Plan plan = MergeRule.plan(toWrite, target);
                    toWrite = plan.write();
                    synchronized (failures) {
                        conflicts.addAll(plan.conflicts());
                    }
                }
                ImportResult r = toWrite.isEmpty() ? new ImportResult(0, 0, List.of()) : target.importAll(toWrite);
                failedHere += r.failures().size();
                synchronized (failures) {
                    for (ImportResult.Failure f : r.failures()) {
                        failures.add(f.id() + ": " + f.reason());
                    }
                    sample(toWrite, r);
                }
                written.addAndGet(r.written());
                progress.accept(batch.employees().size());
            } catch (StoreUnavailableException e) {
                error = e;
                stop();
                continue;
            } catch (EmployeeStoreException e) {
                failedHere += batch.employees().size();
                synchronized (failures) {
                    for (Employee employee : batch.employees()) {
                        failures.add(employee.id() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
                progress.accept(batch.employees().size());
            }
            committed(batch, batch.employees().size() + batch.unreadable().size() - failedHere, failedHere);
        }
    }

    /** An employee without a version or timestamps, as version 1 stamped with the start of the run. */
    private Employee stamped(Employee e) {
        if (e.version() >= 1 && e.createdAt() != null && e.updatedAt() != null) {
            return e;
        }
        return e.toBuilder().version(Math.max(1, e.version()))
                .createdAt(e.createdAt() != null ? e.createdAt() : started)
                .updatedAt(e.updatedAt() != null ? e.updatedAt() : started).build();
    }

    /** Reservoir sampling over the written employees. */
    private void sample(List<Employee> employees, ImportResult r) {
        java.util.Set<String> failed = new java.util.HashSet<>(r.failedIds());
        for (Employee e : employees) {
            if (failed.contains(e.id())) {
                continue;
            }
            seen++;
            if (sample.size() < SAMPLE) {
                sample.add(e);
            } else {
                long j = ThreadLocalRandom.current().nextLong(seen);
                if (j < SAMPLE) {
                    sample.set((int) j, e);
                }
            }
        }
    }

    /** Advances the written prefix and records it. */
    private synchronized void committed(Batch batch, long copied, long failed) {
        doneOutOfOrder.put(batch.seq(), new Done(batch.cursorAfter(), copied, failed, batch.unreadable().size(),
                batch.last()));
        boolean advanced = false;
        while (!doneOutOfOrder.isEmpty() && doneOutOfOrder.firstKey() == nextToCommit) {
            Done done = doneOutOfOrder.pollFirstEntry().getValue();
            committedCursor = done.cursorAfter();
            committedCopied += done.copied();
            committedFailed += done.failed();
            committedUnreadable += done.unreadable();
            committedEnd = done.last();
            nextToCommit++;
            advanced = true;
        }
        if (advanced && checkpoint != null) {
            checkpoint.write(new Checkpoint.State(committedCursor, committedCopied, committedFailed,
                    committedUnreadable, committedEnd));
        }
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    // keep waiting: the threads end once stopped
                }
            }
        }
    }
}
