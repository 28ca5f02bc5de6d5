package io.github.employeestore.spring.autoconfigure;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.PageRequest;
import io.github.employeestore.micrometer.ObservedEmployeeStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of the store: UP when it answers a read of one employee ({@code list} of a page of 1, one keyed read on
 * every backend whatever the size of the table, never {@code count()}), DOWN with the exception's type otherwise (a
 * missing table, an unreachable database). Details name the backend and table, never data. The check reads the
 * store inside an {@link ObservedEmployeeStore}, so that health probes do not show up in the application's
 * {@code employee.store} metrics and traces as {@code list} calls. Thread-safe.
 */
public class EmployeeStoreHealthIndicator extends AbstractHealthIndicator {
    private final EmployeeStore store;

    /** @param store the store to check (an {@link ObservedEmployeeStore} is checked through its delegate) */
    public EmployeeStoreHealthIndicator(EmployeeStore store) {
        super("Employee store health check failed");
        this.store = store instanceof ObservedEmployeeStore observed ? observed.delegate() : store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        store.list(PageRequest.first(1));
        builder.up().withDetail("backend", store.description());
    }
}
