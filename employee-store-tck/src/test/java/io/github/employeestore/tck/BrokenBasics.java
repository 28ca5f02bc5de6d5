package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.VersionConflictException;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;
import static io.github.employeestore.tck.BrokenStores.overwritten;

/**
 * Broken basics: single-call mistakes of the everyday methods (a count off by one, a limit applied by truncating,
 * a cache that outlives a write). Each entry's comment names the backend mistake it models.
 */
enum BrokenBasics implements BrokenStore {
    /** Declares fewer capabilities than it implements (a capability set copied from an older version). */
    CAPABILITIES_UNDERCLAIMED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Set<Capability> capabilities() {
            return EnumSet.of(Capability.QUERIES);
        }
    }, "Capabilities.declaredCapabilitiesMatch §4.17.1"),

    /** Applies the batch limit by reading the first 1,000 ids, silently, instead of rejecting the call. */
    GET_ALL_TRUNCATES_AT_THE_LIMIT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Map<String, Employee> getAll(Collection<String> ids) {
            return delegate.getAll(ids.size() > Limits.MAX_GET_ALL_IDS
                    ? ids.stream().limit(Limits.MAX_GET_ALL_IDS).toList() : ids);
        }
    }, "Read.getAllTooMany §4.4.3"),

    /** Always gives a first page a cursor (it cannot tell the end without reading ahead), also on an empty store. */
    EMPTY_LIST_HAS_A_CURSOR(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> list(PageRequest page) {
            Page<Employee> p = delegate.list(page);
            return p.items().isEmpty() && page.cursor().isEmpty() ? Page.of(List.of(), "AAAAAAAAAAAAAAAAAA") : p;
        }
    }, "Listing.emptyStore §4.9.3"),

    /** Writes an update twice (a retry after a timeout that had in fact succeeded): the version grows by two. */
    UPDATE_APPLIED_TWICE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            return delegate.update(delegate.update(changed));
        }
    }, "Update.versionsGrow §4.1.2"),

    /** A put of a new id inserts, then updates (an upsert emulated in two statements): the new employee has version 2. */
    PUT_OF_A_NEW_ID_WRITES_TWICE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            boolean existed = employee.id() != null && delegate.get(employee.id()).isPresent();
            Employee put = delegate.put(employee);
            return existed ? put : delegate.put(employee);
        }
    }, "Put.createsNew §4.6.1"),

    /** Stamps an update's {@code updated_at} through an expression that rounds up to whole seconds. */
    UPDATE_STAMPS_UPDATED_AT_IN_WHOLE_SECONDS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            Employee updated = delegate.update(changed);
            Employee rounded = updated.toBuilder().updatedAt(updated.updatedAt()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1)).build();
            return overwritten(delegate, rounded);
        }
    }, "Timestamps.fromClock §4.1.3"),

    /** Reports a draft of importAll without an id under the empty id (a NOT NULL column's default). */
    IMPORT_REPORTS_A_MISSING_ID_AS_EMPTY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            ImportResult result = delegate.importAll(employees);
            return new ImportResult(result.attempted(), result.written(), result.failures().stream()
                    .map(f -> f.id() != null ? f : new ImportResult.Failure(f.index(), "", f.reason(),
                            f.violations(), f.cause())).toList());
        }
    }, "Import.mixedValidity §4.13.2"),

    /**
     * Writes the {@code updated_at} of a put's insert branch (INSERT ... ON CONFLICT) through an expression that rounds
     * up to whole seconds; its update branch and every other write are right.
     */
    PUT_OF_A_NEW_ID_STAMPS_UPDATED_AT_IN_WHOLE_SECONDS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            boolean inserts = employee != null && employee.id() != null && delegate.get(employee.id()).isEmpty();
            Employee put = delegate.put(employee);
            if (!inserts) {
                return put;
            }
            Employee rounded = put.toBuilder().updatedAt(put.updatedAt()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1)).build();
            return overwritten(delegate, rounded);
        }
    }, "Put.createsNew §4.6.1"),

    /** Rejects an empty import as invalid input instead of reporting a complete, empty result. */
    IMPORT_REJECTS_AN_EMPTY_COLLECTION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            if (employees != null && employees.isEmpty()) {
                throw InvalidInputException.of("employees", "must not be empty");
            }
            return delegate.importAll(employees);
        }
    }, "Import.empty §4.13.3"),

    /** Drops null elements before importing: they are neither written nor reported. */
    IMPORT_DROPS_NULL_ELEMENTS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            return delegate.importAll(employees == null ? null
                    : employees.stream().filter(Objects::nonNull).toList());
        }
    }, "Import.nullElement §4.13.2"),

    /** Checks the version of a versioned delete, then never runs the delete (the statement was left unexecuted). */
    VERSIONED_DELETE_DELETES_NOTHING(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void delete(String id, long expectedVersion) {
            Employee stored = delegate.get(id).orElseThrow(() -> new EmployeeNotFoundException(id));
            if (stored.version() != expectedVersion) {
                throw new VersionConflictException(id, expectedVersion, stored.version());
            }
        }
    }, "Delete.versionedDelete §4.8.1"),

    /**
     * Reports a repeated id as failed, as the contract says, but writes it anyway (the batch is written as a map,
     * where the last occurrence wins): the first occurrence is overwritten.
     */
    IMPORT_REPEATED_ID_OVERWRITES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            ImportResult result = delegate.importAll(employees);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Employee e : employees) {
                if (e != null && e.id() != null && !seen.add(e.id())) {
                    delegate.importAll(List.of(e));   // the later occurrence replaces the first
                }
            }
            return result;
        }
    }, "Import.mixedValidity §4.13.2"),

    /** Reports every delete(id) as a deletion, also of an absent id (it returns true instead of the row count). */
    DELETE_OF_AN_ABSENT_ID_SAYS_DELETED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public boolean delete(String id) {
            delegate.delete(id);
            return true;
        }
    }, "Delete.deletes §4.7.1"),

    /** Caches the pages of find by query and cursor, and no write invalidates them. */
    FIND_RESULTS_CACHED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<String, Page<Employee>> cache = new ConcurrentHashMap<>();

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            String key = query.location().orElse("-") + '\u0000' + query.jobTitle().orElse("-") + '\u0000'
                    + page.cursor().orElse("") + '\u0000' + page.size();
            return cache.computeIfAbsent(key, k -> delegate.find(query, page));
        }
    }, "Queries.reflectsWrites §4.10.3"),

    /**
     * Keeps each created id's version in a side table (a cache of conditional-write tokens) that delete clears but
     * drop() leaves behind: an id created again on the new table starts from its old version instead of 1.
     */
    DROP_KEEPS_THE_VERSION_CACHE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<String, Long> versions = new ConcurrentHashMap<>();

        @Override
        public Employee create(Employee draft) {
            Employee created = delegate.create(draft);
            Long old = versions.get(created.id());
            if (old != null) {
                created = created.toBuilder().version(old + 1).build();
                delegate.importAll(List.of(created));
            }
            versions.put(created.id(), created.version());
            return created;
        }

        @Override
        public boolean delete(String id) {
            boolean deleted = delegate.delete(id);
            versions.remove(id);
            return deleted;
        }

        @Override
        public void delete(String id, long expectedVersion) {
            delegate.delete(id, expectedVersion);
            versions.remove(id);
        }
    }, "SchemaAndErrors.missingTable §4.15.3"),

    /**
     * Answers {@code exists()} from a flag that {@code drop()} clears and only the first write after it sets again
     * (not {@code create()}): right after {@code create()} the new table is said not to exist, though every call
     * works on it.
     */
    EXISTS_AFTER_CREATE_WAITS_FOR_A_WRITE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile boolean dropped;

        @Override
        public io.github.employeestore.SchemaAdmin schema() {
            return new ForwardingSchemaAdmin(delegate.schema()) {
                @Override
                public void drop() {
                    super.drop();
                    dropped = true;
                }

                @Override
                public boolean exists() {
                    return !dropped && super.exists();
                }
            };
        }

        @Override
        public Employee create(Employee draft) {
            Employee created = delegate.create(draft);
            dropped = false;
            return created;
        }
    }, "SchemaAndErrors.missingTable §4.15.3"),

    /** Looks for the table before it checks the id: a get of an invalid id on a dropped table is a missing table. */
    GET_CHECKS_THE_TABLE_BEFORE_THE_ID(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public java.util.Optional<Employee> get(String id) {
            if (!delegate.schema().exists()) {
                throw new io.github.employeestore.StoreConfigurationException("the table does not exist");
            }
            return delegate.get(id);
        }
    }, "SchemaAndErrors.missingTable §4.15.3"),

    /**
     * Creates an employee without an id in two writes (an insert that takes the generated key, then an update that
     * fills the rest), each counting the version: it is created, stored and returned at version 2.
     */
    CREATE_WITHOUT_ID_WRITTEN_TWICE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            if (draft == null || draft.id() != null) {
                return delegate.create(draft);
            }
            Employee inserted = delegate.create(draft.toBuilder().id(java.util.UUID.randomUUID().toString()).build());
            return delegate.update(inserted);
        }
    }, "Create.assignsId §4.2.2"),

    /** Reads {@code created_at} through a view whose column is a TIMESTAMP(0): get answers it in whole seconds. */
    GET_READS_CREATED_AT_IN_WHOLE_SECONDS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public java.util.Optional<Employee> get(String id) {
            return delegate.get(id).map(e -> e.createdAt() == null ? e : e.toBuilder()
                    .createdAt(e.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).build());
        }
    }, "Concurrency.concurrentPutsOfANewId §4.6.3"),

    /**
     * Caches {@code count()} until its next write, and {@code drop()} fills the cache (it counts the rows it drops,
     * for its log) while neither it nor {@code create()} empties it: right after drop() and create() the count is the
     * dropped table's; the next write corrects it.
     */
    COUNT_CACHED_BY_DROP(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private volatile Long cached;

        private <T> T written(T result) {
            cached = null;
            return result;
        }

        @Override
        public long count() {
            Long known = cached;
            return known != null && delegate.schema().exists() ? known : delegate.count();
        }

        @Override
        public Employee create(Employee draft) {
            return written(delegate.create(draft));
        }

        @Override
        public Employee put(Employee employee) {
            return written(delegate.put(employee));
        }

        @Override
        public Employee update(Employee changed) {
            return written(delegate.update(changed));
        }

        @Override
        public boolean delete(String id) {
            return written(delegate.delete(id));
        }

        @Override
        public void delete(String id, long expectedVersion) {
            delegate.delete(id, expectedVersion);
            written(null);
        }

        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            return written(delegate.importAll(employees));
        }

        @Override
        public io.github.employeestore.SchemaAdmin schema() {
            EmployeeStore rows = delegate;
            return new ForwardingSchemaAdmin(rows.schema()) {
                @Override
                public void drop() {
                    Long dropped = exists() ? rows.count() : null;
                    super.drop();
                    if (dropped != null) {
                        cached = dropped;
                    }
                }
            };
        }
    }, "SchemaAndErrors.missingTable §4.15.3", "SchemaAndErrors.dropRacingWrites §4.15.2"),

    /**
     * Derives a missing id from the draft (a UUID-shaped hash of its name, so that a retried request gets the same
     * id) and returns the stored employee when that id exists: two creates of equal drafts create one employee.
     */
    CREATE_IDS_DERIVED_FROM_THE_DRAFT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            if (draft == null || draft.id() != null || draft.fullName() == null) {
                return delegate.create(draft);
            }
            String hashed = java.util.UUID.nameUUIDFromBytes(draft.fullName().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).toString();
            String id = hashed.substring(0, 14) + "4" + hashed.substring(15);
            return delegate.get(id).orElseGet(() -> delegate.create(draft.toBuilder().id(id).build()));
        }
    }, "Create.assignsId §4.2.1"),

    /**
     * Passes the database's error through when a write finds its table gone ("relation does not exist" wrapped in a
     * plain EmployeeStoreException) instead of mapping it to StoreConfigurationException: a write racing drop()
     * fails with an error the caller cannot tell from any other.
     */
    WRITE_ON_A_DROPPED_TABLE_FAILS_UNMAPPED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private <T> T unmapped(java.util.function.Supplier<T> write) {
            try {
                return write.get();
            } catch (io.github.employeestore.StoreConfigurationException e) {
                throw new io.github.employeestore.EmployeeStoreException("relation \"employees\" does not exist", e);
            }
        }

        @Override
        public Employee create(Employee draft) {
            return unmapped(() -> delegate.create(draft));
        }

        @Override
        public Employee put(Employee employee) {
            return unmapped(() -> delegate.put(employee));
        }
    }, "SchemaAndErrors.dropRacingWrites §4.15.3");

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenBasics(Function<Clock, EmployeeStore> factory, String... mustFail) {
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
