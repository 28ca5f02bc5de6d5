package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCK group "put"; run through {@link EmployeeStoreTck}. */
abstract class PutGroup extends TckGroup {
    PutGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§4.6.1 put: creates a new employee with version 1")
    void createsNew() {
        Employee put = store.put(full("p-1").toBuilder().version(9).build());
        assertThat(put).as(at("put of a new id: as given, version 1, both timestamps now"))
                .isEqualTo(full("p-1").toBuilder().version(1).createdAt(now()).updatedAt(now()).build());
        assertThat(store.get("p-1")).contains(put);
    }

    @Test
    @DisplayName("§4.6.2 put: replaces an existing employee wholly; version = stored + 1, createdAt kept")
    void replaces() {
        Employee created = store.create(full("p-2"));
        clock.advance(Duration.ofHours(1));
        Employee replacement = draft("p-2", "Replacement").attribute("only", AttributeValue.of("this")).build();
        Employee put = store.put(replacement);
        Employee expected = replacement.toBuilder().version(2).createdAt(created.createdAt())
                .updatedAt(now()).build();
        assertThat(put).usingRecursiveComparison().isEqualTo(expected);
        assertThat(store.get("p-2")).contains(expected);
    }

    @Test
    @DisplayName("§4.6.2, §4.1.3 put: the given version does not matter")
    void ignoresVersion() {
        store.create(full("p-3"));
        store.put(full("p-3").toBuilder().version(1).build());
        Employee third = store.put(full("p-3").toBuilder().version(77).build());
        assertThat(third.version()).isEqualTo(3);
    }
}
