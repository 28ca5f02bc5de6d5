package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.spi.ItemSize;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;

/**
 * Broken transactions, for tests that had no broken store: each a mistake that one assertion of its test sees (the
 * others of that test pass), found by the assertion-deletion trial. Each entry's comment names the backend mistake.
 */
enum BrokenTransactions implements BrokenStore {
    /** Reports a failed transaction's conflict under the id of its first operation, not of the one that failed. */
    TRANSACTION_CONFLICT_NAMES_THE_FIRST_OPERATION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(java.util.function.Consumer<io.github.employeestore.TransactionWriter> writes) {
            List<io.github.employeestore.spi.TransactionOperation> ops =
                    io.github.employeestore.spi.TransactionPlan.record(writes);
            try {
                delegate.transact(w -> ops.forEach(op -> BrokenWrites.replay(w, op)));
            } catch (io.github.employeestore.VersionConflictException e) {
                throw new io.github.employeestore.VersionConflictException(ops.get(0).id(), e.expectedVersion(),
                        e.actualVersion(), e);
            }
        }
    }, "Transactions.firstFailureWins §4.14.2"),

    /** Checks a transaction's patches before its other operations, so a failing patch is reported first. */
    TRANSACTION_PATCHES_CHECKED_FIRST(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(java.util.function.Consumer<io.github.employeestore.TransactionWriter> writes) {
            List<io.github.employeestore.spi.TransactionOperation> ops =
                    io.github.employeestore.spi.TransactionPlan.record(writes);
            for (io.github.employeestore.spi.TransactionOperation op : ops) {
                if (op instanceof io.github.employeestore.spi.TransactionOperation.Patch p) {
                    Employee stored = delegate.get(p.id()).orElseThrow(
                            () -> new io.github.employeestore.EmployeeNotFoundException(p.id()));
                    if (stored.version() != p.expectedVersion()) {
                        throw new io.github.employeestore.VersionConflictException(p.id(), p.expectedVersion(),
                                stored.version());
                    }
                }
            }
            delegate.transact(w -> ops.forEach(op -> BrokenWrites.replay(w, op)));
        }
    }, "Patch.patchInTransaction §4.18.8"),

    /** Checks that a transaction's ids are distinct only to pick its write path: repeated ids are applied one by one. */
    REPEATED_IDS_APPLIED_ONE_BY_ONE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            Loose ops = Loose.of(writes);
            if (ops.ids().size() == new java.util.HashSet<>(ops.ids()).size()) {
                delegate.transact(writes);
            } else {
                ops.applyOneByOne(delegate);
            }
        }
    }, "Transactions.distinctIds §4.14.3"),

    /** Validates a transaction's operations one by one while writing them, so those before a bad one stay written. */
    TRANSACTION_VALIDATED_WHILE_WRITING(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            try {
                delegate.transact(writes);
            } catch (InvalidInputException e) {
                Loose.of(writes).applyOneByOne(delegate);
                throw e;
            }
        }
    }, "Transactions.invalidOperation §4.14.3"),

    /** Leaves out of a transaction an unversioned delete of an id it cannot hold ("nothing to delete"). */
    TRANSACTION_SKIPS_A_DELETE_OF_A_BAD_ID(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            Loose ops = Loose.of(writes);
            Loose kept = ops.without((kind, id, version) -> kind.equals("delete") && !BrokenSingles.validId(id));
            if (kept.size() < ops.size()) {
                if (kept.size() > 0) {
                    delegate.transact(kept::replay);
                }
                return;
            }
            delegate.transact(writes);
        }
    }, "Transactions.invalidOperation §3.1.1"),

    /** Looks a transaction's versioned delete up without checking its id: a bad id is "not found". */
    TRANSACTION_VERSIONED_DELETE_OF_A_BAD_ID_NOT_FOUND(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            for (Loose.Step step : Loose.of(writes).steps()) {
                if (step.kind().equals("deleteVersion") && !BrokenSingles.validId(step.id())) {
                    throw new EmployeeNotFoundException(step.id());
                }
            }
            delegate.transact(writes);
        }
    }, "Transactions.invalidOperation §3.1.1"),

    /** Takes a transaction's delete with a negative expected version as "any version" (an unconditional delete). */
    TRANSACTION_NEGATIVE_VERSION_IS_ANY_VERSION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            Loose ops = Loose.of(writes);
            if (ops.steps().stream().anyMatch(s -> s.kind().equals("deleteVersion") && s.version() < 0)) {
                delegate.transact(w -> ops.steps().forEach(s -> {
                    if (s.kind().equals("deleteVersion") && s.version() < 0) {
                        w.delete(s.id());
                    } else {
                        s.replay().accept(w);
                    }
                }));
                return;
            }
            delegate.transact(writes);
        }
    }, "Transactions.invalidOperation §4.14.3"),

    /** Measures a transaction's size by its puts only: creates and updates are not counted. */
    TRANSACTION_SIZE_OF_ITS_PUTS_ONLY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            try {
                delegate.transact(writes);
            } catch (InvalidInputException e) {
                Loose ops = Loose.of(writes);
                long puts = ops.steps().stream().filter(s -> s.kind().equals("put"))
                        .mapToLong(s -> ItemSize.of(s.employee())).sum();
                if (e.violations().stream().noneMatch(v -> v.field().equals("operations"))
                        || puts > Limits.MAX_TRANSACTION_BYTES) {
                    throw e;
                }
                ops.applyOneByOne(delegate);
            }
        }
    }, "Transactions.sizeLimit §4.14.4"),

    /** A transaction's put of an employee past 333,333 bytes writes its core fields only (a column too short). */
    TRANSACTION_PUT_OF_A_LARGE_EMPLOYEE_LOSES_ITS_ATTRIBUTES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            delegate.transact(w -> ops.forEach(op -> {
                if (op instanceof TransactionOperation.Put put && ItemSize.of(put.employee()) > 333_333) {
                    w.put(put.employee().toBuilder().attributes(java.util.Map.of()).build());
                } else {
                    BrokenWrites.replay(w, op);
                }
            }));
        }
    }, "Transactions.sizeLimit §4.14.4"),

    /** A transaction's patch of an employee at the version bound fails its condition silently: the rest commits. */
    TRANSACTION_PATCH_AT_THE_BOUND_DROPPED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            List<TransactionOperation> kept = ops.stream().filter(op -> !(op instanceof TransactionOperation.Patch
                    && delegate.get(op.id()).map(e -> e.version() == Limits.MAX_VERSION).orElse(false))).toList();
            if (kept.size() == ops.size()) {
                delegate.transact(writes);
            } else if (!kept.isEmpty()) {
                delegate.transact(w -> kept.forEach(op -> BrokenWrites.replay(w, op)));
            }
        }
    }, "Update.versionUpperBound §4.1.2"),

    /**
     * Maps a transaction cancelled by a failed condition (DynamoDB's TransactionCanceledException) to a plain
     * EmployeeStoreException: a transaction that lost a race fails without saying that a version conflicted.
     */
    TRANSACTION_CONFLICT_REPORTED_AS_A_GENERIC_ERROR(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            try {
                delegate.transact(writes);
            } catch (VersionConflictException e) {
                throw new io.github.employeestore.EmployeeStoreException("transaction cancelled: a condition failed",
                        e);
            }
        }
    }, "Concurrency.transactionsRace §4.14.5"),

    /**
     * Runs a transaction of puts optimistically: it reads the versions of their ids, and fails with
     * VersionConflictException when one changed before it writes, although a put has no expected version; a
     * transaction racing single puts fails where it must succeed (or at most give up as unavailable).
     */
    TRANSACTION_OF_PUTS_CHECKS_THE_VERSIONS_IT_READ(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            Map<String, Long> read = new java.util.HashMap<>();
            for (TransactionOperation op : ops) {
                if (op instanceof TransactionOperation.Put p) {
                    delegate.get(p.id()).ifPresent(e -> read.put(e.id(), e.version()));
                }
            }
            BrokenStores.pause();
            read.forEach((id, version) -> {
                long now = delegate.get(id).map(Employee::version).orElse(0L);
                if (now != version) {
                    throw new VersionConflictException(id, version, java.util.OptionalLong.of(now), null);
                }
            });
            delegate.transact(w -> ops.forEach(op -> BrokenWrites.replay(w, op)));
        }
    }, "Concurrency.transactionRacesPuts §4.14.5");

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenTransactions(Function<Clock, EmployeeStore> factory, String... mustFail) {
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

    /**
     * The operations of a transaction, recorded without any validation (as a backend that validates late would), to
     * be replayed on a transaction writer or applied one by one.
     */
    record Loose(List<Step> steps) {
        /** One operation: its kind, id, employee (or null) and expected version (or -2), and how to replay it. */
        record Step(String kind, String id, Employee employee, long version, Consumer<TransactionWriter> replay,
                    Consumer<EmployeeStore> alone) {
        }

        interface Filter {
            boolean test(String kind, String id, long version);
        }

        static Loose of(Consumer<TransactionWriter> writes) {
            List<Step> steps = new java.util.ArrayList<>();
            writes.accept(new TransactionWriter() {
                @Override
                public String create(Employee draft) {
                    steps.add(new Step("create", draft.id(), draft, -2, w -> w.create(draft), s -> s.create(draft)));
                    return draft.id();
                }

                @Override
                public void update(Employee changed) {
                    steps.add(new Step("update", changed.id(), changed, -2, w -> w.update(changed),
                            s -> s.update(changed)));
                }

                @Override
                public void patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch patch) {
                    steps.add(new Step("patch", id, null, expectedVersion, w -> w.patch(id, expectedVersion, patch),
                            s -> s.patch(id, expectedVersion, patch)));
                }

                @Override
                public void put(Employee employee) {
                    steps.add(new Step("put", employee.id(), employee, -2, w -> w.put(employee), s -> s.put(employee)));
                }

                @Override
                public void delete(String id) {
                    steps.add(new Step("delete", id, null, -2, w -> w.delete(id), s -> s.delete(id)));
                }

                @Override
                public void delete(String id, long expectedVersion) {
                    steps.add(new Step("deleteVersion", id, null, expectedVersion, w -> w.delete(id, expectedVersion),
                            s -> s.delete(id, expectedVersion)));
                }
            });
            return new Loose(List.copyOf(steps));
        }

        List<String> ids() {
            return steps.stream().map(Step::id).toList();
        }

        int size() {
            return steps.size();
        }

        Loose without(Filter left) {
            return new Loose(steps.stream().filter(s -> !left.test(s.kind(), s.id(), s.version())).toList());
        }

        void replay(TransactionWriter w) {
            steps.forEach(s -> s.replay().accept(w));
        }

        /** Applies each operation alone, in order, up to the first that fails (whose exception is thrown). */
        void applyOneByOne(EmployeeStore store) {
            steps.forEach(s -> s.alone().accept(store));
        }
    }
}
