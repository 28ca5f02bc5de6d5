package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.spi.PatchPlan;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;
import static io.github.employeestore.tck.BrokenStores.overwritten;
import static io.github.employeestore.tck.BrokenStores.pause;
import static io.github.employeestore.tck.BrokenWrites.now;

/**
 * Broken partial updates (CONTRACT §4.18) and estimates (§4.19): each entry's comment names the backend mistake it
 * models.
 */
enum BrokenPatches implements BrokenStore {
    /** Conditions the write on the version it reads itself, not on the caller's: stale patches win. */
    PATCH_IGNORES_VERSION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            Employee stored = delegate.get(id).orElseThrow(() -> new EmployeeNotFoundException(id));
            return delegate.patch(id, stored.version(), patch);
        }
    }, "Patch.patchVersionConflict §4.18.3"),

    /** Compares the version in Java after reading, then writes without a condition: racing patches all win. */
    PATCH_READ_THEN_WRITE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            PatchPlan plan = PatchPlan.of(id, expectedVersion, patch, clock);
            Employee stored = delegate.get(id).orElse(null);
            Employee next = plan.against(stored).orElse(stored);
            pause();
            return overwritten(delegate, next);
        }
    }, "Patch.concurrentPatches §4.18.7"),

    /** Always sends the update, even when nothing changes: version and updatedAt move for an empty patch. */
    PATCH_WRITES_WHEN_NOTHING_CHANGES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            return delegate.update(patch.applyTo(storedAt(delegate, id, expectedVersion)));
        }
    }, "Patch.patchChangingNothingWritesNothing §4.18.5"),

    /** Validates the patch's own values but not the employee they make: over-size or 101-attribute items pass. */
    PATCH_VALIDATES_ONLY_ITS_VALUES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            PatchPlan.validate(id, expectedVersion, patch);
            Employee next = patch.applyTo(storedAt(delegate, id, expectedVersion)).toBuilder()
                    .version(expectedVersion + 1).updatedAt(now(clock)).build();
            return overwritten(delegate, next);
        }
    }, "Patch.resultValidated §4.18.4"),

    /** A SQL {@code SET attributes = ?} of the patch's attributes only: every attribute it did not name is lost. */
    PATCH_REPLACES_ATTRIBUTE_DOCUMENT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            Employee stored = delegate.get(id).orElse(null);
            if (stored == null || patch == null || patch.attributes().isEmpty() && patch.removedAttributes().isEmpty()) {
                return delegate.patch(id, expectedVersion, patch);
            }
            Employee reduced = stored.toBuilder().attributes(patch.attributes()).build();
            delegate.importAll(List.of(reduced));
            return delegate.patch(id, expectedVersion, patch);
        }
    }, "Patch.patchesNamedFieldsOnly §4.18.1", "Patch.patchesEveryFieldAndKind §4.18.1"),

    /**
     * Checks the names of the attributes a patch sets but not of those it removes: a reserved or malformed name
     * passes as "nothing to remove" (on DynamoDB, {@code REMOVE full_name} would destroy the item).
     */
    PATCH_ACCEPTS_RESERVED_NAMES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            if (patch != null && patch.removedAttributes().stream().anyMatch(n -> !n.matches("[A-Za-z_][A-Za-z0-9_]*")
                    || n.equals("full_name"))) {
                Employee stored = delegate.get(id).orElseThrow(() -> new EmployeeNotFoundException(id));
                return stored;
            }
            return delegate.patch(id, expectedVersion, patch);
        }
    }, "Patch.patchValuesValidated §4.18.4"),

    /**
     * A DynamoDB {@code UpdateItem} conditioned on {@code attribute_not_exists(version) OR version = :expected} alone,
     * without {@code attribute_exists} of the key: at expected version 0 an absent id passes the condition, and the
     * update creates an employee out of the patch.
     */
    PATCH_UPSERTS_AN_ABSENT_ID_AT_VERSION_0(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            if (expectedVersion == 0 && patch != null && delegate.get(id).isEmpty()) {
                PatchPlan.validate(id, expectedVersion, patch);
                return delegate.create(patch.applyTo(Employee.builder().id(id).fullName(id).build()));
            }
            return delegate.patch(id, expectedVersion, patch);
        }
    }, "Patch.patchOfAbsentId §4.18.3"),

    /**
     * Writes {@code expectedVersion + 1} itself instead of the shared {@code Versions} rule: a patch of an employee
     * at {@code Limits.MAX_VERSION} stores a version above the bound, which no store reads back.
     */
    PATCH_PASSES_THE_VERSION_BOUND(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            PatchPlan.validate(id, expectedVersion, patch);
            Employee stored = storedAt(delegate, id, expectedVersion);
            Employee next = patch.applyTo(stored);
            if (next.equals(stored)) {
                return stored;
            }
            next = next.toBuilder().version(expectedVersion + 1).updatedAt(now(clock)).build();
            return overwritten(delegate, next);
        }
    }, "Update.versionUpperBound §4.1.2"),

    /** Applies a transaction's patches one by one before the rest: a later failure leaves them written. */
    TRANSACT_PATCHES_OUTSIDE_THE_TRANSACTION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            for (TransactionOperation op : ops) {
                if (op instanceof TransactionOperation.Patch p) {
                    try {
                        delegate.patch(p.id(), p.expectedVersion(), p.patch());
                    } catch (RuntimeException e) {
                        // a failure in the middle is reported by the rest of the transaction below, if at all
                    }
                }
            }
            delegate.transact(w -> ops.stream().filter(op -> !(op instanceof TransactionOperation.Patch))
                    .forEach(op -> BrokenWrites.replay(w, op)));
            for (TransactionOperation op : ops) {
                if (op instanceof TransactionOperation.Patch p && delegate.get(p.id()).isEmpty()) {
                    throw new EmployeeNotFoundException(p.id());
                }
            }
        }
    }, "Patch.patchInTransaction §4.18.8", "Patch.invalidResultInTransaction §4.18.8"),

    /**
     * Decides a transaction's patches on a read before it runs the other operations (a script or statement batch
     * that takes only updates): a failing patch is thrown in place of an earlier failing operation.
     */
    TRANSACT_DECIDES_PATCHES_FIRST(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = new java.util.ArrayList<>(TransactionPlan.record(writes));
            ops.replaceAll(op -> op instanceof TransactionOperation.Patch p ? p.plan(clock)
                    .against(delegate.get(p.id()).orElse(null)).map(e -> (TransactionOperation)
                            new TransactionOperation.Update(p.index(), e.toBuilder().version(p.expectedVersion())
                                    .build())).orElse(null) : op);
            ops.removeIf(java.util.Objects::isNull);
            delegate.transact(w -> ops.forEach(op -> BrokenWrites.replay(w, op)));
        }
    }, "Patch.patchInTransaction §4.14.2"),

    /**
     * Builds the request of a transaction before sending it, checking each patch's result against the stored
     * employee on the way: a patch that would make its employee invalid is reported before an earlier operation's
     * failure (the operations apply in order).
     */
    TRANSACTION_PATCH_RESULTS_CHECKED_FIRST(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            for (TransactionOperation op : ops) {
                if (op instanceof TransactionOperation.Patch p) {
                    Employee stored = delegate.get(p.id()).orElse(null);
                    if (stored != null && stored.version() == p.expectedVersion()) {
                        p.plan(clock).against(stored);
                    }
                }
            }
            delegate.transact(writes);
        }
    }, "Transactions.firstFailureWins §4.14.2"),

    /** Returns PostgreSQL's {@code reltuples} as is: -1 for a table never analyzed (an empty, new one). */
    ESTIMATE_OF_A_NEVER_ANALYZED_TABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private boolean analyzed;

        @Override
        public long estimatedCount() {
            long exact = delegate.count();
            analyzed |= exact > 0;
            return analyzed ? exact : -1;
        }
    }, "Listing.estimatedCount §4.19.1"),

    /**
     * Runs ANALYZE once per store and remembers that it did, so a table dropped and created again keeps the -1 of
     * PostgreSQL's {@code reltuples} for a table never analyzed: the estimate of a re-created table is negative.
     */
    ESTIMATE_OF_A_RECREATED_TABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile boolean recreated;

        @Override
        public io.github.employeestore.SchemaAdmin schema() {
            return new ForwardingSchemaAdmin(delegate.schema()) {
                @Override
                public void drop() {
                    super.drop();
                    recreated = true;
                }
            };
        }

        @Override
        public long estimatedCount() {
            long estimate = delegate.estimatedCount();
            return recreated ? -1 : estimate;
        }
    }, "Listing.estimatedCount §4.19.1"),

    /**
     * Computes a patch's new version from a per-item change counter that every patch call increments, one that wrote
     * nothing too, while the stored version moves only with a write: the first patch after two that changed nothing
     * gets version 4, not 2.
     */
    PATCH_VERSION_COUNTS_THE_PATCHES_THAT_WROTE_NOTHING(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.Map<String, Long> unwritten = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            Employee patched = delegate.patch(id, expectedVersion, patch);
            if (patched.version() == expectedVersion) {
                unwritten.merge(id, 1L, Long::sum);
                return patched;
            }
            Long skipped = unwritten.remove(id);
            if (skipped == null) {
                return patched;
            }
            Employee counted = patched.toBuilder().version(patched.version() + skipped).build();
            return overwritten(delegate, counted);
        }
    }, "Patch.patchChangingNothingWritesNothing §4.18.5"),

    /**
     * Builds the result of every patch, an empty one too, by stamping the stored employee with the clock (the result
     * mapper of the write path); an empty patch writes nothing, but returns the employee with a new updatedAt.
     */
    EMPTY_PATCH_RESULT_STAMPED_WITH_THE_CLOCK(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            Employee patched = delegate.patch(id, expectedVersion, patch);
            return patch != null && patch.isEmpty() ? patched.toBuilder().updatedAt(now(clock)).build() : patched;
        }
    }, "Patch.patchChangingNothingWritesNothing §4.18.5"),

    /**
     * Applies a patch's removed attributes to the employee it returns, but leaves them out of the write (the write
     * names only the attributes the patch sets): the stored employee keeps them.
     */
    PATCH_REMOVALS_ONLY_IN_THE_RESULT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            java.util.Optional<Employee> before = id == null || patch == null || patch.removedAttributes().isEmpty()
                    ? java.util.Optional.empty() : delegate.get(id);
            Employee patched = delegate.patch(id, expectedVersion, patch);
            if (before.isEmpty() || patched.version() == expectedVersion) {
                return patched;
            }
            Employee.Builder kept = patched.toBuilder();
            patch.removedAttributes().forEach(name -> {
                if (before.get().attributes().containsKey(name)) {
                    kept.attribute(name, before.get().attributes().get(name));
                }
            });
            delegate.importAll(List.of(kept.build()));
            return patched;
        }
    }, "Patch.patchesNamedFieldsOnly §4.18.1"),

    /**
     * Writes a patch as an upsert conditioned on the stored version, which an absent item has as 0: a patch of an
     * absent id expecting version 0 leaves an item of just the patched fields without a version, then reports the
     * id not found. get reads that item (version 0); count, over the sparse index of versioned items, does not.
     */
    PATCH_OF_AN_ABSENT_ID_LEAVES_AN_UNVERSIONED_ITEM(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.Map<String, Employee> unversioned = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            try {
                return delegate.patch(id, expectedVersion, patch);
            } catch (EmployeeNotFoundException e) {
                if (expectedVersion == 0 && patch != null && !patch.isEmpty()) {
                    unversioned.put(id, patch.applyTo(Employee.builder().id(id).build()));
                }
                throw e;
            }
        }

        @Override
        public java.util.Optional<Employee> get(String id) {
            Employee item = id == null ? null : unversioned.get(id);
            return item != null ? java.util.Optional.of(item) : delegate.get(id);
        }
    }, "Patch.patchOfAbsentId §4.18.3"),

    /**
     * Builds patch's result from a RETURNING clause that leaves out the attributes column, and fills the attributes in
     * from the row it read before the write: the result lacks what the patch set or removed; the stored row has it.
     */
    PATCH_RESULT_WITH_THE_ATTRIBUTES_READ_BEFORE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            java.util.Optional<Employee> before;
            try {
                before = delegate.get(id);
            } catch (RuntimeException invalidId) {
                before = java.util.Optional.empty();
            }
            Employee patched = delegate.patch(id, expectedVersion, patch);
            return before.map(b -> patched.toBuilder().attributes(b.attributes()).build()).orElse(patched);
        }
    }, "Patch.concurrentPatches §4.18.7"),

    /**
     * Reports an update's version conflict with the version the update would have written as the expected one
     * (expected + 1, the value of its failed condition), the stored version right.
     */
    UPDATE_CONFLICT_NAMES_THE_VERSION_IT_WOULD_WRITE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            try {
                return delegate.update(changed);
            } catch (io.github.employeestore.VersionConflictException e) {
                throw new io.github.employeestore.VersionConflictException(e.id(), e.expectedVersion() + 1,
                        e.actualVersion(), e);
            }
        }
    }, "Update.versionConflict §4.5.2"),

    /**
     * Reports a patch that lost a race on its version as unavailable (a failed conditional write taken for a lost
     * connection), not as a version conflict.
     */
    PATCH_CONFLICT_REPORTED_AS_UNAVAILABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            try {
                return delegate.patch(id, expectedVersion, patch);
            } catch (io.github.employeestore.VersionConflictException e) {
                throw new io.github.employeestore.StoreUnavailableException("the conditional write failed", e);
            }
        }
    }, "Patch.concurrentPatches §4.18.7"),

    /**
     * Builds a versioned delete's conflict from its condition's operand ({@code version < :next}, next = expected
     * + 1): the expected version it reports is one too high, the stored version right.
     */
    VERSIONED_DELETE_CONFLICT_EXPECTED_ONE_TOO_HIGH(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void delete(String id, long expectedVersion) {
            try {
                delegate.delete(id, expectedVersion);
            } catch (io.github.employeestore.VersionConflictException e) {
                throw new io.github.employeestore.VersionConflictException(e.id(), e.expectedVersion() + 1,
                        e.actualVersion(), e);
            }
        }
    }, "Delete.versionedDeleteConflict §4.8.2");

    /** The stored employee, read and checked against the expected version in Java (not in the write). */
    private static Employee storedAt(EmployeeStore store, String id, long expectedVersion) {
        Employee stored = store.get(id).orElseThrow(() -> new EmployeeNotFoundException(id));
        if (stored.version() != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, stored.version());
        }
        return stored;
    }

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenPatches(Function<Clock, EmployeeStore> factory, String... mustFail) {
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
}
