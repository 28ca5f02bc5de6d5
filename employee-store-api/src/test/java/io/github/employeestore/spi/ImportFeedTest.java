package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import io.github.employeestore.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportFeedTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    private static Employee e(String id) {
        return Employee.builder().id(id).fullName("N " + id).version(1).createdAt(T).updatedAt(T).build();
    }

    @Test
    void chunksTheWritableEmployeesAndReportsAsImportPlanDoes() {
        List<Employee> input = new ArrayList<>(Arrays.asList(e("a"), e("b"), null, e("a"), e("c"),
                e("d").toBuilder().version(0).build(), e("e")));
        ImportFeed feed = ImportFeed.of(input);
        assertThat(feed.expected()).isEqualTo(7);
        List<ImportPlan.Entry> first = feed.next(2);
        assertThat(first).extracting(ImportPlan.Entry::index).containsExactly(0, 1);
        assertThat(feed.next(2)).extracting(ImportPlan.Entry::index).containsExactly(4, 6);
        assertThatThrownBy(() -> feed.result(List.of())).isInstanceOf(IllegalStateException.class);
        assertThat(feed.checksTableOnly()).isFalse();
        assertThat(feed.next(2)).isEmpty();
        ImportResult viaFeed = feed.result(List.of(ImportPlan.writeFailure(first.get(1),
                new IllegalStateException("refused"))));
        ImportResult viaPlan = ImportPlan.of(input).result(List.of(ImportPlan.writeFailure(first.get(1),
                new IllegalStateException("refused"))));
        assertThat(viaFeed.attempted()).isEqualTo(7);
        assertThat(viaFeed.written()).isEqualTo(viaPlan.written()).isEqualTo(3);
        assertThat(viaFeed.failures()).extracting(ImportResult.Failure::index).containsExactly(1, 2, 3, 5);
        assertThat(viaFeed.failures()).extracting(ImportResult.Failure::reason)
                .containsExactlyElementsOf(viaPlan.failures().stream().map(ImportResult.Failure::reason).toList());
    }

    @Test
    void onlyInvalidInputChecksTheTableAndNullIsRejected() {
        ImportFeed feed = ImportFeed.of(List.of(e("x").toBuilder().createdAt(null).build()));
        assertThat(feed.next(10)).isEmpty();
        assertThat(feed.checksTableOnly()).isTrue();
        ImportFeed empty = ImportFeed.of(List.of());
        assertThat(empty.next(10)).isEmpty();
        assertThat(empty.checksTableOnly()).isFalse();
        assertThat(empty.result(List.of()).isComplete()).isTrue();
        assertThatThrownBy(() -> ImportFeed.of(null)).isInstanceOf(InvalidInputException.class);
    }
}
