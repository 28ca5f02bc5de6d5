package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.BackfillProgress;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.spi.StoredEmployee;

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
 * Broken reads (get, getAll, listings, streams, counts, and reads of data written by others) that one assertion of
 * their test sees (the others of that test pass against them), found by the assertion-deletion trial, as
 * {@link BrokenLoneChecks}. Each entry's comment names the backend mistake.
 */
enum BrokenLoneReads implements BrokenStore {
    /**
     * Returns from {@code drop()} while the table is still being deleted (as DynamoDB's DeleteTable does: the table
     * is DELETING, and DescribeTable still finds it) and answers {@code exists()} from that state: true until the
     * next call that reads or writes the table, which waits for the deletion. Only an {@code exists()} right after
     * {@code drop()} sees it.
     */
    DROP_RETURNS_WHILE_THE_TABLE_IS_DELETING(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile boolean deleting;

        @Override
        public SchemaAdmin schema() {
            return new ForwardingSchemaAdmin(delegate.schema()) {
                @Override
                public void drop() {
                    super.drop();
                    deleting = true;
                }

                @Override
                public void create() {
                    deleting = false;
                    super.create();
                }

                @Override
                public boolean exists() {
                    return deleting || super.exists();
                }
            };
        }

        @Override
        public Optional<Employee> get(String id) {
            deleting = false;
            return delegate.get(id);
        }

        @Override
        public long count() {
            deleting = false;
            return delegate.count();
        }

        @Override
        public Page<Employee> list(PageRequest page) {
            deleting = false;
            return delegate.list(page);
        }

        @Override
        public Employee create(Employee draft) {
            deleting = false;
            return delegate.create(draft);
        }
    }, "SchemaAndErrors.missingTable §4.15.3"),

    /** Reads an employee with a column list that leaves out the photo key: get returns it without one. */
    GET_WITHOUT_THE_PHOTO_KEY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            return delegate.get(id).map(e -> e.toBuilder().photoKey(null).build());
        }
    }, "Create.roundTripsEveryField §3.1.7"),

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

    /**
     * Estimates from a statistics figure that does not see the inserts yet, less the deletes made since the last
     * estimate (both reset when an estimate fails): after a few creates and a delete, the estimate is negative.
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
            try {
                delegate.estimatedCount();
            } catch (RuntimeException e) {
                deletes.set(0);   // a failed estimate resets its figures
                statistics = 0;
                throw e;
            }
            long estimate = statistics - deletes.getAndSet(0);
            statistics = delegate.count();
            return estimate;
        }
    }, "Listing.estimatedCount §4.19.1"),

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
            long[] seen = new long[1];
            Employee[] lastOfPage = new Employee[1];   // of the page before: none while on the first
            return BrokenStores.pagedStream(delegate, 100, items -> {
                List<Employee> page = new java.util.ArrayList<>(items);
                if (lastOfPage[0] != null && writes.get() != seen[0]) {
                    page.add(0, lastOfPage[0]);
                }
                seen[0] = writes.get();
                if (!items.isEmpty()) {
                    lastOfPage[0] = items.get(items.size() - 1);
                }
                return page;
            });
        }
    }, "Read.streamsAll §4.11.1"),

    /** Looks a null id up as a key ({@code WHERE id = NULL}, never true): get(null) is empty, not rejected. */
    GET_OF_NULL_IS_EMPTY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            return id == null ? Optional.empty() : delegate.get(id);
        }
    }, "Validation.badIds §3.1.1"),

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
            return new ForwardingSchemaAdmin(admin) {
                @Override
                public void create() {
                    admin.create();
                    created = true;
                }
            };
        }
    }, "SchemaAndErrors.dropRacingWrites §4.15.2"),

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

    /** Streams the table's schema-version marker row, kept in the same table, as an employee. */
    STREAMS_THE_SCHEMA_MARKER(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public java.util.stream.Stream<Employee> stream() {
            Employee marker = Employee.builder().id("schema-version").fullName("1").version(1)
                    .createdAt(java.time.Instant.EPOCH).updatedAt(java.time.Instant.EPOCH).build();
            return java.util.stream.Stream.concat(delegate.stream(), java.util.stream.Stream.of(marker));
        }
    }, "Read.streamEmpty §4.11.1"),

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

    /**
     * A read cache that stores the image an update or put sends before the write, and evicts it when the write fails
     * with a conflict or a missing id, but not when it is rejected (other writes invalidate it once they succeed):
     * get then answers the rejected image.
     */
    REJECTED_WRITE_LEFT_IN_THE_READ_CACHE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<String, Employee> cache = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Optional<Employee> get(String id) {
            Employee cached = id == null ? null : cache.get(id);
            return cached != null ? Optional.of(cached) : delegate.get(id);
        }

        @Override
        public Employee update(Employee changed) {
            return cached(changed, () -> delegate.update(changed));
        }

        @Override
        public Employee put(Employee employee) {
            return cached(employee, () -> delegate.put(employee));
        }

        @Override
        public boolean delete(String id) {
            boolean deleted = delegate.delete(id);
            cache.remove(id);
            return deleted;
        }

        @Override
        public void delete(String id, long expectedVersion) {
            delegate.delete(id, expectedVersion);
            cache.remove(id);
        }

        @Override
        public Employee patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch patch) {
            Employee patched = delegate.patch(id, expectedVersion, patch);
            cache.remove(id);
            return patched;
        }

        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            ImportResult result = delegate.importAll(employees);
            cache.clear();
            return result;
        }

        @Override
        public void transact(Consumer<io.github.employeestore.TransactionWriter> writes) {
            delegate.transact(writes);
            cache.clear();
        }

        private Employee cached(Employee image, java.util.function.Supplier<Employee> write) {
            if (image == null || image.id() == null) {
                return write.get();
            }
            cache.put(image.id(), image);
            try {
                Employee written = write.get();
                cache.put(written.id(), written);
                return written;
            } catch (io.github.employeestore.VersionConflictException
                     | io.github.employeestore.EmployeeNotFoundException e) {
                cache.remove(image.id());
                throw e;
            }
        }
    }, "Update.versionUpperBound §4.1.2"),

    /**
     * Counts the table's schema marker row, read first and filtered out, against the first page's limit (a scan's
     * limit counts the items it evaluated), and makes up for it by adding the rows filtered out to the next page's
     * limit (carried in the cursor): the first page holds one employee less than asked, the second one more.
     */
    FILTERED_MARKER_MADE_UP_ON_THE_NEXT_PAGE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<String, Integer> shortfall = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Page<Employee> list(PageRequest page) {
            if (page.cursor().isEmpty() && page.size() > 1) {
                Page<Employee> first = delegate.list(PageRequest.first(page.size() - 1));
                first.nextCursor().ifPresent(c -> shortfall.put(c, 1));
                return first;
            }
            int more = page.cursor().map(c -> shortfall.getOrDefault(c, 0)).orElse(0);
            return delegate.list(more == 0 ? page : PageRequest.after(page.cursor().orElseThrow(),
                    Math.min(io.github.employeestore.Limits.MAX_PAGE_SIZE, page.size() + more)));
        }
    }, "Listing.otherPageSize §4.16.1"),

    /**
     * Maps list pages with a row mapper that skips, with a warning, a row whose id the model rejects (one longer than
     * the model allows, written by another program), instead of returning it: list loses such items; find, on another
     * query path, keeps them.
     */
    LIST_SKIPS_IDS_LONGER_THAN_THE_MODEL_ALLOWS(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            return withoutLongIds(super.list(page));
        }
    }, "DataWrittenByOthers.longForeignIdsPageThrough §4.9.1"),

    /**
     * The row mapper of {@link #LIST_SKIPS_IDS_LONGER_THAN_THE_MODEL_ALLOWS} on the find path only: find loses such
     * items, list keeps them.
     */
    FIND_SKIPS_IDS_LONGER_THAN_THE_MODEL_ALLOWS(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            return withoutLongIds(super.find(query, page));
        }
    }, "DataWrittenByOthers.longForeignIdsPageThrough §4.9.1"),

    /**
     * Ends a page that ends with a readable employee with a cursor naming that employee, and starts the next page at
     * it ({@code id >= ?}, the condition of the cursor form that names the next row), while a page ending with an
     * unreadable item gets the raw row's key, after which the next page starts: the readable employee at the end of
     * a page is listed twice, an unreadable item never is (a stream of pages of 500 never meets a second page here).
     */
    LIST_RESUMES_AT_THE_LAST_READABLE_EMPLOYEE(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            String cursor = page.cursor().orElse(null);
            boolean at = cursor != null && cursor.startsWith("at:");
            String from = cursor == null ? null : cursor.substring(cursor.indexOf(':') + 1);
            List<StoredEmployee> rows = all().stream().filter(s -> from == null
                    || io.github.employeestore.spi.CodePointOrder.COMPARATOR.compare(s.id(), from) >= (at ? 0 : 1))
                    .limit(page.size() + 1L).toList();
            List<StoredEmployee> shown = rows.subList(0, Math.min(page.size(), rows.size()));
            StoredEmployee last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            String next = rows.size() <= page.size() ? null : (last.isReadable() ? "at:" : "after:") + last.id();
            return Page.of(shown.stream().filter(StoredEmployee::isReadable).map(StoredEmployee::employee).toList(),
                    next, shown.stream().filter(s -> !s.isReadable()).map(StoredEmployee::unreadable).toList());
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /**
     * Keeps, per connection, whether the table exists: the thread that dropped the table knows it is gone, while
     * another thread's connection still takes it for existing and answers count from the row count it last read.
     */
    COUNT_ON_ANOTHER_THREAD_AFTER_A_DROP_FROM_THE_LAST_COUNT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile Thread dropper;
        private volatile long lastCount;

        @Override
        public long count() {
            Thread dropped = dropper;
            if (dropped != null && dropped != Thread.currentThread()) {
                return lastCount;
            }
            lastCount = delegate.count();
            return lastCount;
        }

        @Override
        public SchemaAdmin schema() {
            SchemaAdmin admin = delegate.schema();
            return new ForwardingSchemaAdmin(admin) {
                @Override
                public void create() {
                    admin.create();
                    dropper = null;
                }

                @Override
                public void drop() {
                    if (admin.exists()) {
                        lastCount = delegate.count();
                    }
                    admin.drop();
                    dropper = Thread.currentThread();
                }
            };
        }
    }, "SchemaAndErrors.missingTable §4.15.3");

    /** @return the page without the employees whose ids are longer than the model allows */
    private static Page<Employee> withoutLongIds(Page<Employee> p) {
        return Page.of(p.items().stream().filter(e -> e.id().codePointCount(0, e.id().length())
                <= io.github.employeestore.Limits.MAX_ID_LENGTH).toList(), p.nextCursor().orElse(null), p.unreadable());
    }

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenLoneReads(Function<Clock, EmployeeStore> factory, String... mustFail) {
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
