package io.github.employeestore.spring.observation;

import io.github.employeestore.ConsumedCapacity;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.PageRequest;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.memory.InMemoryEmployeeStore;
import io.github.employeestore.micrometer.EmployeeStoreObservationContext;
import io.github.employeestore.micrometer.ObservedEmployeeStore;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain from DynamoDB's consumed capacity to the Micrometer observation, end to end: the DynamoDB store on moto
 * (every request asking {@code ReturnConsumedCapacity}), wrapped by the Micrometer decorator; each observation
 * carries the capacity of its call, also of requests sent from worker threads ({@code getAll}). A backend without
 * capacity units (the in-memory store) reports none.
 */
@MotoTest
class ObservedDynamoDbCapacityTest {
    private final TestObservationRegistry registry = TestObservationRegistry.create();
    private final List<EmployeeStoreObservationContext> stopped = new CopyOnWriteArrayList<>();

    {
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                stopped.add((EmployeeStoreObservationContext) context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof EmployeeStoreObservationContext;
            }
        });
    }

    private ConsumedCapacity capacityOf(String operation) {
        return stopped.stream().filter(c -> c.operation().equals(operation)).reduce((a, b) -> b).orElseThrow()
                .consumedCapacity();
    }

    @Test
    void observationsCarryTheCapacityEachCallConsumed() {
        String table = MotoDynamoDb.shared().uniqueTableName("Observed");
        try (DynamoDbEmployeeStore dynamo = DynamoDbEmployeeStore.builder().client(MotoDynamoDb.shared().client())
                .tableName(table).readConcurrency(4).build()) {
            dynamo.schema().create();
            EmployeeStore store = ObservedEmployeeStore.wrap(dynamo, registry);
            for (int i = 0; i < 150; i++) {
                store.create(Employee.builder().id("e" + i).fullName("Name " + i).location("Paris").build());
            }
            assertThat(capacityOf("create").writeUnits()).isPositive();
            store.get("e1");
            assertThat(capacityOf("get").readUnits()).isPositive();
            assertThat(capacityOf("get").writeUnits()).isZero();
            store.patch("e1", 1, p -> p.jobTitle("Lead"));
            assertThat(capacityOf("patch").readUnits()).as("the patch's GetItem").isPositive();
            store.list(PageRequest.first(10));
            assertThat(capacityOf("list").readUnits()).isPositive();
            // 150 ids: two BatchGetItem requests sent from worker threads, both counted for the call
            store.getAll(java.util.stream.IntStream.range(0, 150).mapToObj(i -> "e" + i).toList());
            assertThat(capacityOf("get-all").readUnits()).isGreaterThanOrEqualTo(capacityOf("get").readUnits() * 2);
            assertThat(stopped).filteredOn(c -> c.operation().equals("get")).last()
                    .satisfies(c -> assertThat(c.getHighCardinalityKeyValues().stream().map(kv -> kv.getKey()))
                            .contains("employee.store.capacity.read", "employee.store.capacity.write"));
            dynamo.schema().drop();
        }
        EmployeeStore memory = ObservedEmployeeStore.wrap(InMemoryEmployeeStore.create(), registry);
        memory.get("absent");
        assertThat(capacityOf("get")).as("a backend without capacity units reports none").isNull();
    }
}
