package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.memory.InMemoryEmployeeStore;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A deliberately broken store for the TCK's self-test: the reference store with one realistic backend bug. The
 * TCK must fail, against it, at least the tests named by {@link #mustFail()}: those of the clause it breaks.
 */
interface BrokenStore {
    /** @return the bug's name */
    String name();

    /** @return a new store with the bug, on the TCK's table */
    EmployeeStore store(Clock clock);

    /** @return the store the TCK uses as "another table" */
    default EmployeeStore otherTable(Clock clock) {
        return InMemoryEmployeeStore.builder().name("other").clock(clock).build();
    }

    /** @return the test methods that must fail against this store */
    List<String> mustFail();

    /** @return the store's {@link Faults} hook, as a backend's TCK class would offer it; none by default */
    default Faults faults(EmployeeStore store) {
        return null;
    }

    /** @return the store's {@link UnindexedTable} hook, as a backend's TCK class would offer it; none by default */
    default UnindexedTable unindexedTable(EmployeeStore store) {
        return null;
    }

    /**
     * @return the store's {@link ForeignItems} hook, as a backend's TCK class would offer it; none by default (a
     *         {@link RawItemStore} offers one)
     */
    default ForeignItems foreignItems(EmployeeStore store) {
        return store instanceof RawItemStore raw ? raw.foreignItems() : null;
    }

    /**
     * @return whether its conflicts report the stored version, as a backend's TCK class would say
     *         ({@link EmployeeStoreTck#conflictsReportActualVersion()}); true by default
     */
    default boolean conflictsReportActualVersion() {
        return true;
    }

    /** @return the capabilities it declares */
    default Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    /** @return every broken store of the self-test */
    static List<BrokenStore> all() {
        List<BrokenStore> all = new java.util.ArrayList<>();
        all.addAll(List.of(BrokenStores.values()));
        all.addAll(List.of(BrokenWrites.values()));
        all.addAll(List.of(BrokenReads.values()));
        all.addAll(List.of(BrokenRules.values()));
        all.addAll(List.of(BrokenPatches.values()));
        all.addAll(List.of(BrokenBasics.values()));
        all.addAll(List.of(BrokenCreateAll.values()));
        all.addAll(List.of(BrokenSearches.values()));
        all.addAll(List.of(BrokenForeignData.values()));
        all.addAll(List.of(BrokenDetails.values()));
        all.addAll(List.of(BrokenSingles.values()));
        all.addAll(List.of(BrokenTransactions.values()));
        all.addAll(List.of(BrokenLoneChecks.values()));
        all.addAll(List.of(BrokenLoneSearches.values()));
        all.addAll(List.of(BrokenLoneReads.values()));
        all.addAll(List.of(BrokenLoneWrites.values()));
        all.addAll(List.of(BrokenLoneQueries.values()));
        all.addAll(List.of(BrokenLimits.values()));
        all.addAll(List.of(BrokenRaces.values()));
        all.addAll(List.of(BrokenFaults.values()));
        return all;
    }
}
