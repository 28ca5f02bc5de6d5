package io.github.employeestore.micrometer;

import io.github.employeestore.Capability;
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
import io.github.employeestore.micrometer.internal.ObservedSchemaAdmin;
import io.github.employeestore.micrometer.internal.ObservedStream;
import io.github.employeestore.micrometer.internal.StoreObservations;
import io.micrometer.observation.ObservationRegistry;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An {@link EmployeeStore} that wraps another in Micrometer {@link io.micrometer.observation.Observation}s: one per
 * call, so an application gets a timer per operation and outcome, and a tracing span per call, from whatever
 * {@link ObservationRegistry} it configured (metrics, tracing, logging handlers). Tags are of low cardinality only
 * (see {@link DefaultEmployeeStoreObservationConvention}); ids, values and cursors never reach a tag or a span.
 *
 * <pre>{@code
 * EmployeeStore store = ObservedEmployeeStore.wrap(EmployeeStores.open(url), observationRegistry);
 * }</pre>
 *
 * <p>Behaviour is the delegate's, unchanged: every result and every exception passes through as it is (the
 * wrapper passes the whole TCK around the reference store). {@link #stream()} is observed from the call until the
 * stream is closed, and so is {@link #stream(Consumer)}; both {@code getAll} methods are observed as
 * {@code get-all}. The variants taking a {@code Consumer} of {@link UnreadableEmployeeException} go to the delegate's
 * own, so its reports reach the caller. With a no-op registry a call costs the delegate's call plus one check.
 *
 * <p>{@link #close()} closes the delegate: the wrapper owns what it wraps. Thread-safe as the delegate is.
 */
public final class ObservedEmployeeStore implements EmployeeStore {
    private final EmployeeStore delegate;
    private final StoreObservations observations;
    private final SchemaAdmin schema;

    private ObservedEmployeeStore(Builder b) {
        this.delegate = b.delegate;
        this.observations = new StoreObservations(b.registry, b.convention,
                b.backend != null ? b.backend : backendOf(b.delegate));
        this.schema = new ObservedSchemaAdmin(delegate.schema(), observations);
    }

    /**
     * Wraps a store with the default convention, naming the backend after the store's class.
     *
     * @param store    the store to observe
     * @param registry where observations go
     * @return the observed store
     * @throws NullPointerException if an argument is {@code null}
     */
    public static ObservedEmployeeStore wrap(EmployeeStore store, ObservationRegistry registry) {
        return builder(store, registry).build();
    }

    /**
     * @param store    the store to observe
     * @param registry where observations go
     * @return a builder for the backend name and convention
     * @throws NullPointerException if an argument is {@code null}
     */
    public static Builder builder(EmployeeStore store, ObservationRegistry registry) {
        return new Builder(store, registry);
    }

    /** @return the wrapped store */
    public EmployeeStore delegate() {
        return delegate;
    }

    private static String backendOf(EmployeeStore store) {
        String name = store.getClass().getSimpleName();
        if (name.endsWith("EmployeeStore") && name.length() > "EmployeeStore".length()) {
            name = name.substring(0, name.length() - "EmployeeStore".length());
        }
        return name.isEmpty() ? "unknown" : name.toLowerCase(Locale.ROOT);
    }

    @Override
    public Employee create(Employee draft) {
        return observations.observe("create", () -> delegate.create(draft));
    }

    @Override
    public Optional<Employee> get(String id) {
        return observations.observe("get", () -> delegate.get(id));
    }

    @Override
    public Map<String, Employee> getAll(Collection<String> ids) {
        return observations.observe("get-all", () -> delegate.getAll(ids));
    }

    /** Forwards to the delegate's own method (so its reports of unreadable employees reach {@code unreadable}). */
    @Override
    public Map<String, Employee> getAll(Collection<String> ids,
                                        Consumer<? super UnreadableEmployeeException> unreadable) {
        return observations.observe("get-all", () -> delegate.getAll(ids, unreadable));
    }

    @Override
    public Employee update(Employee changed) {
        return observations.observe("update", () -> delegate.update(changed));
    }

    @Override
    public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
        return observations.observe("patch", () -> delegate.patch(id, expectedVersion, patch));
    }

    @Override
    public Employee put(Employee employee) {
        return observations.observe("put", () -> delegate.put(employee));
    }

    @Override
    public boolean delete(String id) {
        return observations.observe("delete", () -> delegate.delete(id));
    }

    @Override
    public void delete(String id, long expectedVersion) {
        observations.run("delete-versioned", () -> delegate.delete(id, expectedVersion));
    }

    @Override
    public Page<Employee> list(PageRequest page) {
        return observations.observe("list", () -> delegate.list(page));
    }

    @Override
    public Page<Employee> find(EmployeeQuery query, PageRequest page) {
        return observations.observe("find", () -> delegate.find(query, page));
    }

    @Override
    public Page<Employee> listByName(PageRequest page) {
        return observations.observe("list-by-name", () -> delegate.listByName(page));
    }

    @Override
    public Stream<Employee> stream() {
        return ObservedStream.observe(observations, delegate::stream);
    }

    /** Forwards to the delegate's own method (so its reports of unreadable employees reach {@code unreadable}). */
    @Override
    public Stream<Employee> stream(Consumer<? super UnreadableEmployeeException> unreadable) {
        return ObservedStream.observe(observations, () -> delegate.stream(unreadable));
    }

    @Override
    public long count() {
        return observations.observe("count", delegate::count);
    }

    @Override
    public long estimatedCount() {
        return observations.observe("estimated-count", delegate::estimatedCount);
    }

    @Override
    public io.github.employeestore.CreateAllResult createAll(Collection<Employee> drafts) {
        return observations.observe("create-all", () -> delegate.createAll(drafts));
    }

    @Override
    public ImportResult importAll(Collection<Employee> employees) {
        return observations.observe("import-all", () -> delegate.importAll(employees));
    }

    @Override
    public void transact(Consumer<TransactionWriter> writes) {
        observations.run("transact", () -> delegate.transact(writes));
    }

    @Override
    public SchemaAdmin schema() {
        return schema;
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "ObservedEmployeeStore[" + delegate.description() + "]";
    }

    /** Builds an {@link ObservedEmployeeStore}. Not thread-safe. */
    public static final class Builder {
        private final EmployeeStore delegate;
        private final ObservationRegistry registry;
        private EmployeeStoreObservationConvention convention;
        private String backend;

        private Builder(EmployeeStore delegate, ObservationRegistry registry) {
            this.delegate = Objects.requireNonNull(delegate, "store");
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * @param convention names and tags instead of {@link DefaultEmployeeStoreObservationConvention}
         *                   ({@code null} for the default); a global convention on the registry still wins
         * @return this builder
         */
        public Builder convention(EmployeeStoreObservationConvention convention) {
            this.convention = convention;
            return this;
        }

        /**
         * @param backend the {@code employee.store.backend} tag, e.g. {@code postgresql}; by default the store's
         *                class name without {@code EmployeeStore}, lower case ({@code jdbc}, {@code dynamodb},
         *                {@code inmemory}). Must be of low cardinality: a kind, not a host or a table.
         * @return this builder
         */
        public Builder backend(String backend) {
            this.backend = backend;
            return this;
        }

        /** @return the observed store */
        public ObservedEmployeeStore build() {
            return new ObservedEmployeeStore(this);
        }
    }
}
