package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Limits;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;
import static io.github.employeestore.tck.BrokenStores.overwritten;

/**
 * Broken details that one assertion of their test sees (the others of that test pass against them), found by the
 * assertion-deletion trial after {@link BrokenSingles} was full. Each entry's comment names the backend mistake.
 */
enum BrokenLoneChecks implements BrokenStore {
    /**
     * Writes an update unconditionally and compares the version of the old image the write returned (DynamoDB's
     * {@code ReturnValues.ALL_OLD}): the conflict is reported, with the right versions, but the stale update is
     * written.
     */
    STALE_UPDATE_WRITTEN_BEFORE_THE_CONFLICT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            Employee old = changed == null || changed.id() == null ? null : delegate.get(changed.id()).orElseThrow(
                    () -> new EmployeeNotFoundException(changed.id()));
            if (old == null || old.version() == changed.version()) {
                return delegate.update(changed);
            }
            delegate.update(changed.toBuilder().version(old.version()).build());
            throw new VersionConflictException(changed.id(), changed.version(), old.version());
        }
    }, "Update.versionConflict §4.5.2"),

    /**
     * Takes an invalid element's index from its validator's property path, which counts from one
     * ({@code employees[4]}); a failure of the write itself keeps its 0-based index.
     */
    IMPORT_INVALID_ELEMENTS_INDEXED_FROM_ONE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            ImportResult result = delegate.importAll(employees);
            return new ImportResult(result.attempted(), result.written(), result.failures().stream()
                    .map(f -> f.violations().isEmpty() ? f : new ImportResult.Failure(f.index() + 1, f.id(),
                            f.reason(), f.violations(), f.cause())).toList());
        }
    }, "Import.mixedValidity §4.13.2"),

    /** Returns the draft with the store's id and timestamps as create's result, not what it stored: its version too. */
    CREATE_RESULT_KEEPS_THE_DRAFT_VERSION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            Employee created = delegate.create(draft);
            return created.toBuilder().version(draft.version()).build();
        }
    }, "Create.ignoresDraftVersionAndTimestamps §4.2.2"),

    /**
     * Writes createAll's drafts with the column list of importAll, so a draft's own createdAt is stored, while the
     * result it returns carries the store's clock.
     */
    CREATE_ALL_STORES_THE_DRAFT_CREATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult result = delegate.createAll(drafts);
            if (drafts == null || !result.failures().isEmpty()) {
                return result;
            }
            List<Employee> given = new java.util.ArrayList<>(drafts);
            List<Employee> stored = new java.util.ArrayList<>();
            for (int i = 0; i < given.size(); i++) {
                Employee created = result.created().get(i);
                stored.add(given.get(i).createdAt() == null ? created
                        : created.toBuilder().createdAt(given.get(i).createdAt()).build());
            }
            delegate.importAll(stored);
            return result;
        }
    }, "CreateAll.createsAll §4.21.1"),

    /** Answers an empty patch with the stored employee (nothing to write) without checking the expected version. */
    EMPTY_PATCH_SKIPS_THE_VERSION_CHECK(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            if (patch != null && patch.isEmpty() && id != null) {
                Optional<Employee> stored = delegate.get(id);
                if (stored.isPresent()) {
                    return stored.get();
                }
            }
            return delegate.patch(id, expectedVersion, patch);
        }
    }, "Patch.patchVersionConflict §4.18.3"),

    /** Sends a versioned delete with a negative version unchecked: it matches no row, reported as a version conflict. */
    NEGATIVE_DELETE_VERSION_IS_A_CONFLICT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void delete(String id, long expectedVersion) {
            if (expectedVersion < 0 && id != null && delegate.get(id).isPresent()) {
                throw new VersionConflictException(id, expectedVersion, delegate.get(id).get().version());
            }
            delegate.delete(id, expectedVersion);
        }
    }, "Validation.invalidUpdate §4.8.4"),

    /**
     * Checks the version bound of a patch against the versions its own writes returned: a patch of an employee it
     * only imported at the bound passes the check, its conditional write matches no row, and the stored employee is
     * returned as if nothing had to change.
     */
    PATCH_BOUND_CHECKED_AGAINST_ITS_OWN_WRITES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Set<String> written = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public Employee update(Employee changed) {
            Employee result = delegate.update(changed);
            written.add(result.id());
            return result;
        }

        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            if (id != null && expectedVersion == Limits.MAX_VERSION && !written.contains(id)) {
                Optional<Employee> stored = delegate.get(id);
                if (stored.isPresent() && stored.get().version() == Limits.MAX_VERSION) {
                    return stored.get();
                }
            }
            return delegate.patch(id, expectedVersion, patch);
        }
    }, "Update.versionUpperBound §4.1.2"),

    /**
     * Writes a put as a read and a conditional write, retried on a conflict by an SDK wrapper that then rethrows the
     * first attempt's exception: a put racing an update is written, yet reported as a version conflict.
     */
    PUT_RETRIED_BUT_REPORTED_AS_A_CONFLICT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            Optional<Employee> stored = employee == null || employee.id() == null ? Optional.empty()
                    : delegate.get(employee.id());
            if (stored.isEmpty()) {
                return delegate.put(employee);
            }
            BrokenStores.pause();
            try {
                return delegate.update(employee.toBuilder().version(stored.get().version()).build());
            } catch (VersionConflictException first) {
                delegate.put(employee);
                throw first;
            }
        }
    }, "Concurrency.updateRacesPut §4.6.3"),

    /** Writes numbers through a NUMERIC(38, 0) column: a fraction is cut off (1.50 is stored as 1). */
    NUMBERS_CUT_TO_INTEGERS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            return delegate.create(draft == null ? null : numbers(draft,
                    n -> n.setScale(0, java.math.RoundingMode.DOWN)));
        }
    }, "FlexibleAttributes.numbersNormalized §3.3.2"),

    /** Reads a number stored in scientific form (100 as 1E+2) by its digits only: the exponent is lost. */
    NUMBER_EXPONENT_LOST_ON_READ(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            return delegate.get(id).map(e -> numbers(e,
                    n -> new java.math.BigDecimal(n.stripTrailingZeros().unscaledValue(),
                            Math.max(0, n.stripTrailingZeros().scale()))));
        }
    }, "FlexibleAttributes.numbersNormalized §3.3.2"),

    /** Builds create's result from a RETURNING clause that leaves out the photo key column. */
    CREATE_RESULT_WITHOUT_THE_PHOTO_KEY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            return delegate.create(draft).toBuilder().photoKey(null).build();
        }
    }, "Create.roundTripsEveryField §3.1.7"),

    /**
     * Inserts with a plain put and reads the old image it replaced to report an existing id: the exception is right,
     * but the draft has overwritten the stored employee.
     */
    CREATE_OVERWRITES_THEN_REPORTS_THE_EXISTING_ID(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            if (draft != null && draft.id() != null && delegate.get(draft.id()).isPresent()) {
                delegate.put(draft);
                throw new EmployeeAlreadyExistsException(draft.id());
            }
            return delegate.create(draft);
        }
    }, "Create.existingIdRejected §4.2.3"),

    /**
     * Skips an update it cannot map (an empty set has no DynamoDB form) with a logged warning, and returns the stored
     * employee: nothing is written, but nothing is rejected either.
     */
    UPDATE_WITH_AN_EMPTY_SET_SKIPPED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            boolean emptySet = changed != null && changed.attributes().values().stream().anyMatch(v ->
                    v instanceof AttributeValue.TextSetValue t && t.values().isEmpty()
                            || v instanceof AttributeValue.NumberSetValue n && n.values().isEmpty()
                            || v instanceof AttributeValue.BinarySetValue b && b.values().isEmpty());
            if (emptySet && changed.id() != null) {
                Optional<Employee> stored = delegate.get(changed.id());
                if (stored.isPresent()) {
                    return stored.get();
                }
            }
            return delegate.update(changed);
        }
    }, "FlexibleAttributes.emptySetsRejected §3.3.1"),

    /** Writes the draft's own version on create (the insert copies every field) and returns the result it built. */
    CREATE_STORES_THE_DRAFT_VERSION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            Employee created = delegate.create(draft);
            if (draft.version() > 1) {
                delegate.importAll(List.of(created.toBuilder().version(draft.version()).build()));
            }
            return created;
        }
    }, "Create.ignoresDraftVersionAndTimestamps §4.2.2"),

    /**
     * Reports a transaction's versioned delete of an absent id as a version conflict: its condition
     * ({@code version = :v}) failed, and the cancellation reason does not tell an absent item from another version.
     */
    TRANSACTION_DELETE_OF_AN_ABSENT_ID_IS_A_CONFLICT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            try {
                delegate.transact(w -> ops.forEach(op -> BrokenWrites.replay(w, op)));
            } catch (EmployeeNotFoundException e) {
                for (TransactionOperation op : ops) {
                    if (op instanceof TransactionOperation.DeleteVersion d && d.id().equals(e.id())) {
                        throw new VersionConflictException(e.id(), d.expectedVersion(),
                                java.util.OptionalLong.empty(), e);
                    }
                }
                throw e;
            }
        }
    }, "Transactions.everyFailureInEveryPosition §4.14.2"),

    /**
     * Checks the version bound against the versions its own writes returned (a cache per id): an employee it only
     * imported at the bound passes the check, and the conditional write ({@code version < bound}) then matches no
     * row, which it takes for an update with nothing to change, returning the stored employee.
     */
    BOUND_CHECKED_AGAINST_ITS_OWN_WRITES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<String, Long> written = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Employee update(Employee changed) {
            if (changed != null && changed.id() != null && changed.version() == Limits.MAX_VERSION
                    && !written.containsKey(changed.id())) {
                Optional<Employee> stored = delegate.get(changed.id());
                if (stored.isPresent() && stored.get().version() == Limits.MAX_VERSION) {
                    return stored.get();
                }
            }
            Employee result = delegate.update(changed);
            written.put(result.id(), result.version());
            return result;
        }
    }, "Update.versionUpperBound §4.1.2"),

    /** Counts attempted and written from the full batches of 1,000 it sent: a last, shorter batch is left out. */
    IMPORT_RESULT_COUNTS_FULL_BATCHES_ONLY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            ImportResult result = delegate.importAll(employees);
            int left = result.attempted() % 1000;
            if (!result.failures().isEmpty() || left == 0 || result.attempted() < 1000) {
                return result;
            }
            return new ImportResult(result.attempted() - left, result.written() - left, result.failures());
        }
    }, "Import.importsExactly §4.13.1"),

    /** Words a createAll failure's reason from the draft's violations, which a null draft has none of: "". */
    CREATE_ALL_NULL_DRAFT_WITHOUT_A_REASON(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult result = delegate.createAll(drafts);
            List<Employee> given = drafts == null ? List.of() : new java.util.ArrayList<>(drafts);
            return new CreateAllResult(result.attempted(), result.created(), result.failures().stream()
                    .map(f -> f.index() < given.size() && given.get(f.index()) == null
                            ? new ImportResult.Failure(f.index(), f.id(), "", f.violations(), f.cause()) : f)
                    .toList());
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /** Looks each import failure's reason up in a message bundle missing from its jar: every reason is empty. */
    IMPORT_REASONS_FROM_A_MISSING_BUNDLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            ImportResult result = delegate.importAll(employees);
            return new ImportResult(result.attempted(), result.written(), result.failures().stream()
                    .map(f -> new ImportResult.Failure(f.index(), f.id(), "", f.violations(), f.cause())).toList());
        }
    }, "Import.mixedValidity §4.13.2"),

    /** Leaves an empty value out of the update a patch builds (a set type that cannot be empty): badges never clear. */
    PATCH_TO_NO_BADGES_KEEPS_THEM(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            Employee before = id == null ? null : delegate.get(id).orElse(null);
            Employee patched = delegate.patch(id, expectedVersion, patch);
            if (!patched.badges().isEmpty() || before == null || before.badges().isEmpty()) {
                return patched;
            }
            Employee kept = patched.toBuilder().badges(before.badges()).build();
            return overwritten(delegate, kept);
        }
    }, "Patch.patchesEveryFieldAndKind §4.18.1"),

    /**
     * Takes the existing ids out of a createAll batch first (one batch read), then validates what is left and reports
     * an invalid draft by its position in that second pass, listing the failures by the index it reports.
     */
    CREATE_ALL_INVALID_INDEXED_AFTER_THE_EXISTING(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult result = delegate.createAll(drafts);
            List<Integer> existing = result.failures().stream().filter(f -> f.cause() != null)
                    .map(ImportResult.Failure::index).toList();
            List<ImportResult.Failure> failures = result.failures().stream().map(f -> f.violations().isEmpty() ? f
                    : new ImportResult.Failure(f.index() - (int) existing.stream().filter(i -> i < f.index()).count(),
                            f.id(), f.reason(), f.violations(), f.cause()))
                    .sorted(java.util.Comparator.comparingInt(ImportResult.Failure::index)).toList();
            return new CreateAllResult(result.attempted(), result.created(), failures);
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /**
     * Keeps the count in a counter item that createAll raises by every draft it sends and lowers by the invalid ones,
     * but not by those the conditional insert refused as existing: each refused id is counted for good.
     */
    CREATE_ALL_COUNTS_THE_EXISTING_IDS_IT_REFUSED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult result = delegate.createAll(drafts);
            refused.addAndGet(result.existingIds().size());
            return result;
        }

        @Override
        public long count() {
            return delegate.count() + refused.get();
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /** Takes the updatedAt the caller gives to put (an ORM merge copying every field); a missing one from the clock. */
    PUT_KEEPS_THE_GIVEN_UPDATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            Employee written = delegate.put(employee);
            if (employee == null || employee.updatedAt() == null || employee.updatedAt().equals(written.updatedAt())
                    || employee.updatedAt().isBefore(written.createdAt())) {
                return written;
            }
            Employee kept = written.toBuilder().updatedAt(employee.updatedAt()).build();
            return overwritten(delegate, kept);
        }
    }, "Timestamps.fromClock §4.1.3"),

    /**
     * Keeps the transaction's batch in a field of the store, shared by every caller, not in the call: racing
     * transactions commit the batch another one put there last, so the winner's writes are another racer's.
     */
    TRANSACTION_BATCH_SHARED_BY_EVERY_CALLER(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile List<TransactionOperation> batch;

        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            batch = TransactionPlan.record(writes);
            BrokenStores.pause();
            List<TransactionOperation> sent = batch;
            delegate.transact(w -> sent.forEach(op -> BrokenWrites.replay(w, op)));
        }
    }, "Concurrency.transactionsRace §4.14.5"),

    /**
     * Takes the updatedAt it read for the optimistic lock of update, not the version: writes within one tick of the
     * clock (the TCK's clock stands still during a race) never conflict, so several racing updates win.
     */
    UPDATE_LOCKED_BY_THE_TIMESTAMP(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            if (changed == null || changed.id() == null || changed.updatedAt() == null) {
                return delegate.update(changed);
            }
            Employee stored = delegate.get(changed.id()).orElseThrow(() -> new EmployeeNotFoundException(changed.id()));
            if (!stored.updatedAt().equals(changed.updatedAt())) {
                throw new VersionConflictException(changed.id(), changed.version(), stored.version());
            }
            return delegate.update(changed.toBuilder().version(stored.version()).build());
        }
    }, "Concurrency.updateRacesPut §4.5.5"),

    /**
     * Maps a refused write's violations to the columns that refused them (a CHECK constraint's column): a missing
     * full name is reported as {@code full_name}, not as the field {@code fullName}.
     */
    VIOLATIONS_NAMED_BY_THEIR_COLUMNS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            try {
                return delegate.create(draft);
            } catch (io.github.employeestore.InvalidInputException e) {
                throw columns(e);
            }
        }

        @Override
        public Employee put(Employee employee) {
            try {
                return delegate.put(employee);
            } catch (io.github.employeestore.InvalidInputException e) {
                throw columns(e);
            }
        }

        private static io.github.employeestore.InvalidInputException columns(
                io.github.employeestore.InvalidInputException e) {
            return new io.github.employeestore.InvalidInputException(e.violations().stream()
                    .map(v -> new io.github.employeestore.Violation(
                            v.field().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT),
                            v.rule()))
                    .toList(), e);
        }
    }, "Validation.fullNameRequired §3.1.2");

    /** @return the employee with each top-level number attribute mapped */
    private static Employee numbers(Employee e, java.util.function.UnaryOperator<java.math.BigDecimal> map) {
        Employee.Builder b = e.toBuilder();
        e.attributes().forEach((name, v) -> {
            if (v instanceof AttributeValue.NumberValue n) {
                b.attribute(name, AttributeValue.number(map.apply(n.value()).toPlainString()));
            }
        });
        return b.build();
    }

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenLoneChecks(Function<Clock, EmployeeStore> factory, String... mustFail) {
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
