package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;
import static io.github.employeestore.tck.BrokenStores.overwritten;

/**
 * Broken details: each a mistake that only one assertion of its TCK test sees (the others of that test pass), so
 * that deleting that assertion makes the self-test fail. Each entry's comment names the backend mistake it models.
 */
enum BrokenDetails implements BrokenStore {
    /** A transaction's put of an existing id runs the insert branch of its upsert: version 1, the rest right. */
    TRANSACT_PUT_OF_AN_EXISTING_ID_AT_VERSION_1(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            List<String> existing = ops.stream().filter(op -> op instanceof TransactionOperation.Put
                    && delegate.get(op.id()).isPresent()).map(TransactionOperation::id).toList();
            delegate.transact(w -> ops.forEach(op -> BrokenWrites.replay(w, op)));
            for (String id : existing) {
                delegate.importAll(List.of(delegate.get(id).orElseThrow().toBuilder().version(1).build()));
            }
        }
    }, "Transactions.appliesAll §4.14.1"),

    /** Counts a tombstone for every delete in a transaction, also of an absent id (soft deletes). */
    COUNT_INCLUDES_TOMBSTONES_OF_ABSENT_IDS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final AtomicLong tombstones = new AtomicLong();

        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            long absent = ops.stream().filter(op -> op instanceof TransactionOperation.Delete
                    && delegate.get(op.id()).isEmpty()).count();
            delegate.transact(w -> ops.forEach(op -> BrokenWrites.replay(w, op)));
            tombstones.addAndGet(absent);
        }

        @Override
        public long count() {
            return delegate.count() + tombstones.get();
        }
    }, "Transactions.appliesAll §4.14.1"),

    /** Looks an update without an id up like any other: "not found" instead of invalid input. */
    UPDATE_WITHOUT_AN_ID_IS_NOT_FOUND(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            if (changed != null && changed.id() == null) {
                throw new EmployeeNotFoundException("null");
            }
            return delegate.update(changed);
        }
    }, "Validation.badIds §3.1.1"),

    /** Validates the id of every call but the versioned delete, which reports a bad id as not found. */
    VERSIONED_DELETE_SKIPS_THE_ID_CHECK(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void delete(String id, long expectedVersion) {
            try {
                io.github.employeestore.spi.EmployeeValidator.validateId(id);
            } catch (io.github.employeestore.InvalidInputException e) {
                throw new EmployeeNotFoundException(String.valueOf(id));
            }
            delegate.delete(id, expectedVersion);
        }
    }, "Validation.badIds §3.1.1"),

    /** Fills an empty full name with the id (a default meant for imports), so create accepts "". */
    EMPTY_FULL_NAME_DEFAULTS_TO_THE_ID(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            return delegate.create(draft != null && "".equals(draft.fullName()) && draft.id() != null
                    ? draft.toBuilder().fullName(draft.id()).build() : draft);
        }
    }, "Validation.fullNameRequired §3.1.2"),

    /** Its exception messages come from a template that forgot the id; id() is right. */
    MESSAGES_WITHOUT_THE_ID(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            try {
                return delegate.create(draft);
            } catch (EmployeeAlreadyExistsException e) {
                throw new EmployeeAlreadyExistsException(e.id()) {
                    @Override
                    public String getMessage() {
                        return "an employee with this id already exists";
                    }
                };
            }
        }
    }, "SchemaAndErrors.exceptionHierarchy §5.2"),

    /**
     * Writes a transaction's create as an upsert and checks the existence afterwards: a create of an existing id
     * overwrites it before the transaction is reported as failed (the other operations are rolled back).
     */
    FAILED_TRANSACTION_KEEPS_ITS_CREATE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            try {
                delegate.transact(w -> ops.forEach(op -> BrokenWrites.replay(w, op)));
            } catch (EmployeeAlreadyExistsException e) {
                ops.stream().filter(op -> op instanceof TransactionOperation.Create && op.id().equals(e.id()))
                        .forEach(op -> delegate.put(((TransactionOperation.Create) op).employee()));
                throw e;
            }
        }
    }, "Transactions.everyFailureInEveryPosition §4.14.2"),

    /** After a batch with failures, writes the valid rest again one by one with put (new version, now). */
    IMPORT_RETRIES_THE_REST_WITH_PUT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            ImportResult result = delegate.importAll(employees);
            if (!result.isComplete()) {
                employees.stream().filter(Objects::nonNull).filter(e -> e.id() != null
                        && !result.failedIds().contains(e.id())).forEach(delegate::put);
            }
            return result;
        }
    }, "Import.nullElement §4.13.2"),

    /** Stores a number with a fraction as an IEEE decimal128 (34 digits); integers exactly. */
    FRACTIONS_ROUNDED_TO_34_DIGITS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            if (draft == null) {
                return delegate.create(null);
            }
            Employee.Builder b = draft.toBuilder();
            draft.attributes().forEach((name, value) -> {
                if (value instanceof AttributeValue.NumberValue n && n.value().scale() > 0) {
                    BigDecimal rounded = n.value().round(MathContext.DECIMAL128);
                    b.attribute(name, AttributeValue.number(rounded.toPlainString()));
                }
            });
            return delegate.create(b.build());
        }
    }, "FlexibleAttributes.numberLimits §3.3.2"),

    /** A loser that waited on the row lock gets a retryable "unavailable" instead of the conflict, now and then. */
    SOME_UPDATE_LOSERS_UNAVAILABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final AtomicInteger conflicts = new AtomicInteger();

        @Override
        public Employee update(Employee changed) {
            try {
                return delegate.update(changed);
            } catch (VersionConflictException e) {
                if (conflicts.incrementAndGet() % 5 == 0) {
                    throw new StoreUnavailableException("lock wait timeout on " + changed.id(), e);
                }
                throw e;
            }
        }
    }, "Concurrency.concurrentUpdates §4.5.5", "Concurrency.updateRacesPut §4.5.5"),

    /** A loser of a duplicate-key race gets a retryable "unavailable" (the deadlock code), now and then. */
    SOME_CREATE_LOSERS_UNAVAILABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final AtomicInteger conflicts = new AtomicInteger();

        @Override
        public Employee create(Employee draft) {
            try {
                return delegate.create(draft);
            } catch (EmployeeAlreadyExistsException e) {
                if (conflicts.incrementAndGet() % 5 == 0) {
                    throw new StoreUnavailableException("deadlock inserting " + draft.id(), e);
                }
                throw e;
            }
        }
    }, "Concurrency.concurrentCreates §4.2.4"),

    /** Maps a deadlock of contested versioned deletes to "unavailable": some of the losers are not told they lost. */
    SOME_DELETE_LOSERS_UNAVAILABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final AtomicInteger conflicts = new AtomicInteger();

        @Override
        public void delete(String id, long expectedVersion) {
            try {
                delegate.delete(id, expectedVersion);
            } catch (EmployeeNotFoundException | VersionConflictException e) {
                if (conflicts.incrementAndGet() % 5 == 0) {
                    throw new StoreUnavailableException("deadlock deleting " + id, e);
                }
                throw e;
            }
        }
    }, "Concurrency.concurrentDeletes §4.8.5", "Concurrency.updateRacesVersionedDelete §4.8.5"),

    /**
     * Writes a transaction's put with the version it read (the increment is made by the single-call put only): a put
     * in a transaction replaces the employee but leaves its version as it was.
     */
    TRANSACTION_PUT_KEEPS_THE_VERSION_IT_READ(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            java.util.Map<String, Long> before = new java.util.HashMap<>();
            delegate.transact(w -> writes.accept(new ForwardingTransactionWriter(w) {
                @Override
                public void put(Employee employee) {
                    if (employee != null && employee.id() != null) {
                        delegate.get(employee.id()).ifPresent(e -> before.put(e.id(), e.version()));
                    }
                    w.put(employee);
                }
            }));
            before.forEach((id, version) -> delegate.get(id).ifPresent(e ->
                    delegate.importAll(List.of(e.toBuilder().version(version).build()))));
        }
    }, "Read.readsSeeEveryWritePath §4.1.4"),

    /**
     * Builds a transaction's update from the employee given, its createdAt included (the single-call update keeps the
     * stored one): an update in a transaction restamps the creation time with the clock.
     */
    TRANSACTION_UPDATE_RESTAMPS_CREATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            java.util.Set<String> updated = java.util.concurrent.ConcurrentHashMap.newKeySet();
            delegate.transact(w -> writes.accept(new ForwardingTransactionWriter(w) {
                @Override
                public void update(Employee changed) {
                    w.update(changed);
                    if (changed != null && changed.id() != null) {
                        updated.add(changed.id());
                    }
                }
            }));
            updated.forEach(id -> delegate.get(id).ifPresent(e -> delegate.importAll(List.of(e.toBuilder()
                    .createdAt(e.updatedAt()).build()))));
        }
    }, "Transactions.appliesAll §4.14.1"),

    /**
     * Reports an empty call as one failure ("no drafts") instead of an empty result: the validation of the whole call
     * is mapped into the per-draft report.
     */
    CREATE_ALL_REPORTS_AN_EMPTY_CALL_AS_A_FAILURE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public io.github.employeestore.CreateAllResult createAll(Collection<Employee> drafts) {
            if (drafts == null || !drafts.isEmpty()) {
                return delegate.createAll(drafts);
            }
            return new io.github.employeestore.CreateAllResult(1, List.of(), List.of(new ImportResult.Failure(0, null,
                    "invalid: no drafts", List.of(new io.github.employeestore.Violation("drafts", "is empty")), null)));
        }
    }, "CreateAll.emptyAndNull §4.21.3"),

    /** Sends the draft's version column as given in createAll's bulk path (create sets 1): the version is kept. */
    CREATE_ALL_KEEPS_THE_DRAFT_S_VERSION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public io.github.employeestore.CreateAllResult createAll(Collection<Employee> drafts) {
            io.github.employeestore.CreateAllResult all = delegate.createAll(drafts);
            List<Employee> input = drafts == null ? List.of() : List.copyOf(drafts.stream().filter(Objects::nonNull)
                    .toList());
            java.util.Map<String, Long> given = new java.util.HashMap<>();
            input.stream().filter(d -> d.id() != null && d.version() > 1).forEach(d -> given.put(d.id(), d.version()));
            List<Employee> created = all.created().stream().map(e -> given.containsKey(e.id())
                    ? e.toBuilder().version(given.get(e.id())).build() : e).toList();
            delegate.importAll(created.stream().filter(e -> given.containsKey(e.id())).toList());
            return new io.github.employeestore.CreateAllResult(all.attempted(), created, all.failures());
        }
    }, "CreateAll.createsAll §4.21.1"),

    /**
     * Reserves an id with a marker row before it inserts (a conditional insert in two steps), and leaves the marker
     * of a create that lost: count() counts it; nothing else reads it.
     */
    LOSING_CREATE_LEAVES_A_COUNTED_MARKER(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final AtomicLong markers = new AtomicLong();

        @Override
        public Employee create(Employee draft) {
            try {
                return delegate.create(draft);
            } catch (EmployeeAlreadyExistsException lost) {
                markers.incrementAndGet();
                throw lost;
            }
        }

        @Override
        public long count() {
            return delegate.count() + markers.get();
        }
    }, "CreateAll.racesCreate §4.21.4"),

    /**
     * Answers {@code exists()} from a flag that {@code drop()} clears and every successful write sets once it has
     * written: a write that was in flight when {@code drop()} ran sets it again, and the dropped table "exists".
     */
    EXISTS_FLAG_SET_BY_A_WRITE_IN_FLIGHT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile Boolean exists;

        @Override
        public Employee create(Employee draft) {
            return written(delegate.create(draft));
        }

        @Override
        public Employee put(Employee employee) {
            return written(delegate.put(employee));
        }

        private Employee written(Employee e) {
            BrokenStores.pause();
            exists = true;
            return e;
        }

        @Override
        public SchemaAdmin schema() {
            return new ForwardingSchemaAdmin(delegate.schema()) {
                @Override
                public void drop() {
                    super.drop();
                    exists = false;
                }

                @Override
                public void create() {
                    super.create();
                    exists = true;
                }

                @Override
                public boolean exists() {
                    Boolean known = exists;
                    return known != null ? known : super.exists();
                }
            };
        }
    }, "SchemaAndErrors.dropRacingWrites §4.15.2"),

    /** Keeps a counter item beside the table, incremented by every put, also of an existing id. */
    COUNTER_INCREMENTED_BY_EVERY_PUT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final AtomicLong counter = new AtomicLong();

        @Override
        public Employee create(Employee draft) {
            Employee created = delegate.create(draft);
            counter.incrementAndGet();
            return created;
        }

        @Override
        public Employee put(Employee employee) {
            Employee put = delegate.put(employee);
            counter.incrementAndGet();
            return put;
        }

        @Override
        public boolean delete(String id) {
            boolean deleted = delegate.delete(id);
            if (deleted) {
                counter.decrementAndGet();
            }
            return deleted;
        }

        @Override
        public long count() {
            delegate.count();   // a dropped table still throws
            return counter.get();
        }
    }, "Read.countExact §4.12.1"),

    /** An import on a dropped table writes the table's marker key before it fails: exists() says true. */
    FAILED_IMPORT_LEAVES_THE_TABLE_MARKER(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile boolean marker;

        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            if (!delegate.schema().exists()) {
                marker = true;
            }
            return delegate.importAll(employees);
        }

        @Override
        public SchemaAdmin schema() {
            SchemaAdmin schema = delegate.schema();
            return new ForwardingSchemaAdmin(schema) {
                @Override
                public void create() {
                    schema.create();
                    marker = false;
                }

                @Override
                public boolean exists() {
                    return marker || schema.exists();
                }

                @Override
                public void drop() {
                    schema.drop();
                    marker = false;
                }
            };
        }
    }, "SchemaAndErrors.missingTable §4.15.3"),

    /** drop() renames the table aside and create() renames it back: the employees return. */
    DROP_IS_UNDONE_BY_CREATE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile List<Employee> aside;

        @Override
        public SchemaAdmin schema() {
            SchemaAdmin schema = delegate.schema();
            return new ForwardingSchemaAdmin(schema) {
                @Override
                public void create() {
                    schema.create();
                    if (aside != null && !aside.isEmpty()) {
                        delegate.importAll(aside);
                    }
                    aside = null;
                }

                @Override
                public void drop() {
                    if (schema.exists()) {
                        aside = delegate.stream().toList();
                    }
                    schema.drop();
                }
            };
        }
    }, "SchemaAndErrors.missingTable §4.15.3"),

    /** Writes created_at with every put (the upsert's SET list names it too): the creation time moves. */
    PUT_REWRITES_CREATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public synchronized Employee put(Employee employee) {
            Employee put = delegate.put(employee);
            Employee moved = put.toBuilder().createdAt(io.github.employeestore.spi.Timestamps.now(clock)).build();
            return overwritten(delegate, moved);
        }
    }, "Concurrency.concurrentPuts §4.1.3"),

    /** Streams by scanning the name index, not in list order (the same employees, another order). */
    STREAM_IN_NAME_ORDER(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public java.util.stream.Stream<Employee> stream() {
            return delegate.stream().sorted(java.util.Comparator.comparing(Employee::fullName)).toList().stream();
        }
    }, "LargeEmployees.atTheLimitEverywhere §4.11.1"),

    /** Reports an empty import as one statement run: attempted 1, written 1. */
    IMPORT_OF_NOTHING_COUNTS_ONE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            ImportResult result = delegate.importAll(employees);
            return employees != null && employees.isEmpty() ? new ImportResult(1, 1, List.of()) : result;
        }
    }, "Import.empty §4.13.3"),

    /**
     * Serves a miss from a one-employee buffer of the last write, without comparing the id (then empties it), when
     * the table's case-insensitive key lookup finds no row (a row it finds is compared exactly, and missed rightly).
     */
    MISS_SERVED_FROM_THE_LAST_WRITE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile Employee lastWrite;

        @Override
        public Employee create(Employee draft) {
            return lastWrite = delegate.create(draft);
        }

        @Override
        public java.util.Optional<Employee> get(String id) {
            java.util.Optional<Employee> found = delegate.get(id);
            Employee buffered = lastWrite;
            if (found.isEmpty() && buffered != null
                    && delegate.stream().noneMatch(e -> e.id().equalsIgnoreCase(id))) {
                lastWrite = null;
                return java.util.Optional.of(buffered);
            }
            return found;
        }
    }, "Read.getAbsent §4.3.1"),

    /** Its JSON writer turns a number 15 maps deep into text (a depth limit of the writer, not of the model). */
    DEEP_MAP_NUMBERS_AS_TEXT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            if (draft == null) {
                return delegate.create(null);
            }
            Employee.Builder b = draft.toBuilder();
            draft.attributes().forEach((name, value) -> {
                int depth = mapDepth(value);
                if (depth == 15 || depth == 16) {
                    b.attribute(name, deepNumbersAsText(value, 0));
                }
            });
            return delegate.create(b.build());
        }
    }, "FlexibleAttributes.nestingDepth §3.3.3"),

    /** Takes a null patch for a "touch" (version and updatedAt written), then rejects it. */
    NULL_PATCH_TOUCHES_BEFORE_IT_IS_REJECTED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            if (patch == null) {
                delegate.get(id).ifPresent(e -> delegate.update(e));
            }
            return delegate.patch(id, expectedVersion, patch);
        }
    }, "Patch.patchValuesValidated §4.18.4"),

    /**
     * Inserts {@code updated_at} into a DATETIME column without fractional seconds (created_at has them): a created
     * employee's updatedAt is rounded to the second, stored and returned that way.
     */
    CREATE_STAMPS_UPDATED_AT_IN_WHOLE_SECONDS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            Employee created = delegate.create(draft);
            Employee rounded = created.toBuilder().updatedAt(created.updatedAt().plusMillis(500)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).build();
            return overwritten(delegate, rounded);
        }
    }, "Create.assignsId §4.2.1"),

    /**
     * Binds {@code created_at = COALESCE(?, now)} on insert: a draft's createdAt is kept when it has one (its version
     * and updatedAt are ignored, as they must be).
     */
    CREATE_KEEPS_THE_DRAFT_S_CREATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            Employee created = delegate.create(draft);
            if (draft.createdAt() == null) {
                return created;
            }
            Employee kept = created.toBuilder()
                    .createdAt(draft.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).build();
            return overwritten(delegate, kept);
        }
    }, "Create.ignoresDraftVersionAndTimestamps §4.1.3"),

    /**
     * Binds every column of the employee an update is given, {@code created_at} included, instead of keeping the
     * stored one: the caller's createdAt replaces it.
     */
    UPDATE_WRITES_THE_GIVEN_CREATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            Employee updated = delegate.update(changed);
            if (changed.createdAt() == null) {
                return updated;
            }
            Employee given = updated.toBuilder()
                    .createdAt(changed.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).build();
            return overwritten(delegate, given);
        }
    }, "Update.ignoresGivenTimestamps §4.1.3");

    private static int mapDepth(AttributeValue v) {
        return v instanceof AttributeValue.MapValue m
                ? 1 + m.values().values().stream().mapToInt(BrokenDetails::mapDepth).max().orElse(0) : 0;
    }

    private static AttributeValue deepNumbersAsText(AttributeValue v, int depth) {
        if (v instanceof AttributeValue.MapValue m) {
            java.util.Map<String, AttributeValue> out = new java.util.LinkedHashMap<>();
            m.values().forEach((k, x) -> out.put(k, deepNumbersAsText(x, depth + 1)));
            return AttributeValue.of(out);
        }
        return depth >= 15 && v instanceof AttributeValue.NumberValue n ? AttributeValue.of(n.value().toPlainString())
                : v;
    }

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenDetails(Function<Clock, EmployeeStore> factory, String... mustFail) {
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
