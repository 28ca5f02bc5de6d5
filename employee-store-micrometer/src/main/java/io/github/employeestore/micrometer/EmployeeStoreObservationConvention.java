package io.github.employeestore.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of an {@link ObservedEmployeeStore}. Implement it (or extend
 * {@link DefaultEmployeeStoreObservationConvention}) to rename the metric or change the tags, and give it to
 * {@link ObservedEmployeeStore.Builder#convention}, or register it as a global convention on the
 * {@link io.micrometer.observation.ObservationRegistry}, which then wins over the builder's.
 *
 * <p>Keep the tags of low cardinality: a metric tag per employee id or per query value makes a time series per
 * employee.
 */
public interface EmployeeStoreObservationConvention extends ObservationConvention<EmployeeStoreObservationContext> {
    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof EmployeeStoreObservationContext;
    }
}
