package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.spi.ItemSize;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static io.github.employeestore.tck.BrokenStores.memory;

/**
 * More broken details, for tests that had no broken store: each a mistake that one assertion of its test sees (the
 * others of that test pass), found by the assertion-deletion trial. Each entry's comment names the backend mistake.
 */
enum BrokenSingles implements BrokenStore {
    /** Binds the location criterion as a VARCHAR(200) parameter measured in UTF-16 units: astral text is cut. */
    LOCATION_CRITERION_CUT_TO_200_UTF16_UNITS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            return delegate.find(recut(query, true), page);
        }
    }, "TextRules.queryCriteria §3.2.1"),

    /** Binds the job title criterion as a VARCHAR(200) parameter measured in UTF-16 units: astral text is cut. */
    JOB_TITLE_CRITERION_CUT_TO_200_UTF16_UNITS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            return delegate.find(recut(query, false), page);
        }
    }, "TextRules.queryCriteria §3.2.1"),

    /** Its cursor carries the page size of the first page, and every later page uses that size, not the one asked. */
    LIST_CONTINUES_AT_THE_FIRST_PAGE_SIZE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.Map<String, Integer> sizes = new ConcurrentHashMap<>();

        @Override
        public Page<Employee> list(PageRequest page) {
            int size = page.cursor().map(c -> sizes.getOrDefault(c, page.size())).orElse(page.size());
            Page<Employee> result = delegate.list(page.cursor().isPresent()
                    ? PageRequest.after(page.cursor().get(), size) : page);
            result.nextCursor().ifPresent(c -> sizes.put(c, size));
            return result;
        }
    }, "Listing.otherPageSize §4.16.1"),

    /** One cursor format for list and find, without the kind: a find continues a list cursor, filtering its page. */
    FIND_CONTINUES_A_LIST_CURSOR(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Set<String> listCursors = ConcurrentHashMap.newKeySet();

        @Override
        public Page<Employee> list(PageRequest page) {
            Page<Employee> result = delegate.list(page);
            result.nextCursor().ifPresent(listCursors::add);
            return result;
        }

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (page.cursor().isEmpty() || !listCursors.contains(page.cursor().get())) {
                return delegate.find(query, page);
            }
            Page<Employee> listed = delegate.list(page);
            List<Employee> matching = listed.items().stream()
                    .filter(e -> query.location().map(l -> l.equals(e.location())).orElse(true))
                    .filter(e -> query.jobTitle().map(j -> j.equals(e.jobTitle())).orElse(true)).toList();
            return Page.of(matching, listed.nextCursor().orElse(null));
        }
    }, "Listing.cursorBoundToQuery §4.16.3"),

    /** A get that misses is tried again with the id as a LIKE pattern (its wildcards unescaped): "%" finds one. */
    MISS_RETRIED_AS_A_LIKE_PATTERN(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            Optional<Employee> exact = delegate.get(id);
            if (exact.isPresent()) {
                return exact;
            }
            java.util.regex.Pattern like = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(id)
                    .replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q"), java.util.regex.Pattern.DOTALL);
            return delegate.stream().filter(e -> like.matcher(e.id()).matches()).findFirst();
        }
    }, "LimitsAndUnicode.metacharacterIds §5.7"),

    /**
     * Its size check measures booleans as nothing, so an employee over the limit by less than its booleans passes
     * it; the database then refuses the write, and the backend loses that error (the put is acknowledged).
     */
    BOOLEANS_LEFT_OUT_OF_THE_MEASURE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            try {
                return delegate.put(employee);
            } catch (InvalidInputException e) {
                long booleans = employee == null ? 0 : employee.attributes().values().stream()
                        .filter(v -> v.equals(AttributeValue.of(true)) || v.equals(AttributeValue.of(false)))
                        .mapToLong(ItemSize::of).sum();
                if (booleans > 0 && ItemSize.of(employee) - booleans <= Limits.MAX_ITEM_BYTES) {
                    return employee;
                }
                throw e;
            }
        }
    }, "LimitsAndUnicode.itemMeasure §3.4.1"),

    /** Writes a placeholder for an absent location (a DynamoDB index key cannot be empty) and reads it back as is. */
    ABSENT_LOCATION_STORED_AS_A_PLACEHOLDER(placeholder(b -> b.build().location() == null ? b.location("-") : b),
            "Create.optionalFieldsAbsent §3.1.6"),

    /** Writes a placeholder for an absent job title (a DynamoDB index key cannot be empty) and reads it back as is. */
    ABSENT_JOB_TITLE_STORED_AS_A_PLACEHOLDER(placeholder(b -> b.build().jobTitle() == null ? b.jobTitle("-") : b),
            "Create.optionalFieldsAbsent §3.1.6"),

    /** Writes a placeholder for an absent photo key (a NOT NULL column) and reads it back as is. */
    ABSENT_PHOTO_KEY_STORED_AS_A_PLACEHOLDER(placeholder(b -> b.build().photoKey() == null ? b.photoKey("-") : b),
            "Create.optionalFieldsAbsent §3.1.6"),

    /** Reads an empty badges column by splitting it on the separator: "" gives one empty badge. */
    NO_BADGES_READ_AS_ONE_EMPTY_BADGE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            return delegate.get(id).map(e -> e.badges().isEmpty() ? e.toBuilder().badges(List.of("")).build() : e);
        }
    }, "Create.optionalFieldsAbsent §3.1.6"),

    /** Decides whether more pages follow by the first page's size (carried in the cursor), not by the one asked. */
    LAST_PAGE_JUDGED_BY_THE_FIRST_PAGE_SIZE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private static final String END = "end-of-table";
        private final java.util.Map<String, Integer> sizes = new ConcurrentHashMap<>();

        @Override
        public Page<Employee> list(PageRequest page) {
            if (page.cursor().filter(END::equals).isPresent()) {
                return Page.of(List.of(), null);
            }
            int first = page.cursor().map(c -> sizes.getOrDefault(c, page.size())).orElse(page.size());
            Page<Employee> result = delegate.list(page);
            result.nextCursor().ifPresent(c -> sizes.put(c, first));
            if (result.nextCursor().isEmpty() && result.items().size() >= first) {
                return Page.of(result.items(), END);
            }
            return result;
        }
    }, "Listing.otherPageSize §4.16.1"),

    /** Binds a find cursor to the kinds of its criteria and to the job title, but not to the location's value. */
    FIND_CURSOR_NOT_BOUND_TO_THE_LOCATION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.Map<String, EmployeeQuery> issued = new ConcurrentHashMap<>();

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            EmployeeQuery bound = page.cursor().map(issued::get).orElse(query);
            boolean sameKind = bound.name().isEmpty() && query.name().isEmpty()
                    && bound.location().isPresent() == query.location().isPresent()
                    && bound.jobTitle().equals(query.jobTitle());
            Page<Employee> result = delegate.find(sameKind ? bound : query, page);
            result.nextCursor().ifPresent(c -> issued.put(c, sameKind ? bound : query));
            List<Employee> matching = result.items().stream()
                    .filter(e -> query.location().map(l -> l.equals(e.location())).orElse(true)).toList();
            return Page.of(matching, result.nextCursor().orElse(null));
        }
    }, "Listing.cursorBoundToQuery §4.16.3"),

    /** Validates the id of every call but the unversioned delete, which answers "nothing deleted" for a bad id. */
    UNVERSIONED_DELETE_SKIPS_THE_ID_CHECK(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public boolean delete(String id) {
            if (id != null) {
                try {
                    io.github.employeestore.spi.EmployeeValidator.validateId(id);
                } catch (InvalidInputException e) {
                    return false;
                }
            }
            return delegate.delete(id);
        }
    }, "Validation.badIds §3.1.1"),

    /** Its blank check looks for spaces only: a full name of spaces and a tab is filled with the id on create. */
    BLANK_NAME_WITH_A_TAB_FILLED_WITH_THE_ID(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            String name = draft == null ? null : draft.fullName();
            if (name != null && name.contains("\t") && name.chars().allMatch(Character::isWhitespace)) {
                return delegate.create(draft.toBuilder().fullName(draft.id()).build());
            }
            return delegate.create(draft);
        }
    }, "Validation.fullNameRequired §3.1.2"),

    /** Takes version 0 as "no version to check": the update is written, then its re-read reports a conflict. */
    UPDATE_AT_VERSION_0_WRITTEN_THEN_REPORTED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            if (changed != null && changed.id() != null && changed.version() == 0) {
                Optional<Employee> stored = delegate.get(changed.id());
                if (stored.isPresent()) {
                    Employee written = delegate.update(changed.toBuilder().version(stored.get().version()).build());
                    throw new io.github.employeestore.VersionConflictException(changed.id(), 0, written.version());
                }
            }
            return delegate.update(changed);
        }
    }, "Validation.invalidUpdate §4.1.5"),

    /** A patch that changes nothing writes nothing, but returns the stored employee stamped with the time of the call. */
    NO_OP_PATCH_RETURNS_A_NEW_UPDATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch patch) {
            Employee result = delegate.patch(id, expectedVersion, patch);
            return patch != null && !patch.isEmpty() && result.version() == expectedVersion
                    ? result.toBuilder().updatedAt(clock.instant()).build() : result;
        }
    }, "Patch.patchChangingNothingWritesNothing §4.18.5"),

    /** A put that replaces returns the creation time it would have stamped (its own), while keeping the stored one. */
    REPLACING_PUT_RETURNS_ITS_OWN_CREATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            Employee written = delegate.put(employee);
            return written.version() > 1 ? written.toBuilder().createdAt(written.updatedAt()).build() : written;
        }
    }, "Concurrency.concurrentPutsOfANewId §4.6.3"),

    /** Reads a getAll in one response buffer of 3.5 MB and drops what does not fit, without asking again. */
    GET_ALL_CUT_AT_3_5_MB(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public java.util.Map<String, Employee> getAll(java.util.Collection<String> ids) {
            java.util.Map<String, Employee> all = delegate.getAll(ids);
            java.util.Map<String, Employee> fits = new java.util.LinkedHashMap<>();
            long bytes = 0;
            for (Employee e : all.values()) {
                bytes += ItemSize.of(e);
                if (bytes > 3_500_000) {
                    break;
                }
                fits.put(e.id(), e);
            }
            return fits;
        }
    }, "Transactions.sizeLimit §4.14.4"),

    /** Stores the full name in Unicode normalization form C (a database collation that normalizes on write). */
    FULL_NAME_NORMALIZED_ON_WRITE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            if (draft == null || draft.fullName() == null) {
                return delegate.create(draft);
            }
            Employee written = delegate.create(draft.toBuilder()
                    .fullName(java.text.Normalizer.normalize(draft.fullName(), java.text.Normalizer.Form.NFC)).build());
            return written.toBuilder().fullName(draft.fullName()).build();
        }
    }, "LimitsAndUnicode.randomRoundTrip §3.2.5"),

    /** Builds create's result with the version a RETURNING clause read before the insert set it (0). */
    CREATE_RESULT_WITH_THE_VERSION_BEFORE_THE_INSERT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            return delegate.create(draft).toBuilder().version(0).build();
        }
    }, "LimitsAndUnicode.randomRoundTrip §3.1.7",
            "Concurrency.concurrentCreates §4.2.4"),

    /** Counts with one scan request of 1 MB, without following the scan's continuation: large tables count short. */
    COUNT_OF_ONE_MEGABYTE_SCAN_PAGE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public long count() {
            long bytes = 0;
            long counted = 0;
            for (Employee e : (Iterable<Employee>) delegate.stream()::iterator) {
                bytes += ItemSize.of(e);
                if (bytes > 1_048_576) {
                    break;
                }
                counted++;
            }
            return counted;
        }
    }, "LargeEmployees.atTheLimitEverywhere §4.13.1"),

    /**
     * The winner of a contested create waits for its commit acknowledgement, which times out while the losers'
     * attempts hold the key's lock: it reports StoreUnavailableException although its employee is written.
     */
    CONTESTED_CREATE_WINNER_TIMES_OUT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Set<String> contested = ConcurrentHashMap.newKeySet();
        private final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> attempts =
                new ConcurrentHashMap<>();

        @Override
        public Employee create(Employee draft) {
            String id = draft == null ? null : draft.id();
            java.util.concurrent.atomic.AtomicInteger tries = id == null ? new java.util.concurrent.atomic.AtomicInteger()
                    : attempts.computeIfAbsent(id, k -> new java.util.concurrent.atomic.AtomicInteger());
            tries.incrementAndGet();
            Employee created;
            try {
                created = delegate.create(draft);
            } catch (io.github.employeestore.EmployeeAlreadyExistsException e) {
                contested.add(e.id());
                throw e;
            }
            try {
                Thread.sleep(5);   // the acknowledgement waits for the key's lock queue to settle
                if (tries.get() > 1) {   // other creates of the id are queued: it waits for them, and times out
                    Thread.sleep(150);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (contested.contains(created.id())) {
                throw new io.github.employeestore.StoreUnavailableException("commit acknowledgement timed out", null);
            }
            return created;
        }
    }, "Concurrency.concurrentCreates §4.2.4"),

    /** Clamps a timestamp before 1970 to 1970-01-01 on import (an unsigned epoch column) instead of reporting it. */
    IMPORT_CLAMPS_EARLY_TIMESTAMPS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public io.github.employeestore.ImportResult importAll(java.util.Collection<Employee> employees) {
            return delegate.importAll(employees.stream().map(e -> e != null && e.createdAt() != null
                    && e.createdAt().isBefore(Limits.MIN_TIMESTAMP)
                    ? e.toBuilder().createdAt(Limits.MIN_TIMESTAMP).build() : e).toList());
        }
    }, "Timestamps.extremes §4.13.2"),

    /**
     * Writes through statements it prepares once and refreshes only when the table is created again after a drop():
     * until then every create and put fails as if the table were missing.
     */
    WRITES_THROUGH_STALE_STATEMENTS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile boolean stale = true;
        private volatile boolean dropped;

        private void check() {
            if (stale) {
                throw new io.github.employeestore.StoreConfigurationException("table employees does not exist");
            }
        }

        @Override
        public Employee create(Employee draft) {
            check();
            return delegate.create(draft);
        }

        @Override
        public Employee put(Employee employee) {
            check();
            return delegate.put(employee);
        }

        @Override
        public io.github.employeestore.SchemaAdmin schema() {
            io.github.employeestore.SchemaAdmin schema = delegate.schema();
            return new io.github.employeestore.SchemaAdmin() {
                @Override
                public void create() {
                    schema.create();
                    if (dropped) {
                        stale = false;
                    }
                }

                @Override
                public boolean exists() {
                    return schema.exists();
                }

                @Override
                public void drop() {
                    schema.drop();
                    dropped = true;
                }
            };
        }
    }, "SchemaAndErrors.dropRacingWrites §4.15.3"),

    /** A patch of an absent id upserts a stub row (id only) before its check fails: get skips it, count does not. */
    PATCH_OF_AN_ABSENT_ID_LEAVES_A_COUNTED_STUB(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Set<String> stubs = ConcurrentHashMap.newKeySet();

        @Override
        public Employee patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch patch) {
            try {
                return delegate.patch(id, expectedVersion, patch);
            } catch (EmployeeNotFoundException e) {
                stubs.add(id);
                throw e;
            }
        }

        @Override
        public long count() {
            return delegate.count() + stubs.stream().filter(id -> delegate.get(id).isEmpty()).count();
        }
    }, "Patch.patchOfAbsentId §4.18.3"),

    /** Checks a patch's removals against the attribute names only: removing full_name is "absent, nothing to do". */
    PATCH_REMOVAL_OF_A_CORE_FIELD_IGNORED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch patch) {
            if (patch != null && patch.removedAttributes().contains("full_name")) {
                Employee stored = delegate.get(id).orElseThrow(() -> new EmployeeNotFoundException(id));
                if (stored.version() == expectedVersion) {
                    return stored;
                }
            }
            return delegate.patch(id, expectedVersion, patch);
        }
    }, "Patch.patchValuesValidated §4.18.4"),

    /** Returns a find's matches in the index's descending order when they fit in one page. */
    FIND_MATCHES_IN_DESCENDING_ORDER(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            Page<Employee> result = delegate.find(query, page);
            if (result.nextCursor().isPresent() || page.cursor().isPresent()) {
                return result;
            }
            List<Employee> reversed = new java.util.ArrayList<>(result.items());
            java.util.Collections.reverse(reversed);
            return Page.of(reversed, null);
        }
    }, "Queries.byLocationExact §4.10.1"),

    /**
     * Looks a location up in index blocks of its first four characters; a criterion whose block no employee has is
     * looked up as "no location" (the NULL block): it finds those without one.
     */
    UNKNOWN_LOCATION_FINDS_THOSE_WITHOUT_ONE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            Page<Employee> result = delegate.find(query, page);
            if (!result.items().isEmpty() || page.cursor().isPresent() || query.location().isEmpty()
                    || query.jobTitle().isPresent() || query.name().isPresent()
                    || delegate.stream().anyMatch(e -> e.location() != null && e.location().startsWith(
                            query.location().get().substring(0, Math.min(4, query.location().get().length()))))) {
                return result;
            }
            return Page.of(delegate.stream().filter(e -> e.location() == null).limit(page.size()).toList(), null);
        }
    }, "Queries.byLocationExact §4.10.1"),

    /** Gives an employee put without an id a generated one (an auto-id column) instead of rejecting it. */
    PUT_WITHOUT_AN_ID_GETS_A_GENERATED_ONE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            if (employee != null && employee.id() == null) {
                return delegate.put(employee.toBuilder().id(java.util.UUID.randomUUID().toString()).build());
            }
            return delegate.put(employee);
        }
    }, "Validation.badIds §3.1.1"),

    /** Looks a get's id up without checking it (only null is refused): a bad id is simply not found. */
    GET_OF_A_BAD_ID_IS_EMPTY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Optional<Employee> get(String id) {
            return id != null && !validId(id) ? Optional.empty() : delegate.get(id);
        }
    }, "Validation.badIds §3.1.1"),

    /**
     * Writes a patch of a stored employee to a VARCHAR(200) job title column in a non-strict SQL mode: a longer
     * title is cut to 200 UTF-16 units instead of rejected (a patch of an absent id is still rejected).
     */
    PATCHED_JOB_TITLE_CUT_BY_THE_COLUMN(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch patch) {
            io.github.employeestore.EmployeePatch.Field title = io.github.employeestore.EmployeePatch.Field.JOB_TITLE;
            if (patch != null && patch.sets(title) && patch.text(title) != null && patch.text(title).length() > 200
                    && delegate.get(id).isPresent()) {
                String cut = patch.text(title).substring(0, 200);
                return delegate.patch(id, expectedVersion, patch.toBuilder().jobTitle(cut).build());
            }
            return delegate.patch(id, expectedVersion, patch);
        }
    }, "Patch.patchValuesValidated §4.18.4");

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenSingles(Function<Clock, EmployeeStore> factory, String... mustFail) {
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

    /** @return whether the id follows the model's rules */
    static boolean validId(String id) {
        try {
            io.github.employeestore.spi.EmployeeValidator.validateId(id);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** @return the query with its location (or job title) cut to its first 200 UTF-16 units */
    static EmployeeQuery recut(EmployeeQuery query, boolean location) {
        Optional<String> text = location ? query.location() : query.jobTitle();
        if (text.isEmpty() || text.get().length() <= 200 || query.name().isPresent()) {
            return query;
        }
        String cut = text.get().substring(0, 200);
        return location ? EmployeeQuery.builder().location(cut).jobTitle(query.jobTitle().orElse(null)).build()
                : EmployeeQuery.builder().location(query.location().orElse(null)).jobTitle(cut).build();
    }

    /** @return a factory of stores whose create writes the draft as the placeholder rule changes it */
    static Function<Clock, EmployeeStore> placeholder(UnaryOperator<Employee.Builder> rule) {
        return clock -> new ForwardingEmployeeStore(memory(clock)) {
            @Override
            public Employee create(Employee draft) {
                return delegate.create(draft == null ? null : rule.apply(draft.toBuilder()).build());
            }
        };
    }
}
