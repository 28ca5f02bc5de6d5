package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.TransactionWriter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The operations of one {@code transact} call, recorded and validated before anything is written, for every backend
 * to reuse: each operation is checked as it is added (the model's rules, at most
 * {@link Limits#MAX_TRANSACTION_OPERATIONS} operations, distinct ids), drafts get their ids, and the employees
 * written must add up to at most {@link Limits#MAX_TRANSACTION_BYTES}.
 *
 * <p>Not thread-safe while recording; the finished plan is read-only.
 */
public final class TransactionPlan implements TransactionWriter {
    private final List<TransactionOperation> operations = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private boolean closed;
    private long bytes;

    private TransactionPlan() {
    }

    /**
     * Runs the caller's consumer against a new plan and returns the recorded, validated operations.
     *
     * @param writes the caller's consumer
     * @return the operations, in the order they were added
     * @throws InvalidInputException if an operation is invalid, there are too many, two share an id, or the
     *                               employees written add up to more than {@link Limits#MAX_TRANSACTION_BYTES}
     */
    public static List<TransactionOperation> record(Consumer<TransactionWriter> writes) {
        if (writes == null) {
            throw InvalidInputException.of("writes", "is required");
        }
        TransactionPlan plan = new TransactionPlan();
        try {
            writes.accept(plan);
        } finally {
            plan.closed = true;
        }
        if (plan.bytes > Limits.MAX_TRANSACTION_BYTES) {
            throw InvalidInputException.of("operations", "the employees of a transaction must add up to at most "
                    + Limits.MAX_TRANSACTION_BYTES + " bytes (measured by ItemSize)");
        }
        return List.copyOf(plan.operations);
    }

    private void add(TransactionOperation op) {
        if (closed) {
            throw new IllegalStateException("the transaction writer was used after its transaction ended");
        }
        if (operations.size() >= Limits.MAX_TRANSACTION_OPERATIONS) {
            throw InvalidInputException.of("operations",
                    "a transaction has at most " + Limits.MAX_TRANSACTION_OPERATIONS + " operations");
        }
        if (!ids.add(op.id())) {
            throw InvalidInputException.of("operations[" + op.index() + "]",
                    "id " + op.id() + " is already written by another operation of this transaction");
        }
        operations.add(op);
    }

    @Override
    public String create(Employee draft) {
        EmployeeValidator.validateDraft(draft);
        Employee withId = draft.id() != null ? draft : draft.toBuilder().id(Ids.newId()).build();
        add(new TransactionOperation.Create(operations.size(), withId));
        bytes += ItemSize.of(withId);
        return withId.id();
    }

    @Override
    public void update(Employee changed) {
        EmployeeValidator.validateForUpdate(changed);
        // an update carrying Limits.MAX_VERSION can never be written (§4.1.2): an invalid operation, rejected before
        // any operation runs (§4.14.3), as a lone update rejects it before the store is read
        Versions.next(changed.id(), changed.version());
        add(new TransactionOperation.Update(operations.size(), changed));
        bytes += ItemSize.of(changed);
    }

    @Override
    public void patch(String id, long expectedVersion, EmployeePatch patch) {
        PatchPlan.validate(id, expectedVersion, patch);
        add(new TransactionOperation.Patch(operations.size(), id, expectedVersion, patch));
        bytes += PatchPlan.bytesWritten(patch);
    }

    @Override
    public void put(Employee employee) {
        EmployeeValidator.validate(employee);
        add(new TransactionOperation.Put(operations.size(), employee));
        bytes += ItemSize.of(employee);
    }

    @Override
    public void delete(String id) {
        EmployeeValidator.validateId(id);
        add(new TransactionOperation.Delete(operations.size(), id));
    }

    @Override
    public void delete(String id, long expectedVersion) {
        EmployeeValidator.validateId(id);
        EmployeeValidator.validateExpectedVersion(expectedVersion);
        add(new TransactionOperation.DeleteVersion(operations.size(), id, expectedVersion));
    }
}
