package io.github.employeestore.dynamodb;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.ImportResult;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import io.github.employeestore.testsupport.SampleFlaskApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Employee Directory sample's badges through every library write, on the sample's own table written by boto3
 * exactly as the sample app writes it (against a moto server): every write that does not change the badges
 * ({@code update}, {@code put}, {@code transact} updates and puts, {@code importAll}, {@code patch}) leaves the stored
 * list in its order and a text set (SS) a text set, and does not even name {@code badges} in its request where it
 * writes in place; a write that changes them keeps the stored type and the order of the badges that stay, and a
 * badge edit the sample app makes between the library's read and its write survives an update that keeps the
 * badges. A write whose update expression would pass DynamoDB's 4 KB expression limit is a whole-item PutItem that
 * keeps the badges too. Skipped with the reason where python3 with boto3 is missing, a failure on CI.
 */
@MotoTest
class SampleLayoutBadgesTest {
    private static final String ADA_BADGES = "\"badges\": [\"Mentor\", \"Leader\", \"Coffee\"]";
    private static final String ALAN_BADGES = "\"badges\": [\"Linux\", \"Vim\", \"Linux\"]";

    private static DynamoDbClient raw;

    private final CallRecorder calls = new CallRecorder();

    @BeforeAll
    static void start() {
        String unavailable = SampleFlaskApp.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
        raw = MotoDynamoDb.shared().client();
    }

    @AfterAll
    static void stop() {
        if (raw != null) {
            raw.close();
        }
    }

    /** The sample's table: Ada with a list, Grace with a text set (a console edit), Alan with a repeated badge. */
    private record Sample(String table, String ada, String grace, String alan) {
    }

    private static Sample sample(String prefix) {
        String table = MotoDynamoDb.shared().uniqueTableName(prefix);
        SampleFlaskApp.run(table, "create-table");
        String ada = SampleFlaskApp.idOf(SampleFlaskApp.run(table, "add", "employee_pic/ada.png", "Ada Lovelace",
                "Seattle", "Engineer", "Mentor,Leader,Coffee"));
        String grace = SampleFlaskApp.idOf(SampleFlaskApp.run(table, "add", "", "Grace Hopper", "Arlington",
                "Rear Admiral", ""));
        raw.updateItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(grace)))
                .updateExpression("SET badges = :b").expressionAttributeValues(Map.of(":b",
                        AttributeValue.fromSs(List.of("Navy", "COBOL")))));
        String alan = SampleFlaskApp.idOf(SampleFlaskApp.run(table, "add", "", "Alan Turing", "Wilmslow",
                "Researcher", "Linux,Vim,Linux"));
        return new Sample(table, ada, grace, alan);
    }

    private DynamoDbEmployeeStore store(String table, ExecutionInterceptor... more) {
        ExecutionInterceptor[] interceptors = new ExecutionInterceptor[more.length + 1];
        interceptors[0] = calls;
        System.arraycopy(more, 0, interceptors, 1, more.length);
        return DynamoDbEmployeeStore.builder().client(MotoDynamoDb.shared().client(interceptors)).tableName(table)
                .layout(EmployeeCodec.Layout.EMPLOYEE_DIRECTORY_SAMPLE).build();
    }

    private static AttributeValue storedBadges(String table, String id) {
        return raw.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true))
                .item().get("badges");
    }

    /**
     * The three employees' badges are as the sample and the console stored them: read as stored (the order of a
     * list as DynamoDB returns it, which is what boto3 shows, as the test's last check with boto3 itself confirms).
     */
    private static void assertBadgesAsStored(Sample s, String after) {
        assertThat(texts(storedBadges(s.table(), s.ada()))).as("Ada's list after " + after)
                .containsExactly("Mentor", "Leader", "Coffee");
        assertThat(texts(storedBadges(s.table(), s.alan()))).as("Alan's list after " + after)
                .containsExactly("Linux", "Vim", "Linux");
        AttributeValue grace = storedBadges(s.table(), s.grace());
        assertThat(grace.type()).as("Grace's text set after " + after)
                .isEqualTo(AttributeValue.Type.SS);
        assertThat(grace.ss()).containsExactlyInAnyOrder("Navy", "COBOL");
    }

    /** @return the texts of a list (L), failing on any other type */
    private static List<String> texts(AttributeValue list) {
        assertThat(list.type()).isEqualTo(AttributeValue.Type.L);
        return list.l().stream().map(AttributeValue::s).toList();
    }

    /** No request sent since the last reset wrote {@code badges}, except as a whole item. */
    private void assertNoUpdateNamesBadges(String after) {
        for (UpdateItemRequest u : calls.requests(UpdateItemRequest.class)) {
            assertThat(u.expressionAttributeNames().values()).as("UpdateItem of " + after).doesNotContain("badges");
        }
        for (TransactWriteItemsRequest t : calls.requests(TransactWriteItemsRequest.class)) {
            t.transactItems().forEach(i -> {
                assertThat(i.put()).as("a Put in the transaction of " + after).isNull();
                if (i.update() != null) {
                    assertThat(i.update().expressionAttributeNames().values()).as("Update of " + after)
                            .doesNotContain("badges");
                }
            });
        }
        assertThat(calls.requests(PutItemRequest.class)).as("PutItems of " + after).isEmpty();
        calls.reset();
    }

    @Test
    void everyLibraryWriteThatDoesNotChangeTheBadgesKeepsTheirStoredOrderAndType() {
        Sample s = sample("SampleBadgesKept");
        try (DynamoDbEmployeeStore store = store(s.table())) {
            assertThat(store.get(s.alan()).orElseThrow().badges()).as("a repeated badge reads once")
                    .containsExactly("Linux", "Vim");

            for (String id : List.of(s.ada(), s.grace(), s.alan())) {
                Employee e = store.get(id).orElseThrow();
                store.update(e.toBuilder().jobTitle(e.jobTitle() + " (updated)").build());
            }
            assertBadgesAsStored(s, "update of the job title");
            assertNoUpdateNamesBadges("update");

            for (String id : List.of(s.ada(), s.grace(), s.alan())) {
                Employee e = store.get(id).orElseThrow();
                store.put(e.toBuilder().location(e.location() + " (put)").build());
            }
            // a put of an employee built anew, with the badges in another order and no version
            Employee ada = store.get(s.ada()).orElseThrow();
            store.put(Employee.builder().id(s.ada()).fullName("Ada Lovelace").jobTitle("Countess")
                    .photoKey(ada.photoKey()).badges(List.of("Coffee", "Mentor", "Leader")).build());
            assertBadgesAsStored(s, "put");
            assertNoUpdateNamesBadges("put");
            assertThat(store.get(s.ada()).orElseThrow().jobTitle()).isEqualTo("Countess");

            Employee a = store.get(s.ada()).orElseThrow();
            Employee g = store.get(s.grace()).orElseThrow();
            Employee t = store.get(s.alan()).orElseThrow();
            store.transact(w -> {
                w.update(a.toBuilder().jobTitle("Analyst").build());
                w.put(g.toBuilder().jobTitle("Commodore").build());
                w.patch(t.id(), t.version(), EmployeePatch.of(p -> p.location("Bletchley")));
            });
            assertBadgesAsStored(s, "transact");
            assertNoUpdateNamesBadges("transact");
            assertThat(store.get(s.grace()).orElseThrow().jobTitle()).isEqualTo("Commodore");

            List<Employee> unchanged = List.of(store.get(s.ada()).orElseThrow(), store.get(s.grace()).orElseThrow(),
                    store.get(s.alan()).orElseThrow().toBuilder().jobTitle("Mathematician").build());
            ImportResult imported = store.importAll(unchanged);
            assertThat(imported.written()).isEqualTo(3);
            assertBadgesAsStored(s, "importAll");
            assertThat(calls.requests(BatchWriteItemRequest.class)).hasSize(1);
            assertThat(calls.calls("BatchGetItem")).as("the batch's stored form read first").isEqualTo(1);
            calls.reset();

            for (String id : List.of(s.ada(), s.grace(), s.alan())) {
                Employee e = store.get(id).orElseThrow();
                store.patch(id, e.version(), p -> p.fullName(e.fullName() + " Jr."));
            }
            assertBadgesAsStored(s, "patch");
            // the sample app's own reads
            assertThat(SampleFlaskApp.run(s.table(), "get", s.ada())).contains(ADA_BADGES);
            assertThat(SampleFlaskApp.run(s.table(), "view", s.alan())).contains(ALAN_BADGES)
                    .contains("\"full_name\": \"Alan Turing Jr.\"").contains("\"job_title\": \"Mathematician\"");
            store.schema().drop();
        }
    }

    @Test
    void aWriteThatChangesTheBadgesKeepsTheStoredTypeAndTheOrderOfTheBadgesThatStay() {
        Sample s = sample("SampleBadgesChanged");
        try (DynamoDbEmployeeStore store = store(s.table())) {
            Employee ada = store.get(s.ada()).orElseThrow();
            store.update(ada.toBuilder().badges(List.of("Coffee", "Speaker", "Mentor", "Author")).build());
            assertThat(SampleFlaskApp.run(s.table(), "get", s.ada())).as("kept in order, added in code-point order")
                    .contains("\"badges\": [\"Mentor\", \"Coffee\", \"Author\", \"Speaker\"]");

            Employee grace = store.get(s.grace()).orElseThrow();
            store.put(grace.toBuilder().badge("Fortran").build());
            AttributeValue graceBadges = storedBadges(s.table(), s.grace());
            assertThat(graceBadges.type()).isEqualTo(AttributeValue.Type.SS);
            assertThat(graceBadges.ss()).containsExactlyInAnyOrder("Navy", "COBOL", "Fortran");

            Employee alan = store.get(s.alan()).orElseThrow();
            store.transact(w -> w.update(alan.toBuilder().badges(List.of("Vim", "Emacs")).build()));
            assertThat(SampleFlaskApp.run(s.table(), "get", s.alan())).as("a repeated badge that stays, once")
                    .contains("\"badges\": [\"Vim\", \"Emacs\"]");

            Employee a = store.get(s.ada()).orElseThrow();
            store.patch(s.ada(), a.version(), p -> p.badges(List.of("Speaker", "Mentor", "Cook")));
            assertThat(SampleFlaskApp.run(s.table(), "get", s.ada()))
                    .contains("\"badges\": [\"Mentor\", \"Speaker\", \"Cook\"]");

            Employee g = store.get(s.grace()).orElseThrow();
            store.importAll(List.of(g.toBuilder().badges(List.of("Navy")).build()));
            assertThat(storedBadges(s.table(), s.grace()).ss()).containsExactly("Navy");

            Employee noBadges = store.get(s.ada()).orElseThrow().toBuilder().badges(List.of()).build();
            store.update(noBadges);
            assertThat(storedBadges(s.table(), s.ada())).as("no badges: no attribute").isNull();
            assertThat(SampleFlaskApp.run(s.table(), "view", s.ada())).doesNotContain("badges");

            Employee created = store.create(Employee.builder().fullName("Katherine Johnson")
                    .badges(List.of("NASA", "Computer", "Math")).build());
            assertThat(SampleFlaskApp.run(s.table(), "get", created.id())).as("a new item: a list, code-point order")
                    .contains("\"badges\": [\"Computer\", \"Math\", \"NASA\"]");
            store.schema().drop();
        }
    }

    @Test
    void aWriteInPlacePastDynamoDbsExpressionLimitIsAWholeItemPutThatStillKeepsTheBadges() {
        String table = MotoDynamoDb.shared().uniqueTableName("SampleBadgesWide");
        SampleFlaskApp.run(table, "create-table");
        String ada = SampleFlaskApp.idOf(SampleFlaskApp.run(table, "add", "", "Ada Lovelace", "Seattle", "Engineer",
                "Mentor,Leader,Coffee"));
        // another program added 600 attributes: removing them all would take an update past DynamoDB's limits
        Map<String, AttributeValue> extra = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 600; i++) {
            extra.put("extra_" + i, AttributeValue.fromS("x"));
        }
        for (int from = 0; from < 600; from += 100) {
            Map<String, String> names = new java.util.LinkedHashMap<>();
            Map<String, AttributeValue> values = new java.util.LinkedHashMap<>();
            List<String> set = new java.util.ArrayList<>();
            for (int i = from; i < from + 100; i++) {
                names.put("#e" + i, "extra_" + i);
                values.put(":e" + i, extra.get("extra_" + i));
                set.add("#e" + i + " = :e" + i);
            }
            raw.updateItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(ada)))
                    .updateExpression("SET " + String.join(", ", set)).expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        }
        try (DynamoDbEmployeeStore store = store(table)) {
            Employee read = store.get(ada).orElseThrow();
            assertThat(read.attributes()).hasSize(600);
            store.put(read.toBuilder().attributes(Map.of()).jobTitle("Lead Engineer").build());
            assertThat(calls.requests(UpdateItemRequest.class)).isEmpty();
            assertThat(calls.requests(PutItemRequest.class)).hasSize(1);
            Map<String, AttributeValue> item = raw.getItem(b -> b.tableName(table)
                    .key(Map.of("id", AttributeValue.fromS(ada))).consistentRead(true)).item();
            assertThat(item.keySet()).noneMatch(name -> name.startsWith("extra_"));
            assertThat(texts(item.get("badges"))).containsExactly("Mentor", "Leader", "Coffee");
            assertThat(item.get("job_title").s()).isEqualTo("Lead Engineer");
            store.schema().drop();
        }
    }

    @Test
    void theSampleAppsEditBetweenTheLibrarysReadAndWriteSurvivesAnUpdateThatDoesNotChangeThoseFields() {
        Sample s = sample("SampleBadgesRace");
        // the Flask app's update_employee runs once, just before the library's UpdateItem is sent: it changes the
        // photo and the badges (and writes back the name, title and location it showed), and no version; so it runs
        // just before the library's write, whatever request that is
        AtomicReference<String> flaskEdit = new AtomicReference<>(s.ada());
        ExecutionInterceptor flaskBetween = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                boolean write = context.request() instanceof UpdateItemRequest
                        || context.request() instanceof PutItemRequest;
                String id = write ? flaskEdit.getAndSet(null) : null;
                if (id != null) {
                    SampleFlaskApp.run(s.table(), "update", id, "employee_pic/ada-2.png", "Ada Lovelace", "Seattle",
                            "Engineer", "Mentor,Leader,Coffee,Speaker");
                }
            }
        };
        try (DynamoDbEmployeeStore store = store(s.table(), flaskBetween)) {
            Employee read = store.get(s.ada()).orElseThrow();
            Employee updated = store.update(read.toBuilder().jobTitle("Lead Engineer").build());
            assertThat(flaskEdit.get()).as("the sample app's edit ran").isNull();

            String after = SampleFlaskApp.run(s.table(), "get", s.ada());
            assertThat(after).as("both changes survive")
                    .contains("\"job_title\": \"Lead Engineer\"")
                    .contains("\"object_key\": \"employee_pic/ada-2.png\"")
                    .contains("\"badges\": [\"Mentor\", \"Leader\", \"Coffee\", \"Speaker\"]")
                    .contains("\"version\": {\"N\": \"1\"}");
            assertThat(updated.version()).isEqualTo(1);
            assertThat(store.get(s.ada()).orElseThrow().badges())
                    .containsExactlyInAnyOrder("Mentor", "Leader", "Coffee", "Speaker");
            store.schema().drop();
        }
    }
}
