package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.spi.CapacityMeter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the requests of one batch operation with a bounded number in flight, and the backoff between the rounds that
 * send again what DynamoDB left unprocessed.
 */
final class Bounded {
    /** The first backoff's upper bound before unprocessed items or keys are sent again. */
    static final Duration UNPROCESSED_BACKOFF_BASE = Duration.ofMillis(25);
    /** The largest backoff before unprocessed items or keys are sent again. */
    static final Duration UNPROCESSED_BACKOFF_CAP = Duration.ofSeconds(2);

    private Bounded() {
    }

    /**
     * Runs tasks with at most {@code parallelism} of them at a time (on threads that live for this call only) and
     * returns their results in order. A single task runs on the caller's thread.
     */
    static <T> List<T> run(String operation, List<Callable<T>> tasks, int parallelism) {
        List<T> results = new ArrayList<>(tasks.size());
        if (tasks.size() <= 1 || parallelism <= 1) {
            for (Callable<T> task : tasks) {
                try {
                    results.add(task.call());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new EmployeeStoreException(operation + " failed", e);
                }
            }
            return results;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, tasks.size()), r -> {
            Thread t = new Thread(r, "employee-store-dynamodb-" + operation + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            CapacityMeter.Scope caller = CapacityMeter.current();   // the workers' requests count for the call
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> CapacityMeter.within(caller, task)));
            }
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(operation + " was interrupted", e, false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EmployeeStoreException(operation + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
