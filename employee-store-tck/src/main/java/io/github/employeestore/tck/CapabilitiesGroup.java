package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.PageRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** The TCK group "capabilities"; run through {@link EmployeeStoreTck}. */
abstract class CapabilitiesGroup extends TckGroup {
    CapabilitiesGroup(EmployeeStoreTck kit) {
        super(kit);
    }
    @Test
    @DisplayName("§4 capabilities: the store declares exactly the capabilities the TCK was told")
    void declaredCapabilitiesMatch() {
        assertThat(store.capabilities()).containsExactlyInAnyOrderElementsOf(capabilities());
    }

    @Test
    @DisplayName("§4 capabilities: an undeclared capability throws UnsupportedOperationException, a declared one works")
    void undeclaredCapabilitiesThrow() {
        Executable find = () -> store.find(EmployeeQuery.byLocation("Seattle"), PageRequest.first(10));
        Executable transact = () -> store.transact(w -> w.put(draft("cap-1", "Cap").build()));
        check(Capability.QUERIES, find);
        check(Capability.TRANSACTIONS, transact);
    }

    private void check(Capability capability, Executable call) {
        if (capabilities().contains(capability)) {
            try {
                call.execute();
            } catch (Throwable t) {
                fail("declared capability " + capability + " failed", t);
            }
        } else {
            assertThatThrownBy(call::execute).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    @DisplayName("§4 description: the store describes itself without credentials")
    void description() {
        assertThat(store.description()).isNotBlank().doesNotContainIgnoringCase("password");
    }
}
