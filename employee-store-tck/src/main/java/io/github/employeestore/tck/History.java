package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.memory.InMemoryEmployeeStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A recorded concurrent history, and its linearizability check against the reference model (the Wing &amp; Gong
 * search with Lowe's memo of visited states, as in Knossos): is there one order of the calls, consistent with their
 * real-time order (a call that ended before another started comes first), in which the reference model, applying
 * them one at a time, returns what each call returned? A call that failed with
 * {@link io.github.employeestore.StoreUnavailableException} may or may not have taken effect: it may be placed
 * anywhere after its start, with any outcome, or left out.
 *
 * <p>The model's state is the employees of the history's ids and whether the table exists; each step of the search
 * replays one call on a fresh reference store holding that state. Fit for small histories (tens of calls).
 *
 * <p>Thread-safe for recording ({@link #record}); check once all calls have ended.
 */
final class History {
    /** One call: its thread, its start and end (nanoseconds), what it was and what it did. */
    record Call(int thread, long start, long end, String what, Function<EmployeeStore, Object> op, Outcome outcome,
                boolean maybe) {
    }

    /** The model's state: whether the table exists, and the employees of the history's ids. */
    record State(boolean exists, Map<String, Employee> employees) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final long origin = System.nanoTime();

    synchronized void record(Call call) {
        calls.add(call);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * Runs the call on the store under test and records it.
     *
     * @return the outcome
     */
    Outcome run(int thread, String what, EmployeeStore store, Function<EmployeeStore, Object> op) {
        long start = System.nanoTime();
        Outcome outcome = Outcome.of(() -> op.apply(store));
        long end = System.nanoTime();
        boolean maybe = outcome.threw() && outcome.error().type().equals("StoreUnavailableException");
        record(new Call(thread, start, maybe ? Long.MAX_VALUE : end, what, op, outcome, maybe));
        return outcome;
    }

    /**
     * @param ids     the ids the calls touch
     * @param initial the state before the first call
     * @param clock   the clock the store under test had (it stands still during the history)
     * @return {@code null} if the history is linearizable, otherwise a readable account of it
     */
    String check(List<String> ids, State initial, Clock clock) {
        List<Call> all = calls();
        Set<List<Object>> visited = new HashSet<>();
        if (search(all, 0L, initial, ids, clock, visited)) {
            return null;
        }
        return describe(all);
    }

    private boolean search(List<Call> all, long done, State state, List<String> ids, Clock clock, Set<List<Object>> visited) {
        long firstEnd = Long.MAX_VALUE;
        boolean complete = true;
        for (int i = 0; i < all.size(); i++) {
            if ((done & (1L << i)) == 0 && !all.get(i).maybe()) {
                complete = false;
                firstEnd = Math.min(firstEnd, all.get(i).end());
            }
        }
        if (complete) {
            return true;
        }
        for (int i = 0; i < all.size(); i++) {
            Call c = all.get(i);
            if ((done & (1L << i)) != 0 || c.start() > firstEnd) {
                continue;
            }
            Applied applied = apply(state, c, ids, clock);
            if (!c.maybe() && !applied.outcome().agrees(c.outcome())) {
                continue;
            }
            long next = done | (1L << i);
            if (visited.add(List.of(next, applied.state())) && search(all, next, applied.state(), ids, clock, visited)) {
                return true;
            }
        }
        return false;
    }

    private record Applied(Outcome outcome, State state) {
    }

    private static Applied apply(State state, Call c, List<String> ids, Clock clock) {
        InMemoryEmployeeStore model = InMemoryEmployeeStore.builder().name("tck-linearizability-model").clock(clock)
                .build();
        if (!state.employees().isEmpty()) {
            model.importAll(state.employees().values());
        }
        if (!state.exists()) {
            model.schema().drop();
        }
        Outcome outcome = Outcome.of(() -> c.op().apply(model));
        return new Applied(outcome, snapshot(model, ids));
    }

    static State snapshot(EmployeeStore s, List<String> ids) {
        if (!s.schema().exists()) {
            return new State(false, Map.of());
        }
        return new State(true, new LinkedHashMap<>(s.getAll(ids)));
    }

    private String describe(List<Call> all) {
        StringBuilder b = new StringBuilder("no order of these calls gives their outcomes on the reference model "
                + "(times in microseconds from the start; \"maybe\": failed with StoreUnavailableException, may or may "
                + "not have taken effect):\n");
        all.stream().sorted(Comparator.comparingLong(Call::start)).forEach(c -> b.append(String.format(
                "  thread %d [%8d, %8s] %s -> %s%n", c.thread(), (c.start() - origin) / 1000,
                c.maybe() ? "maybe" : String.valueOf((c.end() - origin) / 1000), c.what(),
                Differential.shorten(c.outcome().toString()))));
        return b.toString();
    }
}
