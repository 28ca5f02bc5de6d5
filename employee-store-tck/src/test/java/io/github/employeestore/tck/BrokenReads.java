package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.spi.CodePointOrder;
import io.github.employeestore.spi.ItemSize;

import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.github.employeestore.tck.BrokenStores.memory;
import static io.github.employeestore.tck.BrokenStores.offsetPage;

/** Broken read paths: each entry's comment names the backend mistake it models. */
enum BrokenReads implements BrokenStore {
    /** An accent-insensitive collation (utf8mb4_general_ci style) on the location index. */
    FIND_IGNORES_ACCENTS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            return offsetPage(delegate.stream().filter(e -> query.location().map(l -> fold(l).equals(fold(e.location())))
                    .orElse(true) && query.jobTitle().map(t -> t.equals(e.jobTitle())).orElse(true))
                    .sorted(BY_NAME).toList(), page);
        }
    }, "Queries.byLocationExact §4.10.1"),

    /** PAD SPACE comparison: trailing spaces are ignored when matching (MySQL's utf8mb4_bin). */
    FIND_PAD_SPACE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            return offsetPage(delegate.stream().filter(e -> query.location().map(l -> l.stripTrailing()
                    .equals(e.location() == null ? null : e.location().stripTrailing())).orElse(true)
                    && query.jobTitle().map(t -> t.equals(e.jobTitle())).orElse(true)).sorted(BY_NAME).toList(), page);
        }
    }, "Queries.byLocationExact §4.10.1"),

    /** Criteria and stored values NFC-normalized before matching (a normalizing collation or driver). */
    FIND_NORMALIZES_UNICODE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            return offsetPage(delegate.stream().filter(e -> query.location().map(l -> nfc(l).equals(nfc(e.location())))
                    .orElse(true) && query.jobTitle().map(t -> nfc(t).equals(nfc(e.jobTitle()))).orElse(true))
                    .sorted(BY_NAME).toList(), page);
        }
    }, "TextRules.noNormalization §3.2.5"),

    /** With both criteria, only the indexed one (location) is applied; the job-title filter is forgotten. */
    FIND_DROPS_SECOND_CRITERION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            EmployeeQuery first = query.location().isPresent() ? EmployeeQuery.byLocation(query.location().get())
                    : query;
            return delegate.find(first, page);
        }
    }, "Queries.byBoth §4.10.1"),

    /** Ties on full name ordered by nothing (no id tiebreaker), so pages of ties repeat and skip employees. */
    FIND_TIES_UNORDERED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Random random = new Random(1);

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            List<Employee> matches = new ArrayList<>(delegate.stream().filter(query::matches).toList());
            Collections.shuffle(matches, random);
            matches.sort(Comparator.comparing(Employee::fullName, CodePointOrder.COMPARATOR));
            return offsetPage(matches, page);
        }
    }, "Queries.pagesWithTies §4.10.2"),

    /**
     * Returns the matches of a find by location or job title in the order of the primary key (an index without the
     * name column): every match once, in the same order at every page size, but not by name.
     */
    FIND_IN_ID_ORDER(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (query.name().isPresent()) {
                return delegate.find(query, page);
            }
            List<Employee> matches = new ArrayList<>(delegate.stream().filter(query::matches).toList());
            matches.sort(Comparator.comparing(Employee::id, CodePointOrder.COMPARATOR));
            return offsetPage(matches, page);
        }
    }, "Queries.pagesWithTies §4.10.2"),

    /** A find index maintained by create, update, put and delete, but not by importAll and transact. */
    FIND_INDEX_STALE_AFTER_IMPORT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<String, Optional<String>> index = new ConcurrentHashMap<>();

        private Employee indexed(Employee e) {
            index.put(e.id(), Optional.ofNullable(e.location()));
            return e;
        }

        @Override
        public Employee create(Employee draft) {
            return indexed(delegate.create(draft));
        }

        @Override
        public Employee put(Employee employee) {
            return indexed(delegate.put(employee));
        }

        @Override
        public Employee update(Employee changed) {
            return indexed(delegate.update(changed));
        }

        @Override
        public boolean delete(String id) {
            index.remove(id);
            return delegate.delete(id);
        }

        @Override
        public void delete(String id, long expectedVersion) {
            delegate.delete(id, expectedVersion);
            index.remove(id);
        }

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            return offsetPage(delegate.stream().filter(e -> index.containsKey(e.id()) && query.location()
                    .map(l -> index.get(e.id()).map(l::equals).orElse(false)).orElse(true)
                    && query.jobTitle().map(t -> t.equals(e.jobTitle())).orElse(true)).sorted(BY_NAME).toList(), page);
        }
    }, "Read.readsSeeEveryWritePath §4.1.4"),

    /** A cached count, kept up to date by create and delete only. */
    COUNT_CACHED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final AtomicLong count = new AtomicLong();

        @Override
        public Employee create(Employee draft) {
            Employee e = delegate.create(draft);
            count.incrementAndGet();
            return e;
        }

        @Override
        public boolean delete(String id) {
            boolean deleted = delegate.delete(id);
            if (deleted) {
                count.decrementAndGet();
            }
            return deleted;
        }

        @Override
        public long count() {
            delegate.count();
            return count.get();
        }
    }, "Read.readsSeeEveryWritePath §4.1.4", "Generated.sequencesAgreeWithTheReferenceModel §4.1.4"),

    /** A read-through cache for get, invalidated by the single writes but not by importAll or transact. */
    GET_CACHE_STALE_AFTER_IMPORT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<String, Optional<Employee>> cache = new ConcurrentHashMap<>();

        @Override
        public Optional<Employee> get(String id) {
            return cache.computeIfAbsent(id, delegate::get);
        }

        @Override
        public Employee create(Employee draft) {
            Employee e = delegate.create(draft);
            cache.remove(e.id());
            return e;
        }

        @Override
        public Employee put(Employee employee) {
            cache.remove(employee.id());
            return delegate.put(employee);
        }

        @Override
        public Employee update(Employee changed) {
            cache.remove(changed.id());
            return delegate.update(changed);
        }

        @Override
        public boolean delete(String id) {
            cache.remove(id);
            return delegate.delete(id);
        }

        @Override
        public void delete(String id, long expectedVersion) {
            cache.remove(id);
            delegate.delete(id, expectedVersion);
        }
    }, "Read.readsSeeEveryWritePath §4.1.4"),

    /** stream() reads every employee into a list when it is called, not as it is consumed. */
    STREAM_EAGER_SNAPSHOT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Stream<Employee> stream() {
            return delegate.stream().toList().stream();
        }
    }, "Read.streamsAll §4.11.1"),

    /**
     * Keeps the employees {@code get} read in a cache that the stream serves them from, and evicts an id on update,
     * patch and delete, but not on put: an employee read, then replaced by a put, streams as it was.
     */
    STREAM_SERVES_GETS_CACHED_BEFORE_A_PUT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<String, Employee> cache = new ConcurrentHashMap<>();

        @Override
        public Optional<Employee> get(String id) {
            Optional<Employee> read = delegate.get(id);
            read.ifPresent(e -> cache.put(e.id(), e));
            return read;
        }

        @Override
        public Employee update(Employee changed) {
            Employee written = delegate.update(changed);
            cache.remove(written.id());
            return written;
        }

        @Override
        public Employee patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch patch) {
            Employee written = delegate.patch(id, expectedVersion, patch);
            cache.remove(written.id());
            return written;
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
        public Stream<Employee> stream() {
            return delegate.stream().map(e -> cache.getOrDefault(e.id(), e));
        }
    }, "Read.streamsAll §4.11.1"),

    /**
     * Pages the stream by id (its keyset), but each page's query orders by full name (copied from the search's
     * query): every employee is streamed once, and page by page, but not in id order within a page.
     */
    STREAM_PAGES_ORDERED_BY_NAME(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Stream<Employee> stream() {
            return BrokenStores.pagedStream(delegate, 1000, page -> {
                page.sort(Comparator.comparing(Employee::fullName));
                return page;
            });
        }
    }, "Read.streamsAll §4.11.1"),

    /** The stream's next page starts after the first item of the page instead of the last. */
    STREAM_REPEATS_AT_PAGE_BOUNDARY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Stream<Employee> stream() {
            List<Employee> all = new ArrayList<>();
            Page<Employee> page = delegate.list(PageRequest.first(500));
            all.addAll(page.items());
            while (page.nextCursor().isPresent()) {
                page = delegate.list(PageRequest.after(page.nextCursor().get(), 500));
                all.addAll(page.items());
                if (!page.items().isEmpty()) {
                    all.add(page.items().get(0));
                }
            }
            return all.stream();
        }
    }, "Read.streamsAll §4.11.1"),

    /** A page ends where DynamoDB's 1 MB Scan page ends, with a cursor, instead of reading on until it is full. */
    LIST_STOPS_AT_ONE_MEGABYTE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            return cutAtBytes(delegate.list(page), 1_000_000, n -> delegate.list(page.cursor()
                    .map(c -> PageRequest.after(c, n)).orElse(PageRequest.first(n))));
        }
    }, "LargeEmployees.atTheLimitEverywhere §3.4.2"),

    /** A find page ends where DynamoDB's 1 MB Query page ends. */
    FIND_STOPS_AT_ONE_MEGABYTE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            return cutAtBytes(delegate.find(query, page), 1_000_000, n -> delegate.find(query, page.cursor()
                    .map(c -> PageRequest.after(c, n)).orElse(PageRequest.first(n))));
        }
    }, "LargeEmployees.atTheLimitEverywhere §3.4.2"),

    /** A batch read returns what fits in DynamoDB's 16 MB answer and drops the unprocessed keys. */
    GET_ALL_DROPS_UNPROCESSED_KEYS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Map<String, Employee> getAll(Collection<String> ids) {
            Map<String, Employee> all = delegate.getAll(ids);
            Map<String, Employee> answered = new java.util.LinkedHashMap<>();
            long bytes = 0;
            for (Map.Entry<String, Employee> e : all.entrySet()) {
                bytes += ItemSize.of(e.getValue());
                if (bytes > 16L * 1024 * 1024) {
                    break;
                }
                answered.put(e.getKey(), e.getValue());
            }
            return answered;
        }
    }, "LargeEmployees.atTheLimitEverywhere §3.4.2"),

    /** getAll puts the rows in a map in row (id) order rather than in the order of the ids given. */
    GET_ALL_IN_ROW_ORDER(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Map<String, Employee> getAll(Collection<String> ids) {
            Map<String, Employee> sorted = new TreeMap<>(CodePointOrder.COMPARATOR);
            sorted.putAll(delegate.getAll(ids));
            return sorted;
        }
    }, "Read.getAllWithMissing §4.4.1", "Read.getAllThousand §4.4.2"),

    /** The read-ahead row leaks into a find's page: its pages carry size + 1 matches. */
    FIND_PAGES_CARRY_THE_READ_AHEAD_ROW(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (page == null) {
                return delegate.find(query, null);
            }
            int size = Math.min(io.github.employeestore.Limits.MAX_PAGE_SIZE, page.size() + 1);
            return delegate.find(query, page.cursor().map(c -> PageRequest.after(c, size))
                    .orElse(PageRequest.first(size)));
        }
    }, "Queries.byBoth §4.10.1"),

    /** The read-ahead row leaks into the page: pages carry size + 1 items. */
    PAGE_CARRIES_READ_AHEAD_ROW(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            int size = Math.min(1000, page.size() + 1);
            return delegate.list(page.cursor().map(c -> PageRequest.after(c, size)).orElse(PageRequest.first(size)));
        }
    }, "Listing.pagesOfHundred §4.9.1"),

    /**
     * Continues a listing with {@code id >= last} instead of {@code id > last}: each page after the first starts with
     * the employee that ended the page before, so it repeats one and brings one fewer new; none is lost.
     */
    LIST_KEYSET_INCLUDES_THE_CURSOR_ROW(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<String, Employee> lastOfPage = new ConcurrentHashMap<>();

        @Override
        public Page<Employee> list(PageRequest page) {
            Employee repeated = page.cursor().map(lastOfPage::get).orElse(null);
            Page<Employee> p = repeated == null || page.size() == 1 ? delegate.list(page)
                    : delegate.list(PageRequest.after(page.cursor().get(), page.size() - 1));
            List<Employee> items = new ArrayList<>(p.items());
            if (repeated != null && page.size() > 1) {
                items.add(0, repeated);
            }
            p.nextCursor().ifPresent(c -> lastOfPage.put(c, items.get(items.size() - 1)));
            return Page.of(items, p.nextCursor().orElse(null));
        }
    }, "Listing.pagesOfHundred §4.9.1", "Listing.otherPageSize §4.16.1"),

    /**
     * Fills the last slot of a full page from the row before it (the result-set loop adds the row it holds before
     * the look-ahead read replaces it): a full page repeats one employee and loses the one its cursor points after.
     */
    LIST_PAGE_ENDS_WITH_ITS_LAST_ROW_TWICE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            Page<Employee> p = delegate.list(page);
            if (p.nextCursor().isEmpty() || p.items().size() < 2) {
                return p;
            }
            List<Employee> items = new ArrayList<>(p.items());
            items.set(items.size() - 1, items.get(items.size() - 2));
            return Page.of(items, p.nextCursor().get());
        }
    }, "Listing.pagesOfHundred §4.9.1", "Listing.otherPageSize §4.16.1"),

    /** list pages by OFFSET: employees deleted before the offset make the next page skip employees. */
    LIST_BY_OFFSET(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            return offsetPage(delegate.stream().toList(), page);
        }
    }, "Listing.keysetUnderChange §4.9.4"),

    /** get matches ids case-insensitively (a case-insensitive collation on the key column). */
    GET_IGNORES_CASE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            Optional<Employee> exact = delegate.get(id);
            return exact.isPresent() ? exact
                    : delegate.stream().filter(e -> e.id().equalsIgnoreCase(id)).findFirst();
        }
    }, "Read.getAbsent §4.3.1"),

    /** A missing table makes count() answer 0 instead of failing (the error swallowed as "no rows"). */
    COUNT_ZERO_ON_MISSING_TABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public long count() {
            try {
                return delegate.count();
            } catch (StoreConfigurationException e) {
                return 0;
            }
        }
    }, "SchemaAndErrors.missingTable §4.15.3"),

    /** A missing table makes find answer an empty page (a missing index read as "no match"). */
    FIND_EMPTY_ON_MISSING_TABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            try {
                return delegate.find(query, page);
            } catch (StoreConfigurationException e) {
                return Page.of(List.of(), null);
            }
        }
    }, "SchemaAndErrors.missingTable §4.15.3"),

    /** A missing table ends the stream quietly. */
    STREAM_EMPTY_ON_MISSING_TABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Stream<Employee> stream() {
            if (!delegate.schema().exists()) {
                return Stream.empty();
            }
            return delegate.stream();
        }
    }, "SchemaAndErrors.missingTable §4.15.3"),

    /** Declares QUERIES but does not implement find. */
    CAPABILITY_OVERCLAIMED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            throw new UnsupportedOperationException("find is not implemented");
        }
    }, "Capabilities.undeclaredCapabilitiesThrow §4.17.1", "Queries.byLocationExact §4.10.1"),

    /** The description shows the connection URL with its user info. */
    DESCRIPTION_WITH_CREDENTIALS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public String description() {
            return "jdbc:mysql://app:s3cr3t@db.internal:3306/hr (table employees)";
        }
    }, "Capabilities.description §4.17.2"),

    /** The description shows a Redis URL whose user info is only a password. */
    DESCRIPTION_WITH_PASSWORD_ONLY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public String description() {
            return "Redis at redis://:hunter2@cache.internal:6379/0 (table employees)";
        }
    }, "Capabilities.description §4.17.2"),

    /** The description shows a URL whose user info is a user name only. */
    DESCRIPTION_WITH_USER_ONLY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public String description() {
            return "PostgreSQL at postgresql://hr_app@db.internal/hr (table employees)";
        }
    }, "Capabilities.description §4.17.2"),

    /** A second close() fails (the pool closed twice). */
    CLOSE_NOT_IDEMPOTENT(BrokenReads::closeOnce, "Capabilities.closeIsIdempotent §4.17.3") {
        @Override
        public EmployeeStore otherTable(Clock clock) {
            return closeOnce(clock);
        }
    };

    static final Comparator<Employee> BY_NAME = Comparator.comparing(Employee::fullName, CodePointOrder.COMPARATOR)
            .thenComparing(Employee::id, CodePointOrder.COMPARATOR);

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenReads(Function<Clock, EmployeeStore> factory, String... mustFail) {
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

    static EmployeeStore closeOnce(Clock clock) {
        return new ForwardingEmployeeStore(memory(clock)) {
            private boolean closed;

            @Override
            public void close() {
                if (closed) {
                    throw new IllegalStateException("already closed");
                }
                closed = true;
                delegate.close();
            }
        };
    }

    static String fold(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /**
     * @return the page cut after the item that makes it larger than the limit, with a cursor after that item
     *         ({@code reread} reads the first n items of the same page again, to get their cursor)
     */
    static Page<Employee> cutAtBytes(Page<Employee> page, long limit, Function<Integer, Page<Employee>> reread) {
        long bytes = 0;
        int n = 0;
        for (Employee e : page.items()) {
            bytes += ItemSize.of(e);
            n++;
            if (bytes > limit) {
                break;
            }
        }
        if (n == page.items().size()) {
            return page;
        }
        return reread.apply(n);
    }
}
