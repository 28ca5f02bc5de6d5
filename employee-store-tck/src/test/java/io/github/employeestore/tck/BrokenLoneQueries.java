package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.BackfillProgress;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.spi.NameFolding;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;

import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.github.employeestore.tck.BrokenStores.memory;

/**
 * Broken queries (list, find by location or job title, name search, listByName and the backfill) that one assertion
 * of their test sees (the others of that test pass against them), found by the assertion-deletion trial, as
 * {@link BrokenLoneChecks}. Each entry's comment names the backend mistake.
 */
enum BrokenLoneQueries implements BrokenStore {
    /**
     * Lists pages of 50 or more from a parallel scan, in segment order (here: ids descending), and smaller ones by
     * key: the order of a listing depends on its page size.
     */
    LIST_ORDER_DEPENDS_ON_THE_PAGE_SIZE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            if (page.size() < 50) {
                return delegate.list(page);
            }
            List<Employee> all;
            try (Stream<Employee> s = delegate.stream()) {
                all = s.sorted(java.util.Comparator.comparing(Employee::id).reversed()).toList();
            }
            return BrokenStores.offsetPage(all, page);
        }
    }, "Listing.stableOrder §4.9.2"),

    /**
     * Keeps the look-ahead row it reads to know whether a next page exists when the page size is 1: a page of one
     * holds two employees.
     */
    LOOK_AHEAD_ROW_KEPT_IN_A_PAGE_OF_ONE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            if (page.size() != 1) {
                return delegate.list(page);
            }
            Page<Employee> two = delegate.list(page.cursor().map(c -> PageRequest.after(c, 2))
                    .orElse(PageRequest.first(2)));
            return two.items().size() < 2 ? delegate.list(page)
                    : Page.of(two.items(), delegate.list(page).nextCursor().orElse(null), two.unreadable());
        }
    }, "Listing.pageSizeLimits §4.16.1"),

    /**
     * Reads exactly a page of employees, without looking one ahead, and gives every full page of two or more a
     * cursor: a page that ends where the table ends is not known to be the last.
     */
    LIST_FULL_PAGE_WITHOUT_LOOK_AHEAD(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            Page<Employee> p = delegate.list(page);
            if (p.nextCursor().isPresent() || page.size() < 2 || p.items().size() < page.size()) {
                return p;
            }
            return Page.of(p.items(), "end-of-table-unknown", p.unreadable());
        }
    }, "Listing.longestPositions §4.9.1"),

    /**
     * Reads exactly a page of matches, without looking one ahead, and gives every full page a cursor: a page that
     * ends where the matches end is not known to be the last, and its cursor leads to an empty page.
     */
    FIND_FULL_PAGE_WITHOUT_LOOK_AHEAD(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            Page<Employee> p = delegate.find(query, page);
            if (p.nextCursor().isPresent() || p.items().size() < page.size()) {
                return p;
            }
            return Page.of(p.items(), "end-of-matches-unknown", p.unreadable());
        }
    }, "Queries.sparseMatches §4.10.2"),

    /**
     * Ends a page whose last employee is large (a page cut near a response-size limit) with a cursor that resumes at
     * that employee instead of after it: the next page starts with it again. Every employee is still listed, and the
     * listing ends, but the large ones of pages that have a next one come twice.
     */
    LIST_REPEATS_THE_LAST_LARGE_EMPLOYEE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            Page<Employee> p = delegate.list(page);
            if (p.nextCursor().isEmpty() || p.items().size() < 2
                    || io.github.employeestore.spi.ItemSize.of(p.items().get(p.items().size() - 1)) < 100_000) {
                return p;
            }
            PageRequest shorter = page.cursor().map(c -> PageRequest.after(c, page.size() - 1))
                    .orElse(PageRequest.first(page.size() - 1));
            return Page.of(p.items(), delegate.list(shorter).nextCursor().orElse(null), p.unreadable());
        }
    }, "LargeEmployees.atTheLimitEverywhere §4.9.1"),

    /**
     * Decodes a page of more than one row in one pass and, when a row fails, reports the whole item as unreadable
     * (attribute {@code "item"}) instead of the attribute that failed; a page of one row is read by the single-row
     * mapper, which names it.
     */
    UNREADABLE_OF_A_LONG_PAGE_BLAMED_ON_THE_ITEM(clock -> new RawItemStore(memory(clock)) {
        @Override
        protected Page<Employee> byName(EmployeeQuery query, PageRequest page) {
            Page<Employee> p = super.byName(query, page);
            if (page.size() == 1) {
                return p;
            }
            return Page.of(p.items(), p.nextCursor().orElse(null), p.unreadable().stream()
                    .map(u -> new UnreadableEmployeeException(u.id(), "item", "cannot be decoded", u)).toList());
        }
    }, "Search.unreadableEmployeesAreReported §4.20.7"),

    /**
     * Serves name search from an index whose sort key is the folded name followed by the id (a composite key built
     * to be unique), without the full name between them: employees whose names fold alike come in id order.
     * listByName, served by the table's own name order, is right.
     */
    NAME_SEARCH_TIES_IN_ID_ORDER(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (query.name().isEmpty()) {
                return delegate.find(query, page);
            }
            List<Employee> all = new ArrayList<>(delegate.find(query, PageRequest.first(1000)).items());
            all.sort(Comparator.comparing((Employee e) -> NameFolding.sortKey(e.fullName()))
                    .thenComparing(Employee::id));
            return BrokenStores.offsetPage(all, page);
        }
    }, "Search.order §4.20.3"),

    /**
     * Reads the employees of find's matches through a cache keyed by the index entry (the criterion, full name and
     * createdAt) instead of the id: employees of one name created in the same millisecond come back as the first of
     * them read, each name the right number of times.
     */
    FIND_ROWS_CACHED_BY_NAME_AND_CREATION_TIME(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<List<Object>, Employee> rows = new ConcurrentHashMap<>();

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            Page<Employee> p = delegate.find(query, page);
            if (query.name().isPresent()) {
                return p;
            }
            return Page.of(p.items().stream().map(e -> rows.computeIfAbsent(List.of(query.toString(),
                    e.fullName(), String.valueOf(e.createdAt())), k -> e)).toList(), p.nextCursor().orElse(null),
                    p.unreadable());
        }
    }, "Queries.pagesWithTies §4.10.2"),

    /**
     * Compares the job title criterion under a normalization-insensitive collation (both sides in NFC): "Cafe" with a
     * combining acute accent finds "Café" written precomposed as well. The location column's collation is exact.
     */
    JOB_TITLE_COMPARED_IN_NFC(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (query.name().isPresent() || query.jobTitle().isEmpty()) {
                return delegate.find(query, page);
            }
            String title = Normalizer.normalize(query.jobTitle().get(), Normalizer.Form.NFC);
            List<Employee> all;
            try (Stream<Employee> s = delegate.stream()) {
                all = s.filter(e -> query.location().map(l -> l.equals(e.location())).orElse(true))
                        .filter(e -> e.jobTitle() != null
                                && title.equals(Normalizer.normalize(e.jobTitle(), Normalizer.Form.NFC)))
                        .sorted(Comparator.comparing(Employee::fullName).thenComparing(Employee::id)).toList();
            }
            return BrokenStores.offsetPage(all, page);
        }
    }, "TextRules.noNormalization §3.5.2"),

    /**
     * Deletes the search entries of an employee in delete, but not in a transaction's delete (the batch writer
     * removes the employee's item only): name search still finds the employee, from the entry's projected copy.
     */
    TRANSACTION_DELETE_LEAVES_THE_NAME_ENTRY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<String, Employee> leftInTheIndex = new ConcurrentHashMap<>();

        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            Map<String, Employee> deleted = new java.util.HashMap<>();
            for (TransactionOperation op : ops) {
                if (op instanceof TransactionOperation.Delete d && d.id() != null) {
                    delegate.get(d.id()).ifPresent(e -> deleted.put(e.id(), e));
                }
            }
            delegate.transact(w -> ops.forEach(op -> BrokenWrites.replay(w, op)));
            leftInTheIndex.putAll(deleted);
        }

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (query.name().isEmpty() || leftInTheIndex.isEmpty()) {
                return delegate.find(query, page);
            }
            List<Employee> all = new ArrayList<>(delegate.find(query, PageRequest.first(1000)).items());
            leftInTheIndex.values().stream().filter(e -> NameFolding.matches(query.nameWords(), e.fullName()))
                    .forEach(all::add);
            all.sort(NameFolding.ORDER);
            return BrokenStores.offsetPage(all, page);
        }
    }, "Search.reflectsBulkWrites §4.20.6"),

    /**
     * Backfills by rebuilding the name index from the items it finds unindexed (truncate and load), which drops the
     * entries of the employees indexed already: after a backfill, search finds only what it indexed and what was
     * written since.
     */
    BACKFILL_REBUILDS_THE_INDEX_FROM_THE_UNINDEXED_ITEMS(clock -> new Backfilled(clock, true),
            "Search.foreignItemsOnceIndexed §4.20.8"),

    /**
     * Backfills an item another program wrote with one index entry, for the first word of its full name (the key
     * of a one-word index it was written for), while writes index every word: the item's later words find nothing.
     */
    BACKFILL_INDEXES_THE_FIRST_WORD_ONLY(clock -> new Backfilled(clock, false), "Search.foreignItemsOnceIndexed §4.20.8"),

    /**
     * Lists from a read replica that applies a drop() only with the next write after the table is created again:
     * list on the new, empty table still pages through the rows of the dropped one (count and get read the primary).
     */
    LIST_FROM_A_REPLICA_THAT_MISSED_THE_DROP(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile List<Employee> replica;   // non-null: the rows of the dropped table, still on the replica
        private volatile boolean recreated;

        @Override
        public Page<Employee> list(PageRequest page) {
            List<Employee> stale = replica;
            return stale == null ? delegate.list(page) : BrokenStores.offsetPage(stale, page);
        }

        @Override
        public Employee create(Employee draft) {
            Employee created = delegate.create(draft);
            if (recreated) {
                recreated = false;
                replica = null;
            }
            return created;
        }

        @Override
        public SchemaAdmin schema() {
            SchemaAdmin admin = delegate.schema();
            return new ForwardingSchemaAdmin(admin) {
                @Override
                public void create() {
                    admin.create();
                    recreated = true;
                }

                @Override
                public void drop() {
                    List<Employee> rows = List.of();
                    if (admin.exists()) {
                        try (Stream<Employee> s = delegate.stream()) {
                            rows = s.sorted(Comparator.comparing(Employee::id)).toList();
                        }
                    }
                    admin.drop();
                    replica = rows;
                }
            };
        }
    }, "SchemaAndErrors.dropRacingWrites §4.15.2"),

    /** Returns the index scan's start marker as the cursor of an empty first page of listByName. */
    LIST_BY_NAME_OF_AN_EMPTY_TABLE_GIVES_A_CURSOR(clock -> startMarker(memory(clock)), "Search.listByName §4.20.7") {
        @Override
        public EmployeeStore otherTable(Clock clock) {
            return startMarker(super.otherTable(clock));
        }
    };

    /** A raw-item store with one of the two backfill mistakes above, seen by name search after a backfill. */
    private static final class Backfilled extends RawItemStore {
        private final boolean dropsTheIndexed;   // else: a foreign item is indexed by the first word of its name
        private final Set<String> planted = ConcurrentHashMap.newKeySet();
        private final Set<String> writtenSince = ConcurrentHashMap.newKeySet();
        private volatile boolean backfilled;

        Backfilled(Clock clock, boolean dropsTheIndexed) {
            super(memory(clock));
            this.dropsTheIndexed = dropsTheIndexed;
        }

        @Override
        protected boolean plant(Map<String, AttributeValue> item) {
            boolean held = super.plant(item);
            if (held && item.get("id") instanceof AttributeValue.TextValue id) {
                planted.add(id.value());
            }
            return held;
        }

        @Override
        public Employee create(Employee draft) {
            Employee created = super.create(draft);
            writtenSince.add(created.id());
            return created;
        }

        @Override
        public SchemaAdmin schema() {
            SchemaAdmin admin = super.schema();
            return new ForwardingSchemaAdmin(admin) {
                @Override
                public BackfillProgress backfillSearchIndex(Consumer<? super BackfillProgress> progress) {
                    BackfillProgress done = admin.backfillSearchIndex(progress);
                    writtenSince.clear();
                    backfilled = true;
                    return done;
                }
            };
        }

        @Override
        protected Page<Employee> byName(EmployeeQuery query, PageRequest page) {
            if (!backfilled || query == null) {
                return super.byName(query, page);
            }
            return BrokenStores.offsetPage(super.byName(query, PageRequest.first(1000)).items().stream()
                    .filter(e -> planted.contains(e.id()) ? dropsTheIndexed || NameFolding.matches(query.nameWords(),
                            NameFolding.words(e.fullName()).get(0)) : !dropsTheIndexed || writtenSince.contains(e.id()))
                    .toList(), page);
        }
    }

    /** @return the store, whose listByName gives an empty first page the cursor "start" */
    private static EmployeeStore startMarker(EmployeeStore store) {
        return new ForwardingEmployeeStore(store) {
            @Override
            public Page<Employee> listByName(PageRequest page) {
                Page<Employee> p = delegate.listByName(page);
                return page.cursor().isEmpty() && p.items().isEmpty() && p.unreadable().isEmpty()
                        ? Page.of(List.of(), "start", List.of()) : p;
            }
        };
    }

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenLoneQueries(Function<Clock, EmployeeStore> factory, String... mustFail) {
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
