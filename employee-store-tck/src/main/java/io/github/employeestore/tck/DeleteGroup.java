package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.VersionConflictException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TCK group "delete"; run through {@link EmployeeStoreTck}. */
abstract class DeleteGroup extends TckGroup {
    DeleteGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§4.7.1 delete(id): true when something was deleted, then false")
    void deletes() {
        create("d-1");
        create("d-2");
        assertThat(store.delete("d-1")).isTrue();
        assertThat(store.get("d-1")).isEmpty();
        assertThat(store.delete("d-1")).isFalse();
        assertThat(store.delete("never")).isFalse();
        assertThat(store.get("d-2")).isPresent();
    }

    @Test
    @DisplayName("§4.8.1 delete(id, version): deletes when the version matches")
    void versionedDelete() {
        Employee e = store.create(full("d-3"));
        e = store.update(e.toBuilder().fullName("x").build());
        store.delete("d-3", e.version());
        assertThat(store.get("d-3")).isEmpty();
    }

    @Test
    @DisplayName("§4.8.2, §5.2 delete(id, version): another version gives VersionConflictException and deletes nothing")
    void versionedDeleteConflict() {
        Employee e = store.create(full("d-4"));
        store.update(e.toBuilder().fullName("x").build());
        assertThatThrownBy(() -> store.delete("d-4", 1))
                .isInstanceOf(VersionConflictException.class)
                .satisfies(x -> {
                    VersionConflictException c = (VersionConflictException) x;
                    assertThat(c.expectedVersion()).isEqualTo(1);
                    assertActualVersion(c, 2);
                });
        assertThat(store.get("d-4")).isPresent();
    }

    @Test
    @DisplayName("§4.8.3 delete(id, version): an absent id gives EmployeeNotFoundException")
    void versionedDeleteNotFound() {
        assertThatThrownBy(() -> store.delete("nobody", 1)).isInstanceOf(EmployeeNotFoundException.class);
    }
}
