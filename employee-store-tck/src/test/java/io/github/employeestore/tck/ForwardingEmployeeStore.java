package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.UnreadableEmployeeException;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Forwards every call to another store; the broken stores override one method each. */
class ForwardingEmployeeStore implements EmployeeStore {
    protected final EmployeeStore delegate;

    ForwardingEmployeeStore(EmployeeStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Employee create(Employee draft) {
        return delegate.create(draft);
    }

    @Override
    public Optional<Employee> get(String id) {
        return delegate.get(id);
    }

    @Override
    public Map<String, Employee> getAll(Collection<String> ids) {
        return delegate.getAll(ids);
    }

    @Override
    public Map<String, Employee> getAll(Collection<String> ids,
                                        Consumer<? super UnreadableEmployeeException> unreadable) {
        return delegate.getAll(ids, unreadable);
    }

    @Override
    public Employee update(Employee changed) {
        return delegate.update(changed);
    }

    @Override
    public Employee put(Employee employee) {
        return delegate.put(employee);
    }

    @Override
    public boolean delete(String id) {
        return delegate.delete(id);
    }

    @Override
    public void delete(String id, long expectedVersion) {
        delegate.delete(id, expectedVersion);
    }

    @Override
    public Page<Employee> list(PageRequest page) {
        return delegate.list(page);
    }

    @Override
    public Page<Employee> find(EmployeeQuery query, PageRequest page) {
        return delegate.find(query, page);
    }

    @Override
    public Page<Employee> listByName(PageRequest page) {
        return delegate.listByName(page);
    }

    @Override
    public Stream<Employee> stream() {
        return delegate.stream();
    }

    @Override
    public Stream<Employee> stream(Consumer<? super UnreadableEmployeeException> unreadable) {
        return delegate.stream(unreadable);
    }

    @Override
    public long count() {
        return delegate.count();
    }

    @Override
    public io.github.employeestore.CreateAllResult createAll(Collection<Employee> drafts) {
        return delegate.createAll(drafts);
    }

    @Override
    public ImportResult importAll(Collection<Employee> employees) {
        return delegate.importAll(employees);
    }

    @Override
    public Employee patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch patch) {
        return delegate.patch(id, expectedVersion, patch);
    }

    @Override
    public long estimatedCount() {
        return delegate.estimatedCount();
    }

    @Override
    public void transact(Consumer<TransactionWriter> writes) {
        delegate.transact(writes);
    }

    @Override
    public SchemaAdmin schema() {
        return delegate.schema();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public String description() {
        return "broken " + delegate.description();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
