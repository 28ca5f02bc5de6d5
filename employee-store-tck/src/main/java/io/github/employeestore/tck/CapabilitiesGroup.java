package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
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
    @DisplayName("§4.17.1 capabilities: the store declares exactly the capabilities the TCK was told")
    void declaredCapabilitiesMatch() {
        assertThat(store.capabilities()).containsExactlyInAnyOrderElementsOf(capabilities());
    }

    @Test
    @DisplayName("§4.17.1, §7.3, §4.20.9 capabilities: an undeclared capability throws UnsupportedOperationException, a declared one works")
    void undeclaredCapabilitiesThrow() {
        Executable find = () -> store.find(EmployeeQuery.byLocation("Seattle"), PageRequest.first(10));
        Executable transact = () -> store.transact(w -> w.put(draft("cap-1", "Cap").build()));
        check(Capability.QUERIES, find);
        check(Capability.TRANSACTIONS, transact);
        check(Capability.SEARCH, () -> store.listByName(PageRequest.first(10)));
        check(Capability.SEARCH, () -> store.find(EmployeeQuery.byName("ada"), PageRequest.first(10)));
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
    @DisplayName("§4.17.2 description: a short text naming the backend, without credentials")
    void description() {
        String description = store.description();
        assertThat(description).as(at("description()")).isNotBlank();
        assertThat(description.length()).as(at("length of description() \"%s\"", description))
                .isLessThanOrEqualTo(300);
        assertThat(description).as(at("description() must carry no credentials"))
                .doesNotContainPattern("(?i)password|passwd|pwd=|secret|token|credential|\\bkey=")
                // user info of every shape: user:password@, :password@, user@, user:@
                .doesNotContainPattern("//[^/\\s@?#]*@");
    }

    @Test
    @DisplayName("§4.17.3 close: idempotent; the TCK closes the store again after the test")
    void closeIsIdempotent() {
        EmployeeStore other = newStoreOnOtherTable(clock);
        other.create(draft("c", "C").build());
        other.close();
        org.assertj.core.api.Assertions.assertThatCode(other::close)
                .as(at("a second close() of a store does nothing")).doesNotThrowAnyException();
        assertThat(store.count()).as(at("the store under test works after another store was closed twice"))
                .isZero();
    }
}
