package io.github.employeestore.spi;

import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreatePlanTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00.123456Z"), ZoneOffset.UTC);

    private static List<Employee> drafts() {
        return Arrays.asList(
                Employee.builder().id("a").fullName("A").build(),
                Employee.builder().fullName("").build(),                // invalid
                Employee.builder().fullName("No id").build(),           // id generated
                Employee.builder().id("a").fullName("Again").build(),   // repeated id
                Employee.builder().id("b").fullName("B").version(7).build());
    }

    @Test
    void chunkByChunkGivesWhatTheWholePlanGives() {
        CreatePlan whole = CreatePlan.of(drafts(), CLOCK);
        List<ImportPlan.Entry> all = whole.writable();

        CreatePlan streamed = CreatePlan.of(drafts(), CLOCK);
        List<ImportPlan.Entry> chunks = new ArrayList<>();
        for (List<ImportPlan.Entry> c = streamed.next(1); !c.isEmpty(); c = streamed.next(2)) {
            assertThat(c.size()).isLessThanOrEqualTo(2);
            chunks.addAll(c);
        }
        assertThat(chunks).extracting(ImportPlan.Entry::index).containsExactly(0, 2, 4)
                .isEqualTo(all.stream().map(ImportPlan.Entry::index).toList());
        Employee stamped = chunks.get(2).employee();
        assertThat(stamped.version()).isEqualTo(1);
        assertThat(stamped.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"))
                .isEqualTo(stamped.updatedAt());
        assertThat(chunks.get(1).employee().id()).hasSize(36);

        CreateAllResult result = streamed.result(List.of(CreatePlan.exists(chunks.get(0))));
        assertThat(result.attempted()).isEqualTo(5);
        assertThat(result.created()).extracting(Employee::id).containsExactly(chunks.get(1).employee().id(), "b");
        assertThat(result.failures()).extracting(ImportResult.Failure::index).containsExactly(0, 1, 3);
    }

    @Test
    void aPartlyReadPlanHasNoResult() {
        CreatePlan plan = CreatePlan.of(drafts(), CLOCK);
        assertThat(plan.next(1)).hasSize(1);
        assertThatThrownBy(() -> plan.result(List.of())).isInstanceOf(IllegalStateException.class);
    }
}
