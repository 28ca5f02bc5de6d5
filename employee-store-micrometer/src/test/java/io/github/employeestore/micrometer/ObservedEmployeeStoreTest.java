package io.github.employeestore.micrometer;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.PageRequest;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.memory.InMemoryEmployeeStore;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservedEmployeeStoreTest {
    private final TestObservationRegistry registry = TestObservationRegistry.create();
    private final java.util.List<EmployeeStoreObservationContext> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();

    {
        registry.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {
            @Override
            public void onStop(io.micrometer.observation.Observation.Context context) {
                stopped.add((EmployeeStoreObservationContext) context);
            }

            @Override
            public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
                return context instanceof EmployeeStoreObservationContext;
            }
        });
    }
    private final EmployeeStore store = ObservedEmployeeStore.builder(InMemoryEmployeeStore.create(), registry)
            .backend("memory").build();

    @Test
    void oneObservationPerCallWithLowCardinalityTagsOnly() {
        Employee ada = store.create(Employee.builder().id("secret-id-1").fullName("Ada Lovelace")
                .location("London").build());
        store.get(ada.id());
        store.find(EmployeeQuery.byLocation("London"), PageRequest.first(10));

        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsWithNameEqualTo("employee.store", 3)
                .hasObservationWithNameEqualTo("employee.store").that()
                .hasContextualNameEqualTo("employee-store create")
                .hasLowCardinalityKeyValue("employee.store.operation", "create")
                .hasLowCardinalityKeyValue("employee.store.backend", "memory")
                .hasLowCardinalityKeyValue("outcome", "success")
                .hasBeenStarted().hasBeenStopped();
        // nothing personal in any tag of any observation
        assertThat(stopped).hasSize(3);
        stopped.forEach(context -> {
            String tags = context.getAllKeyValues().stream().map(KeyValue::getValue)
                    .collect(Collectors.joining(","));
            assertThat(tags).doesNotContain("secret-id-1", "London", "Ada");
            assertThat(context.getHighCardinalityKeyValues()).isEmpty();
        });
    }

    @Test
    void errorsPassThroughUnchangedAndAreTaggedByOutcome() {
        Employee ada = store.create(Employee.builder().fullName("Ada").build());
        VersionConflictException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                VersionConflictException.class, () -> store.update(ada.toBuilder().version(7).build()));
        TestObservationRegistryAssert.assertThat(registry)
                .hasAnObservationWithAKeyValue("outcome", "version-conflict")
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("employee.store.operation", "update")
                        .hasError(thrown));
    }

    @Test
    void aStreamIsObservedUntilItIsClosed() {
        store.create(Employee.builder().fullName("A").build());
        store.create(Employee.builder().fullName("B").build());
        try (Stream<Employee> s = store.stream()) {
            assertThat(s.count()).isEqualTo(2);
            assertThat(stopped).noneMatch(c -> c.operation().equals("stream"));
        }
        assertThat(stopped).filteredOn(c -> c.operation().equals("stream")).singleElement()
                .satisfies(c -> assertThat(c.getError()).isNull());
    }

    @Test
    void schemaCallsAreObserved() {
        store.schema().create();
        assertThat(store.schema().exists()).isTrue();
        TestObservationRegistryAssert.assertThat(registry)
                .hasAnObservationWithAKeyValue("employee.store.operation", "schema.create")
                .hasAnObservationWithAKeyValue("employee.store.operation", "schema.exists");
    }

    @Test
    void aUserConventionReplacesTheDefault() {
        TestObservationRegistry own = TestObservationRegistry.create();
        EmployeeStore renamed = ObservedEmployeeStore.builder(InMemoryEmployeeStore.create(), own)
                .convention(new DefaultEmployeeStoreObservationConvention() {
                    @Override
                    public String getName() {
                        return "hr.directory.store";
                    }

                    @Override
                    public KeyValues getLowCardinalityKeyValues(EmployeeStoreObservationContext context) {
                        return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
                    }
                }).build();
        renamed.count();
        TestObservationRegistryAssert.assertThat(own)
                .hasObservationWithNameEqualTo("hr.directory.store").that()
                .hasLowCardinalityKeyValue("tenant", "acme")
                .hasLowCardinalityKeyValue("employee.store.operation", "count");
    }

    @Test
    void timersComeFromTheMeterHandler() {
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        EmployeeStore observed = ObservedEmployeeStore.wrap(InMemoryEmployeeStore.create(), observations);
        observed.get("nobody");
        observed.get("nobody");
        Timer timer = meters.get("employee.store").tag("employee.store.operation", "get")
                .tag("employee.store.backend", "inmemory").tag("outcome", "success").tag("error", "none").timer();
        assertThat(timer.count()).isEqualTo(2);
    }

    @Test
    void aNoopRegistryCallsTheStoreDirectly() {
        EmployeeStore plain = ObservedEmployeeStore.wrap(InMemoryEmployeeStore.create(), ObservationRegistry.NOOP);
        Employee e = plain.create(Employee.builder().fullName("A").build());
        assertThat(plain.get(e.id())).contains(e);
        assertThatThrownBy(() -> plain.update(e.toBuilder().version(9).build()))
                .isInstanceOf(VersionConflictException.class);
    }

    @Test
    void closeClosesTheDelegate() {
        InMemoryEmployeeStore inner = InMemoryEmployeeStore.create();
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        EmployeeStore recording = (EmployeeStore) java.lang.reflect.Proxy.newProxyInstance(
                EmployeeStore.class.getClassLoader(), new Class<?>[]{EmployeeStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closed.incrementAndGet();
                    }
                    return method.invoke(inner, args);
                });
        ObservedEmployeeStore.wrap(recording, registry).close();
        assertThat(closed).hasValue(1);
    }
}
