package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import io.github.employeestore.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportChunksTest {
    private static Employee employee(String id, int nameLength) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return Employee.builder().id(id).fullName("n".repeat(nameLength)).version(1).createdAt(t).updatedAt(t)
                .build();
    }

    @Test
    void chunksByCountAndBySizeInInputOrderKeepingIndexes() {
        List<Employee> input = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            input.add(employee("e" + i, 10));
        }
        input.add(2, null);                       // invalid: reported, not chunked
        input.add(employee("big", 150));          // alone larger than the byte limit
        input.add(employee("e0", 10));            // repeated id
        ImportPlan plan = ImportPlan.of(input);
        List<List<ImportPlan.Entry>> byCount = plan.chunks(3, Long.MAX_VALUE, e -> 1);
        assertThat(byCount).extracting(List::size).containsExactly(3, 3, 2);
        List<List<ImportPlan.Entry>> bySize = plan.chunks(100, 100, e -> e.fullName().length() * 2L);
        assertThat(bySize).extracting(List::size).containsExactly(5, 2, 1);
        assertThat(bySize.get(1)).extracting(ImportPlan.Entry::index).containsExactly(6, 7);
        assertThat(bySize.get(2).get(0).employee().id()).isEqualTo("big");
        assertThat(bySize.stream().mapToInt(List::size).sum()).isEqualTo(plan.writable().size());
        assertThatThrownBy(() -> plan.chunks(0, 1, e -> 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeReportsRefusedEmployeesByIndexAndIdAndRethrowsAnUnreachableStore() {
        List<Employee> input = List.of(employee("a", 5), employee("b", 5), employee("c", 5), employee("d", 5));
        ImportResult result = ImportPlan.of(input).write(2, Long.MAX_VALUE, ItemSize::of, chunk -> chunk.stream()
                .filter(e -> e.employee().id().equals("c"))
                .map(e -> ImportPlan.writeFailure(e, new IllegalStateException("refused")))
                .toList());
        assertThat(result.written()).isEqualTo(3);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(2);
            assertThat(f.id()).isEqualTo("c");
        });
        List<String> written = new ArrayList<>();
        assertThatThrownBy(() -> ImportPlan.of(input).write(2, Long.MAX_VALUE, ItemSize::of, chunk -> {
            if (!written.isEmpty()) {
                throw new StoreUnavailableException("connection lost", null, true);
            }
            chunk.forEach(e -> written.add(e.employee().id()));
            return List.of();
        })).isInstanceOf(StoreUnavailableException.class);
        assertThat(written).containsExactly("a", "b");
    }
}
