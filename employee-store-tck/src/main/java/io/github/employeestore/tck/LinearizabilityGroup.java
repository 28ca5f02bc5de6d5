package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Linearizability: in each round, a few threads run random operations on a handful of ids at once; the recorded
 * history (each call's start, end and outcome) must be explainable by the reference model applying the calls one
 * at a time in an order that respects their real-time order ({@link History}). With the backend's {@link Faults}
 * hook, the same runs while the store's connections are killed at random, and a call failing with
 * {@code StoreUnavailableException} counts as "maybe applied".
 *
 * <p>Rounds: {@code -Dtck.linearizabilityRounds} (default {@value #DEFAULT_ROUNDS}); a seed: {@code -Dtck.seed}.
 */
abstract class LinearizabilityGroup extends TckGroup {
    static final int DEFAULT_ROUNDS = 25;
    private static final int THREADS = 3;
    private static final int CALLS_PER_THREAD = 4;

    LinearizabilityGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§4.1.1, §4.1.2, §4.1.6, §4.2.4, §4.5.5, §4.6.3, §4.8.5, §4.14.5, §4.18.7 linearizability: concurrent "
            + "histories of random operations on a few ids are linearizable against the reference model")
    void concurrentHistoriesAreLinearizable() throws Exception {
        rounds(null);
    }

    @Test
    @DisplayName("§4.1.5, §5.4 linearizability under faults: with connections killed at random, every call succeeds "
            + "or fails with StoreUnavailableException (maybe applied), and the history stays linearizable")
    void linearizableUnderFaults() throws Exception {
        Faults faults = kit.faults(store);
        assumeTrue(faults != null, "this backend's TCK subclass offers no Faults hook (EmployeeStoreTck.faults), so "
                + "the test under faults is skipped");
        try (faults) {
            rounds(faults);
        }
    }

    private void rounds(Faults faults) throws Exception {
        int rounds = Integer.getInteger("tck.linearizabilityRounds", DEFAULT_ROUNDS);
        Long given = Long.getLong("tck.seed", Long.getLong("tck.runSeed"));
        long seed = given != null ? given : new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        long started = System.nanoTime();
        int calls = 0;
        AtomicInteger injected = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            for (int round = 0; round < rounds; round++) {
                calls += round(round, random.split(), faults, pool, injected, unavailable, seed);
            }
        } finally {
            pool.shutdownNow();
        }
        String limitation = kit.targetLimitations().get(EmployeeStoreTck.CANCELLED_TRANSACTIONS_UNDO_CONCURRENT_WRITES);
        System.out.printf("TCK linearizability%s: %d rounds, %,d calls against %s, %s%d calls failed with "
                        + "StoreUnavailableException (maybe applied), %,d ms (seed %d)%s%n",
                faults == null ? "" : " under faults", rounds, calls, store.description(),
                faults == null ? "" : injected.get() + " connections killed, ", unavailable.get(),
                (System.nanoTime() - started) / 1_000_000, seed,
                limitation == null ? "" : "; no transactions in the histories on this target: " + limitation);
        if (faults == null) {
            // a database may end a transaction to break a deadlock (§5.4, retryable): now and then, not as a rule
            assertThat(unavailable.get()).as(at("calls failing with StoreUnavailableException without any fault, "
                    + "of %d", calls)).isLessThanOrEqualTo(calls / 10);
        }
    }

    private int round(int round, SplittableRandom random, Faults faults, ExecutorService pool,
                      AtomicInteger injected, AtomicInteger unavailable, long seed) throws Exception {
        List<String> ids = List.of("lin" + round + "-a", "lin" + round + "-b");
        History.State initial = snapshot(ids);
        History history = new History();
        // one round in three is focused: every thread creates one id, then races the others with one kind of write
        int focus = random.nextInt(3) == 0 ? random.nextInt(4) : -1;
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                ops.add(focus >= 0 ? focused(focus, random, ids.get(0), thread, i) : op(random, ids, thread, i));
            }
            threads.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                for (Op op : ops) {
                    Outcome outcome = history.run(thread, op.what(), store, op.call());
                    if (outcome.threw() && outcome.error().type().equals("StoreUnavailableException")) {
                        unavailable.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Future<?> injector = faults == null ? null : pool.submit(() -> {
            SplittableRandom r = new SplittableRandom(random.nextLong());
            while (running.get()) {
                Thread.sleep(r.nextInt(1, 15));
                if (faults.inject()) {
                    injected.incrementAndGet();
                }
            }
            return null;
        });
        for (Future<?> f : threads) {
            f.get(120, TimeUnit.SECONDS);
        }
        running.set(false);
        if (injector != null) {
            injector.get(30, TimeUnit.SECONDS);
        }
        String failure = history.check(ids, initial, clock);
        assertThat(failure).as(at("round %d of seed %d (replay: -Dtck.seed=%d) is not linearizable", round, seed,
                seed)).isNull();
        return history.calls().size();
    }

    /**
     * The state before a round; a connection killed after the last round may fail the first tries (§5.4), ten tries
     * may not all fail.
     */
    private History.State snapshot(List<String> ids) {
        Optional<History.State> state = Optional.empty();
        io.github.employeestore.StoreUnavailableException last = null;
        for (int attempt = 1; attempt <= 10 && state.isEmpty(); attempt++) {
            try {
                state = Optional.of(History.snapshot(store, ids));
            } catch (io.github.employeestore.StoreUnavailableException e) {
                last = e;
            }
        }
        assertThat(state).as(at("the store stays unavailable after the faults ended: %s", last)).isPresent();
        return state.orElseThrow();
    }

    private record Op(String what, Function<EmployeeStore, Object> call) {
    }

    /**
     * @return whether the histories include transactions: with the capability, unless the target's transactions
     *         undo concurrent writes when they are cancelled (a limitation of the emulator, see
     *         {@link EmployeeStoreTck#CANCELLED_TRANSACTIONS_UNDO_CONCURRENT_WRITES})
     */
    private boolean transactions() {
        return capabilities().contains(Capability.TRANSACTIONS) && !kit.targetLimitations()
                .containsKey(EmployeeStoreTck.CANCELLED_TRANSACTIONS_UNDO_CONCURRENT_WRITES);
    }

    /** The calls of a focused round: a create, then writes of one kind at version 1 or 2 on the same id. */
    private Op focused(int kind, SplittableRandom r, String id, int thread, int i) {
        String name = "T" + thread + "-" + i;
        long version = 1 + r.nextInt(2);
        Employee e = draft(id, name).build();
        String l = JavaSource.literal(id);
        if (i == 0) {
            return new Op("create(" + l + ", " + name + ")", s -> s.create(e));
        }
        boolean transactions = transactions();
        return switch (kind) {
            case 0 -> new Op("update(" + l + ", version " + version + ", " + name + ")",
                    s -> s.update(e.toBuilder().version(version).build()));
            case 1 -> transactions ? new Op("transact(update " + l + " version " + version + ")", s -> {
                s.transact(w -> w.update(e.toBuilder().version(version).build()));
                return "committed";
            }) : new Op("put(" + l + ", " + name + ")", s -> s.put(e));
            case 2 -> new Op("delete(" + l + ", " + version + ")", s -> {
                s.delete(id, version);
                return "deleted";
            });
            default -> new Op("put(" + l + ", " + name + ")", s -> s.put(e));
        };
    }

    private Op op(SplittableRandom r, List<String> ids, int thread, int i) {
        String id = ids.get(r.nextInt(ids.size()));
        String other = ids.get(0).equals(id) ? ids.get(1) : ids.get(0);
        String name = "T" + thread + "-" + i;
        Employee e = draft(id, name).location(r.nextBoolean() ? "Seattle" : "Zurich").build();
        long version = 1 + r.nextInt(3);
        String l = JavaSource.literal(id);
        boolean transactions = transactions();
        int kinds = transactions ? 12 : 10;
        if (r.nextInt(kinds + 1) == 0) {
            return new Op("patch(" + l + ", version " + version + ", jobTitle " + name + ")",
                    s -> s.patch(id, version, p -> p.jobTitle(name)));
        }
        return switch (r.nextInt(kinds)) {
            case 0 -> new Op("create(" + l + ", " + name + ")", s -> s.create(e));
            case 1 -> new Op("get(" + l + ")", s -> s.get(id));
            case 2 -> new Op("update(" + l + ", version " + version + ", " + name + ")",
                    s -> s.update(e.toBuilder().version(version).build()));
            case 3 -> new Op("put(" + l + ", " + name + ")", s -> s.put(e));
            case 4 -> new Op("delete(" + l + ")", s -> s.delete(id));
            case 5 -> new Op("delete(" + l + ", " + version + ")", s -> {
                s.delete(id, version);
                return "deleted";
            });
            case 6 -> new Op("getAll(" + JavaSource.ids(ids) + ")", s -> s.getAll(ids));
            case 7 -> new Op("importAll(" + l + " version " + (version + 3) + ")", s -> s.importAll(List.of(
                    e.toBuilder().version(version + 3).createdAt(Instant.EPOCH).updatedAt(Instant.EPOCH).build())));
            case 8 -> new Op("get(" + JavaSource.literal(other) + ")", s -> s.get(other));
            case 9 -> r.nextBoolean() ? new Op("schema().drop()", s -> {
                s.schema().drop();
                return "dropped";
            }) : new Op("schema().create()", s -> {
                s.schema().create();
                return "created";
            });
            case 10 -> new Op("transact(update " + l + " version " + version + ")", s -> {
                s.transact(w -> w.update(e.toBuilder().version(version).build()));
                return "committed";
            });
            default -> new Op("transact(put " + l + ", update " + JavaSource.literal(other) + " version " + version
                    + ")", s -> {
                s.transact(w -> {
                    w.put(e);
                    w.update(draft(other, name).version(version).build());
                });
                return "committed";
            });
        };
    }
}
