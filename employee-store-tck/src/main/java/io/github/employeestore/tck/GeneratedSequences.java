package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.memory.InMemoryEmployeeStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs generated sequences against a backend and the reference model, and shrinks a failing one: the steps of a
 * sequence are drawn from a seed, one at a time from the state reached; a failing sequence is replayed on fresh
 * stores with chunks of steps left out (halving the chunk until single steps) as long as it still fails at the same
 * clause, and the shortest failing sequence is reported as Java with its seed.
 *
 * <p>Not thread-safe.
 */
final class GeneratedSequences {
    /** Ids in one sequence's pool: few, so that operations meet on them. */
    static final int POOL = 6;
    /** Replays the shrinking may spend on one failure, and the time it may take. */
    private static final int SHRINK_REPLAYS = 400;
    private static final long SHRINK_NANOS = 180_000_000_000L;

    /** With {@code -Dtck.profile=true}: nanoseconds spent per action (step and state check), printed per run. */
    static final java.util.Map<String, Long> PROFILE = Boolean.getBoolean("tck.profile")
            ? new java.util.concurrent.ConcurrentHashMap<>() : null;

    private final Function<TckClock, EmployeeStore> newStore;
    private final Set<Capability> capabilities;
    private final Differential.OtherTables otherTables;

    /**
     * @param newStore     opens a new, empty store under test on the clock (closed by the runner)
     * @param capabilities the optional capabilities it declares
     * @param otherTables  the other tables' cursors
     */
    GeneratedSequences(Function<TckClock, EmployeeStore> newStore, Set<Capability> capabilities,
                       Differential.OtherTables otherTables) {
        this.newStore = newStore;
        this.capabilities = capabilities;
        this.otherTables = otherTables;
    }

    /** What one run of steps did. */
    record Run(List<Action.Step> steps, AssertionError failure, List<String> java) {
    }

    /** Draws and runs a sequence of {@code length} steps from the seed; stops at the first failure. */
    Run generate(long seed, int length) {
        Edges g = new Edges(seed);
        List<String> ids = g.idPool(POOL);
        List<String> criteria = g.criteriaPool();
        List<Action> actions = Actions.all();
        List<Action.Step> steps = new ArrayList<>();
        return withStores(ids, criteria, d -> {
            for (int i = 0; i < length; i++) {
                Action action = Actions.draw(actions, g, d);
                Action.Step step = action.next(g, d);
                steps.add(step);
                long t0 = System.nanoTime();
                AssertionError failure = execute(step, d);
                if (PROFILE != null) {
                    PROFILE.merge(action.getClass().getSimpleName(), System.nanoTime() - t0, Long::sum);
                }
                if (failure != null) {
                    return new Run(steps, failure, d.javaSource());
                }
            }
            return new Run(steps, finish(d), d.javaSource());
        }, seed);
    }

    /**
     * The end of a sequence: the whole state compared, whatever was skipped on the way, then the store closed twice
     * (§4.17.3: idempotent).
     */
    private static AssertionError finish(Differential d) {
        AssertionError failure = execute(x -> x.compareWholeState(), d);
        if (failure != null) {
            return failure;
        }
        try {
            d.java("store.close();");
            d.sut.close();
            d.java("store.close();  // again: close() is idempotent");
            d.sut.close();
            return null;
        } catch (RuntimeException e) {
            return new AssertionError("[§4.17.3] close() is not idempotent: the second close() threw " + e, e);
        }
    }

    /** Runs the given steps on fresh stores. */
    Run replay(List<Action.Step> steps, long seed) {
        Edges g = new Edges(seed);
        List<String> ids = g.idPool(POOL);
        List<String> criteria = g.criteriaPool();
        return withStores(ids, criteria, d -> {
            for (Action.Step step : steps) {
                AssertionError failure = execute(step, d);
                if (failure != null) {
                    return new Run(steps, failure, d.javaSource());
                }
            }
            return new Run(steps, finish(d), d.javaSource());
        }, seed);
    }

    private Run withStores(List<String> ids, List<String> criteria, Function<Differential, Run> body, long seed) {
        TckClock sutClock = new TckClock();
        TckClock modelClock = new TckClock();
        EmployeeStore sut = newStore.apply(sutClock);
        try {
            EmployeeStore model = InMemoryEmployeeStore.builder().name("tck-reference-model").clock(modelClock).build();
            return body.apply(new Differential(sut, sutClock, model, modelClock, capabilities, ids, criteria,
                    otherTables));
        } finally {
            sut.close();
        }
    }

    private static AssertionError execute(Action.Step step, Differential d) {
        try {
            step.run(d);
            d.afterStep();
            return null;
        } catch (AssertionError e) {
            return e;
        } catch (RuntimeException e) {
            AssertionError wrapped = new AssertionError("[§5.1] a step threw outside the contract: " + e, e);
            return wrapped;
        }
    }

    /**
     * Shrinks a failing run: leaves out chunks of steps as long as the rest still fails at the same clauses.
     *
     * @return the shortest failing run found
     */
    Run shrink(Run failing, long seed) {
        String clause = clauses(failing.failure());
        Run best = failing;
        List<Action.Step> current = new ArrayList<>(failing.steps());
        int replays = 0;
        long deadline = System.nanoTime() + SHRINK_NANOS;
        int chunk = Math.max(1, current.size() / 2);
        while (chunk >= 1 && replays < SHRINK_REPLAYS && System.nanoTime() < deadline) {
            boolean removed = false;
            for (int start = 0; start < current.size() && replays < SHRINK_REPLAYS
                    && System.nanoTime() < deadline; ) {
                List<Action.Step> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                if (candidate.isEmpty()) {
                    start += chunk;
                    continue;
                }
                replays++;
                Run run = replay(candidate, seed);
                if (run.failure() != null && clauses(run.failure()).equals(clause)) {
                    current = candidate;
                    best = run;
                    removed = true;
                } else {
                    start += chunk;
                }
            }
            if (!removed) {
                chunk /= 2;
            }
        }
        return best;
    }

    private static String clauses(AssertionError e) {
        String m = String.valueOf(e.getMessage());
        int end = m.indexOf(']');
        return m.startsWith("[") && end > 0 ? m.substring(0, end + 1) : m;
    }

    /** The report of a shrunk failure: the failure, the seed, and the steps as a Java method. */
    static String report(Run original, Run shrunk, long seed, int length) {
        StringBuilder b = new StringBuilder(String.valueOf(shrunk.failure().getMessage()));
        b.append("\n\ngenerated sequence with seed ").append(seed).append(" (replay: -Dtck.seed=").append(seed);
        if (length != GeneratedGroup.DEFAULT_LENGTH) {
            b.append(" -Dtck.sequenceLength=").append(length);
        }
        b.append("); failed after ").append(original.steps().size()).append(" steps, shrunk to ")
                .append(shrunk.steps().size()).append(":\n\n");
        b.append("void replay(EmployeeStore store, TckClock clock) {  // store: new and empty; clock: a new TckClock\n");
        for (String line : shrunk.java()) {
            b.append("    ").append(line.replace("\n", "\n    ")).append('\n');
        }
        b.append("}\n");
        if (shrunk.failure().getCause() != null) {
            b.append("caused by: ").append(shrunk.failure().getCause()).append('\n');
        }
        return b.toString();
    }
}
