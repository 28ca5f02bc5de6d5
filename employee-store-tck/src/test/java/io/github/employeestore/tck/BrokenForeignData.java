package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.spi.StoredEmployee;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;
import static io.github.employeestore.tck.BrokenStores.overwritten;

/**
 * Broken handling of data written by others (CONTRACT §3.6): the {@link RawItemStore} (the reference store with a
 * raw layer for items the model cannot read) with one bug each; each entry's comment names the backend mistake it
 * models. They run the optional group "data written by others" through the raw store's {@link ForeignItems} hook.
 */
enum BrokenForeignData implements BrokenStore {
    /** Skips an item it cannot map while paging (a {@code catch} that {@code continue}s): listings hide it. */
    LISTINGS_HIDE_UNREADABLE_ITEMS(clock -> new RawItemStore(memory(clock)) {
        @Override
        protected List<StoredEmployee> all() {
            return super.all().stream().filter(StoredEmployee::isReadable).toList();
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /** Maps a failure to read an item to "not found": get of an unreadable item is empty. */
    GET_OF_AN_UNREADABLE_ITEM_IS_EMPTY(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            return id != null && unreadable.containsKey(id) ? Optional.empty() : super.get(id);
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /**
     * Serves listByName and byName from rows that are mapped before they are paged, dropping those that cannot be
     * (or from an index that leaves them out): the alphabetical directory hides the unreadable.
     */
    SEARCH_HIDES_UNREADABLE_ITEMS(clock -> new RawItemStore(memory(clock)) {
        @Override
        protected Page<Employee> byName(EmployeeQuery query, PageRequest page) {
            return query == null ? delegate.listByName(page) : delegate.find(query, page);
        }
    }, "Search.unreadableEmployeesAreReported §4.20.7"),

    /**
     * Writes the first version of an item stored without one unconditioned (no "version absent" condition): a second
     * write at version 0, from a stale read, succeeds too and overwrites the first.
     */
    FIRST_WRITE_OF_AN_UNVERSIONED_ITEM_UNCONDITIONED(clock -> new RawItemStore(memory(clock)) {
        private final java.util.Set<String> plantedWithoutVersion = ConcurrentHashMap.newKeySet();

        @Override
        protected boolean plant(Map<String, AttributeValue> item) {
            if (!item.containsKey("version") && item.get("id") instanceof AttributeValue.TextValue id) {
                plantedWithoutVersion.add(id.value());
            }
            return super.plant(item);
        }

        @Override
        public Employee update(Employee changed) {
            return changed != null && changed.version() == 0 && stale(changed.id())
                    ? delegate.put(changed) : super.update(changed);
        }

        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            return expectedVersion == 0 && stale(id)
                    ? delegate.patch(id, delegate.get(id).orElseThrow().version(), patch)
                    : super.patch(id, expectedVersion, patch);
        }

        private boolean stale(String id) {
            return plantedWithoutVersion.contains(id) && !unversioned.containsKey(id) && delegate.get(id).isPresent();
        }
    }, "DataWrittenByOthers.itemWithoutVersionIsUpdatable §3.6.3",
            "DataWrittenByOthers.patchOfAnItemWithoutVersion §3.6.3"),

    /**
     * Stamps the {@code created_at} of an item stored without one, on its first patch, from its stored
     * {@code updated_at} (the oldest time it knows) instead of the clock.
     */
    PATCH_STAMPS_CREATED_AT_FROM_UPDATED_AT(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            Map<String, AttributeValue> raw = id == null ? null : unversioned.get(id);
            Employee patched = super.patch(id, expectedVersion, patch);
            if (raw == null || !(raw.get("updated_at") instanceof AttributeValue.TextValue updated)
                    || raw.containsKey("created_at")) {
                return patched;
            }
            Employee stamped = patched.toBuilder().createdAt(java.time.Instant.parse(updated.value())).build();
            return overwritten(delegate, stamped);
        }
    }, "DataWrittenByOthers.patchOfAnItemWithoutVersion §4.18.6"),

    /** Maps an absent {@code created_at} to the Unix epoch (a column default of 0) when it reads an item. */
    GET_READS_AN_ABSENT_CREATED_AT_AS_THE_EPOCH(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            return super.get(id).map(e -> e.createdAt() != null ? e
                    : e.toBuilder().createdAt(java.time.Instant.EPOCH).build());
        }
    }, "DataWrittenByOthers.itemWithoutVersionIsUpdatable §3.6.3"),

    /** Stamps the {@code created_at} of an item's first update in whole seconds (a second-precision column). */
    FIRST_UPDATE_STAMPS_CREATED_AT_IN_WHOLE_SECONDS(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            boolean first = changed != null && changed.id() != null && unversioned.containsKey(changed.id());
            Employee updated = super.update(changed);
            if (!first) {
                return updated;
            }
            Employee stamped = updated.toBuilder()
                    .createdAt(updated.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).build();
            return overwritten(delegate, stamped);
        }
    }, "DataWrittenByOthers.itemWithoutVersionIsUpdatable §3.6.3"),

    /** Writes an item's first version, on its first patch, as 2 (counting the absent version as 1). */
    FIRST_PATCH_WRITES_VERSION_2(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            boolean first = id != null && unversioned.containsKey(id);
            Employee patched = super.patch(id, expectedVersion, patch);
            if (!first) {
                return patched;
            }
            Employee two = patched.toBuilder().version(2).build();
            return overwritten(delegate, two);
        }
    }, "DataWrittenByOthers.patchOfAnItemWithoutVersion §4.18.6"),

    /**
     * A backend TCK's {@link ForeignItems} hook that reads an item through a cache its {@code plant} filled: the store
     * is right, but the hook answers the item as planted, whatever was written since.
     */
    HOOK_READS_THE_ITEM_AS_PLANTED(clock -> new RawItemStore(memory(clock)), "DataWrittenByOthers"
            + ".itemWithoutVersionIsUpdatable §3.6.3", "DataWrittenByOthers.patchOfAnItemWithoutVersion §4.18.6") {
        @Override
        public ForeignItems foreignItems(EmployeeStore store) {
            ForeignItems real = ((RawItemStore) store).foreignItems();
            Map<String, Map<String, AttributeValue>> planted = new ConcurrentHashMap<>();
            return new ForeignItems() {
                @Override
                public boolean plant(Map<String, AttributeValue> item) {
                    boolean held = real.plant(item);
                    if (held && item.get("id") instanceof AttributeValue.TextValue id) {
                        planted.put(id.value(), Map.copyOf(item));
                    }
                    return held;
                }

                @Override
                public Map<String, AttributeValue> read(String id) {
                    return planted.containsKey(id) ? planted.get(id) : real.read(id);
                }
            };
        }
    },

    /** Counts by reading and mapping every item, dropping those it cannot map. */
    COUNT_SKIPS_UNREADABLE_ITEMS(clock -> new RawItemStore(memory(clock)) {
        @Override
        public long count() {
            return delegate.count();
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /**
     * Reports an unreadable item of a listing's page under the id of a readable row beside it in the page (the row
     * variable of the reading loop, reused: the row before it, else the row after it): each is counted in its page,
     * but named wrongly when its page has a readable row.
     */
    LISTED_UNREADABLE_ITEMS_NAMED_BY_A_ROW_BESIDE(clock -> new RawItemStore(memory(clock)) {
        @Override
        public io.github.employeestore.Page<Employee> list(io.github.employeestore.PageRequest page) {
            io.github.employeestore.Page<Employee> p = super.list(page);
            List<io.github.employeestore.UnreadableEmployeeException> renamed = new java.util.ArrayList<>();
            for (io.github.employeestore.UnreadableEmployeeException u : p.unreadable()) {
                java.util.Comparator<String> order = io.github.employeestore.spi.CodePointOrder.COMPARATOR;
                String beside = p.items().stream().map(Employee::id).filter(id -> order.compare(id, u.id()) < 0)
                        .reduce((a, b) -> b)
                        .orElse(p.items().isEmpty() ? u.id() : p.items().get(0).id());
                renamed.add(new io.github.employeestore.UnreadableEmployeeException(beside, u.attribute(), u.problem(),
                        u.getCause()));
            }
            return io.github.employeestore.Page.of(p.items(), p.nextCursor().orElse(null), renamed);
        }

        @Override
        public java.util.stream.Stream<Employee> stream(
                java.util.function.Consumer<? super io.github.employeestore.UnreadableEmployeeException> unreadableItems) {
            return io.github.employeestore.spi.PagedStream.of(super::list, 500, unreadableItems);   // its own reader
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /**
     * Writes a put's fields with one request and checks the stored version with a second: a put over an item whose
     * version is above the bound is rejected, but the fields it carried are written.
     */
    PUT_OVER_A_VERSION_ABOVE_THE_BOUND_WRITES_ITS_FIELDS(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            Map<String, AttributeValue> raw = employee == null || employee.id() == null ? Map.of()
                    : foreignItems().read(employee.id());
            if (raw.get("version") instanceof AttributeValue.NumberValue n && employee.fullName() != null
                    && n.value().compareTo(java.math.BigDecimal.valueOf(io.github.employeestore.Limits.MAX_VERSION))
                    > 0) {
                Map<String, AttributeValue> written = new java.util.LinkedHashMap<>(raw);
                written.put("full_name", AttributeValue.of(employee.fullName()));
                foreignItems().plant(written);
            }
            return super.put(employee);
        }
    }, "DataWrittenByOthers.foreignVersionAboveTheBound §4.1.2"),

    /**
     * Updates an item another program wrote (one it holds no mapping state of) with an UpdateItem of its attributes
     * only, and returns the employee it was given as written: the changed job title is reported, not stored.
     */
    UPDATE_OF_A_FOREIGN_ITEM_WRITES_ITS_ATTRIBUTES_ONLY(clock -> new RawItemStore(memory(clock)) {
        private final java.util.Set<String> foreign = ConcurrentHashMap.newKeySet();

        @Override
        protected boolean plant(Map<String, AttributeValue> item) {
            boolean held = super.plant(item);
            if (held && item.get("id") instanceof AttributeValue.TextValue id) {
                foreign.add(id.value());
            }
            return held;
        }

        @Override
        public Employee update(Employee changed) {
            Optional<Employee> stored;
            try {
                stored = changed == null || changed.id() == null || !foreign.contains(changed.id()) ? Optional.empty()
                        : super.get(changed.id());
            } catch (RuntimeException unreadable) {
                stored = Optional.empty();
            }
            if (stored.isEmpty()) {
                return super.update(changed);
            }
            Employee written = super.update(stored.get().toBuilder().attributes(changed.attributes())
                    .version(changed.version()).build());
            return changed.toBuilder().version(written.version()).createdAt(written.createdAt())
                    .updatedAt(written.updatedAt()).build();
        }
    }, "DataWrittenByOthers.everyKindIsKept §3.6.1"),

    /**
     * Reports an item that {@code get} cannot read as unreadable as a whole ({@code attribute "item"}), not by the
     * attribute that failed: the caller cannot tell which value another program wrote wrongly.
     */
    GET_BLAMES_THE_WHOLE_ITEM(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            try {
                return super.get(id);
            } catch (io.github.employeestore.UnreadableEmployeeException e) {
                throw new io.github.employeestore.UnreadableEmployeeException(e.id(), "item", e.problem(), e);
            }
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /** Deletes through a read that fails on an unreadable item, which it takes for an absent one. */
    DELETE_LEAVES_UNREADABLE_ITEMS(clock -> new RawItemStore(memory(clock)) {
        @Override
        public boolean delete(String id) {
            return delegate.delete(id);
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /**
     * Writes an update through a JSON mapping that has no form for a null or a binary set: top-level attributes of
     * those kinds, written by another program, are lost.
     */
    UPDATE_LOSES_UNKNOWN_KINDS(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            Employee.Builder b = changed.toBuilder();
            changed.attributes().forEach((name, value) -> {
                if (value.kind() == AttributeValue.Kind.NULL || value.kind() == AttributeValue.Kind.BINARY_SET) {
                    b.removeAttribute(name);
                }
            });
            return delegate.update(b.build());
        }
    }, "DataWrittenByOthers.everyKindIsKept §3.6.1"),

    /**
     * Maps a binary set it reads to a list of binaries (its JSON reader has no set of binaries): what it reads of a
     * binary set written by another program is wrong, and so is what an update or import of that read writes back.
     */
    BINARY_SETS_READ_AS_LISTS(clock -> new RawItemStore(memory(clock)) {
        @Override
        public java.util.Optional<Employee> get(String id) {
            return delegate.get(id).map(e -> {
                Employee.Builder b = e.toBuilder();
                e.attributes().forEach((name, value) -> {
                    if (value instanceof AttributeValue.BinarySetValue set) {
                        b.attribute(name, AttributeValue.ofList(set.values().toArray(new AttributeValue[0])));
                    }
                });
                return b.build();
            });
        }
    }, "DataWrittenByOthers.everyKindIsKept §3.6.1"),

    /**
     * Patches the employee it last returned from {@code get} (a read cache) and writes it whole, conditioned on the
     * version: what another program wrote since, without a version, is overwritten.
     */
    PATCH_WRITES_THE_CACHED_READ(clock -> new RawItemStore(memory(clock)) {
        private final Map<String, Employee> lastRead = new ConcurrentHashMap<>();

        @Override
        public Optional<Employee> get(String id) {
            Optional<Employee> read = super.get(id);
            read.ifPresent(e -> lastRead.put(id, e));
            return read;
        }

        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            Employee cached = lastRead.get(id);
            if (cached == null || cached.version() != expectedVersion) {
                return super.patch(id, expectedVersion, patch);
            }
            return delegate.update(patch.applyTo(cached));
        }
    }, "DataWrittenByOthers.patchKeepsConcurrentForeignWrites §4.18.2"),

    /** Takes an item it cannot read for an absent one when it puts: the version above the bound is replaced. */
    PUT_REPLACES_AN_UNREADABLE_VERSION(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            if (employee != null && employee.id() != null) {
                unreadable.remove(employee.id());
            }
            return delegate.put(employee);
        }
    }, "DataWrittenByOthers.foreignVersionAboveTheBound §4.1.2"),

    /**
     * Reads one row ahead to find whether a name page has a next one, and when that row cannot be read reports it
     * with this page (it was decoded already) and moves the cursor past it: a page then holds its rows and the
     * unreadable employee after them, one more than its size.
     */
    UNREADABLE_LOOK_AHEAD_ROW_REPORTED_WITH_THE_PAGE(clock -> new RawItemStore(memory(clock)) {
        @Override
        protected Page<Employee> byName(EmployeeQuery query, PageRequest page) {
            Page<Employee> p = super.byName(query, page);
            if (p.nextCursor().isEmpty()) {
                return p;
            }
            Page<Employee> ahead = super.byName(query, PageRequest.after(p.nextCursor().get(), 1));
            if (ahead.unreadable().isEmpty()) {
                return p;
            }
            List<io.github.employeestore.UnreadableEmployeeException> bad = new java.util.ArrayList<>(p.unreadable());
            bad.addAll(ahead.unreadable());
            return Page.of(p.items(), ahead.nextCursor().orElse(null), bad);
        }
    }, "Search.unreadableEmployeesAreReported §4.20.7"),

    /**
     * Names an unreadable item in get's exception by its key as the table stores it ({@code employees#id}), not by
     * the employee's id.
     */
    GET_S_UNREADABLE_ERROR_NAMES_THE_STORED_KEY(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            try {
                return super.get(id);
            } catch (io.github.employeestore.UnreadableEmployeeException e) {
                throw new io.github.employeestore.UnreadableEmployeeException("employees#" + e.id(), e.attribute(),
                        "cannot be read", e);
            }
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /**
     * Quotes the whole stored item in get's exception for an unreadable item, values included (which may be
     * personal data, and which the contract keeps out of messages).
     */
    GET_S_UNREADABLE_ERROR_QUOTES_THE_ITEM(clock -> new RawItemStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            try {
                return super.get(id);
            } catch (io.github.employeestore.UnreadableEmployeeException e) {
                StringBuilder item = new StringBuilder();
                unreadable.get(id).forEach((name, v) -> item.append(name).append('=').append(
                        v instanceof AttributeValue.TextValue t ? t.value()
                                : v instanceof AttributeValue.NumberValue n ? n.value().toPlainString() : v)
                        .append(' '));
                throw new io.github.employeestore.UnreadableEmployeeException(e.id(), e.attribute(),
                        "cannot be read from " + item, e);
            }
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /**
     * Implements the reporting overload of {@code stream} by the plain stream: items that cannot be read are left
     * out, and the callback is never called.
     */
    STREAM_NEVER_CALLS_THE_UNREADABLE_CALLBACK(clock -> new RawItemStore(memory(clock)) {
        @Override
        public java.util.stream.Stream<Employee> stream(
                java.util.function.Consumer<? super io.github.employeestore.UnreadableEmployeeException> reporter) {
            return super.stream(u -> { });
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /**
     * Deletes an item it cannot read by writing a tombstone over it ({@code deleted = true}) instead of removing it:
     * this store hides it, but the item stays in the table, where other programs still read it.
     */
    DELETE_OF_AN_UNREADABLE_ITEM_LEAVES_A_TOMBSTONE(clock -> new RawItemStore(memory(clock)) {
        private final Map<String, Map<String, AttributeValue>> tombstones = new ConcurrentHashMap<>();

        @Override
        public boolean delete(String id) {
            Map<String, AttributeValue> raw = id == null ? null : unreadable.get(id);
            boolean deleted = super.delete(id);
            if (raw != null) {
                Map<String, AttributeValue> tombstone = new java.util.LinkedHashMap<>(raw);
                tombstone.put("deleted", AttributeValue.of(true));
                tombstones.put(id, tombstone);
            }
            return deleted;
        }

        @Override
        protected Map<String, AttributeValue> read(String id) {
            Map<String, AttributeValue> tombstone = id == null ? null : tombstones.get(id);
            return tombstone != null ? tombstone : super.read(id);
        }
    }, "DataWrittenByOthers.unreadableItemsAreReported §3.6.2"),

    /**
     * Appends the page's last id to its cursor in clear (URL-encoded, for tracing): a cursor after a long id of
     * astral characters written by another program is longer than Limits.MAX_CURSOR_LENGTH, so no caller can pass it
     * back.
     */
    CURSOR_CARRIES_THE_LAST_ID_IN_CLEAR_TOO(clock -> new RawItemStore(memory(clock)) {
        private Page<Employee> lengthened(Page<Employee> p) {
            if (p.nextCursor().isEmpty()) {
                return p;
            }
            String last = !p.unreadable().isEmpty() ? p.unreadable().get(p.unreadable().size() - 1).id()
                    : p.items().isEmpty() ? "" : p.items().get(p.items().size() - 1).id();
            return Page.of(p.items(), p.nextCursor().get() + "."
                    + java.net.URLEncoder.encode(last, java.nio.charset.StandardCharsets.UTF_8), p.unreadable());
        }

        private PageRequest shortened(PageRequest page) {
            return page.cursor().map(c -> PageRequest.after(c.substring(0, c.lastIndexOf('.')), page.size()))
                    .orElse(page);
        }

        @Override
        public Page<Employee> list(PageRequest page) {
            return lengthened(super.list(shortened(page)));
        }

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            return lengthened(super.find(query, shortened(page)));
        }
    }, "DataWrittenByOthers.longForeignIdsPageThrough §4.16.2");

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenForeignData(Function<Clock, EmployeeStore> factory, String... mustFail) {
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

    /** The raw-item store without a bug: the group must pass against it (its skipped cases aside). */
    static final BrokenStore NOT_BROKEN = new BrokenStore() {
        @Override
        public String name() {
            return "RawItemStore (not broken)";
        }

        @Override
        public EmployeeStore store(Clock clock) {
            return new RawItemStore(memory(clock));
        }

        @Override
        public List<String> mustFail() {
            return List.of();
        }
    };
}
