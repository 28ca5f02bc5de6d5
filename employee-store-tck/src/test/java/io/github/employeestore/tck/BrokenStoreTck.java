package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;

import java.time.Clock;
import java.util.Set;

/**
 * The TCK against whichever broken store {@link TckSelfTest} selects. Not run by itself: its name does not match
 * the test-class patterns, and it is started through the JUnit Platform Launcher.
 */
class BrokenStoreTck extends EmployeeStoreTck {
    static volatile BrokenStore current;

    @Override
    protected EmployeeStore newStore(Clock clock) {
        return current.store(clock);
    }

    @Override
    protected EmployeeStore newStoreOnOtherTable(Clock clock) {
        return current.otherTable(clock);
    }

    @Override
    protected Set<Capability> capabilities() {
        return current.capabilities();
    }

    @Override
    protected Faults faults(EmployeeStore store) {
        return current.faults(store);
    }
}
