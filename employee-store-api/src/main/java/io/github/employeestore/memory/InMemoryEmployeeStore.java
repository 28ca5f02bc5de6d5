package io.github.employeestore.memory;

import io.github.employeestore.Capability;
import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.spi.CodePointOrder;
import io.github.employeestore.spi.CreatePlan;
import io.github.employeestore.spi.CursorCodec;
import io.github.employeestore.spi.EmployeeValidator;
import io.github.employeestore.spi.ImportPlan;
import io.github.employeestore.spi.PagedStream;
import io.github.employeestore.spi.PatchPlan;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;
import io.github.employeestore.spi.Writes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The reference implementation of {@link EmployeeStore}: every method of the contract and both optional
 * capabilities, in memory. Use it in tests of applications, and read it to see what the contract means.
 *
 * <p>{@code list} orders by id in code-point order. {@code find} is served by scanning (the in-memory store has no
 * indexes); it is meant for tests and small data. Name search ({@link Capability#SEARCH}) walks a sorted set of
 * the employees in the search order, kept in step with every write; it never needs a backfill. The schema exists when the store is built;
 * {@link SchemaAdmin#drop()} removes it with all data, after which every data method throws
 * {@link StoreConfigurationException} until {@link SchemaAdmin#create()}.
 *
 * <p>Thread-safe: single-employee operations are atomic map operations that run concurrently; {@code transact} runs
 * exclusively, so it is all-or-nothing and isolated.
 */
public final class InMemoryEmployeeStore implements EmployeeStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryEmployeeStore.class);
    private static final int STREAM_PAGE_SIZE = 500;
    private static final Comparator<Employee> BY_NAME = Comparator
            .comparing(Employee::fullName, CodePointOrder.COMPARATOR)
            .thenComparing(Employee::id, CodePointOrder.COMPARATOR);

    private final String name;
    private final Clock clock;
    private final CursorCodec cursors;
    private final ConcurrentSkipListMap<String, Employee> employees =
            new ConcurrentSkipListMap<>(CodePointOrder.COMPARATOR);
    private final NameIndex names = new NameIndex();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean schemaExists = true;

    private InMemoryEmployeeStore(String name, Clock clock, String cursorKey) {
        this.name = name;
        this.clock = clock;
        this.cursors = CursorCodec.forStore("memory", name, cursorKey);
    }

    /** @return a new, empty store named {@code employees} on the system UTC clock */
    public static InMemoryEmployeeStore create() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Employee create(Employee draft) {
        Employee prepared = Writes.forCreate(draft, clock);
        return single(() -> {
            if (employees.putIfAbsent(prepared.id(), prepared) != null) {
                throw new EmployeeAlreadyExistsException(prepared.id());
            }
            indexed(prepared.id());
            LOG.debug("create id={}", prepared.id());
            return prepared;
        });
    }

    @Override
    public Optional<Employee> get(String id) {
        EmployeeValidator.validateId(id);
        return single(() -> Optional.ofNullable(employees.get(id)));
    }

    @Override
    public Map<String, Employee> getAll(Collection<String> ids) {
        EmployeeValidator.validateIds(ids);
        return single(() -> {
            Map<String, Employee> found = new LinkedHashMap<>();
            for (String id : ids) {
                Employee e = employees.get(id);
                if (e != null) {
                    found.putIfAbsent(id, e);
                }
            }
            return found;
        });
    }

    @Override
    public Employee update(Employee changed) {
        Employee prepared = Writes.forUpdate(changed, clock);
        return single(() -> {
            Employee[] result = new Employee[1];
            employees.compute(changed.id(), (id, stored) -> {
                if (stored == null) {
                    throw new EmployeeNotFoundException(id);
                }
                if (stored.version() != changed.version()) {
                    throw new VersionConflictException(id, changed.version(), stored.version());
                }
                return result[0] = Writes.replacing(prepared, stored);
            });
            indexed(changed.id());
            LOG.debug("update id={} version={}", changed.id(), result[0].version());
            return result[0];
        });
    }

    @Override
    public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
        PatchPlan plan = PatchPlan.of(id, expectedVersion, patch, clock);
        return single(() -> {
            Employee[] result = new Employee[1];
            employees.compute(id, (key, stored) -> {
                result[0] = plan.against(stored).orElse(stored);
                return result[0];
            });
            indexed(id);
            LOG.debug("patch id={} version={}", id, result[0].version());
            return result[0];
        });
    }

    @Override
    public Employee put(Employee employee) {
        Employee prepared = Writes.forPut(employee, clock);
        return single(() -> {
            Employee stored = employees.merge(prepared.id(), prepared, (old, fresh) -> Writes.replacing(fresh, old));
            indexed(prepared.id());
            LOG.debug("put id={} version={}", stored.id(), stored.version());
            return stored;
        });
    }

    @Override
    public boolean delete(String id) {
        EmployeeValidator.validateId(id);
        return single(() -> {
            boolean deleted = employees.remove(id) != null;
            indexed(id);
            LOG.debug("delete id={} deleted={}", id, deleted);
            return deleted;
        });
    }

    @Override
    public void delete(String id, long expectedVersion) {
        EmployeeValidator.validateId(id);
        EmployeeValidator.validateExpectedVersion(expectedVersion);
        single(() -> {
            employees.compute(id, (key, stored) -> {
                if (stored == null) {
                    throw new EmployeeNotFoundException(key);
                }
                if (stored.version() != expectedVersion) {
                    throw new VersionConflictException(key, expectedVersion, stored.version());
                }
                return null;
            });
            indexed(id);
            LOG.debug("delete id={} version={}", id, expectedVersion);
            return null;
        });
    }

    @Override
    public Page<Employee> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        String after = cursors.listAfterId(page);
        return single(() -> {
            Map<String, Employee> tail = after == null ? employees : employees.tailMap(after, false);
            List<Employee> readAhead = tail.values().stream().limit(page.size() + 1L).toList();
            return cursors.listPage(readAhead, page.size());
        });
    }

    @Override
    public Page<Employee> find(EmployeeQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        if (query.name().isPresent()) {
            return byName(query, page);
        }
        List<String> after = cursors.findAfter(query, page);
        return single(() -> {
            Employee position = after == null ? null
                    : Employee.builder().fullName(after.get(0)).id(after.get(1)).build();
            List<Employee> matches = employees.values().stream()
                    .filter(query::matches)
                    .filter(e -> position == null || BY_NAME.compare(e, position) > 0)
                    .sorted(BY_NAME)
                    .limit(page.size() + 1L)
                    .toList();
            return cursors.findPage(query, matches, page.size());
        });
    }

    @Override
    public Page<Employee> listByName(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return byName(null, page);
    }

    private Page<Employee> byName(EmployeeQuery query, PageRequest page) {
        List<String> after = cursors.nameAfter(query, page);
        return single(() -> cursors.namePage(query, names.page(query, after, page.size() + 1L, employees::get),
                page.size()));
    }

    private void indexed(String id) {
        names.reconcile(id, employees.get(id));
    }

    @Override
    public Stream<Employee> stream() {
        return PagedStream.of(this::list, STREAM_PAGE_SIZE);
    }

    @Override
    public long count() {
        return single(() -> (long) employees.size());
    }

    @Override
    public ImportResult importAll(Collection<Employee> input) {
        ImportPlan plan = ImportPlan.of(input);
        return single(() -> {
            for (ImportPlan.Entry entry : plan.writable()) {
                employees.put(entry.employee().id(), entry.employee());
                indexed(entry.employee().id());
            }
            ImportResult result = plan.result(List.of());
            LOG.debug("importAll attempted={} written={} failed={}", result.attempted(), result.written(),
                    result.failures().size());
            return result;
        });
    }

    @Override
    public CreateAllResult createAll(Collection<Employee> drafts) {
        CreatePlan plan = CreatePlan.of(drafts, clock);
        return single(() -> {
            List<ImportResult.Failure> existing = new ArrayList<>();
            for (ImportPlan.Entry entry : plan.writable()) {
                if (employees.putIfAbsent(entry.employee().id(), entry.employee()) != null) {
                    existing.add(CreatePlan.exists(entry));
                } else {
                    indexed(entry.employee().id());
                }
            }
            CreateAllResult result = plan.result(existing);
            LOG.debug("createAll attempted={} created={} failed={}", result.attempted(), result.created().size(),
                    result.failures().size());
            return result;
        });
    }

    @Override
    public void transact(Consumer<TransactionWriter> writes) {
        List<TransactionOperation> operations = TransactionPlan.record(writes);
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        try {
            requireSchema();
            Map<String, Employee> changes = new HashMap<>();
            for (TransactionOperation op : operations) {
                Employee stored = employees.get(op.id());
                if (op instanceof TransactionOperation.Create c) {
                    if (stored != null) {
                        throw new EmployeeAlreadyExistsException(c.id());
                    }
                    changes.put(c.id(), Writes.forCreate(c.employee(), clock));
                } else if (op instanceof TransactionOperation.Update u) {
                    // as update(): an expected version at the bound is rejected before the stored one is looked at
                    Employee prepared = Writes.forUpdate(u.employee(), clock);
                    checkVersion(u.id(), u.employee().version(), stored);
                    changes.put(u.id(), Writes.replacing(prepared, stored));
                } else if (op instanceof TransactionOperation.Put p) {
                    Employee fresh = Writes.forPut(p.employee(), clock);
                    changes.put(p.id(), stored == null ? fresh : Writes.replacing(fresh, stored));
                } else if (op instanceof TransactionOperation.Patch p) {
                    changes.put(p.id(), p.plan(clock).against(stored).orElse(stored));
                } else if (op instanceof TransactionOperation.Delete) {
                    changes.put(op.id(), null);
                } else if (op instanceof TransactionOperation.DeleteVersion d) {
                    checkVersion(d.id(), d.expectedVersion(), stored);
                    changes.put(d.id(), null);
                }
            }
            changes.forEach((id, e) -> {
                if (e == null) {
                    employees.remove(id);
                } else {
                    employees.put(id, e);
                }
                indexed(id);
            });
            LOG.debug("transact operations={}", operations.size());
        } finally {
            exclusive.unlock();
        }
    }

    private static void checkVersion(String id, long expected, Employee stored) {
        if (stored == null) {
            throw new EmployeeNotFoundException(id);
        }
        if (stored.version() != expected) {
            throw new VersionConflictException(id, expected, OptionalLong.of(stored.version()), null);
        }
    }

    @Override
    public SchemaAdmin schema() {
        return new SchemaAdmin() {
            @Override
            public void create() {
                schemaExists = true;
            }

            @Override
            public boolean exists() {
                return schemaExists;
            }

            @Override
            public io.github.employeestore.BackfillProgress backfillSearchIndex(
                    Consumer<? super io.github.employeestore.BackfillProgress> progress) {
                requireSchema();
                return SchemaAdmin.super.backfillSearchIndex(progress);
            }

            @Override
            public void drop() {
                Lock exclusive = lock.writeLock();
                exclusive.lock();
                try {
                    schemaExists = false;
                    employees.clear();
                    names.clear();
                } finally {
                    exclusive.unlock();
                }
            }
        };
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public String description() {
        return "in-memory store '" + name + "'";
    }

    /** Does nothing: the store holds no resources; its data stays readable. */
    @Override
    public void close() {
        // nothing to release
    }

    private <T> T single(Supplier<T> action) {
        Lock shared = lock.readLock();
        shared.lock();
        try {
            requireSchema();
            return action.get();
        } finally {
            shared.unlock();
        }
    }

    private void requireSchema() {
        if (!schemaExists) {
            throw new StoreConfigurationException("table '" + name + "' does not exist; call schema().create()");
        }
    }

    /** Builds {@link InMemoryEmployeeStore}s. Not thread-safe. */
    public static final class Builder {
        private String name = "employees";
        private Clock clock = Clock.systemUTC();
        private String cursorKey;

        private Builder() {
        }

        /**
         * @param cursorKey a per-deployment secret that seals this store's cursors (option
         *                  {@value io.github.employeestore.spi.CursorCodec#KEY_OPTION} when opened by URL), at least
         *                  16 characters; by default the library's key, the same on every instance and restart (see
         *                  {@link io.github.employeestore.spi.CursorCodec})
         * @return this builder
         */
        public Builder cursorKey(String cursorKey) {
            this.cursorKey = cursorKey;
            return this;
        }

        /**
         * @param name the store's name: it binds cursors, like a table name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param clock the clock for timestamps
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return a new, empty store */
        public InMemoryEmployeeStore build() {
            return new InMemoryEmployeeStore(name, clock, cursorKey);
        }
    }
}
