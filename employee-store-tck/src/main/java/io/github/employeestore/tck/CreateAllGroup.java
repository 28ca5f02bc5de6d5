package io.github.employeestore.tck;

import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.ImportResult;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.StoreConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCK group "create-all" (bulk create); run through {@link EmployeeStoreTck}. */
abstract class CreateAllGroup extends TckGroup {
    CreateAllGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§4.21.1, §4.21.5 createAll: 1,200 drafts, half without id — ids generated, version 1, timestamps now, each reads back as returned")
    void createsAll() {
        clock.advance(java.time.Duration.ofMillis(1234));
        Instant now = now();
        List<Employee> drafts = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            Employee.Builder b = i % 2 == 0 ? full(String.format("ca-%05d", i)).toBuilder()
                    : draft(null, "Drafted " + i).jobTitle("Engineer");
            drafts.add(b.version(77).createdAt(Instant.parse("2001-01-01T00:00:00Z")).build());
        }
        CreateAllResult result = store.createAll(drafts);
        // 1,200 attempted and no failure: 1,200 created (CreateAllResult's invariant), each compared below
        assertThat(List.of(result.attempted(), result.failures())).as(at("createAll of 1,200 valid drafts: attempted,"
                + " failures")).isEqualTo(List.of(1200, List.of()));
        for (int i = 0; i < result.created().size(); i++) {
            Employee created = result.created().get(i);
            // the draft's own id where it has one, else the one generated
            Employee expected = drafts.get(i).toBuilder().id(i % 2 == 0 ? drafts.get(i).id() : created.id())
                    .version(1).createdAt(now).updatedAt(now).build();
            assertThat(created).as(at("created[%d]: the draft with its id, version 1 and both timestamps now", i))
                    .isEqualTo(expected);
            if (i % 2 != 0) {
                assertThat(UUID.fromString(created.id()).version()).as(at("created[%d]: a generated id is a random"
                        + " UUID", i)).isEqualTo(4);
            }
        }
        // 1,200 stored: no id was given twice
        assertThat(store.count()).as(at("count() after createAll")).isEqualTo(1200);
        for (int from = 0; from < result.created().size(); from += 300) {
            List<Employee> part = result.created().subList(from, Math.min(from + 300, result.created().size()));
            Map<String, Employee> read = store.getAll(ids(part));
            for (Employee e : part) {
                assertThat(read.get(e.id())).as(at("getAll: %s as createAll returned it", e.id())).isEqualTo(e);
            }
        }
        Employee later = store.update(result.created().get(1).toBuilder().fullName("Updated").build());
        assertThat(later.version()).as(at("update of an employee created in bulk: version 2")).isEqualTo(2);
    }

    @Test
    @DisplayName("§4.21.2, §4.2.3 createAll: invalid drafts, a null, a repeated id and stored ids are reported by index, id and reason; stored employees unchanged; the others created")
    void reportsAndNeverReplaces() {
        List<Employee> stored = new ArrayList<>();
        for (int i = 0; i < 40; i += 7) {
            stored.add(store.create(full(String.format("cx-%04d", i))));
        }
        clock.advance(java.time.Duration.ofSeconds(5));
        List<Employee> drafts = new ArrayList<>();
        Set<Integer> storedAt = new HashSet<>();
        Set<Integer> invalidAt = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            Employee.Builder b = draft(String.format("cx-%04d", i), "Bulk " + i);
            if (i < 40 && i % 7 == 0) {
                storedAt.add(i);
            } else if (i % 50 == 13) {
                b.fullName(" ");
                invalidAt.add(i);
            } else if (i % 50 == 29) {
                b.id(" bad-" + i);
                invalidAt.add(i);
            }
            drafts.add(b.build());
        }
        drafts.add(null);
        drafts.add(draft("cx-0001", "Repeated").build());
        CreateAllResult result = store.createAll(drafts);
        assertThat(result.attempted()).isEqualTo(302);
        Map<Integer, ImportResult.Failure> byIndex = new HashMap<>();
        for (ImportResult.Failure f : result.failures()) {
            byIndex.put(f.index(), f);
            assertThat(f.reason()).as(at("failure %d: a reason", f.index())).isNotBlank();
        }
        List<Integer> failedAt = new ArrayList<>(storedAt);
        failedAt.addAll(invalidAt);
        failedAt.addAll(List.of(300, 301));
        assertThat(result.failures().stream().map(ImportResult.Failure::index).toList())
                .as(at("failure indexes: the stored ids, the invalid drafts, the null and the repeat, in input order"))
                .containsExactlyElementsOf(failedAt.stream().sorted().toList());
        for (int i : storedAt) {
            ImportResult.Failure f = byIndex.get(i);   // there: the failure indexes are compared above
            assertThat(f.reason()).as(at("draft %d: reason", i)).startsWith("already exists");
            assertThat(f.cause()).as(at("draft %d: error", i)).isInstanceOfSatisfying(
                    EmployeeAlreadyExistsException.class, e -> assertThat(e.id()).isEqualTo(drafts.get(i).id()));
        }
        for (int i : invalidAt) {
            ImportResult.Failure f = byIndex.get(i);
            assertThat(f.violations()).as(at("invalid draft %d: violations", i)).isNotEmpty();
            assertThat(f.reason()).startsWith("invalid");
        }
        assertThat(byIndex.get(300).id()).as(at("the null draft")).isNull();
        List<String> existing = new ArrayList<>(storedAt.stream().sorted().map(i -> drafts.get(i).id()).toList());
        existing.add("cx-0001");
        assertThat(result.existingIds()).as(at("existingIds(): the failures with an EmployeeAlreadyExistsException"
                + " are the stored ids and the repeat (draft 301), in input order")).containsExactlyElementsOf(existing);
        for (Employee e : stored) {
            assertThat(store.get(e.id())).as(at("stored %s is never replaced", e.id())).contains(e);
        }
        assertThat(store.get("cx-0001").orElseThrow().fullName()).as(at("the first of a repeated id wins"))
                .isEqualTo("Bulk 1");
        assertThat(store.count()).isEqualTo(stored.size() + 300 - storedAt.size() - invalidAt.size());
        for (Employee e : result.created()) {
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.createdAt()).isEqualTo(now());
        }
    }

    @Test
    @DisplayName("§4.21.3 createAll: an empty collection creates nothing; a null collection is InvalidInputException")
    void emptyAndNull() {
        CreateAllResult result = store.createAll(List.of());
        assertThat(result.attempted()).isZero();   // so nothing created nor failed (CreateAllResult's invariant)
        assertThat(catchThrowable(() -> store.createAll(null))).as(at("createAll(null)"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(store.count()).isZero();
    }

    @Test
    @DisplayName("§4.21.3, §4.15.3 createAll: on a missing table throws StoreConfigurationException, valid drafts or not")
    void missingTable() {
        store.schema().drop();
        assertThat(catchThrowable(() -> store.createAll(List.of(draft("n", "N").build()))))
                .as(at("createAll([valid]) on a dropped table")).isInstanceOf(StoreConfigurationException.class);
        assertThat(catchThrowable(() -> store.createAll(List.of(draft("n", " ").build()))))
                .as(at("createAll([invalid]) on a dropped table")).isInstanceOf(StoreConfigurationException.class);
        store.schema().create();
        assertThat(store.count()).as(at("nothing was written")).isZero();
    }

    @Test
    @DisplayName("§4.21.4, §4.2.4 createAll races: 3 createAlls and 3 threads of creates of the same 120 ids, in different orders — exactly one wins each id, and it is what is stored")
    void racesCreate() throws Exception {
        int ids = 120;
        List<Race> races = new ArrayList<>();
        for (int round = 0; round < 3 || round < 8 && races.stream().noneMatch(Race::overlapped); round++) {
            String prefix = "rc" + round + "-";
            Race race = Race.run(6, racer -> {
                List<Employee> drafts = new ArrayList<>();
                for (int i = 0; i < ids; i++) {
                    drafts.add(draft(prefix + String.format("%03d", i), "Racer " + racer).build());
                }
                Collections.shuffle(drafts, new Random(racer));
                if (racer % 2 == 0) {
                    return store.createAll(drafts);
                }
                List<Object> outcomes = new ArrayList<>();
                for (Employee d : drafts) {
                    try {
                        outcomes.add(store.create(d));
                    } catch (EmployeeAlreadyExistsException e) {
                        outcomes.add(e);
                    }
                }
                return outcomes;
            });
            races.add(race);
            Map<String, List<Employee>> winners = new HashMap<>();
            Map<String, Integer> losses = new HashMap<>();
            for (Object outcome : race.outcomes()) {
                if (outcome instanceof CreateAllResult r) {
                    r.created().forEach(e -> winners.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e));
                    for (ImportResult.Failure f : r.failures()) {
                        assertThat(f.error()).as(at("round %d: a createAll failure is an existing id: %s", round, f))
                                .get().isInstanceOf(EmployeeAlreadyExistsException.class);
                        losses.merge(f.id(), 1, Integer::sum);
                    }
                } else if (outcome instanceof List<?> list) {
                    for (Object o : list) {
                        if (o instanceof Employee e) {
                            winners.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e);
                        } else {
                            losses.merge(((EmployeeAlreadyExistsException) o).id(), 1, Integer::sum);
                        }
                    }
                } else {
                    throw new AssertionError(at("round %d: a racer failed: %s", round, outcome), (Throwable) outcome);
                }
            }
            for (int i = 0; i < ids; i++) {
                String id = prefix + String.format("%03d", i);
                List<Employee> won = winners.get(id);
                assertThat(List.of(won == null ? 0 : won.size(), losses.getOrDefault(id, 0)))
                        .as(at("round %d: winners and losers of %s (outcomes %s)", round, id, race.summary()))
                        .containsExactly(1, 5);
                assertThat(store.get(id)).as(at("round %d: %s stored as its one winner returned it", round, id))
                        .contains(won.get(0));
            }
        }
        Race.requireOverlap(races, clause);
        assertThat(store.count()).isEqualTo((long) races.size() * ids);
    }

    @Test
    @DisplayName("§4.21.4 createAll races: 4 createAlls of the same 400 drafts — each id created once, the stored employee one of the racers'")
    void racesCreateAll() throws Exception {
        for (int round = 0; round < 2; round++) {
            String prefix = "rca" + round + "-";
            Race race = Race.run(4, racer -> {
                Employee[] drafts = new Employee[400];
                for (int i = 0; i < drafts.length; i++) {
                    drafts[i] = draft(prefix + String.format("%04d", racer % 2 == 0 ? i : 399 - i),
                            "Racer " + racer).build();
                }
                return store.createAll(Arrays.asList(drafts));
            });
            Map<String, Employee> winner = new HashMap<>();
            int failures = 0;
            for (Object outcome : race.outcomes()) {
                assertThat(outcome).as(at("round %d: each createAll returns a result", round))
                        .isInstanceOf(CreateAllResult.class);
                CreateAllResult r = (CreateAllResult) outcome;
                // an id created twice would leave one failure fewer than counted below
                r.created().forEach(e -> winner.put(e.id(), e));
                assertThat(r.existingIds()).hasSize(r.failures().size());
                failures += r.failures().size();
            }
            // 1,600 drafts, none created twice: 1,200 failures leave every id created once
            assertThat(failures).as(at("round %d: the other three report each id as existing", round))
                    .isEqualTo(3 * 400);
            Map<String, Employee> read = store.getAll(winner.keySet());
            for (Map.Entry<String, Employee> w : winner.entrySet()) {
                assertThat(read.get(w.getKey())).as(at("round %d: %s stored as created", round, w.getKey()))
                        .isEqualTo(w.getValue());
            }
        }
    }
}
