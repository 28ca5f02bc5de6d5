package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.spi.CodePointOrder;
import io.github.employeestore.spi.CursorCodec;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.spi.EmployeeValidator;
import io.github.employeestore.spi.NameFolding;
import io.github.employeestore.spi.PagedStream;
import io.github.employeestore.spi.StoredEmployee;
import io.github.employeestore.spi.Versions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The reference store with items written by others, for the self-test of the optional group "data written by
 * others": the reference store keeps {@code Employee} objects, not raw items, so this store puts a small raw layer
 * in front of it, as a backend's table would hold what another program wrote.
 *
 * <p>{@link #foreignItems()} plants an item of the {@link EmployeeCodec} layout. One the model reads is written into
 * the reference store by {@code importAll} (so its unknown attributes become flexible attributes, kept by every
 * write); one it cannot read ({@link UnreadableEmployeeException}) is kept here, raw, and every read reports it as
 * the contract says (§3.6.2): {@code get} throws, {@code getAll}, {@code list}, {@code find} and {@code stream}
 * report it, {@code count} counts it, {@code delete} deletes it, a {@code put} over a version above the bound is
 * rejected and {@code importAll} replaces it. A readable item whose id is longer than the model allows (up to
 * {@link Limits#MAX_STORED_ID_BYTES}) is kept here too, as read: {@code list}, {@code find}, {@code stream} and
 * {@code count} report it (no call can name it: the model rejects such an id). A readable item without a version
 * (read as version 0, §3.6.3) is kept here too, raw, until its first write: {@code update} and {@code patch} at
 * version 0 and {@code put} write it into the reference store at version 1, keeping its {@code created_at} or
 * stamping one, and only the first such write wins; {@code delete} at version 0 removes it. What neither layer can
 * hold (an item with a version but without {@code created_at}) is not planted: those cases are skipped, as on a
 * backend whose storage cannot hold them. A transaction does not see unversioned items.
 *
 * <p>The broken stores of {@link BrokenForeignData} are this store with one bug. Thread-safe enough for the group
 * (no concurrent tests).
 */
class RawItemStore extends ForwardingEmployeeStore {
    private static final EmployeeCodec CODEC = EmployeeCodec.standard();
    private static final Comparator<StoredEmployee> BY_NAME = Comparator
            .comparing(StoredEmployee::fullName, CodePointOrder.COMPARATOR)
            .thenComparing(StoredEmployee::id, CodePointOrder.COMPARATOR);

    /** The items the model cannot read, raw, by id. */
    protected final ConcurrentSkipListMap<String, Map<String, AttributeValue>> unreadable =
            new ConcurrentSkipListMap<>(CodePointOrder.COMPARATOR);
    /** The readable items stored without a version, raw, by id (until their first write). */
    protected final ConcurrentSkipListMap<String, Map<String, AttributeValue>> unversioned =
            new ConcurrentSkipListMap<>(CodePointOrder.COMPARATOR);
    /** The readable items whose ids are longer than the model allows, by id. */
    private final ConcurrentSkipListMap<String, Employee> longIds =
            new ConcurrentSkipListMap<>(CodePointOrder.COMPARATOR);
    private final CursorCodec cursors = CursorCodec.forStore("raw", "employees");

    RawItemStore(EmployeeStore reference) {
        super(reference);
    }

    /** @return the hook that plants and reads raw items of this store */
    ForeignItems foreignItems() {
        return new ForeignItems() {
            @Override
            public boolean plant(Map<String, AttributeValue> item) {
                return RawItemStore.this.plant(item);
            }

            @Override
            public Map<String, AttributeValue> read(String id) {
                return RawItemStore.this.read(id);
            }
        };
    }

    /** Plants an item: see the class comment. */
    protected boolean plant(Map<String, AttributeValue> item) {
        String id = text(item, "id");
        try {
            EmployeeValidator.validateId(id);
        } catch (io.github.employeestore.InvalidInputException invalid) {
            return plantLongId(id, item);   // the reference store holds only the model's ids
        }
        Employee e;
        try {
            e = CODEC.fromItem(item);
        } catch (UnreadableEmployeeException unreadableItem) {
            delegate.delete(id);
            unreadable.put(id, new LinkedHashMap<>(item));
            return true;
        }
        if (e.version() < 1) {
            delegate.delete(id);
            unreadable.remove(id);
            unversioned.put(id, new LinkedHashMap<>(item));
            return true;
        }
        if (e.createdAt() == null || e.updatedAt() == null) {
            return false;   // importAll writes both timestamps
        }
        unreadable.remove(id);
        unversioned.remove(id);
        ImportResult result = delegate.importAll(List.of(e));
        if (!result.isComplete()) {
            throw new IllegalStateException("the reference store refused a planted item: " + result);
        }
        return true;
    }

    /** Plants a readable item whose id is valid but for its length, up to the backend's key limit; else false. */
    private boolean plantLongId(String id, Map<String, AttributeValue> item) {
        if (id == null || id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Limits.MAX_STORED_ID_BYTES) {
            return false;
        }
        try {
            EmployeeValidator.validateId(id.substring(0, id.offsetByCodePoints(0,
                    Math.min(Limits.MAX_ID_LENGTH, id.codePointCount(0, id.length())))));
            Employee e = CODEC.fromItem(item);
            if (e.version() < 1 || e.createdAt() == null || e.updatedAt() == null) {
                return false;
            }
            longIds.put(id, e);
            return true;
        } catch (io.github.employeestore.InvalidInputException | UnreadableEmployeeException notHeld) {
            return false;
        }
    }

    /** Reads an item as stored: raw, or the reference store's employee in the codec's layout; empty if none. */
    protected Map<String, AttributeValue> read(String id) {
        Map<String, AttributeValue> raw = unreadable.get(id);
        if (raw != null) {
            return new LinkedHashMap<>(raw);
        }
        if (longIds.containsKey(id)) {
            return CODEC.toItem(longIds.get(id));
        }
        Map<String, AttributeValue> withoutVersion = unversioned.get(id);
        if (withoutVersion != null) {
            return new LinkedHashMap<>(withoutVersion);
        }
        return delegate.get(id).<Map<String, AttributeValue>>map(CODEC::toItem).orElse(Map.of());
    }

    /** @return the exception reading the raw item throws */
    static UnreadableEmployeeException whyUnreadable(Map<String, AttributeValue> raw) {
        try {
            CODEC.fromItem(raw);
        } catch (UnreadableEmployeeException e) {
            return e;
        }
        throw new IllegalStateException("a raw item of the self-test became readable: " + raw);
    }

    /** @return every stored item, readable or not, in id order */
    protected List<StoredEmployee> all() {
        Map<String, StoredEmployee> all = new java.util.TreeMap<>(CodePointOrder.COMPARATOR);
        try (Stream<Employee> s = delegate.stream()) {
            s.forEach(e -> all.put(e.id(), StoredEmployee.readable(e)));
        }
        unreadable.forEach((id, raw) -> all.put(id, StoredEmployee.unreadable(text(raw, "full_name"),
                whyUnreadable(raw))));
        longIds.forEach((id, e) -> all.put(id, StoredEmployee.readable(e)));
        unversioned.forEach((id, raw) -> all.put(id, StoredEmployee.readable(CODEC.fromItem(raw))));
        return new ArrayList<>(all.values());
    }

    /**
     * The first write of an item stored without a version: the written employee at version 1 in the reference
     * store, its {@code created_at} kept or stamped from the store's clock; null if another write came first.
     */
    private Employee firstVersion(String id, java.util.function.UnaryOperator<Employee> change) {
        Map<String, AttributeValue> raw = unversioned.remove(id);
        if (raw == null) {
            return null;
        }
        try {
            Employee stored = CODEC.fromItem(raw);
            Employee created = delegate.create(change.apply(stored).toBuilder().id(id).version(0).createdAt(null)
                    .updatedAt(null).build());
            if (stored.createdAt() != null) {
                created = created.toBuilder().createdAt(stored.createdAt()).build();
                delegate.importAll(List.of(created));
            }
            return created;
        } catch (RuntimeException e) {
            unversioned.putIfAbsent(id, raw);
            throw e;
        }
    }

    /** Checks the version a write expects of an item stored without one (version 0), if the id is one. */
    private boolean unversionedAt(String id, long expectedVersion) {
        if (id == null || !unversioned.containsKey(id)) {
            return false;
        }
        if (expectedVersion != 0) {
            throw new VersionConflictException(id, expectedVersion, 0);
        }
        return true;
    }

    private static String text(Map<String, AttributeValue> raw, String name) {
        AttributeValue v = raw.get(name);
        return v instanceof AttributeValue.TextValue t ? t.value() : null;
    }

    @Override
    public Employee create(Employee draft) {
        if (draft != null && draft.id() != null && (unreadable.containsKey(draft.id())
                || unversioned.containsKey(draft.id()))) {
            throw new EmployeeAlreadyExistsException(draft.id());
        }
        return delegate.create(draft);
    }

    @Override
    public Optional<Employee> get(String id) {
        Map<String, AttributeValue> raw = id == null ? null : unreadable.get(id);
        if (raw != null) {
            throw whyUnreadable(raw);
        }
        Map<String, AttributeValue> withoutVersion = id == null ? null : unversioned.get(id);
        return withoutVersion != null ? Optional.of(CODEC.fromItem(withoutVersion)) : delegate.get(id);
    }

    @Override
    public Map<String, Employee> getAll(Collection<String> ids) {
        return getAll(ids, u -> StoredEmployee.warn("getAll", u));
    }

    @Override
    public Map<String, Employee> getAll(Collection<String> ids,
                                        Consumer<? super UnreadableEmployeeException> unreadableItems) {
        Map<String, Employee> found = delegate.getAll(ids);
        ids.stream().distinct().filter(unreadable::containsKey)
                .forEach(id -> unreadableItems.accept(whyUnreadable(unreadable.get(id))));
        if (ids.stream().noneMatch(unversioned::containsKey)) {
            return found;
        }
        Map<String, Employee> inOrder = new LinkedHashMap<>();
        for (String id : ids) {
            Map<String, AttributeValue> withoutVersion = unversioned.get(id);
            Employee e = withoutVersion != null ? CODEC.fromItem(withoutVersion) : found.get(id);
            if (e != null) {
                inOrder.putIfAbsent(id, e);
            }
        }
        return inOrder;
    }

    @Override
    public Employee update(Employee changed) {
        if (changed != null && unversionedAt(changed.id(), changed.version())) {
            Employee first = firstVersion(changed.id(), stored -> changed);
            if (first != null) {
                return first;
            }
        }
        return delegate.update(changed);
    }

    @Override
    public Employee patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch patch) {
        if (patch != null && unversionedAt(id, expectedVersion)) {
            Employee first = firstVersion(id, patch::applyTo);
            if (first != null) {
                return first;
            }
        }
        return delegate.patch(id, expectedVersion, patch);
    }

    @Override
    public void delete(String id, long expectedVersion) {
        if (unversionedAt(id, expectedVersion) && unversioned.remove(id) != null) {
            return;
        }
        delegate.delete(id, expectedVersion);
    }

    @Override
    public Employee put(Employee employee) {
        Map<String, AttributeValue> raw = employee == null || employee.id() == null ? null
                : unreadable.get(employee.id());
        if (raw != null) {
            AttributeValue version = raw.get("version");
            if (version instanceof AttributeValue.NumberValue n
                    && n.value().compareTo(java.math.BigDecimal.valueOf(Limits.MAX_VERSION)) >= 0) {
                throw Versions.atLimit(employee.id());   // the next version would pass the bound (§4.1.2)
            }
            unreadable.remove(employee.id());
        }
        if (employee != null && employee.id() != null && unversioned.containsKey(employee.id())) {
            Employee first = firstVersion(employee.id(), stored -> employee);
            if (first != null) {
                return first;
            }
        }
        return delegate.put(employee);
    }

    @Override
    public boolean delete(String id) {
        boolean raw = id != null && (unreadable.remove(id) != null | unversioned.remove(id) != null);
        return delegate.delete(id) || raw;
    }

    @Override
    public Page<Employee> list(PageRequest page) {
        String after = cursors.listAfterId(page);
        List<StoredEmployee> readAhead = all().stream()
                .filter(s -> after == null || CodePointOrder.COMPARATOR.compare(s.id(), after) > 0)
                .limit(page.size() + 1L).toList();
        return cursors.listPageOf(readAhead, page.size());
    }

    @Override
    public Page<Employee> find(EmployeeQuery query, PageRequest page) {
        if (query != null && query.name().isPresent()) {
            return byName(query, page);
        }
        List<String> after = cursors.findAfter(query, page);
        StoredEmployee position = after == null ? null
                : StoredEmployee.readable(Employee.builder().fullName(after.get(0)).id(after.get(1)).build());
        List<StoredEmployee> readAhead = all().stream().filter(s -> s.fullName() != null && matches(query, s))
                .filter(s -> position == null || BY_NAME.compare(s, position) > 0)
                .sorted(BY_NAME).limit(page.size() + 1L).toList();
        return cursors.findPageOf(query, readAhead, page.size());
    }

    @Override
    public Page<Employee> listByName(PageRequest page) {
        return byName(null, page);
    }

    /**
     * A page in the search order of every item with a full name (an index holds what was written, so an unreadable
     * item is there by its stored full name and reported at its place).
     */
    protected Page<Employee> byName(EmployeeQuery query, PageRequest page) {
        List<String> after = cursors.nameAfter(query, page);
        Comparator<List<String>> positions = (a, b) -> {
            for (int i = 0; i < 3; i++) {
                int c = CodePointOrder.COMPARATOR.compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        Comparator<StoredEmployee> order = Comparator.comparing(s -> CursorCodec.namePosition(s.fullName(), s.id()),
                positions);
        List<StoredEmployee> readAhead = all().stream().filter(s -> s.fullName() != null)
                .filter(s -> query == null || (NameFolding.matches(query.nameWords(), s.fullName())
                        && matches(query, s)))
                .filter(s -> after == null || positions.compare(CursorCodec.namePosition(s.fullName(), s.id()),
                        after) > 0)
                .sorted(order).limit(page.size() + 1L).toList();
        return cursors.namePageOf(query, readAhead, page.size());
    }

    /** The query on the indexed fields, as stored: raw for an unreadable item (an index holds what was written). */
    private boolean matches(EmployeeQuery query, StoredEmployee s) {
        if (s.isReadable()) {
            return query.matches(s.employee());
        }
        Map<String, AttributeValue> raw = unreadable.get(s.id());
        return query.location().map(l -> l.equals(text(raw, "location"))).orElse(true)
                && query.jobTitle().map(j -> j.equals(text(raw, "job_title"))).orElse(true);
    }

    @Override
    public Stream<Employee> stream() {
        return PagedStream.of(this::list, 500);
    }

    @Override
    public Stream<Employee> stream(Consumer<? super UnreadableEmployeeException> unreadableItems) {
        return PagedStream.of(this::list, 500, unreadableItems);
    }

    @Override
    public long count() {
        return delegate.count() + unreadable.size() + longIds.size() + unversioned.size();
    }

    @Override
    public ImportResult importAll(Collection<Employee> employees) {
        ImportResult result = delegate.importAll(employees);
        if (employees != null) {
            List<String> failed = result.failedIds();
            employees.stream().filter(e -> e != null && e.id() != null && !failed.contains(e.id()))
                    .forEach(e -> {
                        unreadable.remove(e.id());
                        unversioned.remove(e.id());
                    });
        }
        return result;
    }

    @Override
    public SchemaAdmin schema() {
        SchemaAdmin schema = delegate.schema();
        return new ForwardingSchemaAdmin(schema) {
            @Override
            public io.github.employeestore.BackfillProgress backfillSearchIndex(
                    Consumer<? super io.github.employeestore.BackfillProgress> progress) {
                return schema.backfillSearchIndex(progress);
            }

            @Override
            public void drop() {
                schema.drop();
                unreadable.clear();
                unversioned.clear();
                longIds.clear();
            }
        };
    }
}
