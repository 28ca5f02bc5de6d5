package io.github.employeestore.dynamodb;

import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Throttling and partial batches injected into real calls to a moto server: nothing is lost, and what cannot be
 * written before the deadline is reported exactly.
 */
@MotoTest
class FaultInjectionTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<DynamoDbEmployeeStore> toDrop = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (DynamoDbEmployeeStore s : toDrop) {
            s.schema().drop();
        }
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private DynamoDbEmployeeStore store(FaultInjector injector, CallRecorder recorder, Duration importDeadline) {
        return store(MotoDynamoDb.shared().uniqueTableName("faults"), injector, recorder, importDeadline);
    }

    private DynamoDbEmployeeStore store(String table, FaultInjector injector, CallRecorder recorder,
                                        Duration importDeadline) {
        DynamoDbClient client = MotoDynamoDb.shared().client(recorder, injector);
        toClose.add(client);
        DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client)
                .tableName(table)
                .importDeadline(importDeadline)
                .build();
        store.schema().create();
        toDrop.add(store);
        return store;
    }

    @Test
    @DisplayName("with throttling and unprocessed items/keys on a share of calls, every employee is written and read")
    void nothingIsLost() {
        FaultInjector injector = new FaultInjector(4, 2, id -> false);
        CallRecorder recorder = new CallRecorder();
        DynamoDbEmployeeStore store = store(injector, recorder, Duration.ofMinutes(2));
        List<Employee> input = RequestCountTest.employees(1000);

        ImportResult result = store.importAll(input);

        assertThat(result.failures()).isEmpty();
        assertThat(result.written()).isEqualTo(1000);
        assertThat(injector.throttled.get()).as("throttled attempts injected").isGreaterThan(5);
        assertThat(injector.heldBack.get()).as("items and keys handed back unprocessed").isGreaterThan(100);
        assertThat(recorder.calls("BatchWriteItem")).as("retries of unprocessed items").isGreaterThan(40);

        Map<String, Employee> stored = store.stream().collect(Collectors.toMap(Employee::id, e -> e));
        assertThat(stored).hasSize(1000);
        for (Employee e : input) {
            assertThat(stored.get(e.id())).isEqualTo(e);
        }

        int heldBefore = injector.heldBack.get();
        List<String> ids = input.stream().map(Employee::id).limit(1000).toList();
        Map<String, Employee> read = new java.util.LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            read.putAll(store.getAll(ids.subList(from, Math.min(ids.size(), from + 1000))));
        }
        assertThat(injector.heldBack.get()).as("keys handed back unprocessed").isGreaterThan(heldBefore);
        assertThat(read).hasSize(1000);
        assertThat(List.copyOf(read.keySet())).isEqualTo(ids);
        for (Employee e : input) {
            assertThat(read.get(e.id())).isEqualTo(e);
        }
    }

    @Test
    @DisplayName("throttling that outlasts the SDK's retries is StoreUnavailableException, or a reported import failure")
    void throttlingBeyondRetries() {
        CallRecorder recorder = new CallRecorder();
        String table = MotoDynamoDb.shared().uniqueTableName("throttled");
        DynamoDbEmployeeStore healthy = store(table, new FaultInjector(0, 0, id -> false), recorder,
                Duration.ofMinutes(1));
        healthy.create(Employee.builder().id("t1").fullName("Tess").build());

        FaultInjector alwaysThrottled = new FaultInjector(1, 0, id -> false) {
            @Override
            boolean throttles(String operation) {
                return true;
            }
        };
        CallRecorder attempts = new CallRecorder();
        DynamoDbClient throttledClient = MotoDynamoDb.shared().client(2, attempts, alwaysThrottled);
        toClose.add(throttledClient);
        DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(throttledClient).tableName(table)
                .importDeadline(Duration.ofMillis(800)).batchReadDeadline(Duration.ofMillis(800)).build();

        assertThatThrownBy(() -> store.get("t1"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasCauseInstanceOf(ProvisionedThroughputExceededException.class)
                .satisfies(e -> assertThat(((StoreUnavailableException) e).isRetryable()).isTrue())
                .message().doesNotContain("Tess");
        assertThat(attempts.attempts("GetItem")).as("the SDK retried before giving up").isEqualTo(2);

        assertThatThrownBy(() -> store.getAll(List.of("t1"))).isInstanceOf(StoreUnavailableException.class);

        ImportResult result = store.importAll(RequestCountTest.employees(30));
        assertThat(result.written()).isZero();
        assertThat(result.failures()).hasSize(30).allSatisfy(f ->
                assertThat(f.error()).containsInstanceOf(StoreUnavailableException.class));
        assertThat(healthy.count()).isEqualTo(1);
    }

    @Test
    @DisplayName("once nothing is written for the import deadline, the result lists exactly the ids that were not "
            + "written, and a scan agrees")
    void deadlineReportsExactlyWhatIsMissing() {
        // The deadline runs on a test clock that moves only when a BatchWriteItem writes nothing, half a second each
        // time: the outcome does not depend on how fast the machine is.
        AtomicLong now = new AtomicLong();
        Predicate<String> stuck = id -> id.endsWith("7");
        FaultInjector injector = new FaultInjector(0, 0, stuck)
                .onIdleWrite(() -> now.addAndGet(Duration.ofMillis(500).toNanos()));
        DynamoDbClient client = MotoDynamoDb.shared().client(injector);
        toClose.add(client);
        DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client)
                .tableName(MotoDynamoDb.shared().uniqueTableName("deadline"))
                .importDeadline(Duration.ofMillis(1500))
                .importConcurrency(1)
                .ticker(now::get)
                .build();
        store.schema().create();
        toDrop.add(store);
        List<Employee> input = RequestCountTest.employees(300);
        List<String> expectedMissing = input.stream().map(Employee::id).filter(stuck).toList();

        ImportResult result = store.importAll(input);

        assertThat(result.failedIds()).isEqualTo(expectedMissing);
        assertThat(result.written()).isEqualTo(300 - expectedMissing.size());
        assertThat(result.failures()).allSatisfy(f -> {
            assertThat(f.error()).containsInstanceOf(StoreUnavailableException.class);
            assertThat(f.reason()).contains("not written");
        });
        // 30 stuck ids are 2 batches a round: round 2 sends both (the clock moves to 1.0 s), round 3 sends one (1.5 s:
        // the deadline) and holds the other back, and there is no round 4.
        assertThat(injector.idleWrites.get()).as("calls that wrote nothing before giving up").isEqualTo(3);
        assertThat(Duration.ofNanos(now.get())).isEqualTo(Duration.ofMillis(1500));

        Set<String> scanned = store.stream().map(Employee::id).collect(Collectors.toSet());
        Set<String> expectedPresent = new HashSet<>();
        input.stream().map(Employee::id).filter(stuck.negate()).forEach(expectedPresent::add);
        assertThat(scanned).isEqualTo(expectedPresent);
    }
}
