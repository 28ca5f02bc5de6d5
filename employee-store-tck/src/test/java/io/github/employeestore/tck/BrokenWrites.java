package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.ImportResult;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;
import static io.github.employeestore.tck.BrokenStores.overwritten;
import static io.github.employeestore.tck.BrokenStores.pause;

/** Broken write paths: each entry's comment names the backend mistake it models. */
enum BrokenWrites implements BrokenStore {
    /** Checks "exists?" with a read, then inserts: two racing creates both succeed (no conditional put / key). */
    CREATE_READ_THEN_WRITE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            if (draft.id() == null) {
                return delegate.create(draft);
            }
            if (delegate.get(draft.id()).isPresent()) {
                throw new EmployeeAlreadyExistsException(draft.id());
            }
            pause();
            Instant now = now(clock);
            Employee first = draft.toBuilder().version(1).createdAt(now).updatedAt(now).build();
            return overwritten(delegate, first);
        }
    }, "Concurrency.concurrentCreates §4.2.4", "Concurrency.createRacesPut §4.1.6"),

    /**
     * Compares the version in Java after reading, then writes unconditionally: two racing updates both win, an update
     * racing a versioned delete resurrects the employee, an update racing puts loses their increments (the staggered
     * rounds of the concurrency group make the update read first).
     */
    UPDATE_READ_THEN_WRITE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            Employee stored = delegate.get(changed.id()).orElseThrow(() -> new EmployeeNotFoundException(changed.id()));
            if (stored.version() != changed.version()) {
                throw new VersionConflictException(changed.id(), changed.version(), stored.version());
            }
            pause();
            Employee next = changed.toBuilder().version(stored.version() + 1).createdAt(stored.createdAt())
                    .updatedAt(now(clock)).build();
            return overwritten(delegate, next);
        }
    }, "Concurrency.concurrentUpdates §4.5.5", "Concurrency.updateRacesVersionedDelete §4.1.6",
            "Concurrency.updateRacesPut §4.1.6"),

    /** Reads the version, then deletes by id alone: racing versioned deletes all report success. */
    VERSIONED_DELETE_READ_THEN_DELETE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void delete(String id, long expectedVersion) {
            Employee stored = delegate.get(id).orElseThrow(() -> new EmployeeNotFoundException(id));
            if (stored.version() != expectedVersion) {
                throw new VersionConflictException(id, expectedVersion, stored.version());
            }
            pause();
            delegate.delete(id);
        }
    }, "Concurrency.concurrentDeletes §4.8.5", "Concurrency.updateRacesVersionedDelete §4.1.6"),

    /** The upsert's UPDATE branch also sets created_at: a put of an existing employee restamps its creation. */
    PUT_RESTAMPS_CREATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            Employee put = delegate.put(employee);
            Employee restamped = put.toBuilder().createdAt(put.updatedAt()).build();
            return overwritten(delegate, restamped);
        }
    }, "Put.replaces §4.6.2", "Concurrency.concurrentPuts §4.6.3"),

    /** put of a new id as "read, then insert as version 1": racing first puts overwrite each other. */
    PUT_NEW_ID_READ_THEN_INSERT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            if (delegate.get(employee.id()).isPresent()) {
                return delegate.put(employee);
            }
            pause();
            Instant now = now(clock);
            Employee first = employee.toBuilder().version(1).createdAt(now).updatedAt(now).build();
            return overwritten(delegate, first);
        }
    }, "Concurrency.concurrentPutsOfANewId §4.6.3"),

    /** The UPDATE statement binds created_at from the caller's employee, i.e. now. */
    UPDATE_RESTAMPS_CREATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            Employee updated = delegate.update(changed);
            Employee restamped = updated.toBuilder().createdAt(updated.updatedAt()).build();
            return overwritten(delegate, restamped);
        }
    }, "Update.updates §4.5.1", "Timestamps.fromClock §4.1.3"),

    /** Stores the caller's updatedAt instead of the clock's. */
    UPDATE_KEEPS_GIVEN_UPDATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            Employee updated = delegate.update(changed);
            if (changed.updatedAt() == null) {
                return updated;
            }
            Employee kept = updated.toBuilder().updatedAt(changed.updatedAt().truncatedTo(ChronoUnit.MILLIS)).build();
            return overwritten(delegate, kept);
        }
    }, "Update.ignoresGivenTimestamps §4.1.3"),

    /** Writes the draft's version instead of 1 when the draft has one. */
    CREATE_KEEPS_DRAFT_VERSION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            Employee created = delegate.create(draft);
            if (draft.version() < 1) {
                return created;
            }
            Employee kept = created.toBuilder().version(draft.version()).build();
            return overwritten(delegate, kept);
        }
    }, "Create.ignoresDraftVersionAndTimestamps §4.2.2"),

    /** A conditional UPDATE that matched no row is reported as a conflict without asking whether the row exists. */
    UPDATE_ABSENT_AS_CONFLICT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            try {
                return delegate.update(changed);
            } catch (EmployeeNotFoundException e) {
                throw new VersionConflictException(changed.id(), changed.version(), OptionalLong.empty(), e);
            }
        }
    }, "Update.notFound §4.5.3"),

    /** A conditional DELETE that matched no row is reported as a conflict. */
    VERSIONED_DELETE_ABSENT_AS_CONFLICT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void delete(String id, long expectedVersion) {
            try {
                delegate.delete(id, expectedVersion);
            } catch (EmployeeNotFoundException e) {
                throw new VersionConflictException(id, expectedVersion, OptionalLong.empty(), e);
            }
        }
    }, "Delete.versionedDeleteNotFound §4.8.3"),

    /** update implemented as an upsert: an absent id is created instead of reported. */
    UPDATE_CREATES_WHEN_ABSENT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            if (delegate.get(changed.id()).isEmpty()) {
                return delegate.put(changed);
            }
            return delegate.update(changed);
        }
    }, "Update.notFound §4.5.3"),

    /** version + 1 applied twice (in the statement and again in a trigger or the mapper). */
    PUT_BUMPS_VERSION_TWICE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            boolean existed = delegate.get(employee.id()).isPresent();
            Employee put = delegate.put(employee);
            if (!existed) {
                return put;
            }
            Employee twice = put.toBuilder().version(put.version() + 1).build();
            return overwritten(delegate, twice);
        }
    }, "Put.ignoresVersion §4.6.2", "Put.replaces §4.6.2"),

    /** put merges attributes into the stored ones (an UpdateItem SET without REMOVE). */
    PUT_MERGES_ATTRIBUTES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            Map<String, io.github.employeestore.AttributeValue> merged = new LinkedHashMap<>();
            delegate.get(employee.id()).ifPresent(s -> merged.putAll(s.attributes()));
            merged.putAll(employee.attributes());
            return delegate.put(employee.toBuilder().attributes(merged).build());
        }
    }, "FlexibleAttributes.removeAttribute §3.3.4", "Put.replaces §4.6.2"),

    /** The bulk load uses INSERT IGNORE (or attribute_not_exists): stored employees are silently not replaced. */
    IMPORT_DOES_NOT_REPLACE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            if (employees == null) {
                return delegate.importAll(null);
            }
            List<Employee> fresh = new ArrayList<>();
            int skipped = 0;
            for (Employee e : employees) {
                if (e != null && e.id() != null && delegate.get(e.id()).isPresent()) {
                    skipped++;
                } else {
                    fresh.add(e);
                }
            }
            ImportResult r = delegate.importAll(fresh);
            return new ImportResult(r.attempted() + skipped, r.written() + skipped, r.failures());
        }
    }, "Import.replaces §4.13.1", "Read.readsSeeEveryWritePath §4.1.4"),

    /** The bulk load goes through put: versions and timestamps are restamped instead of kept. */
    IMPORT_RESTAMPS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            ImportResult r = delegate.importAll(employees);
            for (Employee e : employees) {
                if (e != null && e.id() != null && !r.failedIds().contains(e.id())) {
                    delegate.put(e);
                }
            }
            return r;
        }
    }, "Import.importsExactly §4.13.1", "Timestamps.extremes §4.13.1"),

    /** A repeated id in one bulk load: the last occurrence silently wins (a map keyed by id). */
    IMPORT_LAST_DUPLICATE_WINS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            Map<String, Employee> last = new LinkedHashMap<>();
            List<Employee> others = new ArrayList<>();
            for (Employee e : employees) {
                if (e != null && e.id() != null) {
                    last.remove(e.id());
                    last.put(e.id(), e);
                } else {
                    others.add(e);
                }
            }
            others.addAll(last.values());
            ImportResult r = delegate.importAll(others);
            return new ImportResult(employees.size(), r.written() + employees.size() - others.size(), r.failures());
        }
    }, "Import.mixedValidity §4.13.2"),

    /** A missing table during a bulk load is reported employee by employee instead of thrown. */
    IMPORT_REPORTS_MISSING_TABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            try {
                return delegate.importAll(employees);
            } catch (StoreConfigurationException e) {
                List<ImportResult.Failure> failures = new ArrayList<>();
                int i = 0;
                for (Employee x : employees) {
                    failures.add(new ImportResult.Failure(i++, x == null ? null : x.id(), "table missing", List.of(),
                            e));
                }
                return new ImportResult(employees.size(), 0, failures);
            }
        }
    }, "SchemaAndErrors.missingTable §4.15.3"),

    /**
     * Reports an import of only invalid employees without asking the database (nothing to write, so no statement):
     * on a missing table the caller reads "every employee invalid" instead of the missing table.
     */
    IMPORT_OF_INVALID_ONLY_SKIPS_THE_TABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            io.github.employeestore.spi.ImportPlan plan = io.github.employeestore.spi.ImportPlan.of(employees);
            return plan.checksTableOnly() ? plan.result(List.of()) : delegate.importAll(employees);
        }
    }, "SchemaAndErrors.missingTable §4.15.3"),

    /** Every write creates the table when it is missing ("CREATE TABLE IF NOT EXISTS" on first use). */
    WRITES_CREATE_MISSING_TABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            if (!delegate.schema().exists()) {
                delegate.schema().create();
            }
            return delegate.create(draft);
        }
    }, "SchemaAndErrors.missingTable §4.15.3"),

    /** All of a cancelled transaction's reasons mapped to one exception type. */
    TRANSACT_CONFLICT_FOR_EVERY_FAILURE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            try {
                delegate.transact(writes);
            } catch (EmployeeAlreadyExistsException | EmployeeNotFoundException e) {
                throw new VersionConflictException("transaction", 0, OptionalLong.empty(), e);
            }
        }
    }, "Transactions.everyFailureInEveryPosition §4.14.2", "Transactions.fifthCreateFails §4.14.2", "Transactions.fifthNotFound §4.14.2"),

    /** The exception of the last failing operation is thrown (the cancellation reasons read from the end). */
    TRANSACT_REPORTS_LAST_FAILURE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            EmployeeStoreException last = null;
            for (TransactionOperation op : ops) {
                EmployeeStoreException failure = check(delegate, op);
                if (failure != null) {
                    last = failure;
                }
            }
            if (last != null) {
                throw last;
            }
            delegate.transact(w -> ops.forEach(op -> replay(w, op)));
        }
    }, "Transactions.firstFailureWins §4.14.2"),

    /** A plain delete inside a transaction carries attribute_exists(id), so deleting an absent id fails it. */
    TRANSACT_DELETE_ABSENT_FAILS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            for (TransactionOperation op : ops) {
                if (op instanceof TransactionOperation.Delete d && delegate.get(d.id()).isEmpty()) {
                    throw new EmployeeNotFoundException(d.id());
                }
            }
            delegate.transact(w -> ops.forEach(op -> replay(w, op)));
        }
    }, "Transactions.appliesAll §4.14.1"),

    /** Checks the transaction's versions by reading first, then writes unconditionally: not isolated. */
    TRANSACT_CHECKS_THEN_WRITES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            for (TransactionOperation op : ops) {
                EmployeeStoreException failure = check(delegate, op);
                if (failure != null) {
                    throw failure;
                }
            }
            pause();
            delegate.transact(w -> ops.forEach(op -> {
                if (op instanceof TransactionOperation.Update u) {
                    w.put(u.employee());
                } else {
                    replay(w, op);
                }
            }));
        }
    }, "Concurrency.transactionsRace §4.14.5"),

    /**
     * A transaction's put takes the version from a read made before the transaction and writes it unconditionally
     * (an optimistic transaction without a version condition): single puts racing it lose their increments.
     */
    TRANSACT_PUT_READ_THEN_WRITE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            if (!ops.stream().allMatch(TransactionOperation.Put.class::isInstance)) {
                delegate.transact(w -> ops.forEach(op -> replay(w, op)));
                return;
            }
            List<Employee> next = new ArrayList<>();
            for (TransactionOperation op : ops) {
                Employee e = ((TransactionOperation.Put) op).employee();
                Optional<Employee> stored = delegate.get(e.id());
                Instant now = now(clock);
                next.add(e.toBuilder().version(stored.map(s -> s.version() + 1).orElse(1L))
                        .createdAt(stored.map(Employee::createdAt).orElse(now)).updatedAt(now).build());
            }
            pause();
            delegate.importAll(next);
        }
    }, "Concurrency.transactionRacesPuts §4.14.5"),

    /**
     * An update written in two steps, the columns it could check first: when the full name is rejected, the rest
     * of the change (job title, badges, attributes) has already replaced the stored employee. The count is the same.
     */
    UPDATE_HALF_WRITTEN_WHEN_REJECTED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            try {
                return delegate.update(changed);
            } catch (io.github.employeestore.InvalidInputException e) {
                Optional<Employee> stored = delegate.get(changed.id());
                if (stored.isPresent() && stored.get().version() == changed.version()) {
                    try {
                        delegate.update(changed.toBuilder().fullName(stored.get().fullName()).build());
                    } catch (RuntimeException ignored) {
                        // the rest of the change was invalid too
                    }
                }
                throw e;
            }
        }
    }, "Validation.invalidUpdate §4.1.5"),

    /** A conflict reports no stored version although the store read it (or a made-up one). */
    CONFLICT_WITHOUT_ACTUAL_VERSION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            try {
                return delegate.update(changed);
            } catch (VersionConflictException e) {
                throw new VersionConflictException(e.id(), e.expectedVersion(), OptionalLong.empty(), e);
            }
        }

        @Override
        public void delete(String id, long expectedVersion) {
            try {
                delegate.delete(id, expectedVersion);
            } catch (VersionConflictException e) {
                throw new VersionConflictException(e.id(), e.expectedVersion(), OptionalLong.of(e.expectedVersion()),
                        e);
            }
        }
    }, "Update.versionConflict §4.5.2", "Delete.versionedDeleteConflict §4.8.2"),

    /** A put inside a transaction writes createdAt = now also when it replaces. */
    TRANSACT_PUT_RESTAMPS_CREATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            delegate.transact(w -> ops.forEach(op -> replay(w, op)));
            for (TransactionOperation op : ops) {
                if (op instanceof TransactionOperation.Put p) {
                    Employee stored = delegate.get(p.id()).orElseThrow();
                    delegate.importAll(List.of(stored.toBuilder().createdAt(stored.updatedAt()).build()));
                }
            }
        }
    }, "Transactions.appliesAll §4.14.1"),

    /**
     * A schemaless store whose table is a marker checked before each write, with no exclusion against drop(): a
     * write that passed the check just before drop() lands after it, so the re-created table is not empty.
     */
    DROP_LEAVES_WRITES_IN_FLIGHT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile boolean exists = true;

        private void requireTable() {
            if (!exists) {
                throw new StoreConfigurationException("table missing");
            }
            pause();
        }

        @Override
        public Employee create(Employee draft) {
            requireTable();
            return delegate.create(draft);
        }

        @Override
        public Employee put(Employee employee) {
            requireTable();
            return delegate.put(employee);
        }

        @Override
        public long count() {
            if (!exists) {
                throw new StoreConfigurationException("table missing");
            }
            return delegate.count();
        }

        @Override
        public io.github.employeestore.SchemaAdmin schema() {
            return new io.github.employeestore.SchemaAdmin() {
                @Override
                public void create() {
                    exists = true;
                }

                @Override
                public boolean exists() {
                    return exists;
                }

                @Override
                public void drop() {
                    exists = false;
                    delegate.stream().map(Employee::id).toList().forEach(delegate::delete);
                }
            };
        }
    }, "SchemaAndErrors.dropRacingWrites §4.15.2"),

    /** A put of an employee at the version bound starts it over at version 1 instead of rejecting the write. */
    VERSION_RESTARTS_AT_THE_BOUND(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            try {
                return delegate.put(employee);
            } catch (io.github.employeestore.InvalidInputException e) {
                delegate.delete(employee.id());
                return delegate.put(employee);
            }
        }
    }, "Update.versionUpperBound §4.1.2");

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenWrites(Function<Clock, EmployeeStore> factory, String... mustFail) {
        this.factory = factory;
        this.mustFail = List.of(mustFail);
    }

    @Override
    public EmployeeStore store(Clock clock) {
        return factory.apply(clock);
    }

    @Override
    public List<String> mustFail() {
        return mustFail;
    }

    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** @return the exception the operation would fail with against the store's current state, or null */
    static EmployeeStoreException check(EmployeeStore store, TransactionOperation op) {
        if (op instanceof TransactionOperation.Create c && store.get(c.id()).isPresent()) {
            return new EmployeeAlreadyExistsException(c.id());
        }
        if (op instanceof TransactionOperation.Update u) {
            Optional<Employee> stored = store.get(u.id());
            if (stored.isEmpty()) {
                return new EmployeeNotFoundException(u.id());
            }
            if (stored.get().version() != u.employee().version()) {
                return new VersionConflictException(u.id(), u.employee().version(), stored.get().version());
            }
        }
        if (op instanceof TransactionOperation.DeleteVersion d) {
            Optional<Employee> stored = store.get(d.id());
            if (stored.isEmpty()) {
                return new EmployeeNotFoundException(d.id());
            }
            if (stored.get().version() != d.expectedVersion()) {
                return new VersionConflictException(d.id(), d.expectedVersion(), stored.get().version());
            }
        }
        return null;
    }

    /** Records the operation again on another transaction's writer. */
    static void replay(TransactionWriter w, TransactionOperation op) {
        if (op instanceof TransactionOperation.Create c) {
            w.create(c.employee());
        } else if (op instanceof TransactionOperation.Update u) {
            w.update(u.employee());
        } else if (op instanceof TransactionOperation.Put p) {
            w.put(p.employee());
        } else if (op instanceof TransactionOperation.Patch p) {
            w.patch(p.id(), p.expectedVersion(), p.patch());
        } else if (op instanceof TransactionOperation.Delete d) {
            w.delete(d.id());
        } else if (op instanceof TransactionOperation.DeleteVersion d) {
            w.delete(d.id(), d.expectedVersion());
        }
    }
}
