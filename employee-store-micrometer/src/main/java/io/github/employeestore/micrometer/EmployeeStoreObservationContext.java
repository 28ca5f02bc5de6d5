package io.github.employeestore.micrometer;

import io.github.employeestore.ConsumedCapacity;
import io.micrometer.observation.Observation;

/**
 * What an {@link ObservedEmployeeStore} knows about one call while it is observed: the operation, the backend and,
 * when the call has ended, the capacity it consumed where the backend reports one ({@link #consumedCapacity()}).
 * Conventions ({@link EmployeeStoreObservationConvention}) turn it into tags; the error, if any, is the context's
 * {@link #getError()}.
 *
 * <p>It deliberately carries no id, no query value and no employee: nothing personal can reach a tag or a span from
 * it. Not thread-safe; one context belongs to one call.
 */
public final class EmployeeStoreObservationContext extends Observation.Context {
    private final String operation;
    private final String backend;
    private ConsumedCapacity consumedCapacity;

    /**
     * @param operation the store method, e.g. {@code get}, {@code find}, {@code schema.create}
     * @param backend   the backend's short name, e.g. {@code h2}, {@code postgresql}, {@code dynamodb}
     */
    public EmployeeStoreObservationContext(String operation, String backend) {
        this.operation = operation;
        this.backend = backend;
    }

    /** @return the store method, e.g. {@code get} */
    public String operation() {
        return operation;
    }

    /** @return the backend's short name */
    public String backend() {
        return backend;
    }

    /**
     * @return the capacity the call consumed, as the backend reported it through
     *         {@link io.github.employeestore.spi.CapacityMeter} (DynamoDB's read and write capacity units, table and
     *         indexes); {@code null} for a backend that reports none (SQL, memory) or a call still running
     */
    public ConsumedCapacity consumedCapacity() {
        return consumedCapacity;
    }

    /** @param consumedCapacity the capacity the call consumed, set when the call ends */
    public void consumedCapacity(ConsumedCapacity consumedCapacity) {
        this.consumedCapacity = consumedCapacity;
    }
}
