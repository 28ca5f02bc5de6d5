package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;

import java.time.Clock;
import java.util.Set;

/**
 * The TCK against whichever broken store {@link TckSelfTest} selects. Not run by itself: its name does not match
 * the test-class patterns, and it is started through the JUnit Platform Launcher; selected by a pattern such as
 * {@code -Dtest='*Tck*'}, with no broken store selected, each of its tests is skipped.
 */
class BrokenStoreTck extends EmployeeStoreTck {
    static volatile BrokenStore current;

    @Override
    protected EmployeeStore newStore(Clock clock) {
        org.junit.jupiter.api.Assumptions.assumeTrue(current != null,
                "run by TckSelfTest and GeneratedPowerTest, which select a broken store");
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
    protected boolean conflictsReportActualVersion() {
        return current.conflictsReportActualVersion();
    }

    @Override
    protected ForeignItems foreignItems(EmployeeStore store) {
        return current.foreignItems(store);
    }

    @Override
    protected Faults faults(EmployeeStore store) {
        return current.faults(store);
    }

    @Override
    protected UnindexedTable unindexedTable(EmployeeStore store) {
        return current.unindexedTable(store);
    }
}
