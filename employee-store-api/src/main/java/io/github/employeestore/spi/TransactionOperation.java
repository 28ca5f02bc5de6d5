package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;

/**
 * One validated operation of a {@link TransactionPlan}. Immutable and thread-safe.
 */
public sealed interface TransactionOperation {
    /** @return the id the operation writes */
    String id();

    /** @return the operation's position in its transaction, from 0 */
    int index();

    /**
     * Create, as {@code EmployeeStore.create}.
     *
     * @param index    the position in the transaction
     * @param employee the draft, with its id assigned
     */
    record Create(int index, Employee employee) implements TransactionOperation {
        @Override
        public String id() {
            return employee.id();
        }
    }

    /**
     * Update, as {@code EmployeeStore.update}.
     *
     * @param index    the position in the transaction
     * @param employee the changed employee, carrying the expected version
     */
    record Update(int index, Employee employee) implements TransactionOperation {
        @Override
        public String id() {
            return employee.id();
        }
    }

    /**
     * Patch, as {@code EmployeeStore.patch}.
     *
     * @param index           the position in the transaction
     * @param id              the id
     * @param expectedVersion the version it must have
     * @param patch           the changes
     */
    record Patch(int index, String id, long expectedVersion, EmployeePatch patch) implements TransactionOperation {
        /**
         * @param clock the store's clock
         * @return the plan of this patch
         */
        public PatchPlan plan(java.time.Clock clock) {
            return PatchPlan.of(id, expectedVersion, patch, clock);
        }
    }

    /**
     * Put, as {@code EmployeeStore.put}.
     *
     * @param index    the position in the transaction
     * @param employee the employee
     */
    record Put(int index, Employee employee) implements TransactionOperation {
        @Override
        public String id() {
            return employee.id();
        }
    }

    /**
     * Delete, as {@code EmployeeStore.delete(id)}: an absent id is no failure.
     *
     * @param index the position in the transaction
     * @param id    the id
     */
    record Delete(int index, String id) implements TransactionOperation {
    }

    /**
     * Versioned delete, as {@code EmployeeStore.delete(id, expectedVersion)}.
     *
     * @param index           the position in the transaction
     * @param id              the id
     * @param expectedVersion the version it must have
     */
    record DeleteVersion(int index, String id, long expectedVersion) implements TransactionOperation {
    }
}
