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

import io.github.employeestore.UnreadableEmployeeException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
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
    void aPatchIsObservedAsPatchAndReachesTheDelegate() {
        Employee ada = store.create(Employee.builder().fullName("Ada").build());
        Employee patched = store.patch(ada.id(), 1, p -> p.jobTitle("Countess"));
        assertThat(patched.jobTitle()).isEqualTo("Countess");
        assertThat(patched.version()).isEqualTo(2);
        assertThat(stopped).filteredOn(c -> c.operation().equals("patch")).singleElement()
                .satisfies(c -> assertThat(c.getError()).isNull());
        org.junit.jupiter.api.Assertions.assertThrows(VersionConflictException.class,
                () -> store.patch(ada.id(), 1, p -> p.jobTitle("Stale")));
        TestObservationRegistryAssert.assertThat(registry)
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("employee.store.operation", "patch")
                        .hasLowCardinalityKeyValue("outcome", "version-conflict"));
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
    void theReportingReadsGoToTheDelegatesOwnMethods() {
        // a delegate that, like a database backend, reports an unreadable stored employee through its own methods
        EmployeeStore memory = InMemoryEmployeeStore.create();
        Employee ada = memory.create(Employee.builder().fullName("Ada").build());
        UnreadableEmployeeException broken = new UnreadableEmployeeException("broken-1", "full_name", "is missing", null);
        EmployeeStore reporting = (EmployeeStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EmployeeStore.class}, (proxy, method, args) -> {
                    if (method.getParameterCount() == 2 && method.getName().equals("getAll")) {
                        @SuppressWarnings("unchecked")
                        Consumer<Object> sink = (Consumer<Object>) args[1];
                        sink.accept(broken);
                        return memory.getAll((Collection<String>) args[0]);
                    }
                    if (method.getParameterCount() == 1 && method.getName().equals("stream")
                            && method.getParameterTypes()[0] == Consumer.class) {
                        @SuppressWarnings("unchecked")
                        Consumer<Object> sink = (Consumer<Object>) args[0];
                        sink.accept(broken);
                        return memory.stream();
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        EmployeeStore observed = ObservedEmployeeStore.builder(reporting, registry).backend("memory").build();

        List<UnreadableEmployeeException> reported = new ArrayList<>();
        assertThat(observed.getAll(List.of(ada.id(), "broken-1"), reported::add)).containsOnlyKeys(ada.id());
        try (Stream<Employee> s = observed.stream(reported::add)) {
            assertThat(s.map(Employee::id)).containsExactly(ada.id());
        }
        assertThat(reported).containsExactly(broken, broken);
        assertThat(stopped).extracting(EmployeeStoreObservationContext::operation)
                .containsExactly("get-all", "stream");
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
