package io.github.employeestore.dynamodb;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.PageRequest;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import io.github.employeestore.testsupport.SampleFlaskApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The original Employee Directory sample's {@code Employees} table, adopted in place with the
 * {@link EmployeeCodec.Layout#EMPLOYEE_DIRECTORY_SAMPLE} layout, side by side with the sample app: the table is
 * created as by hand in the console and filled by boto3 exactly as the sample's {@code database_dynamo.py} writes it
 * (a Python script driven by this test, against a moto server); the library lists, finds, updates, puts and deletes
 * those items, and after each library write the sample's own boto3 reads still show the same employee. Skipped with
 * the reason where python3 with boto3 is missing, a failure on CI.
 */
@MotoTest
class SampleLayoutBoto3Test {
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        String unavailable = SampleFlaskApp.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
        client = MotoDynamoDb.shared().client();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
    }

    private static String python(String table, String... args) {
        return SampleFlaskApp.run(table, args);
    }

    private static String idOf(String json) {
        return SampleFlaskApp.idOf(json);
    }

    @Test
    void theSampleAppsItemsAreListedFoundUpdatedAndDeletedAndBoto3StillReadsThem() throws Exception {
        String table = MotoDynamoDb.shared().uniqueTableName("SampleEmployees");
        python(table, "create-table");
        String ada = idOf(python(table, "add", "employee_pic/3f2a9c01d4e5b6a7.png", "Ada Lovelace", "Seattle",
                "Engineer", "apple,coffee"));
        String grace = idOf(python(table, "add", "", "Grace Hopper", "Arlington", "Rear Admiral", ""));
        String alan = idOf(python(table, "add", "", "Alan Turing", "Seattle", "Researcher", "linux"));
        assertThat(python(table, "get", ada)).as("boto3 wrote badges as a list (L)")
                .contains("\"badges\": [\"apple\", \"coffee\"]").doesNotContain("version");

        try (DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(table)
                .layout(EmployeeCodec.Layout.EMPLOYEE_DIRECTORY_SAMPLE).build()) {
            store.schema().create();    // adds the two indexes to the existing table, in place

            Map<String, Employee> listed = store.stream().collect(Collectors.toMap(Employee::id, e -> e));
            assertThat(listed.keySet()).containsExactlyInAnyOrder(ada, grace, alan);
            Employee a = listed.get(ada);
            assertThat(a.fullName()).isEqualTo("Ada Lovelace");
            assertThat(a.jobTitle()).isEqualTo("Engineer");
            assertThat(a.location()).isEqualTo("Seattle");
            assertThat(a.badges()).containsExactly("apple", "coffee");
            assertThat(a.photoKey()).isEqualTo("employee_pic/3f2a9c01d4e5b6a7.png");
            assertThat(a.attributes()).isEmpty();
            assertThat(a.version()).isZero();
            assertThat(a.createdAt()).isNull();
            assertThat(listed.get(grace).badges()).isEmpty();
            assertThat(listed.get(grace).photoKey()).isNull();

            assertThat(store.find(EmployeeQuery.byLocation("Seattle"), PageRequest.first(10)).items())
                    .extracting(Employee::id).containsExactly(ada, alan);

            // update: the first library write of a version-less item is conditioned on the version being absent
            String before = python(table, "view", ada);
            Employee updated = store.update(a.toBuilder().jobTitle("Lead Engineer").build());
            assertThat(updated.version()).isEqualTo(1);
            assertThat(python(table, "view", ada)).as("the sample's read after a library update")
                    .isEqualTo(before.replace("\"Engineer\"", "\"Lead Engineer\""));
            assertThat(python(table, "get", ada)).contains("\"badges\": [\"apple\", \"coffee\"]")
                    .contains("\"version\": {\"N\": \"1\"}").contains("\"created_at\": \"");
            assertThatThrownBy(() -> store.update(a.toBuilder().jobTitle("Stale").build()))
                    .isInstanceOf(VersionConflictException.class);

            // put of another sample item: one conditional write after the first finds no version, no retry storm
            String graceBefore = python(table, "view", grace);
            long started = System.nanoTime();
            Employee put = store.put(listed.get(grace).toBuilder().location("Washington").build());
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
            assertThat(put.version()).isEqualTo(1);
            assertThat(python(table, "view", grace)).as("the sample's read after a library put")
                    .isEqualTo(graceBefore.replace("\"Arlington\"", "\"Washington\""));

            // the sample app edits an item the library wrote: the library reads it (its version unchanged, since
            // the sample writes none: such concurrent writes are not detected, as documented)
            python(table, "update", ada, "", "Ada King", "Seattle", "Lead Engineer", "apple");
            Employee afterSample = store.get(ada).orElseThrow();
            assertThat(afterSample.fullName()).isEqualTo("Ada King");
            assertThat(afterSample.badges()).containsExactly("apple");
            assertThat(afterSample.photoKey()).isEqualTo("employee_pic/3f2a9c01d4e5b6a7.png");
            assertThat(afterSample.version()).isEqualTo(1);

            // delete through the library: gone for the sample too
            assertThat(store.delete(alan)).isTrue();
            assertThat(python(table, "get", alan)).isEqualTo("null");
            assertThat(python(table, "scan")).contains(ada, grace).doesNotContain(alan);
            store.delete(grace, 1);
            assertThat(python(table, "get", grace)).isEqualTo("null");
            store.schema().drop();
        }
    }

    @Test
    void aPatchKeepsTheSampleAppsEditMadeBetweenReadAndSaveAndTheBadgesAsStored() throws Exception {
        String table = MotoDynamoDb.shared().uniqueTableName("SamplePatch");
        python(table, "create-table");
        String ada = idOf(python(table, "add", "employee_pic/ada.png", "Ada Lovelace", "Seattle", "Engineer",
                "Mentor,Leader,Coffee"));
        String grace = idOf(python(table, "add", "", "Grace Hopper", "Arlington", "Rear Admiral", ""));
        // a console edit stores Grace's badges as a text set (SS)
        client.updateItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(grace)))
                .updateExpression("SET badges = :b").expressionAttributeValues(Map.of(":b",
                        AttributeValue.fromSs(List.of("Navy", "COBOL")))));

        try (DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(table)
                .layout(EmployeeCodec.Layout.EMPLOYEE_DIRECTORY_SAMPLE).build()) {
            store.schema().create();
            Employee read = store.get(ada).orElseThrow();
            assertThat(read.version()).isZero();

            // between the library's read and its save, the Flask app's update_employee changes the photo and the
            // badges (and rewrites the other fields with the values it showed), writing no version
            python(table, "update", ada, "employee_pic/ada-2.png", "Ada Lovelace", "Seattle", "Engineer",
                    "Mentor,Leader,Coffee,Speaker");
            Employee patched = store.patch(ada, read.version(), p -> p.jobTitle("Lead Engineer"));

            String after = python(table, "get", ada);
            assertThat(after).as("both changes survive")
                    .contains("\"job_title\": \"Lead Engineer\"")
                    .contains("\"object_key\": \"employee_pic/ada-2.png\"")
                    .contains("\"badges\": [\"Mentor\", \"Leader\", \"Coffee\", \"Speaker\"]")
                    .contains("\"version\": {\"N\": \"1\"}");
            assertThat(patched.photoKey()).isEqualTo("employee_pic/ada-2.png");
            assertThat(patched.badges()).containsExactlyInAnyOrder("Mentor", "Leader", "Coffee", "Speaker");
            assertThat(store.get(ada)).contains(patched);
            assertThatThrownBy(() -> store.patch(ada, 0, p -> p.location("Stale")))
                    .isInstanceOf(VersionConflictException.class);

            // the badges keep their stored order and type through every patch that does not name them
            for (int i = 0; i < 3; i++) {
                long v = store.get(ada).orElseThrow().version();
                store.patch(ada, v, p -> p.location("Room " + v).photoKey("employee_pic/ada-" + v + ".png"));
                store.patch(grace, store.get(grace).orElseThrow().version(), p -> p.jobTitle("Title " + v)
                        .attribute("note", io.github.employeestore.AttributeValue.of("n" + v)));
                assertThat(python(table, "get", ada)).contains(
                        "\"badges\": [\"Mentor\", \"Leader\", \"Coffee\", \"Speaker\"]");
                assertThat(client.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(grace))))
                        .item().get("badges").ss()).as("a text set stays a text set").containsExactlyInAnyOrder(
                                "Navy", "COBOL");
            }
            if (store.capabilities().contains(io.github.employeestore.Capability.TRANSACTIONS)) {
                long v = store.get(ada).orElseThrow().version();
                store.transact(w -> w.patch(ada, v, io.github.employeestore.EmployeePatch.of(p -> p.jobTitle("CTO"))));
                assertThat(python(table, "get", ada)).contains("\"job_title\": \"CTO\"")
                        .contains("\"badges\": [\"Mentor\", \"Leader\", \"Coffee\", \"Speaker\"]");
            }
            // the sample's own pages still show both employees
            assertThat(python(table, "view", grace)).contains("\"full_name\": \"Grace Hopper\"");
            store.schema().drop();
        }
    }
}
