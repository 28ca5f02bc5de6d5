package io.github.employeestore.micrometer;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.memory.InMemoryEmployeeStore;
import io.github.employeestore.tck.EmployeeStoreTck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole TCK around the reference store, observed into a real meter registry: the wrapper changes no behaviour.
 */
class ObservedEmployeeStoreTckTest extends EmployeeStoreTck {
    private static final MeterRegistry METERS = new SimpleMeterRegistry();
    private static final ObservationRegistry OBSERVATIONS = ObservationRegistry.create();

    static {
        OBSERVATIONS.observationConfig().observationHandler(new DefaultMeterObservationHandler(METERS));
    }

    @Override
    protected EmployeeStore newStore(Clock clock) {
        return ObservedEmployeeStore.wrap(InMemoryEmployeeStore.builder().clock(clock).build(), OBSERVATIONS);
    }

    @Override
    protected EmployeeStore newStoreOnOtherTable(Clock clock) {
        return ObservedEmployeeStore.wrap(InMemoryEmployeeStore.builder().name("other").clock(clock).build(),
                OBSERVATIONS);
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @AfterAll
    static void everyCallWasTimed() {
        // the TCK ran through the wrapper: the timer saw its calls, tagged by operation
        assertThat(METERS.find("employee.store").tag("employee.store.operation", "create").timers())
                .isNotEmpty();
        assertThat(METERS.find("employee.store").tag("outcome", "version-conflict").timers()).isNotEmpty();
    }
}
