package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TCK group "create"; run through {@link EmployeeStoreTck}. */
abstract class CreateGroup extends TckGroup {
    CreateGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§4.2.1, §4.2.2 create: assigns a random UUID when the id is null; version 1; timestamps from the clock")
    void assignsId() {
        Employee created = store.create(draft(null, "Grace Hopper").build());
        assertThat(created.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(created).as(at("the created employee: the draft with its id, version 1, both timestamps now"))
                .isEqualTo(draft(created.id(), "Grace Hopper").version(1).createdAt(now()).updatedAt(now()).build());
        Employee other = store.create(draft(null, "Grace Hopper").build());
        assertThat(other.id()).isNotEqualTo(created.id());
        assertThat(store.get(created.id())).contains(created);
    }

    @Test
    @DisplayName("§3.1.7, §3.1.4 model: every field round-trips exactly through create and get; badges iterate in code-point order")
    void roundTripsEveryField() {
        Employee given = full("e-1");
        Employee created = store.create(given);
        Employee expected = given.toBuilder().version(1).createdAt(now()).updatedAt(now()).build();
        assertThat(created).usingRecursiveComparison().isEqualTo(expected);
        assertThat(store.get("e-1")).get().usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    @DisplayName("§3.1.6 model: absent optional fields stay absent; an empty optional text is absent")
    void optionalFieldsAbsent() {
        store.create(draft("e-2", "Min").jobTitle("").location(null).photoKey("").build());
        Employee read = store.get("e-2").orElseThrow();
        assertThat(read.jobTitle()).isNull();
        assertThat(read.location()).isNull();
        assertThat(read.photoKey()).isNull();
        assertThat(read.badges()).isEmpty();
        assertThat(read.attributes()).isEmpty();
    }

    @Test
    @DisplayName("§4.2.3, §5.2 create: an existing id gives EmployeeAlreadyExistsException naming it; the stored employee is unchanged")
    void existingIdRejected() {
        Employee first = store.create(full("dup"));
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> store.create(draft("dup", "Someone Else").build()))
                .isInstanceOf(EmployeeAlreadyExistsException.class)
                .satisfies(e -> assertThat(((EmployeeAlreadyExistsException) e).id()).isEqualTo("dup"))
                .hasMessageContaining("dup")
                .hasMessageNotContaining("Someone Else");
        assertThat(store.get("dup")).contains(first);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    @DisplayName("§4.2.2, §4.1.3 create: the draft's version and timestamps are ignored")
    void ignoresDraftVersionAndTimestamps() {
        Employee created = store.create(draft("e-3", "V").version(42)
                .createdAt(Instant.parse("2001-01-01T00:00:00Z")).updatedAt(Instant.parse("2002-01-01T00:00:00Z"))
                .build());
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.createdAt()).isEqualTo(now());
        assertThat(store.get("e-3").orElseThrow().version()).isEqualTo(1);
    }
}
