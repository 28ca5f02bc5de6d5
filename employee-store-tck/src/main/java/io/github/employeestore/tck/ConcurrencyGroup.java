package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.VersionConflictException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCK group "concurrency"; run through {@link EmployeeStoreTck}. */
abstract class ConcurrencyGroup extends TckGroup {
    ConcurrencyGroup(EmployeeStoreTck kit) {
        super(kit);
    }
    @Test
    @DisplayName("§4 create: 16 threads creating one id at once — exactly one succeeds, 15 get EmployeeAlreadyExistsException")
    void concurrentCreates() throws Exception {
        for (int round = 0; round < 3; round++) {
            String id = "race-" + round;
            List<Object> outcomes = concurrently(16, () -> store.create(draft(id, "Racer").build()));
            assertThat(outcomes).filteredOn(o -> o instanceof Employee).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof EmployeeAlreadyExistsException).hasSize(15);
            assertThat(store.get(id).orElseThrow().version()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("§4 update: 16 concurrent updates carrying the same version — exactly one succeeds, the rest get VersionConflictException")
    void concurrentUpdates() throws Exception {
        Employee e = store.create(full("cu"));
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        List<Object> outcomes = concurrently(16, () -> store.update(e.toBuilder()
                .attribute("writer", AttributeValue.of(n.incrementAndGet())).build()));
        List<Object> winners = outcomes.stream().filter(o -> o instanceof Employee).toList();
        assertThat(winners).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof VersionConflictException).hasSize(15);
        Employee stored = store.get("cu").orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored).isEqualTo(winners.get(0));
    }

    @Test
    @DisplayName("§4 put: 16 threads × 50 puts of one employee at version 1 end at version 801 — no increment lost")
    void concurrentPuts() throws Exception {
        Employee e = store.create(full("cp"));
        List<Object> outcomes = concurrently(16, () -> {
            long last = 0;
            for (int i = 0; i < 50; i++) {
                long v = store.put(e).version();
                if (v <= last) {
                    throw new AssertionError("versions seen by one thread must grow: " + last + " then " + v);
                }
                last = v;
            }
            return last;
        });
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Long.class));
        assertThat(store.get("cp").orElseThrow().version()).isEqualTo(801);
        assertThat(store.get("cp").orElseThrow().createdAt()).isEqualTo(e.createdAt());
    }

    @Test
    @DisplayName("§4 delete(id, version): of 16 concurrent versioned deletes exactly one succeeds")
    void concurrentDeletes() throws Exception {
        Employee e = store.create(full("cd"));
        List<Object> outcomes = concurrently(16, () -> {
            store.delete("cd", e.version());
            return "deleted";
        });
        assertThat(outcomes).filteredOn("deleted"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !"deleted".equals(o)).allSatisfy(o -> assertThat(o)
                .isInstanceOfAny(EmployeeNotFoundException.class, VersionConflictException.class));
        assertThat(store.get("cd")).isEmpty();
    }
}
