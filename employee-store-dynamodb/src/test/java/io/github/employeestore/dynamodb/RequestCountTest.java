package io.github.employeestore.dynamodb;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each operation costs in requests, counted by an SDK interceptor on the real calls to a moto server.
 */
@MotoTest
class RequestCountTest {
    private final CallRecorder recorder = new CallRecorder();
    private DynamoDbClient client;
    private DynamoDbEmployeeStore store;
    private String tableName;

    @BeforeEach
    void setUp() {
        client = MotoDynamoDb.shared().client(recorder);
        tableName = MotoDynamoDb.shared().uniqueTableName("count");
        store = DynamoDbEmployeeStore.builder().client(client).tableName(tableName).build();
        store.schema().create();
        recorder.reset();
    }

    @AfterEach
    void tearDown() {
        store.schema().drop();
        store.close();
        client.close();
    }

    static List<Employee> employees(int n) {
        Instant t = Instant.parse("2024-05-01T10:15:30.123Z");
        return IntStream.range(0, n).mapToObj(i -> Employee.builder()
                .id(String.format("emp-%04d", i))
                .fullName("Employee " + i)
                .location(i % 2 == 0 ? "Seattle" : "Berlin")
                .jobTitle(i % 5 == 0 ? "Manager" : "Engineer")
                .attribute("level", AttributeValue.of(i % 7))
                .version(1 + i % 3)
                .createdAt(t)
                .updatedAt(t.plusSeconds(i))
                .build()).toList();
    }

    @Test
    @DisplayName("importAll of 1,000 employees makes exactly 40 BatchWriteItem calls to the table, each after the "
            + "BatchWriteItems of its 25 employees' search index items (25 items a call), and nothing else")
    void importAllBatchesBy25() {
        List<Employee> input = employees(1000);
        ImportResult result = store.importAll(input);
        assertThat(result.isComplete()).isTrue();
        assertThat(result.written()).isEqualTo(1000);
        int indexCalls = 0;
        for (int from = 0; from < 1000; from += 25) {
            int items = input.subList(from, from + 25).stream()
                    .mapToInt(e -> NameIndexKeys.items(NameIndexKeys.entry(e)).size()).sum();
            indexCalls += (items + 24) / 25;
        }
        assertThat(recorder.calls()).isEqualTo(Map.of("BatchWriteItem", 40 + indexCalls));
        assertThat(recorder.attempts("BatchWriteItem")).isEqualTo(40 + indexCalls);
        assertThat(recorder.requests(BatchWriteItemRequest.class).stream()
                .filter(r -> r.requestItems().containsKey(tableName)).count()).isEqualTo(40);
        assertThat(store.count()).isEqualTo(1000);
    }

    @Test
    @DisplayName("createAll of 300 drafts, 20 of them stored: exactly 300 conditional PutItem calls (never a BatchWriteItem to the employee table, which cannot be conditioned; the index items by BatchWriteItem before), the 20 reported and unchanged")
    void createAllPutsEachDraftOnce() {
        List<Employee> stored = employees(20);
        store.importAll(stored);
        recorder.reset();
        List<Employee> drafts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            drafts.add(Employee.builder().id(String.format("emp-%04d", i)).fullName("Drafted " + i).build());
        }
        io.github.employeestore.CreateAllResult result = store.createAll(drafts);
        assertThat(result.created()).hasSize(280);
        assertThat(result.existingIds()).hasSize(20);
        assertThat(recorder.calls().get("PutItem")).isEqualTo(300);
        assertThat(recorder.attempts("PutItem")).isEqualTo(300);
        // the name-index items go before, by BatchWriteItem to the index table only: for each part of 25 drafts
        // ("Drafted n": 1 directory item and the prefixes of two words, at most 1 + 5 + 3 items each) at most
        // ceil(25 x 9 / 25) = 9 requests; never a BatchWriteItem to the employee table
        // and after them one consistent BatchGetItem per part: the created drafts' directory items still there
        assertThat(recorder.calls().keySet()).containsExactlyInAnyOrder("PutItem", "BatchWriteItem", "BatchGetItem");
        assertThat(recorder.calls().get("BatchWriteItem")).isBetween(12, 12 * 9);
        assertThat(recorder.calls().get("BatchGetItem")).isEqualTo(12);
        assertThat(recorder.requests(BatchWriteItemRequest.class).stream()
                .filter(r -> r.requestItems().containsKey(tableName)).count()).isZero();
        for (Employee e : stored) {
            assertThat(store.get(e.id())).contains(e);
        }
    }

    @Test
    @DisplayName("getAll of 250 ids makes 3 BatchGetItem calls and returns every employee found, in the order given")
    void getAllBatchesBy100() {
        store.importAll(employees(300));
        recorder.reset();
        List<String> ids = new ArrayList<>();
        ids.add("missing-1");
        for (int i = 249; i >= 1; i--) {
            ids.add(String.format("emp-%04d", i));
        }
        Map<String, Employee> found = store.getAll(ids);
        assertThat(recorder.calls()).isEqualTo(Map.of("BatchGetItem", 3));
        assertThat(found).hasSize(249).doesNotContainKey("missing-1");
        assertThat(List.copyOf(found.keySet())).isEqualTo(ids.subList(1, 250));
        assertThat(found.get("emp-0007").attributes()).containsEntry("level", AttributeValue.of(0));
    }

    @Test
    @DisplayName("count uses Select.COUNT: every Scan asks for a count only, and the total is the sum of the counts")
    void countTransfersNoItems() {
        store.importAll(employees(120));
        recorder.reset();
        assertThat(store.count()).isEqualTo(120);
        // DynamoDB answers a Select.COUNT scan without items; moto sends the items anyway (a difference listed in
        // the README), so what is checked here is that every Scan asks for COUNT and that the total comes from Count.
        List<ScanRequest> requests = recorder.requests(ScanRequest.class);
        assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r.select()).isEqualTo(Select.COUNT));
        List<ScanResponse> scans = recorder.responses(ScanResponse.class);
        assertThat(scans).hasSameSizeAs(requests);
        assertThat(scans.stream().mapToInt(ScanResponse::count).sum()).isEqualTo(120);
        assertThat(recorder.calls()).containsOnlyKeys("Scan");
    }

    @Test
    @DisplayName("single-employee operations take one request each when the employee given was read from the store;"
            + " a create is its search index items' BatchWriteItem, its conditional PutItem and one BatchGetItem that"
            + " the index items are still there, a delete reads the name first")
    void singleItemOperations() {
        Employee created = store.create(Employee.builder().id("a").fullName("Ann").location("Oslo").build());
        assertThat(recorder.calls()).isEqualTo(Map.of("BatchWriteItem", 1, "PutItem", 1, "BatchGetItem", 1));
        recorder.reset();

        Employee read = store.get("a").orElseThrow();
        assertThat(recorder.calls()).isEqualTo(Map.of("GetItem", 1));
        recorder.reset();

        Employee updated = store.update(read.toBuilder().jobTitle("Pilot").build());
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(recorder.calls()).isEqualTo(Map.of("PutItem", 1));
        recorder.reset();

        Employee put = store.put(updated.toBuilder().location("Rome").build());
        assertThat(put.version()).isEqualTo(3);
        assertThat(recorder.calls()).isEqualTo(Map.of("PutItem", 1));
        recorder.reset();

        Employee newOne = store.put(Employee.builder().id("b").fullName("Bob").build());
        assertThat(newOne.version()).isEqualTo(1);
        assertThat(recorder.calls()).isEqualTo(Map.of("TransactWriteItems", 1));
        recorder.reset();

        store.delete("a", 3);
        assertThat(recorder.calls()).isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
        recorder.reset();

        assertThat(store.delete("b")).isTrue();
        assertThat(recorder.calls()).isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
    }

    @Test
    @DisplayName("a put or update of an employee that does not carry its stored state takes one more request (each"
            + " of these renames, so its last write is a TransactWriteItems with the search index items)")
    void staleWritesTakeOneMoreRequest() {
        Employee created = store.create(Employee.builder().id("a").fullName("Ann").build());
        recorder.reset();
        Employee put = store.put(Employee.builder().id("a").fullName("Ann B").build());
        assertThat(put.version()).isEqualTo(2);
        assertThat(put.createdAt()).isEqualTo(created.createdAt());
        assertThat(recorder.calls()).isEqualTo(Map.of("TransactWriteItems", 2));
        recorder.reset();

        Employee updated = store.update(Employee.builder().id("a").fullName("Ann C").version(2).build());
        assertThat(updated.version()).isEqualTo(3);
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(recorder.calls()).isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
        recorder.reset();

        Employee wrongCreatedAt = store.update(updated.toBuilder().fullName("Ann D").createdAt(Instant.EPOCH).build());
        assertThat(wrongCreatedAt.version()).isEqualTo(4);
        assertThat(wrongCreatedAt.createdAt()).isEqualTo(created.createdAt());
        assertThat(recorder.calls()).isEqualTo(Map.of("PutItem", 1, "TransactWriteItems", 1));
        recorder.reset();

        Employee staleVersion = store.put(created.toBuilder().fullName("Ann E").build());
        assertThat(staleVersion.version()).isEqualTo(5);
        assertThat(staleVersion.createdAt()).isEqualTo(created.createdAt());
        assertThat(recorder.calls()).isEqualTo(Map.of("PutItem", 1, "TransactWriteItems", 1));
        assertThat(store.get("a")).contains(staleVersion);
    }

    @Test
    @DisplayName("list and find read one page per request; a full last page carries no cursor")
    void pagesTakeOneRequest() {
        store.importAll(employees(60));
        recorder.reset();
        Page<Employee> first = store.list(PageRequest.first(25));
        assertThat(first.items()).hasSize(25);
        assertThat(recorder.calls()).isEqualTo(Map.of("Scan", 1));
        Page<Employee> second = store.list(PageRequest.after(first.nextCursor().orElseThrow(), 35));
        assertThat(second.items()).hasSize(35);
        assertThat(second.hasNext()).as("the data ends exactly at the end of the page").isFalse();
        assertThat(recorder.calls()).isEqualTo(Map.of("Scan", 2));
        Set<String> all = new java.util.HashSet<>();
        first.items().forEach(e -> all.add(e.id()));
        second.items().forEach(e -> all.add(e.id()));
        assertThat(all).hasSize(60);
        recorder.reset();

        Page<Employee> seattle = store.find(EmployeeQuery.byLocation("Seattle"), PageRequest.first(30));
        assertThat(seattle.items()).hasSize(30);
        assertThat(seattle.hasNext()).isFalse();
        assertThat(recorder.calls()).isEqualTo(Map.of("Query", 1));
        recorder.reset();

        Page<Employee> managers = store.find(EmployeeQuery.byJobTitle("Manager"), PageRequest.first(5));
        assertThat(managers.items()).extracting(Employee::fullName)
                .isSortedAccordingTo(io.github.employeestore.spi.CodePointOrder.COMPARATOR);
        assertThat(managers.hasNext()).isTrue();
        assertThat(recorder.calls()).isEqualTo(Map.of("Query", 1));
        assertThat(managers.items().stream().map(Employee::jobTitle).collect(Collectors.toSet()))
                .containsExactly("Manager");
    }

    @Test
    @DisplayName("§4.10.5 find is served by a global secondary index: every page of every kind of query is a Query on"
            + " the location or job-title GSI, keyed on the criterion, never a Scan")
    void findQueriesAnIndexNeverScans() {
        store.importAll(employees(60));
        Map<EmployeeQuery, String> expectedIndex = Map.of(
                EmployeeQuery.byLocation("Seattle"), "location-full_name-index",
                EmployeeQuery.byJobTitle("Manager"), "job_title-full_name-index",
                EmployeeQuery.builder().location("Berlin").jobTitle("Engineer").build(), "job_title-full_name-index");
        expectedIndex.forEach((query, index) -> {
            recorder.reset();
            int found = 0;
            Page<Employee> page = store.find(query, PageRequest.first(4));
            found += page.items().size();
            while (page.hasNext()) {
                page = store.find(query, PageRequest.after(page.nextCursor().orElseThrow(), 4));
                found += page.items().size();
            }
            assertThat(found).as("%s finds its matches", query).isPositive();
            assertThat(recorder.calls()).as("%s: requests made", query).containsOnlyKeys("Query");
            assertThat(recorder.requests(software.amazon.awssdk.services.dynamodb.model.QueryRequest.class))
                    .as("%s: every request is a Query on the index %s", query, index).isNotEmpty()
                    .allSatisfy(q -> {
                        assertThat(q.indexName()).isEqualTo(index);
                        assertThat(q.keyConditionExpression()).isNotBlank();
                    });
        });
    }
}
