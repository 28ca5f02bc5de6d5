package io.github.employeestore.dynamodb;

import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schema().create()} on a table made in the console with its default settings (provisioned mode, 5/5):
 * DynamoDB requires {@code ProvisionedThroughput} for each index added to such a table, which moto does not check;
 * the request-rules interceptor of the test support does, so these tests fail without it.
 */
@MotoTest
class ProvisionedTableSchemaTest {
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        client = MotoDynamoDb.shared().client();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static String table(String prefix, Consumer<software.amazon.awssdk.services.dynamodb.model
            .CreateTableRequest.Builder> mode) {
        String name = MotoDynamoDb.shared().uniqueTableName(prefix);
        client.createTable(b -> {
            b.tableName(name).keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                            .attributeType(ScalarAttributeType.S).build());
            mode.accept(b);
        });
        client.waiter().waitUntilTableExists(b -> b.tableName(name));
        return name;
    }

    private static List<GlobalSecondaryIndexDescription> indexes(String table) {
        TableDescription d = client.describeTable(b -> b.tableName(table)).table();
        return d.globalSecondaryIndexes();
    }

    @Test
    void indexesOfAProvisionedTableGetTheTablesOwnCapacity() {
        String name = table("Provisioned", b -> b.provisionedThroughput(p -> p.readCapacityUnits(5L)
                .writeCapacityUnits(5L)));
        try (DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(name).build()) {
            store.schema().create();
            assertThat(indexes(name)).hasSize(2).allSatisfy(g -> {
                assertThat(g.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
                assertThat(g.provisionedThroughput().writeCapacityUnits()).isEqualTo(5L);
            });
            store.schema().create();    // idempotent
            store.schema().drop();
        }
    }

    @Test
    void indexesOfAProvisionedTableGetTheConfiguredCapacity() {
        String name = table("ProvisionedOption", b -> b.billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(4L)));
        try (DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(name)
                .indexCapacity(2, 3).build()) {
            store.schema().create();
            assertThat(indexes(name)).hasSize(2).allSatisfy(g -> {
                assertThat(g.provisionedThroughput().readCapacityUnits()).isEqualTo(2L);
                assertThat(g.provisionedThroughput().writeCapacityUnits()).isEqualTo(3L);
            });
            store.schema().drop();
        }
    }

    @Test
    void indexesOfAnOnDemandTableGetNoCapacity() {
        String name = table("OnDemand", b -> b.billingMode(BillingMode.PAY_PER_REQUEST));
        try (DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(name)
                .indexCapacity(2, 3).build()) {
            store.schema().create();
            assertThat(indexes(name)).hasSize(2).allSatisfy(g -> assertThat(g.provisionedThroughput() == null
                    || g.provisionedThroughput().readCapacityUnits() == null
                    || g.provisionedThroughput().readCapacityUnits() == 0L).isTrue());
            store.schema().drop();
        }
    }
}
