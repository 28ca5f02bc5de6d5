package io.github.employeestore.micrometer;

import io.micrometer.observation.Observation;

/**
 * What an {@link ObservedEmployeeStore} knows about one call while it is observed: the operation and the backend.
 * Conventions ({@link EmployeeStoreObservationConvention}) turn it into tags; the error, if any, is the context's
 * {@link #getError()}.
 *
 * <p>It deliberately carries no id, no query value and no employee: nothing personal can reach a tag or a span from
 * it. Not thread-safe; one context belongs to one call.
 */
public final class EmployeeStoreObservationContext extends Observation.Context {
    private final String operation;
    private final String backend;

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
}
