package io.github.employeestore.tck;

import io.github.employeestore.BackfillProgress;
import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.UnreadableEmployeeException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The reference store with the answer of one call corrupted: the {@code n}-th call a test makes (counted over the
 * test's stores by a shared {@link Log}) returns a slightly wrong answer, by the run's kind of corruption (from 0):
 * <ul>
 *   <li>a written employee one version ahead; with another full name; with an attribute more or less;</li>
 *   <li>a {@code get} that finds nothing (or, for an absent id, a made-up employee); the employee with another full
 *       name; with an attribute more or less;</li>
 *   <li>a page one employee short (or, when empty, with a made-up employee); its cursor dropped, or made up on a last
 *       page;</li>
 *   <li>a map or stream one employee short (or with a made-up one), a count one too high, a flipped boolean; a
 *       batch read's first employee a version ahead, or with an attribute more or less;</li>
 *   <li>a bulk result one employee short; its first created employee a version ahead, its first failure left out;</li>
 *   <li>a description empty; too long; with credentials;</li>
 *   <li>a call that throws returns instead; throws the same exception about another id.</li>
 * </ul>
 * The store's state is never changed: only what the test is told. A test whose assertions check that call's answer
 * fails; {@link CorruptedCalls} records which calls each test checks, and the self-test keeps it so. Not thread-safe:
 * the tests it runs are single-threaded (a call from another thread marks the run).
 */
final class CallCorruptingStore extends ForwardingEmployeeStore {

    /** The calls of one run of a test, and which one to corrupt. */
    static final class Log {
        private final int target;
        private final int kind;
        private final Thread owner = Thread.currentThread();
        private final List<String> calls = new ArrayList<>();
        private boolean otherThread;
        private String corruption;

        /**
         * @param target the call to corrupt, counted from 1; 0 for none (a counting run)
         * @param kind   which corruption of the call's answer is made, from 0: the first changes a page's
         *               employees, an employee's version, a description's text; the second a page's cursor (dropped,
         *               or made up on a last page), an employee's full name, a description's length; the third an
         *               employee's attributes, a description's credentials
         */
        Log(int target, int kind) {
            this.target = target;
            this.kind = kind;
        }

        synchronized boolean next(String call) {
            if (Thread.currentThread() != owner) {
                otherThread = true;
            }
            calls.add(call);
            return calls.size() == target;
        }

        synchronized void corrupted(String how) {
            corruption = how;
        }

        /** @return the names of the calls, in order */
        synchronized List<String> calls() {
            return List.copyOf(calls);
        }

        /** @return whether a call came from another thread than the test's */
        synchronized boolean otherThread() {
            return otherThread;
        }

        /** @return how the target call was corrupted, or {@code null} if its answer could not be (or was not) */
        synchronized String corruption() {
            return corruption;
        }
    }

    private final Log log;

    CallCorruptingStore(EmployeeStore delegate, Log log) {
        super(delegate);
        this.log = log;
    }

    /**
     * @param corrupt the wrong answer made from the right one, or {@code null} when it has none (an empty page)
     * @param instead the answer when the call threw
     */
    private <T> T call(String name, Supplier<T> real, UnaryOperator<T> corrupt, Supplier<T> instead) {
        if (!log.next(name)) {
            return real.get();
        }
        T answer;
        try {
            answer = real.get();
        } catch (RuntimeException e) {
            if (log.kind > 0) {
                throw otherId(e);
            }
            log.corrupted("returned instead of throwing " + e.getClass().getSimpleName());
            return instead.get();
        }
        T wrong = corrupt.apply(answer);
        if (wrong == null) {
            return answer;
        }
        log.corrupted("answered wrongly");
        return wrong;
    }

    private void voidCall(String name, Runnable real) {
        if (!log.next(name)) {
            real.run();
            return;
        }
        try {
            real.run();
        } catch (RuntimeException e) {
            if (log.kind > 0) {
                throw otherId(e);
            }
            log.corrupted("returned instead of throwing " + e.getClass().getSimpleName());
        }
    }

    /**
     * The second corruption of a call that throws: the same exception about another id, where the exception names
     * one; else the exception itself (the third corruption never changes an exception).
     */
    private RuntimeException otherId(RuntimeException e) {
        RuntimeException other = log.kind != 1 ? null
                : e instanceof io.github.employeestore.EmployeeNotFoundException n
                ? new io.github.employeestore.EmployeeNotFoundException(n.id() + "-other")
                : e instanceof io.github.employeestore.EmployeeAlreadyExistsException x
                ? new io.github.employeestore.EmployeeAlreadyExistsException(x.id() + "-other")
                : e instanceof io.github.employeestore.VersionConflictException v
                ? new io.github.employeestore.VersionConflictException(v.id() + "-other", v.expectedVersion(),
                v.actualVersion(), null)
                : null;
        if (other == null) {
            return e;
        }
        log.corrupted("threw " + e.getClass().getSimpleName() + " about another id");
        return other;
    }

    /** A corruption made only as the first of a call's answer (an answer with one side). */
    private <T> UnaryOperator<T> first(UnaryOperator<T> corrupt) {
        return answer -> log.kind == 0 ? corrupt.apply(answer) : null;
    }

    private Employee ahead(Employee e) {
        if (e == null) {
            return null;
        }
        return switch (log.kind) {
            case 0 -> e.toBuilder().version(e.version() + 1).build();
            case 1 -> e.toBuilder().fullName(e.fullName() + " (changed)").build();
            default -> e.attributes().isEmpty()
                    ? e.toBuilder().attribute("corrupted", io.github.employeestore.AttributeValue.of("x")).build()
                    : e.toBuilder().removeAttribute(e.attributes().keySet().iterator().next()).build();
        };
    }

    /** An employee no test stored, for an answer that should have none. */
    private static Employee ghost(String id) {
        return Employee.builder().id(id == null || id.isBlank() ? "ghost" : id).fullName("Ghost").version(1)
                .createdAt(java.time.Instant.EPOCH).updatedAt(java.time.Instant.EPOCH).build();
    }

    private static Map<String, Employee> oneShort(Map<String, Employee> map) {
        Map<String, Employee> copy = new LinkedHashMap<>(map);
        if (map.isEmpty()) {
            copy.put("ghost", ghost(null));
        } else {
            copy.remove(copy.keySet().iterator().next());
        }
        return copy;
    }

    /** A map one employee short (or with a made-up one); its first employee a version ahead; its attributes changed. */
    private Map<String, Employee> oneWrong(Map<String, Employee> map) {
        if (log.kind == 0) {
            return oneShort(map);
        }
        if (map.isEmpty()) {
            return null;
        }
        Map<String, Employee> copy = new LinkedHashMap<>(map);
        Map.Entry<String, Employee> first = copy.entrySet().iterator().next();
        Employee e = first.getValue();
        copy.put(first.getKey(), log.kind == 1 ? e.toBuilder().version(e.version() + 1).build() : ahead(e));
        return copy;
    }

    private Page<Employee> oneShort(Page<Employee> page) {
        if (log.kind == 2) {
            return null;
        }
        if (log.kind == 1) {
            return Page.of(page.items(), page.nextCursor().isPresent() ? null : "corrupted-cursor",
                    page.unreadable());
        }
        if (!page.items().isEmpty()) {
            return Page.of(page.items().subList(0, page.items().size() - 1), page.nextCursor().orElse(null),
                    page.unreadable());
        }
        return page.nextCursor().isPresent() ? Page.of(page.items(), null, page.unreadable())
                : Page.of(List.of(ghost(null)), null, page.unreadable());
    }

    private static Stream<Employee> oneShort(Stream<Employee> stream) {
        List<Employee> all = new ArrayList<>();
        try (stream) {
            stream.forEach(all::add);
        }
        return all.isEmpty() ? Stream.of(ghost(null)) : all.subList(1, all.size()).stream();
    }

    @Override
    public Employee create(Employee draft) {
        return call("create", () -> delegate.create(draft), this::ahead, () -> draft);
    }

    @Override
    public Optional<Employee> get(String id) {
        return call("get", () -> delegate.get(id), o -> o.isPresent()
                ? log.kind > 0 ? Optional.of(ahead(o.get())) : Optional.empty()
                : log.kind > 0 ? null : Optional.of(ghost(id)), Optional::empty);
    }

    @Override
    public String description() {
        return call("description", delegate::description, d -> switch (log.kind) {
            case 0 -> "";
            case 1 -> d + " " + "x".repeat(300);
            default -> d + " at jdbc:mysql://app:password@db";
        }, () -> "");
    }

    @Override
    public Map<String, Employee> getAll(Collection<String> ids) {
        return call("getAll", () -> delegate.getAll(ids), this::oneWrong, Map::of);
    }

    @Override
    public Map<String, Employee> getAll(Collection<String> ids,
                                       Consumer<? super UnreadableEmployeeException> unreadable) {
        return call("getAll", () -> delegate.getAll(ids, unreadable), this::oneWrong, Map::of);
    }

    @Override
    public Employee update(Employee changed) {
        return call("update", () -> delegate.update(changed), this::ahead, () -> changed);
    }

    @Override
    public Employee put(Employee employee) {
        return call("put", () -> delegate.put(employee), this::ahead, () -> employee);
    }

    @Override
    public boolean delete(String id) {
        return call("delete", () -> delegate.delete(id), first(b -> !b), () -> false);
    }

    @Override
    public void delete(String id, long expectedVersion) {
        voidCall("delete", () -> delegate.delete(id, expectedVersion));
    }

    @Override
    public Page<Employee> list(PageRequest page) {
        return call("list", () -> delegate.list(page), this::oneShort, () -> Page.of(List.of(), null));
    }

    @Override
    public Page<Employee> find(EmployeeQuery query, PageRequest page) {
        return call("find", () -> delegate.find(query, page), this::oneShort,
                () -> Page.of(List.of(), null));
    }

    @Override
    public Page<Employee> listByName(PageRequest page) {
        return call("listByName", () -> delegate.listByName(page), this::oneShort,
                () -> Page.of(List.of(), null));
    }

    @Override
    public Stream<Employee> stream() {
        return call("stream", delegate::stream, first(CallCorruptingStore::oneShort), Stream::empty);
    }

    @Override
    public Stream<Employee> stream(Consumer<? super UnreadableEmployeeException> unreadable) {
        return call("stream", () -> delegate.stream(unreadable), first(CallCorruptingStore::oneShort),
                Stream::empty);
    }

    @Override
    public long count() {
        return call("count", delegate::count, first(c -> c + 1), () -> 0L);
    }

    @Override
    public long estimatedCount() {
        return call("estimatedCount", delegate::estimatedCount, first(c -> c + 1), () -> 0L);
    }

    @Override
    public CreateAllResult createAll(Collection<Employee> drafts) {
        return call("createAll", () -> delegate.createAll(drafts), this::wrong, () -> new CreateAllResult(0, List.of(),
                List.of()));
    }

    /** One created employee fewer (first corruption), or the first one a version ahead (second). */
    private CreateAllResult wrong(CreateAllResult r) {
        if (log.kind == 1) {
            if (r.created().isEmpty()) {
                return null;
            }
            List<Employee> created = new ArrayList<>(r.created());
            created.set(0, created.get(0).toBuilder().version(created.get(0).version() + 1).build());
            return new CreateAllResult(r.attempted(), created, r.failures());
        }
        if (log.kind > 1) {
            return null;
        }
        if (!r.created().isEmpty()) {
            return new CreateAllResult(r.attempted() - 1, r.created().subList(0, r.created().size() - 1),
                    r.failures());
        }
        return r.failures().isEmpty() ? null : new CreateAllResult(r.attempted() - 1, r.created(),
                r.failures().subList(1, r.failures().size()));
    }

    @Override
    public ImportResult importAll(Collection<Employee> employees) {
        return call("importAll", () -> delegate.importAll(employees), this::wrong, () -> new ImportResult(0, 0,
                List.of()));
    }

    /** One written employee fewer (first corruption), or the first failure left out (second). */
    private ImportResult wrong(ImportResult r) {
        if (log.kind == 1) {
            return r.failures().isEmpty() ? null : new ImportResult(r.attempted() - 1, r.written(),
                    r.failures().subList(1, r.failures().size()));
        }
        if (log.kind > 1) {
            return null;
        }
        if (r.written() > 0) {
            return new ImportResult(r.attempted() - 1, r.written() - 1, r.failures());
        }
        return r.failures().isEmpty() ? null : new ImportResult(r.attempted() - 1, r.written(),
                r.failures().subList(1, r.failures().size()));
    }

    @Override
    public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
        return call("patch", () -> delegate.patch(id, expectedVersion, patch), this::ahead,
                () -> null);
    }

    @Override
    public void transact(Consumer<TransactionWriter> writes) {
        voidCall("transact", () -> delegate.transact(writes));
    }

    @Override
    public SchemaAdmin schema() {
        SchemaAdmin admin = delegate.schema();
        return new SchemaAdmin() {
            @Override
            public void create() {
                voidCall("schema.create", admin::create);
            }

            @Override
            public boolean exists() {
                return call("schema.exists", admin::exists, first(b -> !b), () -> false);
            }

            @Override
            public void drop() {
                voidCall("schema.drop", admin::drop);
            }

            @Override
            public BackfillProgress backfillSearchIndex(Consumer<? super BackfillProgress> progress) {
                return call("schema.backfillSearchIndex", () -> admin.backfillSearchIndex(progress),
                        first(p -> new BackfillProgress(p.examined() + 1, p.indexed(), p.skipped(), p.done())),
                        () -> new BackfillProgress(0, 0, 0, true));
            }
        };
    }
}
