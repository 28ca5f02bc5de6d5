package io.github.employeestore;

/**
 * Collects the operations of one {@link EmployeeStore#transact(java.util.function.Consumer)} call. Operations are
 * only recorded here; they are validated as they are added and applied together, all or nothing, when the consumer
 * returns. At most {@link Limits#MAX_TRANSACTION_OPERATIONS} operations, each on a distinct id.
 *
 * <p>Not thread-safe; use it only inside the consumer it was given to.
 */
public interface TransactionWriter {
    /**
     * Creates an employee, as {@link EmployeeStore#create(Employee)}.
     *
     * @param draft the draft; a random UUID is assigned now if its id is {@code null}
     * @return the id the employee will have
     * @throws InvalidInputException if the draft is invalid, the id is already used in this transaction, or the
     *                               transaction is full
     */
    String create(Employee draft);

    /**
     * Replaces an employee if its version matches, as {@link EmployeeStore#update(Employee)}.
     *
     * @param changed the changed employee carrying the version it was read at
     * @throws InvalidInputException as {@link #create(Employee)}
     */
    void update(Employee changed);

    /**
     * Changes only the named fields and attributes of an employee if its version matches, as
     * {@link EmployeeStore#patch(String, long, EmployeePatch)}. The patch's values count toward
     * {@link Limits#MAX_TRANSACTION_BYTES}; the employee it results in is validated when the transaction is applied.
     *
     * @param id              the id
     * @param expectedVersion the version it must have (0 for one stored without a version)
     * @param patch           the changes
     * @throws InvalidInputException as {@link #create(Employee)}, or if a value of the patch breaks its field's rule
     */
    void patch(String id, long expectedVersion, EmployeePatch patch);

    /**
     * Creates or replaces an employee, as {@link EmployeeStore#put(Employee)}.
     *
     * @param employee the employee
     * @throws InvalidInputException as {@link #create(Employee)}
     */
    void put(Employee employee);

    /**
     * Deletes an employee if it exists, as {@link EmployeeStore#delete(String)}; an absent id does not fail the
     * transaction.
     *
     * @param id the id
     * @throws InvalidInputException as {@link #create(Employee)}
     */
    void delete(String id);

    /**
     * Deletes an employee if its version matches, as {@link EmployeeStore#delete(String, long)}.
     *
     * @param id              the id
     * @param expectedVersion the version it must have
     * @throws InvalidInputException as {@link #create(Employee)}
     */
    void delete(String id, long expectedVersion);
}
