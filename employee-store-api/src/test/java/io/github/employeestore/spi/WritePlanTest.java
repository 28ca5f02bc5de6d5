package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.TransactionWriter;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WritePlanTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00.123456Z");
    private static final Instant NOW_MS = Instant.parse("2026-11-25T10:00:00.123Z");
    private static final Instant CREATED = Instant.parse("2020-01-01T00:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Employee.Builder employee(String id) {
        return Employee.builder().id(id).fullName("Ada").location("London").badge("b");
    }

    @Test
    void createAssignsIdVersionOneAndBothTimestampsAndExpectsAbsence() {
        WritePlan plan = WritePlan.create(employee(null).build(), clock);
        assertThat(plan.kind()).isEqualTo(WritePlan.Kind.CREATE);
        assertThat(plan.condition()).isEqualTo(WritePlan.Condition.ABSENT);
        assertThat(plan.expectedVersion()).isEmpty();
        assertThat(plan.id()).hasSize(36);
        Employee e = plan.whenAbsent();
        assertThat(e.id()).isEqualTo(plan.id());
        assertThat(e.version()).isEqualTo(1);
        assertThat(e.createdAt()).isEqualTo(NOW_MS);
        assertThat(e.updatedAt()).isEqualTo(NOW_MS);
        assertThat(plan.values()).isEqualTo(e);
        assertThatThrownBy(() -> plan.whenStored(1, CREATED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void updateCarriesTheExpectedVersionAndKeepsTheStoredCreationTime() {
        WritePlan plan = WritePlan.update(employee("a").version(7).createdAt(Instant.EPOCH).build(), clock);
        assertThat(plan.condition()).isEqualTo(WritePlan.Condition.VERSION_EQUALS);
        assertThat(plan.expectedVersion()).hasValue(7);
        assertThat(plan.values().version()).isEqualTo(8);
        assertThat(plan.values().createdAt()).isNull();
        assertThat(plan.values().updatedAt()).isEqualTo(NOW_MS);
        Employee stored = plan.whenStored(7, CREATED);
        assertThat(stored.version()).isEqualTo(8);
        assertThat(stored.createdAt()).isEqualTo(CREATED);
        assertThat(stored.updatedAt()).isEqualTo(NOW_MS);
        assertThat(stored.location()).isEqualTo("London");
        assertThatThrownBy(() -> plan.whenStored(6, CREATED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(plan::whenAbsent).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void putIsUnconditionalAndCountsOnFromTheStoredVersion() {
        WritePlan plan = WritePlan.put(employee("p").version(99).build(), clock);
        assertThat(plan.condition()).isEqualTo(WritePlan.Condition.NONE);
        assertThat(plan.whenAbsent().version()).isEqualTo(1);
        assertThat(plan.whenAbsent().createdAt()).isEqualTo(NOW_MS);
        assertThat(plan.whenStored(4, CREATED).version()).isEqualTo(5);
        assertThat(plan.whenStored(4, CREATED).createdAt()).isEqualTo(CREATED);
        // an item written by others without version or created_at
        assertThat(plan.whenStored(0, null).version()).isEqualTo(1);
        assertThat(plan.whenStored(0, null).createdAt()).isEqualTo(NOW_MS);
        assertThat(plan.now()).isEqualTo(NOW_MS);
    }

    @Test
    void writtenTakesTheVersionAndCreationTimeTheDatabaseReports() {
        WritePlan create = WritePlan.create(employee("c").build(), clock);
        assertThat(create.written(1, NOW_MS)).isEqualTo(create.whenAbsent());
        assertThatThrownBy(() -> create.written(2, NOW_MS)).isInstanceOf(IllegalArgumentException.class);
        WritePlan update = WritePlan.update(employee("u").version(4).build(), clock);
        assertThat(update.written(5, CREATED)).isEqualTo(update.whenStored(4, CREATED));
        assertThatThrownBy(() -> update.written(6, CREATED)).isInstanceOf(IllegalArgumentException.class);
        WritePlan put = WritePlan.put(employee("p").build(), clock);
        assertThat(put.written(9, CREATED).version()).isEqualTo(9);
        assertThat(put.written(9, CREATED).createdAt()).isEqualTo(CREATED);
        assertThatThrownBy(() -> put.written(0, CREATED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidInputIsRejectedWhenThePlanIsMade() {
        assertThatThrownBy(() -> WritePlan.create(employee(null).fullName(" ").build(), clock))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> WritePlan.update(employee("a").version(-1).build(), clock))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> WritePlan.put(employee(null).build(), clock))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void transactionOperationsMapToTheirPlans() {
        List<TransactionOperation> ops = TransactionPlan.record((TransactionWriter w) -> {
            w.create(employee("c").build());
            w.update(employee("u").version(3).build());
            w.put(employee("p").build());
            w.delete("d");
        });
        assertThat(WritePlan.of(ops.get(0), clock).kind()).isEqualTo(WritePlan.Kind.CREATE);
        assertThat(WritePlan.of(ops.get(1), clock).expectedVersion()).hasValue(3);
        assertThat(WritePlan.of(ops.get(2), clock).kind()).isEqualTo(WritePlan.Kind.PUT);
        assertThatThrownBy(() -> WritePlan.of(ops.get(3), clock)).isInstanceOf(IllegalArgumentException.class);
        assertThat(WritePlan.of(ops.get(1), clock)).isEqualTo(WritePlan.update(employee("u").version(3).build(), clock));
    }
}
