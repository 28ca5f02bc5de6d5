package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.InvalidInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCK group "read"; run through {@link EmployeeStoreTck}. */
abstract class ReadGroup extends TckGroup {
    ReadGroup(EmployeeStoreTck kit) {
        super(kit);
    }
    @Test
    @DisplayName("§4 get: an absent id gives an empty Optional")
    void getAbsent() {
        create("present");
        assertThat(store.get("absent")).isEmpty();
        assertThat(store.get("present")).isPresent();
    }

    @Test
    @DisplayName("§4 getAll: missing ids are absent from the map; found ones iterate in the order given")
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
    @DisplayName("§4 getAll: 1,000 ids in one call, every one found exactly")
    void getAllThousand() {
        List<Employee> created = createMany(1000, "g");
        List<String> ids = new ArrayList<>(ids(created));
        Collections.reverse(ids);
        Map<String, Employee> found = store.getAll(ids);
        assertThat(found).hasSize(1000);
        assertThat(new ArrayList<>(found.keySet())).isEqualTo(ids);
        for (Employee e : created) {
            assertThat(found.get(e.id())).isEqualTo(e);
        }
    }

    @Test
    @DisplayName("§4 getAll: more than 1,000 ids are rejected with InvalidInputException")
    void getAllTooMany() {
        List<String> ids = IntStream.range(0, 1001).mapToObj(i -> "id" + i).toList();
        assertRejected("ids", () -> store.getAll(ids));
    }

    @Test
    @DisplayName("§4 count: exact after creates, puts and deletes")
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
    @DisplayName("§4 stream: every employee exactly once, in list order, lazily")
    void streamsAll() {
        createMany(1037, "s");
        List<String> streamed = store.stream().map(Employee::id).toList();
        assertThat(streamed).hasSize(1037).doesNotHaveDuplicates();
        assertThat(streamed).isEqualTo(ids(listAll(store, 1000)));
        assertThat(store.stream().limit(3).count()).isEqualTo(3);
    }

    @Test
    @DisplayName("§4 stream: an empty store streams nothing")
    void streamEmpty() {
        assertThat(store.stream().count()).isZero();
    }
}
