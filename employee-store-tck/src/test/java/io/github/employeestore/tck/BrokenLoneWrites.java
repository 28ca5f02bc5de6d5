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

import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;
import static io.github.employeestore.tck.BrokenStores.overwritten;

/**
 * Broken writes (create, update, patch, delete and transactions) that one assertion of their test sees (the others of
 * that test pass against them), found by the assertion-deletion trial, as {@link BrokenLoneChecks}. Each entry's
 * comment names the backend mistake.
 */
enum BrokenLoneWrites implements BrokenStore {
    /**
     * Turns attribute names into ASCII before validating them (a key encoder that decomposes and drops the marks, so
     * that a name fits the storage's identifier rules): "ä" is stored as "a" instead of being rejected.
     */
    ATTRIBUTE_NAMES_TRANSLITERATED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            if (draft == null || draft.attributes().keySet().stream().allMatch(n -> n.chars().allMatch(c -> c < 128))) {
                return delegate.create(draft);
            }
            Employee.Builder b = draft.toBuilder().attributes(Map.of());
            draft.attributes().forEach((name, v) -> b.attribute(java.text.Normalizer.normalize(name,
                    java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", ""), v));
            return delegate.create(b.build());
        }
    }, "FlexibleAttributes.attributeNames §3.1.5"),

    /** Strips outer white space from a created employee's id (a form binder's trimming, on the create path only). */
    CREATE_STRIPS_THE_ID(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            if (draft == null || draft.id() == null || draft.id().strip().isEmpty()) {
                return delegate.create(draft);
            }
            return delegate.create(draft.toBuilder().id(draft.id().strip()).build());
        }
    }, "Validation.badIds §3.1.1"),

    /**
     * Writes an update with a mapper that skips null fields (DynamoDB's {@code UPDATE_SKIP_NULL_ATTRIBUTES}): a
     * location or photo key set to null keeps its old value, while update returns the employee it was given.
     */
    UPDATE_SKIPS_NULL_FIELDS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            Optional<Employee> before = changed == null || changed.id() == null ? Optional.empty()
                    : delegate.get(changed.id());
            Employee updated = delegate.update(changed);
            if (before.isEmpty() || (updated.location() != null || before.get().location() == null)
                    && (updated.photoKey() != null || before.get().photoKey() == null)) {
                return updated;
            }
            Employee.Builder kept = updated.toBuilder();
            if (updated.location() == null) {
                kept.location(before.get().location());
            }
            if (updated.photoKey() == null) {
                kept.photoKey(before.get().photoKey());
            }
            delegate.importAll(List.of(kept.build()));
            return updated;
        }
    }, "Update.updates §4.5.1"),

    /**
     * Deletes by writing a tombstone on the condition that the item is not one already: an id never stored has no
     * item at all, so the condition holds and delete reports true; a second delete of a deleted id reports false.
     */
    DELETE_OF_A_NEVER_STORED_ID_REPORTED_AS_DONE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Set<String> tombstones = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public boolean delete(String id) {
            if (delegate.delete(id)) {
                tombstones.add(id);
                return true;
            }
            return tombstones.add(id);
        }
    }, "Delete.deletes §4.7.1"),

    /**
     * Removes only the attributes named in a list that create writes into each item, so an attribute of an item
     * another program wrote (it has no such list) stays when the caller removes it by update.
     */
    FOREIGN_ATTRIBUTES_NEVER_REMOVED(clock -> new RawItemStore(memory(clock)) {
        private final Set<String> foreign = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        protected boolean plant(Map<String, AttributeValue> item) {
            boolean planted = super.plant(item);
            if (planted && item.get("id") instanceof AttributeValue.TextValue id) {
                foreign.add(id.value());
            }
            return planted;
        }

        @Override
        public Employee update(Employee changed) {
            Optional<Employee> stored = changed == null || changed.id() == null || !foreign.contains(changed.id())
                    ? Optional.empty() : delegate.get(changed.id());
            if (stored.isEmpty()) {
                return super.update(changed);
            }
            Employee.Builder kept = changed.toBuilder();
            stored.get().attributes().forEach((name, v) -> {
                if (!changed.attributes().containsKey(name)) {
                    kept.attribute(name, v);
                }
            });
            return super.update(kept.build());
        }
    }, "DataWrittenByOthers.everyKindIsKept §3.6.1"),

    /**
     * Binds a patch's numbers as DECIMAL with 38 digits of precision, so one of 39 digits is rounded instead of
     * rejected (the patch path skips the number check that create and update make).
     */
    PATCH_NUMBERS_ROUNDED_TO_38_DIGITS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            if (patch == null || patch.attributes().values().stream().noneMatch(v ->
                    v instanceof AttributeValue.NumberValue n && n.value().precision() > 38)) {
                return delegate.patch(id, expectedVersion, patch);
            }
            EmployeePatch.Builder rounded = patch.toBuilder();
            patch.attributes().forEach((name, v) -> {
                if (v instanceof AttributeValue.NumberValue n && n.value().precision() > 38) {
                    rounded.attribute(name, AttributeValue.of(n.value().round(new MathContext(38))));
                }
            });
            return delegate.patch(id, expectedVersion, rounded.build());
        }
    }, "Patch.patchValuesValidated §4.18.4"),

    /**
     * Leaves a transaction's update of an employee at the version bound out of the batch (its condition
     * {@code version < bound} failed, which the store takes for an update with nothing to change) and commits the
     * rest, instead of rejecting the transaction: it checks an update's version only when it builds the write.
     */
    TRANSACTION_UPDATE_AT_THE_BOUND_LEFT_OUT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            delegate.transact(w -> writes.accept(new ForwardingTransactionWriter(w) {
                @Override
                public void update(Employee changed) {
                    if (changed == null || changed.id() == null || changed.version() != Limits.MAX_VERSION
                            || delegate.get(changed.id()).filter(s -> s.version() == Limits.MAX_VERSION).isEmpty()) {
                        w.update(changed);
                    }
                }
            }));
        }
    }, "Update.versionUpperBound §4.1.2"),

    /**
     * Reads a transaction's patched items to build the batch and, finding one absent, drops that patch, sends the
     * rest and then reports the absent id: the writes of the transaction's other operations are committed.
     */
    TRANSACTION_SENT_WITHOUT_THE_PATCH_OF_AN_ABSENT_ID(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            try {
                delegate.transact(w -> ops.forEach(op -> BrokenWrites.replay(w, op)));
            } catch (EmployeeNotFoundException e) {
                List<TransactionOperation> rest = ops.stream().filter(op -> !(op instanceof TransactionOperation.Patch p
                        && p.id().equals(e.id()))).toList();
                if (rest.size() < ops.size() && !rest.isEmpty()) {
                    try {
                        delegate.transact(w -> rest.forEach(op -> BrokenWrites.replay(w, op)));
                    } catch (RuntimeException restFailed) {
                        e.addSuppressed(restFailed);
                    }
                }
                throw e;
            }
        }
    }, "Patch.patchInTransaction §4.14.1"),

    /**
     * Maps each failure of importAll back to its input position through a map from id to the first index of that id,
     * so an id repeated in the batch is reported at its first occurrence instead of its own.
     */
    IMPORT_REPEATED_ID_INDEXED_AT_ITS_FIRST_OCCURRENCE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            ImportResult result = delegate.importAll(employees);
            if (employees == null) {
                return result;
            }
            Map<String, Integer> first = new HashMap<>();
            int i = 0;
            for (Employee e : employees) {
                if (e != null && e.id() != null) {
                    first.putIfAbsent(e.id(), i);
                }
                i++;
            }
            return new ImportResult(result.attempted(), result.written(), result.failures().stream()
                    .map(f -> f.id() == null || !first.containsKey(f.id()) ? f : new ImportResult.Failure(
                            first.get(f.id()), f.id(), f.reason(), f.violations(), f.cause())).toList());
        }
    }, "Import.mixedValidity §4.13.2"),

    /**
     * Writes a patch's photo key as {@code photo_key = COALESCE(?, photo_key)} (the statement the upload path shares),
     * so a patch that removes the photo key keeps it, in the result and in the table.
     */
    PATCH_CANNOT_CLEAR_THE_PHOTO_KEY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            if (id == null || patch == null || !patch.sets(EmployeePatch.Field.PHOTO_KEY)
                    || patch.text(EmployeePatch.Field.PHOTO_KEY) != null) {
                return delegate.patch(id, expectedVersion, patch);
            }
            String kept = delegate.get(id).map(Employee::photoKey).orElse(null);
            return delegate.patch(id, expectedVersion, patch.toBuilder().photoKey(kept).build());
        }
    }, "Patch.patchesEveryFieldAndKind §4.18.1"),

    /**
     * Puts an id it read as absent by an insert of version 1; when the insert fails because another write created the
     * item meanwhile, it retries as a replace with the version it computed from its read (1), losing the writes made
     * since.
     */
    PUT_RACING_AN_INSERT_RESETS_THE_VERSION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            if (employee == null || employee.id() == null || delegate.get(employee.id()).isPresent()) {
                return delegate.put(employee);
            }
            BrokenStores.pause();   // between the read and the insert
            synchronized (this) {
                boolean inserted = delegate.get(employee.id()).isEmpty();
                Employee written = delegate.put(employee);
                if (inserted) {
                    return written;
                }
                Employee replaced = written.toBuilder().version(1).build();
                return overwritten(delegate, replaced);
            }
        }
    }, "Concurrency.createRacesPut §4.1.6"),

    /**
     * Writes an update or a patch as {@code version = ? + 1} on a table whose update trigger (installed for the
     * programs that write it directly) increments the version too, and returns the row it reads back: every update
     * and patch moves the version by two.
     */
    VERSION_STAMPED_TWICE_BY_A_TRIGGER(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            return stampedAgain(delegate.update(changed));
        }

        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            return stampedAgain(delegate.patch(id, expectedVersion, patch));
        }

        private Employee stampedAgain(Employee written) {
            Employee twice = written.toBuilder().version(written.version() + 1).build();
            return overwritten(delegate, twice);
        }
    }, "Concurrency.concurrentUpdates §4.5.5", "Patch.concurrentPatches §4.18.7"),

    /**
     * Stamps createAll's employees with an instant its bulk writer read once, at the store's first write (a
     * {@code now} cached with the prepared batch), instead of the clock at the call; create is right.
     */
    CREATE_ALL_STAMPS_THE_TIME_OF_THE_FIRST_WRITE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile Instant firstWrite;

        @Override
        public Employee create(Employee draft) {
            Employee created = delegate.create(draft);
            if (firstWrite == null) {
                firstWrite = created.createdAt();
            }
            return created;
        }

        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult result = delegate.createAll(drafts);
            if (result.created().isEmpty()) {
                return result;
            }
            if (firstWrite == null) {
                firstWrite = result.created().get(0).createdAt();
            }
            List<Employee> stamped = result.created().stream().map(e -> e.toBuilder().createdAt(firstWrite)
                    .updatedAt(firstWrite).build()).toList();
            delegate.importAll(stamped);
            return new CreateAllResult(result.attempted(), stamped, result.failures());
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /**
     * Writes createAll's drafts in chunks of 25 and reports a draft whose id is stored at its index within its chunk
     * (the batch's own index), then sorts the failures; invalid drafts and ids repeated in the input are found before
     * the chunks are written, at their input index.
     */
    CREATE_ALL_EXISTING_IDS_INDEXED_WITHIN_THEIR_CHUNK(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult result = delegate.createAll(drafts);
            List<Employee> given = drafts == null ? List.of() : new java.util.ArrayList<>(drafts);
            return new CreateAllResult(result.attempted(), result.created(), result.failures().stream()
                    .map(f -> f.cause() instanceof EmployeeAlreadyExistsException && firstIndexOf(given, f.id())
                            == f.index() ? new ImportResult.Failure(f.index() % 25, f.id(), f.reason(), f.violations(),
                            f.cause()) : f).sorted(java.util.Comparator.comparingInt(ImportResult.Failure::index))
                    .toList());
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /**
     * Writes createAll's drafts in chunks of 25; a chunk that fails on a stored id is retried draft by draft, and the
     * retry gives every failure it reports the chunk's exception as its cause, an invalid draft's too: existingIds()
     * then names the invalid drafts of those chunks.
     */
    CREATE_ALL_INVALID_DRAFTS_CARRY_THE_CHUNK_S_CONFLICT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult result = delegate.createAll(drafts);
            Map<Integer, Throwable> chunkConflicts = new HashMap<>();
            result.failures().stream().filter(f -> f.cause() instanceof EmployeeAlreadyExistsException)
                    .forEach(f -> chunkConflicts.putIfAbsent(f.index() / 25, f.cause()));
            return new CreateAllResult(result.attempted(), result.created(), result.failures().stream()
                    .map(f -> f.violations().isEmpty() || !chunkConflicts.containsKey(f.index() / 25) ? f
                            : new ImportResult.Failure(f.index(), f.id(), f.reason(), f.violations(),
                            chunkConflicts.get(f.index() / 25))).toList());
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /**
     * Runs on a backend whose conditional writes do not return the stored item (so its TCK class says conflicts
     * report no stored version), yet fills a conflict's stored version with the expected one, the only version the
     * store knows there.
     */
    CONFLICT_REPORTS_THE_EXPECTED_VERSION_AS_STORED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            try {
                return delegate.update(changed);
            } catch (VersionConflictException e) {
                throw madeUp(e);
            }
        }

        @Override
        public void delete(String id, long expectedVersion) {
            try {
                delegate.delete(id, expectedVersion);
            } catch (VersionConflictException e) {
                throw madeUp(e);
            }
        }

        private VersionConflictException madeUp(VersionConflictException e) {
            return new VersionConflictException(e.id(), e.expectedVersion(), e.expectedVersion());
        }
    }, "Update.versionConflict §4.5.2", "Delete.versionedDeleteConflict §4.8.2") {
        @Override
        public boolean conflictsReportActualVersion() {
            return false;
        }
    },

    /**
     * Builds a patch's conflict from the row it read: the stored version is reported as both the expected and the
     * stored one.
     */
    PATCH_CONFLICT_REPORTS_THE_STORED_VERSION_AS_EXPECTED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            try {
                return delegate.patch(id, expectedVersion, patch);
            } catch (VersionConflictException e) {
                long stored = e.actualVersion().orElseThrow();
                throw new VersionConflictException(e.id(), stored, stored);
            }
        }
    }, "Patch.patchVersionConflict §4.18.3"),

    /**
     * Stores createdAt in a column of whole seconds (TIMESTAMP(0)) and reads it back, while updatedAt has
     * milliseconds: an employee's createdAt loses its milliseconds, in create's result and every read.
     */
    CREATED_AT_STORED_IN_WHOLE_SECONDS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            Employee created = delegate.create(draft);
            Employee seconds = created.toBuilder().createdAt(created.createdAt().truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS)).build();
            return overwritten(delegate, seconds);
        }
    }, "Timestamps.fromClock §4.1.3"),

    /**
     * Leaves out attributes whose value is null when it replaces an employee with {@code put} (a mapper that skips
     * nulls on its replace path only): the employee read back lacks them.
     */
    PUT_DROPS_NULL_ATTRIBUTES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            if (employee == null) {
                return delegate.put(null);
            }
            Map<String, AttributeValue> kept = new java.util.LinkedHashMap<>();
            employee.attributes().forEach((name, value) -> {
                if (value.kind() != AttributeValue.Kind.NULL) {
                    kept.put(name, value);
                }
            });
            return delegate.put(employee.toBuilder().attributes(kept).build());
        }
    }, "FlexibleAttributes.kindsWithoutJsonEquivalent §3.3.1"),

    /**
     * Cleans the elements of text sets before it checks them (U+0000 and unpaired surrogates removed), so a set
     * the contract rejects is stored, changed, instead of reported.
     */
    SET_ELEMENTS_CLEANED_INSTEAD_OF_REJECTED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            if (draft == null) {
                return delegate.create(null);
            }
            Map<String, AttributeValue> cleaned = new java.util.LinkedHashMap<>();
            draft.attributes().forEach((name, value) -> cleaned.put(name,
                    value instanceof AttributeValue.TextSetValue set
                            ? new AttributeValue.TextSetValue(clean(set.values())) : value));
            return delegate.create(draft.toBuilder().attributes(cleaned).build());
        }

        private java.util.SortedSet<String> clean(java.util.Set<String> texts) {
            java.util.SortedSet<String> out = new java.util.TreeSet<>();
            for (String t : texts) {
                out.add(t.replace("\u0000", "").replaceAll("[\\uD800-\\uDFFF]", ""));
            }
            return out;
        }
    }, "FlexibleAttributes.setElements §3.3.1"),

    /**
     * Writes every patch twice: the patch, then the patched employee again as an update (a read-modify-write that
     * writes once more to be sure it won over writes of other programs). What is stored and what is returned agree
     * and keep every attribute, but the version is one too high.
     */
    PATCH_WRITTEN_TWICE(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            return super.update(super.patch(id, expectedVersion, patch));
        }
    }, "DataWrittenByOthers.patchKeepsConcurrentForeignWrites §4.18.2"),

    /**
     * Sends a transaction as separate conditional writes and, when one of them meets a write made meanwhile by a
     * plain put, sends the whole transaction again, though its other writes had already been applied: those items
     * get one version more than the transaction's.
     */
    TRANSACTION_RETRY_WRITES_ITS_OTHER_ITEMS_AGAIN(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<String, java.util.concurrent.atomic.AtomicLong> puts =
                new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Employee put(Employee employee) {
            Employee written = delegate.put(employee);
            puts.computeIfAbsent(written.id(), id -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
            return written;
        }

        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            Map<String, Long> seen = new HashMap<>();
            ops.forEach(op -> seen.put(op.id(), putsOf(op.id())));
            BrokenStores.pause();   // the writes before the one that meets the put
            List<TransactionOperation> applied = ops.stream().filter(op -> seen.get(op.id()) == putsOf(op.id()))
                    .toList();
            if (applied.size() < ops.size() && !applied.isEmpty()) {
                delegate.transact(w -> applied.forEach(op -> BrokenWrites.replay(w, op)));
            }
            delegate.transact(w -> ops.forEach(op -> BrokenWrites.replay(w, op)));
        }

        private long putsOf(String id) {
            java.util.concurrent.atomic.AtomicLong n = id == null ? null : puts.get(id);
            return n == null ? 0 : n.get();
        }
    }, "Concurrency.transactionRacesPuts §4.1.6");

    /** @return the index of the first draft with that id, or -1 */
    private static int firstIndexOf(List<Employee> drafts, String id) {
        for (int i = 0; i < drafts.size(); i++) {
            if (drafts.get(i) != null && id != null && id.equals(drafts.get(i).id())) {
                return i;
            }
        }
        return -1;
    }

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenLoneWrites(Function<Clock, EmployeeStore> factory, String... mustFail) {
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
