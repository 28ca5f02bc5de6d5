package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.VersionConflictException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TCK group "concurrency": racers released together from a barrier against one id, through every pair of write
 * paths, with the invariants that must hold whatever the interleaving. Each test also checks that the racers'
 * calls overlapped in at least one round, so that it cannot pass by the calls running one after another.
 */
abstract class ConcurrencyGroup extends TckGroup {
    /** Rounds every race runs at least. */
    private static final int ROUNDS = 3;
    /**
     * Rounds a race runs at most while its calls have not overlapped yet: on a fast store (in memory) a call can
     * finish before the next racer is scheduled, so some rounds are not races; on a database, the first round is.
     */
    private static final int MAX_ROUNDS = 200;

    ConcurrencyGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    private final List<Race> races = new ArrayList<>();

    /**
     * Runs one round of a race. Every third round releases all racers together; in the others one half starts
     * {@link #STAGGER_MILLIS} later (the odd racers, then the even ones), so that in a race between two kinds of
     * call (racer parity tells the kind) each kind's reads come first in some round: a store that reads, then writes
     * unconditionally, is caught whichever kind it gets wrong, in every run, not only when the scheduler interleaves
     * the calls so. The outcomes the tests assert hold for every interleaving.
     */
    private Race race(int threads, Race.Racer racer) throws InterruptedException {
        int round = races.size();
        Race race = Race.run(threads, racer, r -> round % 3 == 0 ? 0 : r % 2 == round % 3 - 1 ? STAGGER_MILLIS : 0);
        races.add(race);
        return race;
    }

    /** How much later the delayed half of the racers starts in a staggered round. */
    private static final int STAGGER_MILLIS = 3;

    /** @return whether another round must run: fewer than {@link #ROUNDS}, or no overlap seen yet */
    private boolean another(int round) {
        return round < ROUNDS || round < MAX_ROUNDS && races.stream().noneMatch(Race::overlapped);
    }

    private void requireRaced() {
        Race.requireOverlap(races, clause);
    }

    @Test
    @DisplayName("§4.2.4, §4.1.1 create: 16 threads creating one id at once — exactly one succeeds, 15 get EmployeeAlreadyExistsException")
    void concurrentCreates() throws Exception {
        for (int round = 0; another(round); round++) {
            String id = "race-" + round;
            Race r = race(16, racer -> store.create(draft(id, "Racer " + racer).build()));
            assertThat(r.of(Employee.class)).as(at("create(id=%s) × 16: winners; outcomes %s", id, r.summary()))
                    .hasSize(1);
            assertThat(r.of(EmployeeAlreadyExistsException.class))
                    .as(at("create(id=%s) × 16: losers; outcomes %s", id, r.summary())).hasSize(15);
            assertThat(store.get(id)).as(at("get(%s) after the race", id)).contains(r.of(Employee.class).get(0));
        }
        requireRaced();
    }

    @Test
    @DisplayName("§4.5.5 update: 16 concurrent updates carrying the same version — exactly one succeeds, the rest get VersionConflictException")
    void concurrentUpdates() throws Exception {
        for (int round = 0; another(round); round++) {
            String id = "cu-" + round;
            Employee e = store.create(full(id));
            Race r = race(16, racer -> store.update(e.toBuilder()
                    .attribute("writer", AttributeValue.of(racer)).build()));
            List<Employee> winners = r.of(Employee.class);
            assertThat(winners).as(at("update(id=%s, version=1) × 16: winners; outcomes %s", id, r.summary()))
                    .hasSize(1);
            assertThat(r.of(VersionConflictException.class)).as(at("update(id=%s) × 16: losers", id)).hasSize(15);
            assertThat(store.get(id)).as(at("get(%s): the winner's write, version 2", id)).contains(winners.get(0));
            assertThat(winners.get(0).version()).isEqualTo(2);
        }
        requireRaced();
    }

    @Test
    @DisplayName("§4.6.3, §4.1.2, §4.1.3 put: rounds of 16 threads × 5 puts of one employee, the clock moving — no increment lost, createdAt kept")
    void concurrentPuts() throws Exception {
        Employee e = store.create(full("cp"));
        for (int round = 0; another(round); round++) {
            race(16, racer -> {
                long last = 0;
                RuntimeException failed = null;
                for (int i = 0; i < 5; i++) {
                    clock.advance(Duration.ofMillis(1));
                    long v;
                    try {
                        v = store.put(e).version();
                    } catch (RuntimeException ex) {
                        failed = failed == null ? ex : failed;   // the thread's other puts still run
                        continue;
                    }
                    if (v <= last) {
                        throw new AssertionError(at("put(id=cp): versions seen by one thread must grow: %d then %d",
                                last, v));
                    }
                    last = v;
                }
                if (failed != null) {
                    throw failed;
                }
                return last;
            });
        }
        for (Race r : races) {
            assertThat(r.of(Long.class)).as(at("put(id=cp) × 16 × 5: every put succeeds; outcomes %s", r.summary()))
                    .hasSize(16);
        }
        Employee stored = store.get("cp").orElseThrow();
        int puts = races.size() * 16 * 5;
        assertThat(stored.version()).as(at("version of cp after 1 create and %d puts", puts)).isEqualTo(1 + puts);
        assertThat(stored.createdAt()).as(at("createdAt of cp: set by the create, kept by every put although the "
                + "clock moved")).isEqualTo(e.createdAt());
        requireRaced();
    }

    @Test
    @DisplayName("§4.6.3, §4.1.6 put: 16 threads putting one NEW id at once — versions 1 to 16, one createdAt (the first writer's)")
    void concurrentPutsOfANewId() throws Exception {
        for (int round = 0; another(round); round++) {
            String id = "pn-" + round;
            Race r = race(16, racer -> {
                clock.advance(Duration.ofMillis(1));
                return store.put(draft(id, "Writer " + racer).build());
            });
            List<Employee> puts = r.of(Employee.class);
            // every put succeeds: the versions returned are 1 to 16, one each
            assertThat(puts.stream().map(Employee::version).sorted().toList())
                    .as(at("put(id=%s) × 16 of a new id: every put succeeds, the versions returned; outcomes %s", id,
                            r.summary()))
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 16).boxed().toList());
            Employee stored = store.get(id).orElseThrow();
            assertThat(stored.version()).as(at("stored version of %s", id)).isEqualTo(16);
            // the creating put (version 1) is one of them: the createdAt it stamped is stored and returned by all
            assertThat(puts).as(at("put(id=%s): every put returns the createdAt stored by the first", id))
                    .allSatisfy(p -> assertThat(p.createdAt()).isEqualTo(stored.createdAt()));
        }
        requireRaced();
    }

    @Test
    @DisplayName("§4.8.5 delete(id, version): of 16 concurrent versioned deletes exactly one succeeds")
    void concurrentDeletes() throws Exception {
        for (int round = 0; another(round); round++) {
            String id = "cd-" + round;
            Employee e = store.create(full(id));
            Race r = race(16, racer -> {
                store.delete(id, e.version());
                return "deleted";
            });
            assertThat(r.outcomes()).as(at("delete(id=%s, 1) × 16: winners; outcomes %s", id, r.summary()))
                    .filteredOn("deleted"::equals).hasSize(1);
            assertThat(r.outcomes()).filteredOn(o -> !"deleted".equals(o)).as(at("delete(id=%s, 1): losers", id))
                    .allSatisfy(o -> assertThat(o)
                            .isInstanceOfAny(EmployeeNotFoundException.class, VersionConflictException.class));
            assertThat(store.get(id)).as(at("get(%s) after the race", id)).isEmpty();
        }
        requireRaced();
    }

    @Test
    @DisplayName("§4.1.6, §4.2.4 create and put race on a new id: at most one create wins, and only as the first write; every put counts")
    void createRacesPut() throws Exception {
        for (int round = 0; another(round); round++) {
            String id = "crp-" + round;
            Race r = race(16, racer -> racer % 2 == 0 ? store.create(draft(id, "Creator").build())
                    : store.put(draft(id, "Putter").build()));
            List<Object> creates = new ArrayList<>();
            List<Object> puts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                (i % 2 == 0 ? creates : puts).add(r.outcomes().get(i));
            }
            assertThat(puts).as(at("put(id=%s) × 8 racing create × 8: every put succeeds; outcomes %s", id,
                    r.summary())).allSatisfy(o -> assertThat(o).isInstanceOf(Employee.class));
            List<Employee> created = creates.stream().filter(Employee.class::isInstance).map(Employee.class::cast)
                    .toList();
            assertThat(created).as(at("create(id=%s) × 8 racing put × 8: at most one create wins", id))
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(creates).filteredOn(o -> !(o instanceof Employee))
                    .as(at("create(id=%s): the losing creates", id))
                    .allSatisfy(o -> assertThat(o).isInstanceOf(EmployeeAlreadyExistsException.class));
            created.forEach(c -> assertThat(c.version()).as(at("a winning create(id=%s) is the first write", id))
                    .isEqualTo(1));
            assertThat(store.get(id).orElseThrow().version())
                    .as(at("version of %s: one per successful write (8 puts + %d create)", id, created.size()))
                    .isEqualTo(8 + created.size());
        }
        requireRaced();
    }

    @Test
    @DisplayName("§4.1.6, §4.5.5, §4.6.3 update and put race on one id: at most one update wins; no put is lost")
    void updateRacesPut() throws Exception {
        for (int round = 0; another(round); round++) {
            String id = "urp-" + round;
            Employee e = store.create(full(id));
            Race r = race(16, racer -> racer % 2 == 0
                    ? store.update(e.toBuilder().fullName("Updater " + racer).build())
                    : store.put(e.toBuilder().fullName("Putter " + racer).build()));
            int updates = 0;
            for (int i = 0; i < 16; i++) {
                Object o = r.outcomes().get(i);
                if (i % 2 == 0 && o instanceof Employee) {
                    updates++;
                } else if (i % 2 == 0) {
                    assertThat(o).as(at("a losing update(id=%s, version=1)", id))
                            .isInstanceOf(VersionConflictException.class);
                } else {
                    assertThat(o).as(at("put(id=%s) racing updates must succeed", id)).isInstanceOf(Employee.class);
                }
            }
            assertThat(updates).as(at("update(id=%s, version=1) × 8 racing put × 8: winners; outcomes %s", id,
                    r.summary())).isLessThanOrEqualTo(1);
            assertThat(store.get(id).orElseThrow().version())
                    .as(at("version of %s: 1 + 8 puts + %d update", id, updates)).isEqualTo(1 + 8 + updates);
        }
        requireRaced();
    }

    @Test
    @DisplayName("§4.1.6, §4.8.5, §4.5.5 update and versioned delete race at one version: exactly one of them succeeds")
    void updateRacesVersionedDelete() throws Exception {
        for (int round = 0; another(round); round++) {
            String id = "urd-" + round;
            Employee e = store.create(full(id));
            Race r = race(16, racer -> {
                if (racer % 2 == 0) {
                    return store.update(e.toBuilder().fullName("Updater " + racer).build());
                }
                store.delete(id, 1);
                return "deleted";
            });
            List<Employee> updated = r.of(Employee.class);
            long deleted = r.outcomes().stream().filter("deleted"::equals).count();
            assertThat(updated.size() + deleted)
                    .as(at("update(id=%s, 1) × 8 racing delete(%s, 1) × 8: winners; outcomes %s", id, id, r.summary()))
                    .isEqualTo(1);
            assertThat(r.outcomes()).filteredOn(o -> !(o instanceof Employee) && !"deleted".equals(o))
                    .as(at("the losers of the race on %s", id))
                    .allSatisfy(o -> assertThat(o)
                            .isInstanceOfAny(VersionConflictException.class, EmployeeNotFoundException.class));
            assertThat(store.get(id)).as(at("get(%s) after the race: empty if a delete won, else the update's", id))
                    .isEqualTo(deleted > 0 ? Optional.empty() : updated.stream().findFirst());
        }
        requireRaced();
    }

    @Test
    @DisplayName("§4.14.5, §4.1.6 transact: 8 transactions updating the same two employees at one version — exactly one applies, wholly")
    void transactionsRace() throws Exception {
        requireCapability(Capability.TRANSACTIONS);
        for (int round = 0; another(round); round++) {
            Employee a = store.create(full("ta-" + round));
            Employee b = store.create(full("tb-" + round));
            Race r = race(8, racer -> {
                store.transact(w -> {
                    w.update(a.toBuilder().attribute("writer", AttributeValue.of(racer)).build());
                    w.update(b.toBuilder().attribute("writer", AttributeValue.of(racer)).build());
                });
                return racer;
            });
            List<Integer> winners = r.of(Integer.class);
            assertThat(winners).as(at("transact(update %s, update %s at version 1) × 8: winners; outcomes %s",
                    a.id(), b.id(), r.summary())).hasSize(1);
            assertThat(r.outcomes()).filteredOn(o -> !(o instanceof Integer))
                    .as(at("the losing transactions on %s, %s", a.id(), b.id()))
                    .allSatisfy(o -> assertThat(o)
                            .isInstanceOfAny(VersionConflictException.class, StoreUnavailableException.class));
            for (Employee e : List.of(a, b)) {
                Employee stored = store.get(e.id()).orElseThrow();
                assertThat(List.of(stored.version(), stored.attribute("writer")))
                        .as(at("version and writer of %s: 2, the winning transaction's", e.id()))
                        .isEqualTo(List.of(2L, java.util.Optional.of(AttributeValue.of(winners.get(0)))));
            }
        }
        requireRaced();
    }

    @Test
    @DisplayName("§4.14.5, §4.1.6, §4.6.3 transact races single puts on its ids: every successful write counts, no transaction half-applied")
    void transactionRacesPuts() throws Exception {
        requireCapability(Capability.TRANSACTIONS);
        for (int round = 0; another(round); round++) {
            String a = "xa-" + round;
            String b = "xb-" + round;
            store.create(full(a));
            store.create(full(b));
            Race r = race(12, racer -> {
                if (racer % 2 == 0) {
                    store.transact(w -> {
                        w.put(full(a).toBuilder().attribute("writer", AttributeValue.of("tx" + racer)).build());
                        w.put(full(b).toBuilder().attribute("writer", AttributeValue.of("tx" + racer)).build());
                    });
                    return "tx";
                }
                return store.put(full(a).toBuilder().attribute("writer", AttributeValue.of("put" + racer)).build());
            });
            long transactions = r.outcomes().stream().filter("tx"::equals).count();
            long puts = r.of(Employee.class).size();
            assertThat(r.outcomes()).filteredOn(o -> !"tx".equals(o) && !(o instanceof Employee))
                    .as(at("transact(put %s, put %s) racing put(%s): only a transaction may give up, retryable; "
                            + "outcomes %s", a, b, a, r.summary()))
                    .allSatisfy(o -> assertThat(o).isInstanceOf(StoreUnavailableException.class));
            assertThat(puts).as(at("put(%s) × 6 racing transactions: every put succeeds", a)).isEqualTo(6);
            Employee storedA = store.get(a).orElseThrow();
            Employee storedB = store.get(b).orElseThrow();
            assertThat(storedA.version()).as(at("version of %s: 1 + %d transactions + %d puts", a, transactions, puts))
                    .isEqualTo(1 + transactions + puts);
            assertThat(storedB.version()).as(at("version of %s: 1 + %d transactions", b, transactions))
                    .isEqualTo(1 + transactions);
        }
        requireRaced();
    }
}
