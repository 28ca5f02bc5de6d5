package io.github.employeestore.dynamodb;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.PageRequest;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.spi.Timestamps;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the TCK cannot see: the item layout in the table, the schema, the URL provider, client ownership and the
 * translation of SDK errors, against a moto server.
 */
@MotoTest
class DynamoDbEmployeeStoreTest {
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        client = MotoDynamoDb.shared().client();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static DynamoDbEmployeeStore newStore(String table) {
        DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(table).build();
        store.schema().create();
        return store;
    }

    @Test
    @DisplayName("the item layout: core fields in snake_case, badges a string set, attributes top-level, exact numbers")
    void itemLayout() {
        String table = MotoDynamoDb.shared().uniqueTableName("layout");
        try (DynamoDbEmployeeStore store = newStore(table)) {
            BigDecimal exact = new BigDecimal("12345678901234567890123456789012345678");
            Employee e = store.create(Employee.builder().id("a").fullName("Ann").jobTitle("Pilot")
                    .badges(List.of("b", "a"))
                    .photoKey("p/a.jpg")
                    .attribute("size", AttributeValue.of(exact))
                    .attribute("name", AttributeValue.of("reserved word"))
                    .attribute("tiny", AttributeValue.number("-1.5E-129"))
                    .attribute("huge", AttributeValue.number("9.99E+125"))
                    .attribute("flags", AttributeValue.ofList(AttributeValue.of(true), AttributeValue.of(
                            Map.of("k", AttributeValue.of(1)))))
                    .build());
            var item = client.getItem(b -> b.tableName(table).key(Map.of("id",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("a")))).item();
            assertThat(item).containsOnlyKeys("id", "full_name", "job_title", "badges", "photo_key", "version",
                    "created_at", "updated_at", "size", "name", "tiny", "huge", "flags");
            assertThat(item.get("badges").ss()).containsExactlyInAnyOrder("a", "b");
            assertThat(item.get("version").n()).isEqualTo("1");
            assertThat(item.get("created_at").s()).isEqualTo(Timestamps.format(e.createdAt())).hasSize(24);
            assertThat(new BigDecimal(item.get("size").n())).isEqualByComparingTo(exact);
            assertThat(item.get("name").s()).isEqualTo("reserved word");
            assertThat(item.get("flags").l().get(1).m().get("k").n()).isEqualTo("1");
            assertThat(store.get("a")).contains(e);

            Employee noBadges = store.update(e.toBuilder().badges(List.of()).jobTitle(null)
                    .removeAttribute("size").build());
            var after = client.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of("id",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("a")))).item();
            assertThat(after).doesNotContainKeys("badges", "job_title", "size");
            assertThat(store.get("a")).contains(noBadges);
            store.schema().drop();
        }
    }

    @Test
    @DisplayName("schema: create is idempotent, makes or adds both indexes; a table with the wrong key is named as such")
    void schema() {
        String table = MotoDynamoDb.shared().uniqueTableName("schema");
        try (DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(table).build()) {
            assertThat(store.schema().exists()).isFalse();
            assertThatThrownBy(() -> store.get("x")).isInstanceOf(StoreConfigurationException.class)
                    .hasMessageContaining(table).hasCauseInstanceOf(
                            software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class);
            store.schema().create();
            store.schema().create();
            assertThat(store.schema().exists()).isTrue();
            var description = client.describeTable(b -> b.tableName(table)).table();
            assertThat(description.globalSecondaryIndexes()).extracting(g -> g.indexName())
                    .containsExactlyInAnyOrder("location-full_name-index", "job_title-full_name-index");
            store.schema().drop();
            store.schema().drop();
            assertThat(store.schema().exists()).isFalse();
        }

        String wrong = MotoDynamoDb.shared().uniqueTableName("wrongkey");
        client.createTable(b -> b.tableName(wrong).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        try (DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(wrong).build()) {
            assertThatThrownBy(() -> store.schema().create()).isInstanceOf(StoreConfigurationException.class)
                    .hasMessageContaining("wrong key schema").hasMessageContaining("pk");
        } finally {
            client.deleteTable(b -> b.tableName(wrong));
        }

        String noIndexes = MotoDynamoDb.shared().uniqueTableName("noindexes");
        client.createTable(b -> b.tableName(noIndexes).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
        try (DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(noIndexes)
                .build()) {
            assertThatThrownBy(() -> store.find(EmployeeQuery.byLocation("Oslo"), PageRequest.first(10)))
                    .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("index");
            store.create(Employee.builder().id("k").fullName("Kari").location("Oslo").build());
            store.schema().create();
            assertThat(client.describeTable(b -> b.tableName(noIndexes)).table().globalSecondaryIndexes())
                    .hasSize(2);
            assertThat(store.find(EmployeeQuery.byLocation("Oslo"), PageRequest.first(10)).items())
                    .extracting(Employee::id).containsExactly("k");
        } finally {
            client.deleteTable(b -> b.tableName(noIndexes));
        }
    }

    @Test
    @DisplayName("a URL opens a store that owns its client; unknown options and bad table names are rejected")
    void provider() {
        String table = MotoDynamoDb.shared().uniqueTableName("url");
        String url = "dynamodb:" + table + "?region=us-east-1&endpoint=" + MotoDynamoDb.shared().endpoint();
        EmployeeStore opened = EmployeeStores.open(url);
        try (EmployeeStore store = opened) {
            assertThat(store).isInstanceOf(DynamoDbEmployeeStore.class);
            assertThat(store.description()).contains(table);
            store.schema().create();
            store.create(Employee.builder().id("u").fullName("Una").build());
            assertThat(store.count()).isEqualTo(1);
            store.schema().drop();
        }
        assertThat(((DynamoDbEmployeeStore) opened).ownsClient()).as("a URL-built store owns its client").isTrue();
        try (EmployeeStore store = EmployeeStores.open("dynamodb:Employees", StoreOptions.builder()
                .option("endpoint", MotoDynamoDb.shared().endpoint().toString()).option("region", "eu-west-1")
                .option("table", table).build())) {
            assertThat(store.description()).contains(table);
        }
        assertThatThrownBy(() -> EmployeeStores.open("dynamodb:Employees?regoin=us-east-1"))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("regoin");
        assertThatThrownBy(() -> EmployeeStores.open("dynamodb:bad%20name?region=us-east-1"))
                .isInstanceOf(StoreConfigurationException.class);
        assertThatThrownBy(() -> EmployeeStores.open("dynamodb:x?region=us-east-1&endpoint=not a uri"))
                .isInstanceOf(StoreConfigurationException.class);
    }

    @Test
    @DisplayName("the profile option takes credentials from that profile; an unknown profile is a configuration error")
    void profileOption(@TempDir Path dir) throws Exception {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "[tck]\naws_access_key_id = profileKey\naws_secret_access_key = secret\n");
        String previous = System.getProperty("aws.sharedCredentialsFile");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try {
            String table = MotoDynamoDb.shared().uniqueTableName("profile");
            String base = "dynamodb:" + table + "?region=us-east-1&endpoint=" + MotoDynamoDb.shared().endpoint();
            try (EmployeeStore store = EmployeeStores.open(base + "&profile=tck")) {
                store.schema().create();
                assertThat(store.count()).isZero();
                store.schema().drop();
            }
            try (EmployeeStore store = EmployeeStores.open(base + "&profile=no_such_profile")) {
                assertThatThrownBy(store::count).isInstanceOf(StoreConfigurationException.class);
            }
        } finally {
            if (previous == null) {
                System.clearProperty("aws.sharedCredentialsFile");
            } else {
                System.setProperty("aws.sharedCredentialsFile", previous);
            }
        }
    }

    @Test
    @DisplayName("a store never closes a client it was given, and works from an Enhanced Client alone")
    void clientOwnership() {
        String table = MotoDynamoDb.shared().uniqueTableName("owner");
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().enhancedClient(enhanced).tableName(table)
                .build();
        store.schema().create();
        store.create(Employee.builder().id("o").fullName("Otto").build());
        assertThat(store.ownsClient()).isFalse();
        store.close();
        store.close();
        assertThat(client.describeTable(b -> b.tableName(table)).table().itemCount()).isNotNull();
        try (DynamoDbEmployeeStore again = DynamoDbEmployeeStore.builder().client(client).tableName(table).build()) {
            assertThat(again.get("o")).isPresent();
            again.schema().drop();
        }
    }

    @Test
    @DisplayName("an unreachable endpoint is StoreUnavailableException with the SDK exception as cause")
    void unreachable() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (DynamoDbClient dead = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofMillis(500)).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(5)).build())
                .build();
             DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(dead).tableName("Employees")
                     .build()) {
            assertThatThrownBy(() -> store.get("a")).isInstanceOf(StoreUnavailableException.class)
                    .hasCauseInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class)
                    .satisfies(e -> assertThat(((StoreUnavailableException) e).isRetryable()).isTrue());
        }
    }

    @Test
    @DisplayName("the builder rejects a missing client and a table name DynamoDB would refuse")
    void builderValidation() {
        assertThatThrownBy(() -> DynamoDbEmployeeStore.builder().tableName("Employees").build())
                .isInstanceOf(StoreConfigurationException.class);
        assertThatThrownBy(() -> DynamoDbEmployeeStore.builder().client(client).tableName("a b").build())
                .isInstanceOf(StoreConfigurationException.class);
        assertThatThrownBy(() -> DynamoDbEmployeeStore.builder().client(client).tableName("ab").build())
                .isInstanceOf(StoreConfigurationException.class);
    }

    @Test
    @DisplayName("drop() returns once its table is deleted, although a create() at the same time made a new table of "
            + "the same name (it waited for that table to go, up to the schema timeout)")
    void dropEndsWhenTheTableIsCreatedAgain() {
        String table = MotoDynamoDb.shared().uniqueTableName("redrop");
        try (DynamoDbEmployeeStore other = newStore(table)) {
            AtomicBoolean recreated = new AtomicBoolean();
            ExecutionInterceptor createAfterDelete = new ExecutionInterceptor() {
                @Override
                public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                    if (context.request() instanceof DeleteTableRequest && recreated.compareAndSet(false, true)) {
                        other.schema().create();
                    }
                }
            };
            try (DynamoDbClient deleting = MotoDynamoDb.shared().client(createAfterDelete);
                 DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(deleting).tableName(table)
                         .schemaTimeout(Duration.ofSeconds(5)).build()) {
                long started = System.nanoTime();
                store.schema().drop();
                assertThat(recreated).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                assertThat(other.schema().exists()).as("the table created after the drop").isTrue();
            }
            other.schema().drop();
        }
    }
}
