package io.github.employeestore.directory;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Items written by other code on DynamoDB (a moto server), through the {@code copy} command: every attribute type
 * survives DynamoDB &rarr; SQL &rarr; DynamoDB unchanged, and a table of 1,000 good employees and one unreadable item
 * of each kind is listed, streamed, found, batch-read and copied with every bad id reported.
 */
@MotoTest
class ForeignDataCopyTest {
    private static final String CREATED = "2020-01-02T03:04:05.006Z";
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        client = MotoDynamoDb.shared().client();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static String dynamoUrl(String table) {
        return "dynamodb:" + table + "?region=us-east-1&endpoint=" + MotoDynamoDb.shared().endpoint();
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String text) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(text);
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue n(String number) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(number);
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> base(String id) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new LinkedHashMap<>();
        item.put("id", s(id));
        item.put("full_name", s("Name " + id));
        item.put("location", s("Seattle"));
        item.put("version", n("3"));
        item.put("created_at", s(CREATED));
        item.put("updated_at", s(CREATED));
        return item;
    }

    /** One raw value per DynamoDB type, written as another application would. */
    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> oneOfEachType() {
        var b = software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[] {0, -1, 7});
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> v = new LinkedHashMap<>();
        v.put("S", s("t\u00e9xt"));
        v.put("N", n("12345678901234567890123456789012345678"));
        v.put("B", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(b));
        v.put("BOOL", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(false));
        v.put("NULL", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul(true));
        v.put("L", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(List.of(n("1"),
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul(true))));
        v.put("M", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(Map.of("$b", s("x"))));
        v.put("SS", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(List.of("a", "b")));
        v.put("NS", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs(List.of("1.5", "-2E+30")));
        v.put("BS", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs(List.of(b,
                software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[] {9}))));
        return v;
    }

    private static void plant(String table, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        client.putItem(b -> b.tableName(table).item(item));
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> raw(String table,
                                                                                                  String id) {
        return client.getItem(b -> b.tableName(table).key(EmployeeTableSchema.key(id)).consistentRead(true)).item();
    }

    @Test
    void everyDynamoDbTypeSurvivesCopyThroughSqlAndBack() {
        String from = MotoDynamoDb.shared().uniqueTableName("foreign_src");
        String back = MotoDynamoDb.shared().uniqueTableName("foreign_back");
        try (EmployeeStore source = EmployeeStores.open(dynamoUrl(from))) {
            source.schema().create();
        }
        Map<String, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> planted =
                new LinkedHashMap<>();
        oneOfEachType().forEach((type, value) -> {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = base("type-" + type);
            item.put("top", value);
            item.put("inList", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(
                    List.of(value, s("after"))));
            item.put("inMap", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(
                    Map.of("k", value, "z", s("after"))));
            plant(from, item);
            planted.put("type-" + type, item);
        });
        List<String> sqlTargets = new ArrayList<>(List.of(TestSupport.h2MemUrl("foreign_sql")));
        for (String variable : List.of("EMPLOYEE_STORE_MYSQL_URL", "EMPLOYEE_STORE_POSTGRES_URL")) {
            String server = System.getenv(variable);
            if (server != null && !server.isBlank()) {
                String table = "foreign_copy_" + Long.toHexString(System.nanoTime());
                sqlTargets.add(server + (server.contains("?") ? "&" : "?") + "table=" + table);
            }
        }
        for (String sql : sqlTargets) {
            String backTable = back + "_" + sqlTargets.indexOf(sql);
            Run there = copy("copy", "--from", dynamoUrl(from), "--to", sql);
            assertThat(there.code).as(there.err).isZero();
            Run returned = copy("copy", "--from", sql, "--to", dynamoUrl(backTable));
            assertThat(returned.code).as(returned.err).isZero();
            planted.forEach((id, item) -> assertThat(typed(raw(backTable, id))).as("%s after DynamoDB -> %s -> "
                    + "DynamoDB", id, sql.replaceAll("\\?.*", "")).isEqualTo(typed(item)));
            if (!sql.startsWith("jdbc:h2")) {
                try (EmployeeStore server = EmployeeStores.open(sql)) {
                    server.schema().drop();
                }
            }
        }
    }

    @Test
    void aThousandGoodEmployeesAndOneBadItemOfEachKind() {
        String table = MotoDynamoDb.shared().uniqueTableName("foreign_bad");
        Set<String> good = new LinkedHashSet<>();
        Map<String, String> bad = new LinkedHashMap<>();
        try (EmployeeStore store = EmployeeStores.open(dynamoUrl(table))) {
            store.schema().create();
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                var item = base(String.format("good%04d", i));
                good.add(item.get("id").s());
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                if (writes.size() == 25) {
                    List<WriteRequest> batch = List.copyOf(writes);
                    client.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
                    writes.clear();
                }
            }
            plantBad(table, bad, "bad-created-iso", "created_at", s("2024-01-02T03:04:05.123456"));
            plantBad(table, bad, "bad-created-number", "created_at", n("1700000000000"));
            plantBad(table, bad, "bad-version-text", "version", s("3"));
            plantBad(table, bad, "bad-version-fraction", "version", n("1.5"));
            plantBad(table, bad, "bad-photo-key-number", "photo_key", n("42"));
            plantBad(table, bad, "bad-badges-list", "badges",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(List.of(s("apple"))));
            var noName = base("bad-no-full-name");
            noName.remove("full_name");
            plant(table, noName);
            bad.put("bad-no-full-name", "full_name");

            for (Map.Entry<String, String> b : bad.entrySet()) {
                assertThatThrownBy(() -> store.get(b.getKey())).isInstanceOfSatisfying(
                        UnreadableEmployeeException.class, e -> assertThat(e.attribute()).isEqualTo(b.getValue()));
            }
            List<String> listed = new ArrayList<>();
            List<String> listedBad = new ArrayList<>();
            Page<Employee> page = store.list(PageRequest.first(100));
            while (true) {
                page.items().forEach(e -> listed.add(e.id()));
                page.unreadable().forEach(u -> listedBad.add(u.id()));
                if (!page.hasNext()) {
                    break;
                }
                page = store.list(PageRequest.after(page.nextCursor().orElseThrow(), 100));
            }
            assertThat(listed).containsExactlyInAnyOrderElementsOf(good);
            assertThat(listedBad).containsExactlyInAnyOrderElementsOf(bad.keySet());

            List<String> streamedBad = new ArrayList<>();
            try (Stream<Employee> s = store.stream(u -> streamedBad.add(u.id()))) {
                assertThat(s.map(Employee::id).toList()).containsExactlyInAnyOrderElementsOf(good);
            }
            assertThat(streamedBad).containsExactlyInAnyOrderElementsOf(bad.keySet());

            List<String> found = new ArrayList<>();
            List<String> foundBad = new ArrayList<>();
            Page<Employee> f = store.find(EmployeeQuery.byLocation("Seattle"), PageRequest.first(250));
            while (true) {
                f.items().forEach(e -> found.add(e.id()));
                f.unreadable().forEach(u -> foundBad.add(u.id()));
                if (!f.hasNext()) {
                    break;
                }
                f = store.find(EmployeeQuery.byLocation("Seattle"), PageRequest.after(f.nextCursor().orElseThrow(),
                        250));
            }
            assertThat(found).containsExactlyInAnyOrderElementsOf(good);
            Set<String> indexed = new LinkedHashSet<>(bad.keySet());
            indexed.remove("bad-no-full-name");   // no sort key: in no index
            assertThat(foundBad).containsExactlyInAnyOrderElementsOf(indexed);

            List<String> ids = new ArrayList<>(good);
            List<String> batchBad = new ArrayList<>();
            Map<String, Employee> batch = new LinkedHashMap<>();
            List<String> firstHalf = new ArrayList<>(ids.subList(0, 500));
            firstHalf.addAll(bad.keySet());
            batch.putAll(store.getAll(firstHalf, u -> batchBad.add(u.id())));
            batch.putAll(store.getAll(ids.subList(500, 1000), u -> batchBad.add(u.id())));
            assertThat(batch.keySet()).containsExactlyInAnyOrderElementsOf(good);
            assertThat(batchBad).containsExactlyInAnyOrderElementsOf(bad.keySet());
            assertThat(store.count()).isEqualTo(1000 + bad.size());

            Run copied = copy("copy", "--from", dynamoUrl(table), "--to", TestSupport.h2MemUrl("foreign_bad"));
            assertThat(copied.code).as("a copy with unreadable items reports failure").isEqualTo(1);
            assertThat(copied.out).contains("written 1,000, failed " + bad.size());
            for (String id : bad.keySet()) {
                assertThat(copied.err).contains("FAILED " + id + ": unreadable in the source: " + bad.get(id));
            }
            assertThat(copied.err).doesNotContain("2024-01-02T03", "1700000000000");

            for (String id : bad.keySet()) {
                assertThat(store.delete(id)).isTrue();
            }
            assertThat(store.count()).isEqualTo(1000);
            store.schema().drop();
        }
    }

    /**
     * An item as type-preserving values (each DynamoDB type its own kind), so that sets compare as sets: DynamoDB
     * keeps no order of set elements.
     */
    private static Map<String, AttributeValue> typed(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, EmployeeTableSchema.fromDynamo(value)));
        return out;
    }

    private static void plantBad(String table, Map<String, String> bad, String id, String attribute,
                                 software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        var item = base(id);
        item.put(attribute, value);
        plant(table, item);
        bad.put(id, attribute);
    }

    static Run copy(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = EmployeeDirectory.run(args, Map.of(), o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Run(int code, String out, String err) {
    }

}
