package io.github.employeestore.tck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One race: N threads released together from a barrier, each making its calls against the store, with the time
 * window of each racer's calls recorded, so that a test can check that the calls really overlapped (a race test
 * that would also pass with the calls made one after another proves nothing).
 *
 * @param outcomes each racer's result, or the exception it threw, in racer order
 * @param windows  each racer's {@code [start, end]} in {@link System#nanoTime()}, in racer order
 */
record Race(List<Object> outcomes, List<long[]> windows) {

    /** What one racer does; {@code racer} is its number, 0 to N-1. */
    @FunctionalInterface
    interface Racer {
        Object call(int racer) throws Exception;
    }

    static Race run(int threads, Racer task) throws InterruptedException {
        return run(threads, task, racer -> 0);
    }

    /**
     * Runs a race in which some racers start later than the barrier releases them, to force an interleaving: the
     * racers without delay make their first reads before the delayed ones write (a store that reads, then writes
     * unconditionally, is then caught in every such round, not only when the scheduler happens to interleave so).
     *
     * @param delayMillis each racer's delay after the barrier, in milliseconds (0 for none)
     */
    static Race run(int threads, Racer task, java.util.function.IntUnaryOperator delayMillis)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            long[][] windows = new long[threads][2];
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int racer = i;
                futures.add(pool.submit(() -> {
                    start.await(1, TimeUnit.MINUTES);
                    int delay = delayMillis.applyAsInt(racer);
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    windows[racer][0] = System.nanoTime();
                    try {
                        return task.call(racer);
                    } finally {
                        windows[racer][1] = System.nanoTime();
                    }
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                try {
                    outcomes.add(f.get(5, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                } catch (TimeoutException e) {
                    throw new AssertionError("a racing call did not finish within 5 minutes", e);
                }
            }
            return new Race(outcomes, List.of(windows));
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return whether the calls of at least two racers overlapped in time */
    boolean overlapped() {
        List<long[]> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingLong(w -> w[0]));
        long latestEnd = Long.MIN_VALUE;
        for (long[] w : sorted) {
            if (w[0] < latestEnd) {
                return true;
            }
            latestEnd = Math.max(latestEnd, w[1]);
        }
        return false;
    }

    /**
     * Checks the test itself, not the store: a race test whose calls never overlapped, in any of its rounds, proves
     * nothing, since it would also pass with the calls made one after another. A store cannot make this fail (a call
     * waiting on a lock inside the store still overlaps the others); only a machine too busy to run the racers side
     * by side can, so this is an error of the run, not an assertion of the contract.
     *
     * @param races  every round's race
     * @param clause the clauses of the test, for the message
     * @throws IllegalStateException if no race overlapped
     */
    static void requireOverlap(List<Race> races, String clause) {
        if (races.stream().noneMatch(Race::overlapped)) {
            throw new IllegalStateException("[" + clause + "] the racers' calls never overlapped in " + races.size()
                    + " rounds: the race was not a race, so the test proves nothing (run it where the racers' threads"
                    + " can run side by side)");
        }
    }

    /** @return the outcomes that are instances of the type */
    <T> List<T> of(Class<T> type) {
        return outcomes.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** @return the outcomes of the racers in the range, e.g. the first half */
    List<Object> racers(int from, int to) {
        return outcomes.subList(from, to);
    }

    /** @return a short summary for assertion messages: the count of each outcome type */
    String summary() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (Object o : outcomes) {
            counts.merge(o == null ? "null" : o.getClass().getSimpleName(), 1, Integer::sum);
        }
        return counts.toString();
    }
}
