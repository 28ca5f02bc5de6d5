package io.github.employeestore.tck;

import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.PageRequest;
import io.github.employeestore.StoreConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TCK group "schema and errors"; run through {@link EmployeeStoreTck}. */
abstract class SchemaAndErrorsGroup extends TckGroup {
    SchemaAndErrorsGroup(EmployeeStoreTck kit) {
        super(kit);
    }
    @Test
    @DisplayName("§4 schema: create() is idempotent and keeps the data; exists() tells")
    void createIdempotent() {
        create("kept");
        assertThat(store.schema().exists()).isTrue();
        store.schema().create();
        store.schema().create();
        assertThat(store.schema().exists()).isTrue();
        assertThat(store.get("kept")).isPresent();
    }

    @Test
    @DisplayName("§5 StoreConfigurationException: every operation on a missing table; create() makes it work again")
    void missingTable() {
        create("gone");
        store.schema().drop();
        assertThat(store.schema().exists()).isFalse();
        store.schema().drop();
        List<Executable> calls = List.of(
                () -> store.get("gone"),
                () -> store.create(draft("n", "N").build()),
                () -> store.put(draft("n", "N").build()),
                () -> store.count(),
                () -> store.list(PageRequest.first(10)),
                () -> store.getAll(List.of("gone")),
                () -> store.delete("gone"));
        for (Executable call : calls) {
            assertThatThrownBy(call::execute).isInstanceOf(StoreConfigurationException.class);
        }
        store.schema().create();
        assertThat(store.schema().exists()).isTrue();
        assertThat(store.count()).isZero();
        assertThat(store.create(draft("back", "N").build()).version()).isEqualTo(1);
    }

    @Test
    @DisplayName("§5 errors: every failure is an unchecked EmployeeStoreException naming the id")
    void exceptionHierarchy() {
        store.create(full("h"));
        List<Executable> failing = List.of(
                () -> store.create(full("h")),
                () -> store.update(full("nobody").toBuilder().version(1).build()),
                () -> store.delete("h", 99),
                () -> store.get("bad\u0001"));
        for (Executable call : failing) {
            assertThatThrownBy(call::execute).isInstanceOf(EmployeeStoreException.class)
                    .isInstanceOf(RuntimeException.class);
        }
        assertThatThrownBy(() -> store.delete("h", 99)).hasMessageContaining("h");
    }
}
