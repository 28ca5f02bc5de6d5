package io.github.employeestore.dynamodb;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import io.github.employeestore.spi.CapacityMeter;
import io.github.employeestore.spi.NameFolding;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DynamoDB name index on a moto server: searches and the directory answer in the contract's order across the
 * index's shards, every write path keeps the index in step (atomically, in the same TransactWriteItems), a page costs
 * a bounded number of requests whatever the table's size (counted by an SDK interceptor), transactions past
 * DynamoDB's 100 actions still write and index, and the write amplification the README states is measured.
 */
@MotoTest
class NameSearchTest {
    private static final String[] GIVEN = {"Ada", "Grace", "Alan", "Mary", "Michael", "Maria", "James", "Linus",
        "Lola", "Zoë", "Émile", "Straße", "Ødegaard", "Ng", "Mo"};
    private static final String[] FAMILY = {"Lovelace", "Hopper", "Turing", "Smith", "Miller", "Martínez",
        "Johnson", "Torvalds", "Öztürk", "Müller", "Moreau", "MacDonald", "O'Brien", "Ng"};

    private final CallRecorder recorder = new CallRecorder();
    private DynamoDbClient client;
    private DynamoDbEmployeeStore store;

    @BeforeEach
    void setUp() {
        client = MotoDynamoDb.shared().client(recorder);
        store = DynamoDbEmployeeStore.builder().client(client)
                .tableName(MotoDynamoDb.shared().uniqueTableName("search")).build();
        store.schema().create();
        recorder.reset();
    }

    @AfterEach
    void tearDown() {
        store.schema().drop();
        store.close();
        client.close();
    }

    private static List<Employee> people(int from, int n) {
        Instant t = Instant.parse("2024-05-01T10:15:30.123Z");
        return IntStream.range(from, from + n).mapToObj(i -> Employee.builder()
                .id(String.format("p-%05d", i))
                .fullName(GIVEN[i % GIVEN.length] + " " + FAMILY[(i / GIVEN.length + i) % FAMILY.length])
                .location(i % 3 == 0 ? "Seattle" : "Berlin")
                .jobTitle(i % 4 == 0 ? "Manager" : "Engineer")
                .version(1).createdAt(t).updatedAt(t).build()).toList();
    }

    /** Every page of a search, following cursors. */
    private List<Employee> all(EmployeeQuery query, int size) {
        List<Employee> out = new ArrayList<>();
        Page<Employee> page = query == null ? store.listByName(PageRequest.first(size))
                : store.find(query, PageRequest.first(size));
        out.addAll(page.items());
        while (page.hasNext()) {
            PageRequest next = PageRequest.after(page.nextCursor().orElseThrow(), size);
            page = query == null ? store.listByName(next) : store.find(query, next);
            out.addAll(page.items());
        }
        return out;
    }

    private List<String> expected(EmployeeQuery query) {
        return store.stream().filter(e -> query == null || query.matches(e)).sorted(NameFolding.ORDER)
                .map(Employee::id).toList();
    }

    private void assertSearches(String why) {
        for (EmployeeQuery q : List.of(EmployeeQuery.byName("m"), EmployeeQuery.byName("lov"),
                EmployeeQuery.byName("MA"), EmployeeQuery.byName("ozt"), EmployeeQuery.byName("strasse"),
                EmployeeQuery.byName("o brien"), EmployeeQuery.byName("mar mül"), EmployeeQuery.byName("lovelace"),
                EmployeeQuery.builder().name("m").location("Seattle").build(),
                EmployeeQuery.builder().name("ng").jobTitle("Manager").build())) {
            assertThat(all(q, 7)).extracting(Employee::id).as("%s: %s", why, q.name().orElseThrow())
                    .containsExactlyElementsOf(expected(q));
        }
        assertThat(all(null, 9)).extracting(Employee::id).as("%s: listByName", why)
                .containsExactlyElementsOf(expected(null));
    }

    @Test
    @DisplayName("§4.20 searches and listByName follow the search order over every shard, page after page, and "
            + "reflect every write path")
    void searchesReflectEveryWritePath() {
        store.importAll(people(0, 120));
        assertSearches("after importAll");

        Employee created = store.create(Employee.builder().id("new").fullName("Mary Lovelace").location("Seattle")
                .build());
        Employee renamed = store.update(store.get("p-00003").orElseThrow().toBuilder().fullName("Zed Öztürk")
                .build());
        store.put(store.get("p-00004").orElseThrow().toBuilder().location("Seattle").build());
        store.patch("p-00005", store.get("p-00005").orElseThrow().version(), p -> p.fullName("Ng Lovelace"));
        assertThat(store.delete("p-00006")).isTrue();
        store.delete("p-00007", store.get("p-00007").orElseThrow().version());
        store.transact(w -> {
            w.create(Employee.builder().id("tx").fullName("Linus Miller").build());
            w.update(store.get("p-00008").orElseThrow().toBuilder().fullName("Émile Ng").build());
            w.delete("p-00009");
            w.patch("p-00010", store.get("p-00010").orElseThrow().version(),
                    io.github.employeestore.EmployeePatch.of(p -> p.location("Seattle")));
        });
        assertThat(store.find(EmployeeQuery.byName("zed"), PageRequest.first(5)).items()).containsExactly(renamed);
        assertThat(store.find(EmployeeQuery.byName("mary lov"), PageRequest.first(5)).items()).contains(created);
        assertSearches("after every write path");
        assertThat(store.find(EmployeeQuery.byName(GIVEN[3 % GIVEN.length]), PageRequest.first(200)).items())
                .extracting(Employee::id).doesNotContain("p-00003", "p-00006", "p-00007");
    }

    @Test
    @DisplayName("a page of 25 costs the same requests on a table of 300 and of 1,500 employees: 8 Queries and 1 "
            + "BatchGetItem for listByName, 1 to 4 Queries of the prefix, 1 of the overflow partition and 1 "
            + "BatchGetItem for a one-word search")
    void requestsPerPageAreBounded() {
        Map<String, Integer> small = null;
        for (int size : List.of(300, 1500)) {
            store.importAll(people(size == 300 ? 0 : 300, size == 300 ? 300 : 1200));
            Map<String, Integer> counts = new java.util.TreeMap<>();
            for (Object[] c : new Object[][] {{"listByName", null}, {"m", EmployeeQuery.byName("m")},
                {"ma", EmployeeQuery.byName("ma")}, {"mar", EmployeeQuery.byName("mar")}}) {
                EmployeeQuery q = (EmployeeQuery) c[1];
                store.listByName(PageRequest.first(1));   // the readiness marker is read once per store
                recorder.reset();
                Page<Employee> first = q == null ? store.listByName(PageRequest.first(25))
                        : store.find(q, PageRequest.first(25));
                assertThat(first.items()).hasSize(25);
                Page<Employee> second = q == null ? store.listByName(PageRequest.after(first.nextCursor()
                        .orElseThrow(), 25)) : store.find(q, PageRequest.after(first.nextCursor().orElseThrow(), 25));
                assertThat(second.items()).hasSize(25);
                int queries = recorder.calls("Query");
                int gets = recorder.calls("BatchGetItem");
                assertThat(recorder.calls()).as("%s: only Queries and BatchGetItems", c[0])
                        .containsOnlyKeys("Query", "BatchGetItem");
                assertThat(recorder.requests(QueryRequest.class)).allSatisfy(r -> {
                    assertThat(r.consistentRead()).isTrue();
                    assertThat(r.tableName()).endsWith(NameIndexKeys.TABLE_SUFFIX);
                });
                assertThat(recorder.requests(BatchGetItemRequest.class)).allSatisfy(r -> r.requestItems().values()
                        .forEach(k -> assertThat(k.consistentRead()).isTrue()));
                int partitions = q == null ? NameIndexKeys.ALL_SHARDS
                        : NameIndexKeys.prefixShards(q.nameWords().get(0).length()) + 1;
                assertThat(queries).as("%s: Queries for two pages", c[0]).isEqualTo(2 * partitions);
                assertThat(gets).as("%s: BatchGetItems for two pages", c[0]).isEqualTo(2);
                counts.put((String) c[0], (queries + gets) / 2);
            }
            System.out.printf(Locale.ROOT, "requests per page of 25 with %,d employees: %s%n", store.count(), counts);
            if (small == null) {
                small = counts;
            } else {
                assertThat(counts).as("independent of the table's size").isEqualTo(small);
            }
        }
    }

    @Test
    @DisplayName("a transaction whose operations and index items pass 100 actions is written, its index items put "
            + "before and after it; one that fits writes them in the same TransactWriteItems")
    void transactionsPastOneHundredActions() {
        store.transact(w -> IntStream.range(0, 100).forEach(i -> w.create(Employee.builder().id("t" + i)
                .fullName("Tx Person " + i).build())));
        assertThat(recorder.calls("TransactWriteItems")).isEqualTo(1);
        assertThat(recorder.requests(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(100);
        assertThat(recorder.calls("BatchWriteItem")).as("index items before and after").isPositive();
        assertThat(all(EmployeeQuery.byName("tx"), 30)).hasSize(100);
        assertThat(all(EmployeeQuery.byName("person 42"), 30)).extracting(Employee::id).containsExactly("t42");
        recorder.reset();

        store.transact(w -> {
            w.create(Employee.builder().id("small").fullName("Small Tx").build());
            w.delete("t0");
        });
        List<TransactWriteItemsRequest> sent = recorder.requests(TransactWriteItemsRequest.class);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).transactItems().stream().filter(i -> (i.put() != null ? i.put().tableName()
                : i.delete() != null ? i.delete().tableName() : "").endsWith(NameIndexKeys.TABLE_SUFFIX)))
                .as("index items in the same transaction").isNotEmpty();
        assertThat(recorder.calls("BatchWriteItem")).isZero();
        assertThat(all(EmployeeQuery.byName("small"), 5)).extracting(Employee::id).containsExactly("small");
        assertThat(all(EmployeeQuery.byName("tx"), 30)).hasSize(100).extracting(Employee::id).doesNotContain("t0");
    }

    @Test
    @DisplayName("write amplification: items written and capacity consumed per create, rename and other update")
    void writeAmplification() {
        Employee e = store.create(Employee.builder().id("w").fullName("Ada Lovelace").location("London")
                .jobTitle("Engineer").build());
        recorder.reset();
        List<String> lines = new ArrayList<>();
        record Op(String name, Runnable run) {
        }
        for (Op op : List.of(
                new Op("create", () -> store.create(Employee.builder().id("w2").fullName("Grace Hopper")
                        .location("London").jobTitle("Engineer").build())),
                new Op("update, same name", () -> store.update(store.get("w").orElseThrow().toBuilder()
                        .badges(List.of("x")).build())),
                new Op("update, new name", () -> store.update(store.get("w").orElseThrow().toBuilder()
                        .fullName("Ada King").build())),
                new Op("patch, new name", () -> store.patch("w", store.get("w").orElseThrow().version(),
                        p -> p.fullName("Ada Lovelace"))),
                new Op("delete", () -> store.delete("w2")))) {
            store.get("w");
            recorder.reset();
            try (CapacityMeter.Scope scope = CapacityMeter.start()) {
                op.run().run();
                int items = recorder.requests(TransactWriteItemsRequest.class).stream()
                        .mapToInt(r -> r.transactItems().size()).sum()
                        + recorder.requests(BatchWriteItemRequest.class).stream()
                        .mapToInt(r -> r.requestItems().values().stream().mapToInt(List::size).sum()).sum()
                        + recorder.calls("PutItem") + recorder.calls("UpdateItem") + recorder.calls("DeleteItem");
                lines.add(String.format(Locale.ROOT, "%-18s requests %s, items written %d, moto reported %s",
                        op.name(), recorder.calls(), items, scope.total()));
            }
        }
        lines.forEach(System.out::println);
        assertThat(e.version()).isEqualTo(1);
        assertThat(lines.get(1)).as("an update that keeps the name writes one item").contains("items written 1");
    }

    @Test
    @DisplayName("bad searches are rejected before any request")
    void badSearches() {
        assertThatThrownBy(() -> store.find(EmployeeQuery.byName(" - "), PageRequest.first(5)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(recorder.calls()).isEmpty();
    }
}
