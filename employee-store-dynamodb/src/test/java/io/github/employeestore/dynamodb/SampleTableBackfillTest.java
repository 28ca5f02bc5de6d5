package io.github.employeestore.dynamodb;

import io.github.employeestore.BackfillProgress;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SearchIndexNotReadyException;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.spi.NameFolding;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import io.github.employeestore.testsupport.SampleFlaskApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The search index on the seed's table: made as by hand in the console (key {@code id} only, provisioned 5/5) and
 * filled with the Flask sample's items by boto3 (the sample's own code) and by raw items of the same shape; the
 * library adopts it with the sample layout. {@code schema().create()} adds the index table (provisioned, as the
 * table), searches answer {@link SearchIndexNotReadyException} until the backfill completes, an interrupted backfill
 * resumes from its checkpoint with progress, and then every employee — the sample's and the library's — is found.
 */
@MotoTest
class SampleTableBackfillTest {
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

    @Test
    void backfillOfTheSampleTableIsResumableAndThenEverySearchAnswers() {
        String table = MotoDynamoDb.shared().uniqueTableName("SeedEmployees");
        SampleFlaskApp.run(table, "create-table");
        String ada = SampleFlaskApp.idOf(SampleFlaskApp.run(table, "add", "employee_pic/a.png", "Ada Lovelace",
                "Seattle", "Engineer", "apple,coffee"));
        String zoe = SampleFlaskApp.idOf(SampleFlaskApp.run(table, "add", "", "Zoë Öztürk", "Berlin", "Researcher",
                ""));
        String[] given = {"Mary", "James", "Grace", "Linus", "Maria", "Émile"};
        String[] family = {"Smith", "Hopper", "Müller", "Ng", "Martínez", "O'Brien", "Turing"};
        for (int i = 0; i < 230; i++) {
            // the shape the sample's add writes: uuid id, full_name, job_title, location, badges as a list
            Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS(UUID.randomUUID().toString()),
                    "full_name", AttributeValue.fromS(given[i % given.length] + " " + family[i % family.length]),
                    "job_title", AttributeValue.fromS(i % 2 == 0 ? "Engineer" : "Manager"),
                    "location", AttributeValue.fromS(i % 3 == 0 ? "Seattle" : "Berlin"),
                    "badges", AttributeValue.fromL(List.of(AttributeValue.fromS("b" + i))));
            client.putItem(b -> b.tableName(table).item(item));
        }
        client.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("no-name"),
                "location", AttributeValue.fromS("Nowhere"))));

        try (DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(table)
                .layout(EmployeeCodec.Layout.EMPLOYEE_DIRECTORY_SAMPLE).build()) {
            store.schema().create();
            TableDescription index = client.describeTable(b -> b.tableName(table + NameIndexKeys.TABLE_SUFFIX))
                    .table();
            assertThat(index.billingModeSummary() == null ? BillingMode.PROVISIONED
                    : index.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
            assertThat(index.provisionedThroughput().readCapacityUnits()).isEqualTo(5);

            assertThatThrownBy(() -> store.find(EmployeeQuery.byName("ada"), PageRequest.first(5)))
                    .isInstanceOf(SearchIndexNotReadyException.class).hasMessageContaining("backfillSearchIndex");
            assertThatThrownBy(() -> store.listByName(PageRequest.first(5)))
                    .isInstanceOf(SearchIndexNotReadyException.class);

            // library writes while the index is not ready index themselves
            Employee lib = store.create(Employee.builder().id("lib").fullName("Ada Byron").location("London")
                    .build());

            // a first run interrupted after its first page leaves its checkpoint
            List<BackfillProgress> first = new ArrayList<>();
            assertThatThrownBy(() -> store.schema().backfillSearchIndex(p -> {
                first.add(p);
                throw new IllegalStateException("interrupted");
            })).hasMessage("interrupted");
            assertThat(first).singleElement().satisfies(p -> {
                assertThat(p.examined()).isEqualTo(100);
                assertThat(p.done()).isFalse();
            });
            assertThatThrownBy(() -> store.listByName(PageRequest.first(5)))
                    .isInstanceOf(SearchIndexNotReadyException.class);

            List<BackfillProgress> second = new ArrayList<>();
            BackfillProgress done = store.schema().backfillSearchIndex(second::add);
            second.forEach(p -> System.out.println("backfill progress: " + p));
            assertThat(done.done()).isTrue();
            assertThat(second).last().isEqualTo(done);
            assertThat(second).hasSizeGreaterThanOrEqualTo(2);
            long total = 2 + 230 + 1 + 1;
            assertThat(done.examined()).as("resumed after the first run's 100").isEqualTo(total - 100);
            assertThat(done.skipped()).as("the item without a full name").isEqualTo(1);
            assertThat(done.indexed()).isLessThanOrEqualTo(done.examined() - done.skipped());

            List<Employee> everyone = new ArrayList<>();
            Page<Employee> page = store.listByName(PageRequest.first(50));
            everyone.addAll(page.items());
            while (page.hasNext()) {
                page = store.listByName(PageRequest.after(page.nextCursor().orElseThrow(), 50));
                everyone.addAll(page.items());
            }
            assertThat(everyone).extracting(Employee::id).containsExactlyElementsOf(store.stream()
                    .filter(e -> e.fullName() != null).sorted(NameFolding.ORDER).map(Employee::id).toList());
            assertThat(everyone).hasSize((int) total - 1);
            assertThat(store.find(EmployeeQuery.byName("ada"), PageRequest.first(5)).items())
                    .extracting(Employee::id).containsExactlyInAnyOrder(ada, lib.id());
            assertThat(store.find(EmployeeQuery.byName("OZT zoe"), PageRequest.first(5)).items())
                    .extracting(Employee::id).containsExactly(zoe);
            assertThat(store.find(EmployeeQuery.builder().name("mar").location("Seattle").build(),
                    PageRequest.first(100)).items()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.location()).isEqualTo("Seattle"));
            assertThat(store.count()).as("the table's own scan sees no index item").isEqualTo(total);
            assertThat(SampleFlaskApp.run(table, "view", ada)).contains("Ada Lovelace");

            // a later run examines everything again and finds nothing to index; another store answers at once
            assertThat(store.schema().backfillSearchIndex(p -> { })).isEqualTo(new BackfillProgress(total, 0, 1,
                    true));
            try (DynamoDbEmployeeStore other = DynamoDbEmployeeStore.builder().client(client).tableName(table)
                    .layout(EmployeeCodec.Layout.EMPLOYEE_DIRECTORY_SAMPLE).build()) {
                assertThat(other.find(EmployeeQuery.byName("zoë"), PageRequest.first(5)).items())
                        .extracting(Employee::id).containsExactly(zoe);
            }
        } finally {
            try (DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(table)
                    .build()) {
                store.schema().drop();
            }
        }
    }
}
