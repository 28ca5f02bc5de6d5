package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.InvalidInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCK group "read"; run through {@link EmployeeStoreTck}. */
abstract class ReadGroup extends TckGroup {
    ReadGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§4.3.1, §3.5.2 get: an absent id gives an empty Optional; ids match exactly")
    void getAbsent() {
        create("present");
        assertThat(store.get("absent")).as(at("get(absent)")).isEmpty();
        assertThat(store.get("present")).as(at("get(present)")).isPresent();
        assertThat(store.get("Present")).as(at("get(Present): ids match exactly, case counts")).isEmpty();
        assertThat(store.get("PRESENT")).as(at("get(PRESENT): ids match exactly, case counts")).isEmpty();
    }

    @Test
    @DisplayName("§4.4.1 getAll: missing ids are absent from the map; found ones iterate in the order given")
    void getAllWithMissing() {
        create("a");
        create("b");
        create("c");
        Map<String, Employee> found = store.getAll(List.of("c", "missing-1", "a", "missing-2", "a"));
        assertThat(found.keySet()).containsExactly("c", "a");
        assertThat(found.get("a")).isEqualTo(store.get("a").orElseThrow());
        assertThat(store.getAll(List.of())).isEmpty();
        assertThat(store.getAll(List.of("nope"))).isEmpty();
    }

    @Test
    @DisplayName("§4.4.2 getAll: 1,000 ids in one call, every one found exactly")
    void getAllThousand() {
        List<Employee> created = seed(1000, "g");
        List<String> ids = new ArrayList<>(ids(created));
        Collections.reverse(ids);
        Map<String, Employee> found = store.getAll(ids);
        assertThat(new ArrayList<>(found.keySet())).isEqualTo(ids);
        for (Employee e : created) {
            assertThat(found.get(e.id())).isEqualTo(e);
        }
    }

    @Test
    @DisplayName("§4.4.3 getAll: more than 1,000 ids are rejected with InvalidInputException")
    void getAllTooMany() {
        List<String> ids = IntStream.range(0, 1001).mapToObj(i -> "id" + i).toList();
        assertRejected("ids", () -> store.getAll(ids));
    }

    @Test
    @DisplayName("§4.12.1 count: exact after creates, puts and deletes")
    void countExact() {
        assertThat(store.count()).isZero();
        createMany(57, "c");
        assertThat(store.count()).isEqualTo(57);
        store.put(draft("c00003", "again").build());
        store.delete("c00004");
        store.delete("c00005");
        assertThat(store.count()).isEqualTo(55);
    }

    @Test
    @DisplayName("§4.11.1, §4.11.2 stream: every employee exactly once, in list order, lazily — it sees writes made ahead of it while it runs")
    void streamsAll() {
        Stream<Employee> openedEarly = store.stream();
        seed(1037, "s");
        List<String> order = ids(listAll(store, 1000));
        List<String> streamed = store.stream().map(Employee::id).toList();
        assertThat(streamed).as(at("stream of 1,037 employees: the ids of list, in its order")).isEqualTo(order);
        assertThat(openedEarly.count()).as(at("a stream opened before 1,037 creates reads nothing until consumed"))
                .isEqualTo(1037);
        assertThat(store.stream().limit(3).count()).as(at("stream().limit(3)")).isEqualTo(3);

        Iterator<Employee> running = store.stream().iterator();
        List<Employee> streamedWhileWriting = new ArrayList<>();
        streamedWhileWriting.add(running.next());
        String last = order.get(order.size() - 1);
        String beforeLast = order.get(order.size() - 2);
        store.delete(last);
        store.put(store.get(beforeLast).orElseThrow().toBuilder().jobTitle("Changed while streaming").build());
        running.forEachRemaining(streamedWhileWriting::add);
        assertThat(ids(streamedWhileWriting)).as(at("a running stream after deleting %s (last in list order, on a "
                + "later page): the ids of list, in its order, without it", last))
                .isEqualTo(order.subList(0, order.size() - 1));
        assertThat(streamedWhileWriting.get(streamedWhileWriting.size() - 1).jobTitle())
                .as(at("%s, changed ahead of the running stream, is streamed as changed", beforeLast))
                .isEqualTo("Changed while streaming");
    }

    @Test
    @DisplayName("§4.1.4, §4.12.1, §4.4.1 reads after writes: count, get, getAll, list, stream and find reflect every kind of write, including importAll and transact")
    void readsSeeEveryWritePath() {
        Map<String, Employee> expected = new TreeMap<>();
        for (String id : List.of("a", "b", "c")) {
            expected.put(id, create(id));
        }
        check(expected, "3 creates");
        expected.put("d", store.put(draft("d", "D").location("Oslo").build()));
        check(expected, "put of a new id");
        expected.put("a", store.put(draft("a", "A2").location("Oslo").build()));
        check(expected, "put of an existing id");
        expected.put("b", store.update(expected.get("b").toBuilder().fullName("B2").location("Oslo").build()));
        check(expected, "update");
        store.delete("c");
        expected.remove("c");
        check(expected, "delete(c)");
        store.delete("d", 1);
        expected.remove("d");
        check(expected, "delete(d, 1)");
        Instant t = Instant.parse("2019-03-04T05:06:07.089Z");
        Employee importedA = draft("a", "A3").location("Imported").version(10).createdAt(t).updatedAt(t).build();
        Employee importedE = draft("e", "E").location("Imported").version(3).createdAt(t).updatedAt(t).build();
        assertThat(store.importAll(List.of(importedA, importedE)).isComplete()).as(at("importAll(a, e)")).isTrue();
        expected.put("a", importedA);
        expected.put("e", importedE);
        check(expected, "importAll replacing a and adding e");
        if (capabilities().contains(Capability.TRANSACTIONS)) {
            String[] f = new String[1];
            store.transact(w -> {
                f[0] = w.create(draft(null, "F").location("Imported").build());
                w.delete("a");
                w.put(draft("b", "B3").build());
            });
            expected.remove("a");
            expected.put(f[0], store.get(f[0]).orElseThrow());
            expected.put("b", store.get("b").orElseThrow());
            assertThat(expected.get("b").version()).as(at("version of b after the transaction's put")).isEqualTo(3);
            check(expected, "transact(create f, delete a, put b)");
        }
    }

    private void check(Map<String, Employee> expected, String after) {
        assertThat(store.count()).as(at("count after %s", after)).isEqualTo(expected.size());
        for (String id : List.of("a", "b", "c", "d", "e")) {
            assertThat(store.get(id)).as(at("get(%s) after %s", id, after)).isEqualTo(
                    java.util.Optional.ofNullable(expected.get(id)));
        }
        List<String> asked = new ArrayList<>(List.of("e", "d", "c", "b", "a"));
        asked.addAll(expected.keySet());
        Map<String, Employee> read = store.getAll(asked);
        assertThat(new TreeMap<>(read)).as(at("getAll(%s) after %s", asked, after)).isEqualTo(expected);
        assertThat(listAll(store, 2)).as(at("list in pages of 2 after %s", after))
                .containsExactlyInAnyOrderElementsOf(expected.values());
        assertThat(store.stream().toList()).as(at("stream after %s", after))
                .containsExactlyInAnyOrderElementsOf(expected.values());
        if (capabilities().contains(Capability.QUERIES)) {
            for (String location : List.of("Oslo", "Imported")) {
                List<String> matching = expected.values().stream().filter(e -> location.equals(e.location()))
                        .map(Employee::id).sorted().toList();
                assertThat(ids(findAll(EmployeeQuery.byLocation(location), 10)).stream().sorted().toList())
                        .as(at("find(location=%s) after %s", location, after)).isEqualTo(matching);
            }
        }
    }

    @Test
    @DisplayName("§4.11.1 stream: an empty store streams nothing")
    void streamEmpty() {
        assertThat(store.stream().count()).isZero();
    }
}
