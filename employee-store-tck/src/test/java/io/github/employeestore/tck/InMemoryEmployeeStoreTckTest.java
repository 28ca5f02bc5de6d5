package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.memory.InMemoryEmployeeStore;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/** The TCK against the reference implementation: every test must pass, none skipped. */
class InMemoryEmployeeStoreTckTest extends EmployeeStoreTck {
    @Override
    protected EmployeeStore newStore(Clock clock) {
        return InMemoryEmployeeStore.builder().clock(clock).build();
    }

    @Override
    protected EmployeeStore newStoreOnOtherTable(Clock clock) {
        return InMemoryEmployeeStore.builder().name("other").clock(clock).build();
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }
}
