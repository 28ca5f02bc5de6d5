package io.github.employeestore.dynamodb;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.ConsumedCapacity;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.PageRequest;
import io.github.employeestore.spi.CapacityMeter;
import io.github.employeestore.spi.ItemSize;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capacity each operation consumes, as the store reports it through {@link CapacityMeter} (every request asks
 * for {@code ReturnConsumedCapacity=INDEXES}), for an employee of about 1 KB and one of about 10 KB, on moto. The
 * table in the module's README between the {@code capacity-table} markers is this test's output: the test fails when
 * it differs; run it with {@code -Dcapacity.writeReadme=true} to rewrite it.
 */
@MotoTest
class ConsumedCapacityTest {
    private static final Path README = Path.of("README.md");
    private static final String START = "<!-- capacity-table:start -->";
    private static final String END = "<!-- capacity-table:end -->";
    private static final Map<String, ConsumedCapacity> COMPUTED = new LinkedHashMap<>();

    private static ConsumedCapacity cap(double read, double write) {
        return new ConsumedCapacity(read, write);
    }

    /**
     * One measured operation, and what DynamoDB's documented rules make it cost, computed from the item size {@code s}
     * that {@link ItemSize} measures: a write 1 WCU per KB (rounded up) of the item in the table and in each index
     * that holds it (both indexes do: location and job title are set; a change of an index key is a delete and a put
     * there), a transactional write twice that; a strongly consistent read 1 RCU per 4 KB, an eventually consistent
     * one (index queries) half; a Scan or Query rounds the total of the items it reads, a batch each item.
     */
    private record Row(String operation, String note, Supplier<Object> call, Rule rule) {
    }

    private interface Rule {
        ConsumedCapacity of(long kbWrite, long kbRead, long s);
    }

    /**
     * The search index items of "Ada Lovelace" (prefixes a, ad, ada, l .. lovel, and the directory item), each
     * under 1 KB: 1 WCU each, 2 in a transaction.
     */
    private static final int INDEX_ITEMS = 9;

    private static long up(long bytes, long unit) {
        return (bytes + unit - 1) / unit;
    }

    private static Employee employee(String id, int bytes) {
        Employee base = Employee.builder().id(id).fullName("Ada Lovelace").jobTitle("Engineer").location("London")
                .badges(List.of("mentor")).build();
        int pad = (int) (bytes - ItemSize.of(base) - "notes".length());
        return base.toBuilder().attribute("notes", AttributeValue.of("x".repeat(Math.max(1, pad)))).build();
    }

    private static Map<String, ConsumedCapacity> measure(DynamoDbEmployeeStore store, int bytes, String prefix) {
        Employee e = employee(prefix + "-1", bytes);
        List<Employee> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(employee(prefix + "-batch-" + i, bytes));
        }
        // w: WCU of one write of the item, r: RCU of one strongly consistent read of it, s: its size
        List<Row> rows = List.of(
                new Row("create", "BatchWriteItem of the 9 search index items + PutItem + BatchGetItem (the"
                        + " directory item, strongly consistent)", () -> store.create(e),
                        (w, r, s) -> cap(1, 3 * w + INDEX_ITEMS)),
                new Row("get", "GetItem, strongly consistent", () -> store.get(e.id()), (w, r, s) -> cap(r, 0)),
                new Row("read + update (job title)", "GetItem + PutItem", () -> store.update(store.get(e.id())
                        .orElseThrow().toBuilder().jobTitle("Lead").build()), (w, r, s) -> cap(r, 4 * w)),
                new Row("read + patch (job title)", "GetItem + GetItem + UpdateItem", () -> store.patch(e.id(),
                        store.get(e.id()).orElseThrow().version(), p -> p.jobTitle("Principal")),
                        (w, r, s) -> cap(2 * r, 4 * w)),
                new Row("put (job title)", "PutItem", () -> store.put(e), (w, r, s) -> cap(0, 4 * w)),
                new Row("read + update (full name)", "GetItem + PutItem (condition fails: the stored name differs)"
                        + " + TransactWriteItems with 9 + 9 search index items", () -> {
                    Employee stored = store.get(e.id()).orElseThrow();
                    store.update(stored.toBuilder().fullName("Ada Byron").build());
                    return store.update(store.get(e.id()).orElseThrow().toBuilder().fullName("Ada Lovelace")
                            .build());
                }, (w, r, s) -> cap(2 * r, 2 * (w + 2 * (5 * w + 2 * INDEX_ITEMS)))),
                new Row("importAll of 10", "4 BatchWriteItem of the 90 search index items + 1 BatchWriteItem",
                        () -> store.importAll(ten.stream().map(x -> x.toBuilder()
                        .version(1).createdAt(java.time.Instant.EPOCH).updatedAt(java.time.Instant.EPOCH).build())
                        .toList()), (w, r, s) -> cap(0, 10 * 3 * w + 10 * INDEX_ITEMS)),
                new Row("getAll of 10", "BatchGetItem, strongly consistent", () -> store.getAll(ten.stream()
                        .map(Employee::id).toList()), (w, r, s) -> cap(10 * r, 0)),
                new Row("list page of 10", "Scan (Limit 11), strongly consistent", () -> store.list(
                        PageRequest.first(10)), (w, r, s) -> cap(up(11 * s, 4096), 0)),
                new Row("find page of 10", "Query (Limit 11) on a GSI, eventually consistent", () -> store.find(
                        EmployeeQuery.byLocation("London"), PageRequest.first(10)),
                        (w, r, s) -> cap(up(11 * s, 4096) / 2.0, 0)),
                new Row("count of 11", "Scan with Select.COUNT, strongly consistent", store::count,
                        (w, r, s) -> cap(up(11 * s, 4096), 0)),
                new Row("read + transact: patch (location) + delete", "GetItem + BatchGetItem (2 ids) + "
                        + "TransactWriteItems with the deleted employee's 9 search index items",
                        () -> {
                    long v = store.get(e.id()).orElseThrow().version();
                    store.transact(t -> {
                        t.patch(e.id(), v, EmployeePatch.of(p -> p.location("Paris")));
                        t.delete(ten.get(0).id());
                    });
                    return null;
                }, (w, r, s) -> cap(3 * r, 2 * (4 * w + 3 * w + INDEX_ITEMS))),
                new Row("delete", "GetItem + TransactWriteItems with the 9 search index items",
                        () -> store.delete(e.id()), (w, r, s) -> cap(r, 2 * (3 * w + INDEX_ITEMS))));
        long size = ItemSize.of(e);
        for (Row row : rows) {
            COMPUTED.put(row.operation() + "|" + row.note() + "|" + bytes, row.rule().of(up(size, 1024),
                    up(size, 4096), size));
        }
        Map<String, ConsumedCapacity> measured = new LinkedHashMap<>();
        for (Row row : rows) {
            try (CapacityMeter.Scope scope = CapacityMeter.start()) {
                row.call().get();
                measured.put(row.operation() + "|" + row.note(), scope.total());
            }
        }
        return measured;
    }

    @Test
    void everyOperationReportsItsCapacityAndTheReadmeTableIsThisTestsOutput() throws IOException {
        DynamoDbClient client = MotoDynamoDb.shared().client();
        String table = MotoDynamoDb.shared().uniqueTableName("Capacity");
        Map<String, ConsumedCapacity> small;
        Map<String, ConsumedCapacity> large;
        try (DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(table).build()) {
            store.schema().create();
            small = measure(store, 1024, "s");
            large = measure(store, 10 * 1024, "l");
            store.schema().drop();
        }
        // moto reports capacity for every operation, but not by DynamoDB's rules (1 unit whatever the size), and none
        // for TransactWriteItems
        small.forEach((op, c) -> assertThat(c.readUnits() + c.writeUnits() > 0 || op.contains("|TransactWriteItems"))
                .as("capacity of %s", op).isTrue());
        large.forEach((op, c) -> assertThat(c.readUnits() + c.writeUnits() > 0 || op.contains("|TransactWriteItems"))
                .as("capacity of %s", op).isTrue());

        StringBuilder t = new StringBuilder(START).append('\n')
                .append("| operation | requests | 1 KB: DynamoDB's rules, RCU / WCU | 1 KB: moto reported | 10 KB:"
                        + " DynamoDB's rules, RCU / WCU | 10 KB: moto reported |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        small.forEach((key, c) -> {
            String[] parts = key.split("\\|");
            t.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(" | ")
                    .append(units(COMPUTED.get(key + "|1024"))).append(" | ").append(units(c)).append(" | ")
                    .append(units(COMPUTED.get(key + "|10240"))).append(" | ").append(units(large.get(key)))
                    .append(" |\n");
        });
        t.append(END);
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int from = readme.indexOf(START);
        int to = readme.indexOf(END);
        assertThat(from).as("the README has the capacity-table markers").isNotNegative();
        String updated = readme.substring(0, from) + t + readme.substring(to + END.length());
        if (Boolean.getBoolean("capacity.writeReadme")) {
            Files.writeString(README, updated, StandardCharsets.UTF_8);
        }
        assertThat(readme).as("the README's capacity table is out of date: run ConsumedCapacityTest with"
                + " -Dcapacity.writeReadme=true").isEqualTo(updated);
    }

    private static String units(ConsumedCapacity c) {
        return String.format(Locale.ROOT, "%s / %s", plain(c.readUnits()), plain(c.writeUnits()));
    }

    private static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
