package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.memory.InMemoryEmployeeStore;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The TCK against a correct store that declares no optional capability: the optional tests must be skipped with a
 * reason, the rest must pass. Started through the JUnit Platform Launcher by {@link TckSelfTest}.
 */
class NoCapabilitiesTck extends EmployeeStoreTck {
    static EmployeeStore withoutCapabilities(EmployeeStore delegate) {
        return new ForwardingEmployeeStore(delegate) {
            @Override
            public Page<Employee> find(EmployeeQuery query, PageRequest page) {
                throw new UnsupportedOperationException("find is not supported by this backend");
            }

            @Override
            public Page<Employee> listByName(PageRequest page) {
                throw new UnsupportedOperationException("listByName is not supported by this backend");
            }

            @Override
            public void transact(Consumer<TransactionWriter> writes) {
                throw new UnsupportedOperationException("transact is not supported by this backend");
            }

            @Override
            public Set<Capability> capabilities() {
                return EnumSet.noneOf(Capability.class);
            }
        };
    }

    @Override
    protected EmployeeStore newStore(Clock clock) {
        return withoutCapabilities(InMemoryEmployeeStore.builder().clock(clock).build());
    }

    @Override
    protected EmployeeStore newStoreOnOtherTable(Clock clock) {
        return withoutCapabilities(InMemoryEmployeeStore.builder().name("other").clock(clock).build());
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }
}
