package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCK group "import"; run through {@link EmployeeStoreTck}. */
abstract class ImportGroup extends TckGroup {
    ImportGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§4.13.1 importAll: 2,500 employees written exactly as given — ids, versions and timestamps kept")
    void importsExactly() {
        TckData data = new TckData(2500);
        List<Employee> given = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            Instant created = data.instant();
            given.add(data.employee(String.format("imp-%05d", i)).toBuilder()
                    .version(data.between(1, 100_000))
                    .createdAt(created)
                    .updatedAt(created.plusMillis(data.between(0, 1_000_000)))
                    .build());
        }
        ImportResult result = store.importAll(given);
        assertThat(result).as(at("the result: every employee written")).isEqualTo(new ImportResult(2500, 2500,
                List.of()));
        assertThat(store.count()).isEqualTo(2500);
        for (int from = 0; from < given.size(); from += 1000) {
            List<Employee> chunk = given.subList(from, Math.min(given.size(), from + 1000));
            Map<String, Employee> read = store.getAll(ids(chunk));
            for (Employee e : chunk) {
                assertThat(read.get(e.id())).as("imported %s", e.id()).usingRecursiveComparison().isEqualTo(e);
            }
        }
    }

    @Test
    @DisplayName("§4.13.1 importAll: replaces stored employees without version checks")
    void replaces() {
        store.create(full("r1"));
        Employee older = full("r1").toBuilder().fullName("Imported").version(3)
                .createdAt(Instant.parse("2010-01-01T00:00:00Z")).updatedAt(Instant.parse("2011-01-01T00:00:00.001Z"))
                .build();
        assertThat(store.importAll(List.of(older)).isComplete()).isTrue();
        assertThat(store.get("r1")).contains(older);
    }

    @Test
    @DisplayName("§4.13.2 importAll: a mix reports exactly the invalid ids, with reasons, and writes all the valid ones")
    void mixedValidity() {
        Instant t = Instant.parse("2020-02-02T02:02:02.020Z");
        List<Employee> given = new ArrayList<>();
        Set<String> invalid = new LinkedHashSet<>();
        for (int i = 0; i < 200; i++) {
            Employee.Builder b = draft(String.format("m%04d", i), "Name " + i).version(1).createdAt(t).updatedAt(t);
            switch (i % 10) {
                case 3 -> b.fullName("x".repeat(201));
                case 5 -> b.version(0);
                case 7 -> b.createdAt(null);
                case 8 -> b.updatedAt(t.plusNanos(1));
                default -> { }
            }
            Employee e = b.build();
            if (i % 10 == 3 || i % 10 == 5 || i % 10 == 7 || i % 10 == 8) {
                invalid.add(e.id());
            }
            given.add(e);
        }
        given.add(draft(null, "No id").version(1).createdAt(t).updatedAt(t).build());
        given.add(draft("m0000", "Duplicate of the first").version(1).createdAt(t).updatedAt(t).build());
        ImportResult result = store.importAll(given);
        // with the failed ids below, the 202 attempted (ImportResult's invariant: written plus failures)
        assertThat(result.written()).isEqualTo(200 - invalid.size());
        List<String> expectedFailed = new ArrayList<>(invalid);
        expectedFailed.add(null);
        expectedFailed.add("m0000");
        assertThat(result.failedIds()).containsExactlyElementsOf(expectedFailed);
        assertThat(result.failures()).allSatisfy(f -> assertThat(f.reason()).isNotBlank());
        assertThat(result.failures().get(0).index()).isEqualTo(3);
        assertThat(result.failures().get(result.failures().size() - 1).index()).isEqualTo(201);
        assertThat(store.count()).isEqualTo(200 - invalid.size());
        for (Employee e : given.subList(0, 200)) {
            assertThat(store.get(e.id()).isPresent()).as("written: %s", e.id()).isEqualTo(!invalid.contains(e.id()));
        }
        assertThat(store.get("m0000").orElseThrow().fullName()).isEqualTo("Name 0");
    }

    @Test
    @DisplayName("§4.13.2 importAll: a null element is reported by its index, the others are written")
    void nullElement() {
        Instant t = Instant.parse("2020-02-02T02:02:02.020Z");
        Employee valid = draft("valid", "V").version(2).createdAt(t).updatedAt(t).build();
        ImportResult result = store.importAll(java.util.Arrays.asList(null, valid, null));
        assertThat(result.failures()).extracting(ImportResult.Failure::index)
                .as(at("importAll(null, valid, null): the failures' indexes")).containsExactly(0, 2);
        assertThat(result.written()).as(at("importAll(null, valid, null): written")).isEqualTo(1);
        assertThat(store.get("valid")).as(at("get(valid)")).contains(valid);
    }

    @Test
    @DisplayName("§4.13.3 importAll: an empty collection writes nothing")
    void empty() {
        ImportResult result = store.importAll(List.of());
        assertThat(result).as(at("importAll(empty)")).isEqualTo(new ImportResult(0, 0, List.of()));
    }
}
