package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.PageRequest;
import io.github.employeestore.memory.InMemoryEmployeeStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated tests: sequences of every public operation, drawn at random with a bias to the edges of every rule,
 * run against the store under test and the reference model ({@link InMemoryEmployeeStore} on a clock of its own
 * that moves with the store's) side by side. After every step the outcomes and the observable state must agree
 * ({@link Differential} says what is compared and what the contract leaves to the backend).
 *
 * <p>The number of steps is {@code -Dtck.steps} (default {@value #DEFAULT_STEPS}; the {@code tck-long} profile runs
 * 100,000), in sequences of {@code -Dtck.sequenceLength} steps (default {@value #DEFAULT_LENGTH}), each on a new
 * store from {@code newStore}. A failing sequence is shrunk and reported as Java with its seed; {@code -Dtck.seed}
 * runs just the sequence of that seed, and {@code -Dtck.runSeed} repeats a whole run (every sequence of it).
 */
abstract class GeneratedGroup extends TckGroup {
    static final int DEFAULT_STEPS = 2000;
    static final int DEFAULT_LENGTH = 50;

    GeneratedGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§3.1.1, §3.1.7, §3.2.1, §3.3.1, §3.4.1, §3.5.1, §4.1.2, §4.1.3, §4.1.4, §4.1.5, §4.2.1, §4.2.3, "
            + "§4.3.1, §4.4.1, §4.4.3, §4.5.1, §4.5.2, §4.5.3, §4.5.4, §4.6.1, §4.6.2, §4.7.1, §4.8.1, §4.8.2, §4.8.3, "
            + "§4.9.1, §4.9.2, §4.9.4, §4.10.1, §4.10.2, §4.10.3, §4.11.1, §4.12.1, §4.13.1, §4.13.2, §4.13.3, "
            + "§4.14.1, §4.14.2, §4.14.3, §4.14.4, §4.15.2, §4.15.3, §4.16.1, §4.16.2, §4.16.3, §4.17.2, "
            + "§4.17.3 generated: sequences "
            + "of every operation, biased to the edges, give the reference model's results and state after every step")
    void sequencesAgreeWithTheReferenceModel() {
        int steps = Integer.getInteger("tck.steps", DEFAULT_STEPS);
        int length = Integer.getInteger("tck.sequenceLength", DEFAULT_LENGTH);
        Long replay = Long.getLong("tck.seed");
        GeneratedSequences runner = new GeneratedSequences(c -> kit.newStore(c), capabilities(), otherTables());
        long started = System.nanoTime();
        Long runSeed = Long.getLong("tck.runSeed");
        long master = replay != null ? replay : runSeed != null ? runSeed : new SplittableRandom().nextLong();
        SplittableRandom seeds = new SplittableRandom(master);
        int ran = 0;
        int sequences = 0;
        while (replay != null ? sequences == 0 : ran < steps) {
            long seed = replay != null ? replay : seeds.nextLong();
            GeneratedSequences.Run run = runner.generate(seed, length);
            ran += run.steps().size();
            sequences++;
            if (run.failure() != null) {
                GeneratedSequences.Run shrunk = Boolean.parseBoolean(System.getProperty("tck.shrink", "true"))
                        ? runner.shrink(run, seed) : run;
                print(ran, sequences, started, master);
                throw new AssertionError(GeneratedSequences.report(run, shrunk, seed, length), shrunk.failure());
            }
        }
        print(ran, sequences, started, master);
    }

    private void print(int steps, int sequences, long started, long runSeed) {
        System.out.printf("TCK generated sequences: %,d steps in %d sequences against %s, %,d ms (-Dtck.runSeed=%d)%n",
                steps, sequences, store.description(), (System.nanoTime() - started) / 1_000_000, runSeed);
        if (GeneratedSequences.PROFILE != null) {
            GeneratedSequences.PROFILE.entrySet().stream().sorted(java.util.Map.Entry.comparingByValue(
                    java.util.Comparator.reverseOrder())).forEach(e -> System.out.printf("  %-16s %,8d ms%n",
                    e.getKey(), e.getValue() / 1_000_000));
        }
    }

    /** Cursors of another table of each store, made once per test (a table is slow to make on some backends). */
    private Differential.OtherTables otherTables() {
        return new Differential.OtherTables() {
            private String[] list;
            private String[] find;

            @Override
            public String[] listCursors() {
                fill();
                return list;
            }

            @Override
            public String[] findCursors() {
                fill();
                return find;
            }

            private void fill() {
                if (list != null) {
                    return;
                }
                EmployeeStore sutOther = newStoreOnOtherTable(new TckClock());
                EmployeeStore modelOther = InMemoryEmployeeStore.builder().name("tck-reference-model-other")
                        .clock(new TckClock()).build();
                list = new String[2];
                find = new String[2];
                EmployeeStore[] both = {sutOther, modelOther};
                for (int i = 0; i < 2; i++) {
                    List<Employee> three = new ArrayList<>();
                    for (int n = 0; n < 3; n++) {
                        three.add(draft("other-" + n, "Other " + n).location("Seattle").version(1)
                                .createdAt(Instant.EPOCH).updatedAt(Instant.EPOCH).build());
                    }
                    both[i].importAll(three);
                    list[i] = both[i].list(PageRequest.first(1)).nextCursor().orElseThrow();
                    find[i] = capabilities().contains(Capability.QUERIES)
                            ? both[i].find(EmployeeQuery.byLocation("Seattle"), PageRequest.first(1)).nextCursor()
                            .orElseThrow() : list[i];
                }
            }
        };
    }
}
