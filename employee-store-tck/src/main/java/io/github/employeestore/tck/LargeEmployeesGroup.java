package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TCK group "large employees": employees at the item limit through every method that returns many, sized so
 * that the fewest employees cross DynamoDB's limits (1 MB per Scan or Query page, 16 MB per BatchGetItem answer):
 * 47 employees of 350 KiB make 16.8 MB.
 */
abstract class LargeEmployeesGroup extends TckGroup {
    /** 47 × 358,400 bytes = 16,844,800 bytes, just over the 16 MiB a DynamoDB batch read returns at most. */
    static final int COUNT = 47;

    LargeEmployeesGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§3.4.2, §4.4.2, §4.9.1, §4.10.2, §4.11.1, §4.13.1 large employees: 47 at the item limit are imported, listed, found, batch-read and streamed completely")
    void atTheLimitEverywhere() {
        List<Employee> large = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            large.add(SizedEmployees.ofSize(String.format("large-%02d", i), Limits.MAX_ITEM_BYTES).toBuilder()
                    .fullName(String.format("Large %02d", COUNT - i)).version(1 + i)
                    .createdAt(TckClock.START.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                    .updatedAt(TckClock.START.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).build());
        }
        ImportResult imported = store.importAll(large);
        assertThat(imported).as(at("importAll of %d employees of %d bytes: every one written", COUNT,
                Limits.MAX_ITEM_BYTES)).isEqualTo(new ImportResult(COUNT, COUNT, List.of()));
        assertThat(store.count()).as(at("count after importing %d large employees", COUNT)).isEqualTo(COUNT);
        Set<String> expected = new HashSet<>(ids(large));

        List<Employee> listed = listAll(store, 10);
        assertThat(ids(listed)).as(at("list in pages of 10: ids")).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids(listed))).as(at("list in pages of 10: every large employee")).isEqualTo(expected);
        Page<Employee> all = store.list(PageRequest.first(1000));
        assertThat(all.items()).as(at("list(first 1000) of %d large employees: one full page", COUNT)).hasSize(COUNT);

        Map<String, Employee> read = store.getAll(ids(large));
        assertThat(read.keySet()).as(at("getAll of %d large employees (16.8 MB): ids, in the order given", COUNT))
                .containsExactlyElementsOf(ids(large));
        for (Employee e : large) {
            assertThat(read.get(e.id()).attributes()).as(at("getAll: attributes of %s", e.id()))
                    .isEqualTo(e.attributes());
            assertThat(read.get(e.id()).version()).as(at("getAll: version of %s, as imported", e.id()))
                    .isEqualTo(e.version());
        }
        assertThat(store.stream().map(Employee::id).toList()).as(at("stream of %d large employees: list order",
                COUNT)).isEqualTo(ids(listAll(store, 1000)));

        if (capabilities().contains(Capability.QUERIES)) {
            List<Employee> found = findAll(EmployeeQuery.byLocation("Big"), 20);
            List<String> byName = new ArrayList<>(ids(large));
            java.util.Collections.reverse(byName);
            assertThat(ids(found)).as(at("find(location=Big) in pages of 20: every large employee, by full name"))
                    .isEqualTo(byName);
        }
    }
}
