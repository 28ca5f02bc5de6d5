package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
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
            "Create.optionalFieldsAbsent §3.1.6");

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
