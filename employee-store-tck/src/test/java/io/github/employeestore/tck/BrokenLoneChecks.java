package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.BackfillProgress;
import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.spi.StoredEmployee;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;

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

    /** Sends what a batch read cannot map to the log only: the caller's consumer of unreadable items is never called. */
    GET_ALL_LOGS_UNREADABLE_ITEMS_ONLY(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Map<String, Employee> getAll(Collection<String> ids,
                                            Consumer<? super UnreadableEmployeeException> unreadableItems) {
            return super.getAll(ids, u -> StoredEmployee.warn("getAll", u));
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /**
     * A backend TCK's {@link ForeignItems} hook that reads the raw item through a document API leaving out null
     * attributes: the store is right, but the group would compare its writes with a hook blind to nulls.
     */
    HOOK_READS_WITHOUT_NULLS(clock -> new RawItemStore(memory(clock)), "DataWrittenByOthers.everyKindIsKept §3.6.1") {
        @Override
        public ForeignItems foreignItems(EmployeeStore store) {
            ForeignItems raw = ((RawItemStore) store).foreignItems();
            return new ForeignItems() {
                @Override
                public boolean plant(Map<String, AttributeValue> item) {
                    return raw.plant(item);
                }

                @Override
                public Map<String, AttributeValue> read(String id) {
                    Map<String, AttributeValue> item = new LinkedHashMap<>(raw.read(id));
                    item.values().removeIf(v -> v.kind() == AttributeValue.Kind.NULL);
                    return item;
                }
            };
        }
    },

    /**
     * Reserves one place of each page for a look-ahead row that tells whether more follow: a page that has a next
     * one holds one entry less than asked (none lost: the next page starts after the last one given).
     */
    LOOK_AHEAD_ROW_TAKES_A_PLACE(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            if (page.size() < 2) {
                return super.list(page);
            }
            Page<Employee> shorter = super.list(page.cursor().map(c -> PageRequest.after(c, page.size() - 1))
                    .orElse(PageRequest.first(page.size() - 1)));
            return shorter.hasNext() ? shorter : super.list(page);
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /**
     * Reads the following page along with each one and, when that is the last, returns both as one (saving a round
     * trip): the last page holds more entries than asked.
     */
    LAST_TWO_PAGES_MERGED(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            Page<Employee> p = super.list(page);
            if (!p.hasNext()) {
                return p;
            }
            Page<Employee> next = super.list(PageRequest.after(p.nextCursor().orElseThrow(), page.size()));
            if (next.hasNext()) {
                return p;
            }
            List<Employee> items = new java.util.ArrayList<>(p.items());
            items.addAll(next.items());
            List<UnreadableEmployeeException> unreadable = new java.util.ArrayList<>(p.unreadable());
            unreadable.addAll(next.unreadable());
            return Page.of(items, null, unreadable);
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

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
     * Reads ids through a bean-style key mapper that decapitalizes them (the rule of {@code Introspector.decapitalize}:
     * the first letter lower-cased unless the second is upper case too): "Present" is read as "present".
     */
    IDS_DECAPITALIZED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            boolean keep = id == null || id.isEmpty()
                    || id.length() > 1 && Character.isUpperCase(id.charAt(0)) && Character.isUpperCase(id.charAt(1));
            return delegate.get(keep ? id : Character.toLowerCase(id.charAt(0)) + id.substring(1));
        }
    }, "Read.getAbsent §3.5.2"),

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
     * Estimates from a statistics figure that does not see the inserts yet, less the deletes made since the last
     * estimate: after a few creates and a delete, the estimate is negative.
     */
    ESTIMATE_SUBTRACTS_DELETES_FROM_STALE_STATISTICS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.concurrent.atomic.AtomicLong deletes = new java.util.concurrent.atomic.AtomicLong();
        private volatile long statistics;

        @Override
        public boolean delete(String id) {
            boolean deleted = delegate.delete(id);
            if (deleted) {
                deletes.incrementAndGet();
            }
            return deleted;
        }

        @Override
        public long estimatedCount() {
            delegate.estimatedCount();
            long estimate = statistics - deletes.getAndSet(0);
            statistics = delegate.count();
            return estimate;
        }
    }, "Listing.estimatedCount §4.19.1"),

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

    /**
     * Continues a find after the last employee it mapped with an inclusive bound ({@code >=}): each page after a page
     * of readable employees starts with the last of them again.
     */
    FIND_REPEATS_THE_LAST_EMPLOYEE_OF_A_PAGE(clock -> new RawItemStore(memory(clock)) {
        private final Map<String, Employee> lastOfPage = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            Page<Employee> found = super.find(query, page);
            List<Employee> items = new java.util.ArrayList<>(found.items());
            page.cursor().map(lastOfPage::get).ifPresent(repeated -> items.add(0, repeated));
            if (!found.items().isEmpty()) {
                found.nextCursor().ifPresent(c -> lastOfPage.put(c, found.items().get(found.items().size() - 1)));
            }
            return Page.of(items, found.nextCursor().orElse(null), found.unreadable());
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

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

    /**
     * Resumes a running stream after a write with an inclusive bound ({@code >=}, the scan's snapshot being gone): the
     * last employee of the page before is streamed again.
     */
    STREAM_RESUMED_INCLUSIVELY_AFTER_A_WRITE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public boolean delete(String id) {
            writes.incrementAndGet();
            return delegate.delete(id);
        }

        @Override
        public Employee put(Employee employee) {
            writes.incrementAndGet();
            return delegate.put(employee);
        }

        @Override
        public java.util.stream.Stream<Employee> stream() {
            java.util.Iterator<Employee> pages = new java.util.Iterator<>() {
                private java.util.Iterator<Employee> page;
                private String cursor;
                private boolean done;
                private long seen;
                private Employee lastOfPage;

                @Override
                public boolean hasNext() {
                    while ((page == null || !page.hasNext()) && !done) {
                        Page<Employee> p = delegate.list(page == null ? PageRequest.first(100)
                                : PageRequest.after(cursor, 100));
                        List<Employee> items = new java.util.ArrayList<>(p.items());
                        if (page != null && lastOfPage != null && writes.get() != seen) {
                            items.add(0, lastOfPage);
                        }
                        seen = writes.get();
                        cursor = p.nextCursor().orElse(null);
                        done = cursor == null;
                        if (!p.items().isEmpty()) {
                            lastOfPage = p.items().get(p.items().size() - 1);
                        }
                        page = items.iterator();
                    }
                    return page != null && page.hasNext();
                }

                @Override
                public Employee next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return page.next();
                }
            };
            return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(pages,
                    java.util.Spliterator.ORDERED), false);
        }
    }, "Read.streamsAll §4.11.1"),

    /** Builds create's result from a RETURNING clause that leaves out the photo key column. */
    CREATE_RESULT_WITHOUT_THE_PHOTO_KEY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            return delegate.create(draft).toBuilder().photoKey(null).build();
        }
    }, "Create.roundTripsEveryField §3.1.7"),

    /** Looks a null id up as a key ({@code WHERE id = NULL}, never true): get(null) is empty, not rejected. */
    GET_OF_NULL_IS_EMPTY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            return id == null ? Optional.empty() : delegate.get(id);
        }
    }, "Validation.badIds §3.1.1"),

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
     * Answers count() with 0 from memory after schema().create() (a new table is empty) until the next delete:
     * the creates since are not counted.
     */
    COUNT_OF_A_NEW_TABLE_KEPT_AT_ZERO(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile boolean created;

        @Override
        public long count() {
            return created ? 0 : delegate.count();
        }

        @Override
        public boolean delete(String id) {
            created = false;
            return delegate.delete(id);
        }

        @Override
        public SchemaAdmin schema() {
            SchemaAdmin admin = delegate.schema();
            return new SchemaAdmin() {
                @Override
                public void create() {
                    admin.create();
                    created = true;
                }

                @Override
                public boolean exists() {
                    return admin.exists();
                }

                @Override
                public void drop() {
                    admin.drop();
                }

                @Override
                public BackfillProgress backfillSearchIndex(Consumer<? super BackfillProgress> progress) {
                    return admin.backfillSearchIndex(progress);
                }
            };
        }
    }, "SchemaAndErrors.dropRacingWrites §4.15.2"),

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

    /** Deletes by writing a tombstone (a soft delete) that delete honours but get does not filter out. */
    TOMBSTONE_VISIBLE_TO_GET(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Set<String> tombstones = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public boolean delete(String id) {
            if (id != null && !tombstones.contains(id) && delegate.get(id).isPresent()) {
                tombstones.add(id);
                return true;
            }
            return id != null && !tombstones.contains(id) && delegate.delete(id);
        }
    }, "Delete.deletes §4.7.1"),

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

    /** Streams the table's schema-version marker row, kept in the same table, as an employee. */
    STREAMS_THE_SCHEMA_MARKER(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public java.util.stream.Stream<Employee> stream() {
            Employee marker = Employee.builder().id("schema-version").fullName("1").version(1)
                    .createdAt(java.time.Instant.EPOCH).updatedAt(java.time.Instant.EPOCH).build();
            return java.util.stream.Stream.concat(delegate.stream(), java.util.stream.Stream.of(marker));
        }
    }, "Read.streamEmpty §4.11.1"),

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
            delegate.importAll(List.of(kept));
            return kept;
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

    /**
     * Reads a batch as the rows of one wide projection, with a column for every attribute of the batch: each
     * employee read by {@code getAll} gets the attributes it lacks as nulls.
     */
    GET_ALL_FILLS_OTHER_ATTRIBUTES_WITH_NULLS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Map<String, Employee> getAll(Collection<String> ids) {
            Map<String, Employee> found = delegate.getAll(ids);
            Set<String> columns = new HashSet<>();
            found.values().forEach(e -> columns.addAll(e.attributes().keySet()));
            Map<String, Employee> rows = new LinkedHashMap<>();
            found.forEach((id, e) -> {
                Employee.Builder row = e.toBuilder();
                columns.stream().filter(c -> !e.attributes().containsKey(c))
                        .forEach(c -> row.attribute(c, AttributeValue.ofNull()));
                rows.put(id, row.build());
            });
            return rows;
        }
    }, "FlexibleAttributes.differentSets §3.3.4"),

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
            delegate.importAll(List.of(kept));
            return kept;
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
    }, "Concurrency.updateRacesPut §4.5.5");

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
