package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.memory.InMemoryEmployeeStore;
import io.github.employeestore.spi.CursorCodec;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * The TCK against the reference implementation: every test must pass, none skipped. The store is configured as a
 * deployment would be, with its own cursor key (of the shortest length accepted), shared by both tables.
 */
class InMemoryEmployeeStoreTckTest extends EmployeeStoreTck {
    private static final String CURSOR_KEY = "k".repeat(CursorCodec.MIN_KEY_LENGTH);

    @Override
    protected EmployeeStore newStore(Clock clock) {
        return InMemoryEmployeeStore.builder().clock(clock).cursorKey(CURSOR_KEY).build();
    }

    @Override
    protected EmployeeStore newStoreOnOtherTable(Clock clock) {
        return InMemoryEmployeeStore.builder().name("other").clock(clock).cursorKey(CURSOR_KEY).build();
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }
}
