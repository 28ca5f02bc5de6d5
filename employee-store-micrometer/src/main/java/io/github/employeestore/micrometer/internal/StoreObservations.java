package io.github.employeestore.micrometer.internal;

import io.github.employeestore.spi.CapacityMeter;
import io.github.employeestore.micrometer.DefaultEmployeeStoreObservationConvention;
import io.github.employeestore.micrometer.EmployeeStoreObservationContext;
import io.github.employeestore.micrometer.EmployeeStoreObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.function.Supplier;

/**
 * Runs one store call inside one {@link Observation}. With a no-op registry no context is created and the call runs
 * directly (the cost is one check). Immutable and thread-safe.
 */
public final class StoreObservations {
    private final ObservationRegistry registry;
    private final EmployeeStoreObservationConvention convention;
    private final String backend;

    /**
     * @param registry   where observations go
     * @param convention the user's convention, or {@code null} for the default
     * @param backend    the backend's short name for the tags
     */
    public StoreObservations(ObservationRegistry registry, EmployeeStoreObservationConvention convention,
                             String backend) {
        this.registry = registry;
        this.convention = convention;
        this.backend = backend;
    }

    /**
     * @param operation the operation's tag value
     * @param call      the call
     * @param <T>       its result
     * @return the call's result
     */
    public <T> T observe(String operation, Supplier<T> call) {
        if (registry.isNoop()) {
            return call.get();
        }
        Observation observation = create(operation);
        return observation.observe(() -> {
            try (CapacityMeter.Scope scope = CapacityMeter.start()) {
                try {
                    return call.get();
                } finally {
                    // set before the observation stops, so handlers and conventions see it
                    if (scope.reported() && observation.getContext() instanceof EmployeeStoreObservationContext c) {
                        c.consumedCapacity(scope.total());
                    }
                }
            }
        });
    }

    /**
     * @param operation the operation's tag value
     * @param call      the call
     */
    public void run(String operation, Runnable call) {
        if (registry.isNoop()) {
            call.run();
            return;
        }
        observe(operation, () -> {
            call.run();
            return null;
        });
    }

    /**
     * @param operation the operation's tag value
     * @return a started observation, for calls that end later (streams); a no-op one with a no-op registry
     */
    public Observation start(String operation) {
        return create(operation).start();
    }

    private Observation create(String operation) {
        return Observation.createNotStarted(convention, DefaultEmployeeStoreObservationConvention.INSTANCE,
                () -> new EmployeeStoreObservationContext(operation, backend), registry);
    }

    /** @return whether nothing is observed */
    public boolean isNoop() {
        return registry.isNoop();
    }
}
