package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.TransactionWriter;

/**
 * A {@link TransactionWriter} that forwards every operation to another: the broken stores of the self-test override
 * only the operation whose mistake they model.
 */
class ForwardingTransactionWriter implements TransactionWriter {
    protected final TransactionWriter target;

    ForwardingTransactionWriter(TransactionWriter target) {
        this.target = target;
    }

    @Override
    public String create(Employee draft) {
        return target.create(draft);
    }

    @Override
    public void update(Employee changed) {
        target.update(changed);
    }

    @Override
    public void patch(String id, long expectedVersion, EmployeePatch patch) {
        target.patch(id, expectedVersion, patch);
    }

    @Override
    public void put(Employee employee) {
        target.put(employee);
    }

    @Override
    public void delete(String id) {
        target.delete(id);
    }

    @Override
    public void delete(String id, long expectedVersion) {
        target.delete(id, expectedVersion);
    }
}
