package io.github.employeestore.tck;

import io.github.employeestore.BackfillProgress;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.spi.CodePointOrder;
import io.github.employeestore.spi.NameFolding;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;

/**
 * Broken name search (CONTRACT §4.20): the mistakes a backend's search makes (matching without the library's
 * folding, infixes, the wrong order, offsets for cursors, an index a write path forgets, partial results before the
 * backfill). Each entry's comment names the backend mistake it models.
 */
enum BrokenSearches implements BrokenStore {
    /** Compares lower-cased text instead of the folding: "STRASSE" misses "Straße", "Oz" misses "Öztürk". */
    MATCHES_WITHOUT_FOLDING(clock -> filtering(memory(clock), (query, e) -> every(query, e,
            name -> name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"),
            text -> text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))),
            "Search.folding §4.20.2"),

    /** Splits names at spaces only (a full-text parser configured for whitespace): "luc" misses "Jean-Luc". */
    WORDS_ONLY_AT_SPACES(clock -> filtering(memory(clock), (query, e) -> every(query, e,
            name -> NameFolding.fold(name).split("\\s+"), text -> NameFolding.queryWords(text).toArray(String[]::new))),
            "Search.wordBoundaries §4.20.2"),

    /** Matches anywhere in the name ({@code LIKE '%word%'}): "ove" finds "Lovelace". */
    MATCHES_INFIXES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (query.name().isEmpty()) {
                return delegate.find(query, page);
            }
            List<Employee> all = new ArrayList<>();
            for (Employee e : delegate.listByName(PageRequest.first(1000)).items()) {
                String folded = String.join(" ", NameFolding.words(e.fullName()));
                if (query.nameWords().stream().allMatch(folded::contains)) {
                    all.add(e);
                }
            }
            return Page.of(all.subList(0, Math.min(all.size(), page.size())), null);
        }
    }, "Search.wordPrefixes §4.20.1"),

    /** Answers a search with location or job title by the name alone (the criteria dropped on the index path). */
    DROPS_CRITERIA_WITH_A_NAME(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            return delegate.find(query.name().map(EmployeeQuery::byName).orElse(query), page);
        }
    }, "Search.combinations §4.20.1"),

    /** Orders each page by the raw full name (a collation, not the folded key). */
    ORDERS_PAGES_BY_RAW_NAME(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            Page<Employee> p = delegate.find(query, page);
            return query.name().isPresent() ? rawOrder(p) : p;
        }

        @Override
        public Page<Employee> listByName(PageRequest page) {
            return rawOrder(delegate.listByName(page));
        }
    }, "Search.order §4.20.3", "Search.listByName §4.20.7"),

    /** Continues after a cursor of another search as if it were its own (the binding not checked). */
    CURSOR_NOT_BOUND_TO_THE_SEARCH(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            try {
                return delegate.find(query, page);
            } catch (InvalidInputException e) {
                return delegate.find(query, PageRequest.first(page.size()));
            }
        }
    }, "Search.boundCursors §4.20.4"),

    /** Pages by offset ({@code LIMIT n OFFSET k}): a delete between pages makes the next one skip a match. */
    OFFSET_PAGES(clock -> new Paging(memory(clock), (all, offset) -> offset), "Search.keysetUnderWrites §4.20.4"),

    /** Continues after the last full name, forgetting the id: the rest of a tie is skipped. */
    CURSOR_WITHOUT_THE_ID(clock -> new Paging(memory(clock), (all, offset) -> {
        int next = offset;
        while (next > 0 && next < all.size() && all.get(next).fullName().equals(all.get(next - 1).fullName())) {
            next++;
        }
        return next;
    }), "Search.pages §4.20.4"),

    /** Refuses nothing but answers nothing past 7 words (an index query with a fixed number of joins). */
    DROPS_LONG_SEARCHES(clock -> filtering(memory(clock), (query, e) -> query.nameWords().size() < 8),
            "Search.limits §4.20.5"),

    /** Looks words up by their first 16 characters and never checks the rest. */
    TRUNCATES_LONG_WORDS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (query.name().isEmpty()) {
                return delegate.find(query, page);
            }
            String cut = String.join(" ", query.nameWords().stream()
                    .map(w -> NameFolding.lookupPrefix(w, 16)).toList());
            return delegate.find(EmployeeQuery.byName(cut), page);
        }
    }, "Search.longWords §4.20.5"),

    /** Indexes the name when an employee is created and never again (update, put and patch forget the index). */
    INDEX_KEPT_FROM_CREATE(clock -> {
        Map<String, String> indexedNames = new ConcurrentHashMap<>();
        return new ForwardingEmployeeStore(filtering(memory(clock), (query, e) ->
                NameFolding.matches(query.nameWords(), indexedNames.getOrDefault(e.id(), e.fullName())))) {
            @Override
            public Employee create(Employee draft) {
                Employee created = delegate.create(draft);
                indexedNames.put(created.id(), created.fullName());
                return created;
            }
        };
    }, "Search.reflectsSingleWrites §4.20.6", "Search.onlyFullName §4.20.6"),

    /** importAll and transact write the table but not the index (a bulk path that bypasses it). */
    BULK_WRITES_NOT_INDEXED(clock -> {
        Set<String> unindexed = ConcurrentHashMap.newKeySet();
        return new ForwardingEmployeeStore(filtering(memory(clock), (query, e) -> !unindexed.contains(e.id()))) {
            @Override
            public ImportResult importAll(Collection<Employee> employees) {
                employees.forEach(e -> unindexed.add(e.id()));
                return delegate.importAll(employees);
            }

            @Override
            public void transact(Consumer<TransactionWriter> writes) {
                delegate.transact(w -> writes.accept(new RecordingWriter(w, unindexed)));
            }
        };
    }, "Search.reflectsBulkWrites §4.20.6"),

    /** Answers searches from a half-built index (no readiness check): partial results instead of an error. */
    PARTIAL_RESULTS_BEFORE_THE_BACKFILL(clock -> new Unindexable(memory(clock)),
            "Search.backfill §4.20.8") {
        @Override
        public UnindexedTable unindexedTable(EmployeeStore store) {
            return ((Unindexable) store)::removeSearchIndex;
        }
    },

    /** Rewrites every employee's index entries on every backfill, and reports them all as indexed. */
    BACKFILL_REINDEXES_EVERYTHING(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public SchemaAdmin schema() {
            SchemaAdmin admin = delegate.schema();
            return new ForwardingSchemaAdmin(admin) {
                @Override
                public BackfillProgress backfillSearchIndex(Consumer<? super BackfillProgress> progress) {
                    long n = delegate.count();
                    BackfillProgress done = new BackfillProgress(n, n, 0, true);
                    progress.accept(done);
                    return done;
                }
            };
        }
    }, "Search.backfillOnCompleteIndex §4.20.8"),

    /** Serves search but leaves SEARCH out of its capabilities (a capability set copied from an older version). */
    SEARCH_UNDECLARED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Set<Capability> capabilities() {
            return EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS);
        }
    }, "Capabilities.undeclaredCapabilitiesThrow §4.20.9") {
        @Override
        public Set<Capability> capabilities() {
            return EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS);
        }
    };

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenSearches(Function<Clock, EmployeeStore> factory, String... mustFail) {
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

    /** A condition on a search's results, given the query. */
    interface ResultFilter {
        boolean keep(EmployeeQuery query, Employee e);
    }

    /** The reference store whose name-search pages keep only the employees the filter keeps. */
    static EmployeeStore filtering(EmployeeStore store, ResultFilter filter) {
        return new ForwardingEmployeeStore(store) {
            @Override
            public Page<Employee> find(EmployeeQuery query, PageRequest page) {
                Page<Employee> p = delegate.find(query, page);
                if (query.name().isEmpty()) {
                    return p;
                }
                return Page.of(p.items().stream().filter(e -> filter.keep(query, e)).toList(),
                        p.nextCursor().orElse(null), p.unreadable());
            }
        };
    }

    /** Whether every search word is a prefix of some name word, both split by the given (broken) rules. */
    static boolean every(EmployeeQuery query, Employee e, Function<String, String[]> nameWords,
                         Function<String, String[]> searchWords) {
        List<String> words = Arrays.asList(nameWords.apply(e.fullName()));
        return Arrays.stream(searchWords.apply(query.name().orElseThrow())).filter(w -> !w.isEmpty())
                .allMatch(q -> words.stream().anyMatch(w -> w.startsWith(q)));
    }

    static Page<Employee> rawOrder(Page<Employee> p) {
        List<Employee> items = new ArrayList<>(p.items());
        items.sort((a, b) -> CodePointOrder.compare(a.fullName(), b.fullName()));
        return Page.of(items, p.nextCursor().orElse(null), p.unreadable());
    }

    /** A transaction writer that notes the ids it writes. */
    static final class RecordingWriter implements TransactionWriter {
        private final TransactionWriter w;
        private final Set<String> ids;

        RecordingWriter(TransactionWriter w, Set<String> ids) {
            this.w = w;
            this.ids = ids;
        }

        @Override
        public String create(Employee e) {
            String id = w.create(e);
            ids.add(id);
            return id;
        }

        @Override
        public void update(Employee e) {
            ids.add(e.id());
            w.update(e);
        }

        @Override
        public void put(Employee e) {
            ids.add(e.id());
            w.put(e);
        }

        @Override
        public void patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch p) {
            ids.add(id);
            w.patch(id, expectedVersion, p);
        }

        @Override
        public void delete(String id) {
            w.delete(id);
        }

        @Override
        public void delete(String id, long expectedVersion) {
            w.delete(id, expectedVersion);
        }
    }

    /** Where the next page of a search starts, given all matches and the end of the page just read. */
    interface NextOffset {
        int after(List<Employee> all, int end);
    }

    /** Search pages cut from the whole result by offset, the cursor carrying the offset. */
    static final class Paging extends ForwardingEmployeeStore {
        private final NextOffset next;

        Paging(EmployeeStore delegate, NextOffset next) {
            super(delegate);
            this.next = next;
        }

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (query.name().isEmpty()) {
                return delegate.find(query, page);
            }
            List<Employee> all = new ArrayList<>();
            Page<Employee> p = delegate.find(query, PageRequest.first(1000));
            all.addAll(p.items());
            while (p.nextCursor().isPresent()) {
                p = delegate.find(query, PageRequest.after(p.nextCursor().get(), 1000));
                all.addAll(p.items());
            }
            int from = page.cursor().map(c -> Integer.parseInt(c.substring(1))).orElse(0);
            from = Math.min(from, all.size());
            int end = Math.min(all.size(), from + page.size());
            int nextFrom = next.after(all, end);
            return Page.of(all.subList(from, end), nextFrom < all.size() ? "o" + nextFrom : null);
        }
    }

    /** The reference store with an index that the TCK's hook can empty; searches then skip the unindexed. */
    static final class Unindexable extends ForwardingEmployeeStore {
        private final Set<String> unindexed = ConcurrentHashMap.newKeySet();

        Unindexable(EmployeeStore delegate) {
            super(delegate);
        }

        void removeSearchIndex() {
            delegate.stream().forEach(e -> unindexed.add(e.id()));
        }

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            Page<Employee> p = delegate.find(query, page);
            return query.name().isEmpty() ? p : Page.of(p.items().stream()
                    .filter(e -> !unindexed.contains(e.id())).toList(), p.nextCursor().orElse(null), p.unreadable());
        }

        @Override
        public Page<Employee> listByName(PageRequest page) {
            Page<Employee> p = delegate.listByName(page);
            return Page.of(p.items().stream().filter(e -> !unindexed.contains(e.id())).toList(),
                    p.nextCursor().orElse(null), p.unreadable());
        }

        @Override
        public SchemaAdmin schema() {
            SchemaAdmin admin = delegate.schema();
            return new ForwardingSchemaAdmin(admin) {
                @Override
                public BackfillProgress backfillSearchIndex(Consumer<? super BackfillProgress> progress) {
                    long n = unindexed.size();
                    unindexed.clear();
                    BackfillProgress done = new BackfillProgress(n, n, 0, true);
                    progress.accept(done);
                    return done;
                }
            };
        }
    }
}
