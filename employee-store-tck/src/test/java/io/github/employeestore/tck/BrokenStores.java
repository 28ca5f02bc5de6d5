package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.memory.InMemoryEmployeeStore;
import io.github.employeestore.spi.CodePointOrder;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Deliberately broken stores: each breaks one clause of the contract, and the TCK must catch each one. They wrap the
 * in-memory reference store.
 */
enum BrokenStores implements BrokenStore {
    CREATE_OVERWRITES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            return draft.id() != null && delegate.get(draft.id()).isPresent() ? delegate.put(draft)
                    : delegate.create(draft);
        }
    }, "Create.existingIdRejected §4.2.3", "Concurrency.concurrentCreates §4.2.4"),

    UPDATE_IGNORES_VERSION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            Employee stored = delegate.get(changed.id()).orElseThrow(() -> new EmployeeNotFoundException(changed.id()));
            return delegate.update(changed.toBuilder().version(stored.version()).build());
        }
    }, "Update.versionConflict §4.5.2", "Concurrency.concurrentUpdates §4.5.5", "Linearizability.concurrentHistoriesAreLinearizable §4.5.5"),

    PUT_DOES_NOT_BUMP_VERSION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            var stored = delegate.get(employee.id());
            if (stored.isEmpty()) {
                return delegate.put(employee);
            }
            Employee same = employee.toBuilder().version(stored.get().version())
                    .createdAt(stored.get().createdAt()).updatedAt(stored.get().updatedAt()).build();
            return overwritten(delegate, same);
        }
    }, "Put.replaces §4.6.2", "Concurrency.concurrentPuts §4.6.3"),

    PUT_LOSES_CONCURRENT_INCREMENTS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            var stored = delegate.get(employee.id());
            if (stored.isEmpty()) {
                return delegate.put(employee);
            }
            pause();
            Employee next = employee.toBuilder().version(stored.get().version() + 1)
                    .createdAt(stored.get().createdAt()).updatedAt(Instant.now(clock)
                            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).build();
            return overwritten(delegate, next);
        }
    }, "Concurrency.concurrentPuts §4.6.3", "Concurrency.transactionRacesPuts §4.6.3"),

    VERSIONED_DELETE_IGNORES_VERSION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void delete(String id, long expectedVersion) {
            if (!delegate.delete(id)) {
                throw new EmployeeNotFoundException(id);
            }
        }
    }, "Delete.versionedDeleteConflict §4.8.2"),

    DELETE_ALWAYS_TRUE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public boolean delete(String id) {
            delegate.delete(id);
            return true;
        }
    }, "Delete.deletes §4.7.1", "Linearizability.concurrentHistoriesAreLinearizable §4.1.1"),

    PAGE_BOUNDARY_DROPS_ITEM(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            Page<Employee> p = delegate.list(page);
            if (page.cursor().isEmpty() || p.items().isEmpty()) {
                return p;
            }
            return Page.of(p.items().subList(1, p.items().size()), p.nextCursor().orElse(null));
        }
    }, "Listing.pagesOfHundred §4.9.1"),

    CURSOR_WITHOUT_INTEGRITY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            List<Employee> all = delegate.stream().toList();
            int from = 0;
            if (page.cursor().isPresent()) {
                String after = new String(Base64.getUrlDecoder().decode(page.cursor().get()), StandardCharsets.UTF_8);
                while (from < all.size() && CodePointOrder.compare(all.get(from).id(), after) <= 0) {
                    from++;
                }
            }
            List<Employee> items = all.subList(from, Math.min(all.size(), from + page.size()));
            boolean more = from + page.size() < all.size();
            return Page.of(items, more ? Base64.getUrlEncoder().withoutPadding().encodeToString(
                    items.get(items.size() - 1).id().getBytes(StandardCharsets.UTF_8)) : null);
        }
    }, "Listing.tamperedCursor §4.16.3", "Listing.foreignBackendCursor §4.16.3", "Generated.sequencesAgreeWithTheReferenceModel §4.16.3"),

    FIND_IGNORES_CASE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            Predicate<Employee> matches = e -> query.location().map(l -> l.equalsIgnoreCase(e.location()))
                    .orElse(true) && query.jobTitle().map(t -> t.equalsIgnoreCase(e.jobTitle())).orElse(true);
            return offsetPage(delegate.stream().filter(matches).sorted(Comparator.comparing(Employee::fullName,
                    CodePointOrder.COMPARATOR).thenComparing(Employee::id, CodePointOrder.COMPARATOR)).toList(), page);
        }
    }, "Queries.byLocationExact §4.10.1"),

    FIND_ORDERS_BY_UTF16(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            return offsetPage(delegate.stream().filter(query::matches).sorted(Comparator
                    .comparing(Employee::fullName).thenComparing(Employee::id)).toList(), page);
        }
    }, "Queries.codePointOrder §4.10.2"),

    NUMBERS_LOSE_PRECISION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            return delegate.create(toDoubles(draft));
        }

        @Override
        public Employee put(Employee employee) {
            return delegate.put(toDoubles(employee));
        }
    }, "FlexibleAttributes.everyKind §3.3.1", "FlexibleAttributes.numberLimits §3.3.2"),

    UPDATE_KEEPS_REMOVED_ATTRIBUTES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            Map<String, AttributeValue> merged = new LinkedHashMap<>();
            delegate.get(changed.id()).ifPresent(s -> merged.putAll(s.attributes()));
            merged.putAll(changed.attributes());
            return delegate.update(changed.toBuilder().attributes(merged).build());
        }
    }, "FlexibleAttributes.removeAttribute §3.3.4"),

    IMPORT_DROPS_ITEM_SILENTLY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            if (employees.size() < 2) {
                return delegate.importAll(employees);
            }
            List<Employee> all = new ArrayList<>(employees);
            ImportResult r = delegate.importAll(all.subList(0, all.size() - 1));
            return new ImportResult(all.size(), r.written() + 1, r.failures());
        }
    }, "Import.importsExactly §4.13.1"),

    TRANSACT_APPLIES_PARTIALLY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            for (TransactionOperation op : TransactionPlan.record(writes)) {
                if (op instanceof TransactionOperation.Create c) {
                    delegate.create(c.employee());
                } else if (op instanceof TransactionOperation.Update u) {
                    delegate.update(u.employee());
                } else if (op instanceof TransactionOperation.Put p) {
                    delegate.put(p.employee());
                } else if (op instanceof TransactionOperation.Delete d) {
                    delegate.delete(d.id());
                } else if (op instanceof TransactionOperation.DeleteVersion d) {
                    delegate.delete(d.id(), d.expectedVersion());
                }
            }
        }
    }, "Transactions.fifthCreateFails §4.14.2", "Transactions.fifthUpdateConflicts §4.14.2", "Transactions.fifthNotFound §4.14.2"),

    VALIDATION_LETS_LONG_NAMES_THROUGH(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            return delegate.put(truncated(employee));
        }

        @Override
        public Employee create(Employee draft) {
            return delegate.create(truncated(draft));
        }
    }, "LimitsAndUnicode.textLimits §3.1.2"),

    GET_ALL_STOPS_AT_HUNDRED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Map<String, Employee> getAll(Collection<String> ids) {
            Map<String, Employee> all = delegate.getAll(ids);
            return all.entrySet().stream().limit(100).collect(Collectors.toMap(Map.Entry::getKey,
                    Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        }
    }, "Read.getAllThousand §4.4.2"),

    COUNT_IS_APPROXIMATE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public long count() {
            long n = delegate.count();
            return n > 50 ? n / 10 * 10 : n;
        }
    }, "Read.countExact §4.12.1"),

    IGNORES_ITS_CLOCK(clock -> memory(Clock.systemUTC()), "Create.assignsId §4.2.1", "Timestamps.fromClock §4.1.3"),

    SCHEMA_CREATE_WIPES_DATA(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public SchemaAdmin schema() {
            SchemaAdmin real = delegate.schema();
            return new ForwardingSchemaAdmin(real) {
                @Override
                public void create() {
                    real.drop();
                    real.create();
                }

            };
        }
    }, "SchemaAndErrors.createIdempotent §4.15.2"),

    CURSOR_NOT_BOUND_TO_TABLE(clock -> memory(clock), "Listing.otherTableCursor §4.16.3") {
        @Override
        public EmployeeStore otherTable(Clock clock) {
            return memory(clock);
        }
    };

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenStores(Function<Clock, EmployeeStore> factory, String... mustFail) {
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

    static EmployeeStore memory(Clock clock) {
        return InMemoryEmployeeStore.builder().clock(clock).build();
    }

    /**
     * Writes the employee over the stored one exactly as given (the second write that a broken store's mistake makes:
     * a rounding, a restamp, a lost field), and returns it, as that store's call does.
     */
    static Employee overwritten(EmployeeStore store, Employee employee) {
        store.importAll(List.of(employee));
        return employee;
    }

    /**
     * The window between a broken store's check and its write: long enough that racers released together overlap in it
     * even on a busy machine (a 1 ms window let a racer finish before the others had read, now and then).
     */
    static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A stream that reads the store's listing lazily, a page of {@code size} at a time when the one before is consumed,
     * and hands each page through {@code perPage} before streaming it.
     */
    static java.util.stream.Stream<Employee> pagedStream(EmployeeStore store, int size,
                                                        java.util.function.UnaryOperator<List<Employee>> perPage) {
        java.util.Iterator<Employee> items = new java.util.Iterator<>() {
            private java.util.Iterator<Employee> page;
            private String cursor;
            private boolean done;

            @Override
            public boolean hasNext() {
                while ((page == null || !page.hasNext()) && !done) {
                    Page<Employee> p = store.list(cursor == null ? PageRequest.first(size)
                            : PageRequest.after(cursor, size));
                    cursor = p.nextCursor().orElse(null);
                    done = cursor == null;
                    page = perPage.apply(new ArrayList<>(p.items())).iterator();
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
        return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(items,
                java.util.Spliterator.ORDERED), false);
    }

    static Page<Employee> offsetPage(List<Employee> all, PageRequest page) {
        int from = page.cursor().map(Integer::parseInt).orElse(0);
        int to = Math.min(all.size(), from + page.size());
        return Page.of(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    static Employee toDoubles(Employee e) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        e.attributes().forEach((k, v) -> attributes.put(k, toDouble(v)));
        return e.toBuilder().attributes(attributes).build();
    }

    private static AttributeValue toDouble(AttributeValue v) {
        if (v instanceof AttributeValue.NumberValue n) {
            return AttributeValue.of(BigDecimal.valueOf(n.value().doubleValue()));
        } else if (v instanceof AttributeValue.ListValue l) {
            return AttributeValue.of(l.values().stream().map(BrokenStores::toDouble).toList());
        } else if (v instanceof AttributeValue.MapValue m) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            m.values().forEach((k, x) -> map.put(k, toDouble(x)));
            return AttributeValue.of(map);
        }
        return v;
    }

    static Employee truncated(Employee e) {
        String name = e.fullName();
        if (name != null && name.codePointCount(0, name.length()) > 200) {
            name = name.substring(0, name.offsetByCodePoints(0, 200));
        }
        return e.toBuilder().fullName(name).build();
    }
}
