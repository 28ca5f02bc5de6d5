package io.github.employeestore.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Each rule of {@link DynamoDbRequestRules} rejects a request DynamoDB rejects, before it leaves the client (the
 * client points at a port where nothing listens, so a request the rules let through fails to connect instead).
 */
class DynamoDbRequestRulesTest {
    private static final String TABLE = "RulesProvisioned";
    private static final String ON_DEMAND = "RulesOnDemand";
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)
                        .addExecutionInterceptor(new DynamoDbRequestRules()))
                .build();
        for (String name : List.of(TABLE, ON_DEMAND)) {
            DynamoDbRequestRules.remember(TableDescription.builder().tableName(name)
                    .keySchema(key("id", KeyType.HASH))
                    .billingModeSummary(BillingModeSummary.builder().billingMode(name.equals(TABLE)
                            ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST).build())
                    .globalSecondaryIndexes(GlobalSecondaryIndexDescription.builder().indexName("by-loc")
                            .keySchema(key("location", KeyType.HASH), key("full_name", KeyType.RANGE)).build())
                    .build());
        }
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static Map<String, AttributeValue> id(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static void assertRejected(DynamoDbRequestRules.Rule rule, Executable call) {
        Throwable t = catchThrowable(call::execute);
        assertThat(t).as("rule %s", rule).isInstanceOf(DynamoDbException.class);
        DynamoDbException e = (DynamoDbException) t;
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.getMessage()).contains(rule.name()).contains(rule.documentation())
                .contains("https://docs.aws.amazon.com/amazondynamodb/");
    }

    private static void assertPassesTheRules(Executable call) {
        assertThat(catchThrowable(call::execute)).as("a valid request reaches the (absent) endpoint")
                .isInstanceOf(SdkClientException.class);
    }

    private static CreateGlobalSecondaryIndexAction.Builder index(String name) {
        return CreateGlobalSecondaryIndexAction.builder().indexName(name).keySchema(key("job", KeyType.HASH))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build());
    }

    @Test
    void aGsiAddedToAProvisionedTableNeedsProvisionedThroughput() {
        assertRejected(DynamoDbRequestRules.Rule.GSI_THROUGHPUT_ON_PROVISIONED_TABLE, () -> client.updateTable(b -> b
                .tableName(TABLE).globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                        .create(index("by-job").build()).build())));
        assertPassesTheRules(() -> client.updateTable(b -> b.tableName(TABLE).globalSecondaryIndexUpdates(
                GlobalSecondaryIndexUpdate.builder().create(index("by-job").provisionedThroughput(
                        ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build())
                        .build()).build())));
        assertPassesTheRules(() -> client.updateTable(b -> b.tableName(ON_DEMAND).globalSecondaryIndexUpdates(
                GlobalSecondaryIndexUpdate.builder().create(index("by-job").build()).build())));
    }

    @Test
    void oneIndexPerUpdateTable() {
        assertRejected(DynamoDbRequestRules.Rule.ONE_GSI_PER_UPDATE_TABLE, () -> client.updateTable(b -> b
                .tableName(ON_DEMAND).globalSecondaryIndexUpdates(
                        GlobalSecondaryIndexUpdate.builder().create(index("a").build()).build(),
                        GlobalSecondaryIndexUpdate.builder().create(index("b").build()).build())));
    }

    @Test
    void expressionAttributeNamesMustAllBeUsedAndDefined() {
        assertRejected(DynamoDbRequestRules.Rule.EXPRESSION_ATTRIBUTE_NAMES, () -> client.putItem(b -> b
                .tableName(ON_DEMAND).item(id("x")).conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", "id", "#unused", "v"))));
        assertRejected(DynamoDbRequestRules.Rule.EXPRESSION_ATTRIBUTE_NAMES, () -> client.deleteItem(b -> b
                .tableName(ON_DEMAND).key(id("x")).conditionExpression("attribute_exists(#missing)")));
        assertPassesTheRules(() -> client.putItem(b -> b.tableName(ON_DEMAND).item(id("x"))
                .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", "id"))));
    }

    @Test
    void expressionAttributeValuesMustAllBeUsedAndDefined() {
        assertRejected(DynamoDbRequestRules.Rule.EXPRESSION_ATTRIBUTE_VALUES, () -> client.updateItem(b -> b
                .tableName(ON_DEMAND).key(id("x")).updateExpression("SET #v = :v")
                .expressionAttributeNames(Map.of("#v", "v"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1"), ":extra", AttributeValue.fromN("2")))));
        assertRejected(DynamoDbRequestRules.Rule.EXPRESSION_ATTRIBUTE_VALUES, () -> client.scan(b -> b
                .tableName(ON_DEMAND).filterExpression("v = :missing")));
        assertRejected(DynamoDbRequestRules.Rule.EXPRESSION_ATTRIBUTE_VALUES, () -> client.transactWriteItems(b -> b
                .transactItems(TransactWriteItem.builder().conditionCheck(c -> c.tableName(ON_DEMAND).key(id("x"))
                        .conditionExpression("attribute_exists(id)")
                        .expressionAttributeValues(Map.of(":unused", AttributeValue.fromN("1")))).build())));
    }

    @Test
    void batchWriteLimits() {
        List<WriteRequest> many = IntStream.range(0, 26).mapToObj(i -> WriteRequest.builder()
                .putRequest(PutRequest.builder().item(id("i" + i)).build()).build()).toList();
        assertRejected(DynamoDbRequestRules.Rule.BATCH_WRITE_LIMITS, () -> client.batchWriteItem(b -> b
                .requestItems(Map.of(ON_DEMAND, many))));
        WriteRequest twice = WriteRequest.builder().putRequest(PutRequest.builder().item(id("same")).build()).build();
        assertRejected(DynamoDbRequestRules.Rule.BATCH_WRITE_LIMITS, () -> client.batchWriteItem(b -> b
                .requestItems(Map.of(ON_DEMAND, List.of(twice, twice)))));
        String big = "x".repeat(390 * 1024);
        List<WriteRequest> heavy = IntStream.range(0, 25).mapToObj(i -> WriteRequest.builder().putRequest(
                PutRequest.builder().item(Map.of("id", AttributeValue.fromS("h" + i), "a", AttributeValue.fromS(big),
                        "b", AttributeValue.fromS(big))).build()).build()).toList();
        assertRejected(DynamoDbRequestRules.Rule.BATCH_WRITE_LIMITS, () -> client.batchWriteItem(b -> b
                .requestItems(Map.of(ON_DEMAND, heavy))));
    }

    @Test
    void batchGetLimits() {
        List<Map<String, AttributeValue>> keys = IntStream.range(0, 101).mapToObj(i -> id("k" + i)).toList();
        assertRejected(DynamoDbRequestRules.Rule.BATCH_GET_LIMITS, () -> client.batchGetItem(b -> b
                .requestItems(Map.of(ON_DEMAND, KeysAndAttributes.builder().keys(keys).build()))));
        assertRejected(DynamoDbRequestRules.Rule.BATCH_GET_LIMITS, () -> client.batchGetItem(b -> b
                .requestItems(Map.of(ON_DEMAND, KeysAndAttributes.builder().keys(id("a"), id("a")).build()))));
    }

    @Test
    void transactionLimits() {
        List<TransactWriteItem> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            String k = "t" + i;
            many.add(TransactWriteItem.builder().put(p -> p.tableName(ON_DEMAND).item(id(k))).build());
        }
        assertRejected(DynamoDbRequestRules.Rule.TRANSACTION_LIMITS, () -> client.transactWriteItems(b -> b
                .transactItems(many)));
        assertRejected(DynamoDbRequestRules.Rule.TRANSACTION_LIMITS, () -> client.transactWriteItems(b -> b
                .transactItems(TransactWriteItem.builder().put(p -> p.tableName(ON_DEMAND).item(id("one"))).build(),
                        TransactWriteItem.builder().delete(d -> d.tableName(ON_DEMAND).key(id("one"))).build())));
        String big = "x".repeat(390 * 1024);
        List<TransactWriteItem> heavy = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String k = "b" + i;
            heavy.add(TransactWriteItem.builder().put(p -> p.tableName(ON_DEMAND).item(Map.of("id",
                    AttributeValue.fromS(k), "a", AttributeValue.fromS(big)))).build());
        }
        assertRejected(DynamoDbRequestRules.Rule.TRANSACTION_LIMITS, () -> client.transactWriteItems(b -> b
                .transactItems(heavy)));
    }

    @Test
    void keyAttributeSizes() {
        assertRejected(DynamoDbRequestRules.Rule.KEY_ATTRIBUTE_SIZE, () -> client.getItem(b -> b.tableName(ON_DEMAND)
                .key(id("k".repeat(2049)))));
        assertRejected(DynamoDbRequestRules.Rule.KEY_ATTRIBUTE_SIZE, () -> client.putItem(b -> b.tableName(ON_DEMAND)
                .item(Map.of("id", AttributeValue.fromS("ok"), "location", AttributeValue.fromS("l"),
                        "full_name", AttributeValue.fromS("n".repeat(1025))))));
        assertRejected(DynamoDbRequestRules.Rule.KEY_ATTRIBUTE_SIZE, () -> client.updateItem(b -> b
                .tableName(ON_DEMAND).key(id("ok")).updateExpression("SET #l = :l")
                .expressionAttributeNames(Map.of("#l", "location"))
                .expressionAttributeValues(Map.of(":l", AttributeValue.fromS("\u00e9".repeat(1025))))));
        assertPassesTheRules(() -> client.putItem(b -> b.tableName(ON_DEMAND).item(Map.of("id",
                AttributeValue.fromS("k".repeat(2048)), "full_name", AttributeValue.fromS("n".repeat(1024))))));
    }

    @Test
    void limitIsAtLeastOne() {
        assertRejected(DynamoDbRequestRules.Rule.LIMIT_AT_LEAST_ONE, () -> client.query(b -> b.tableName(ON_DEMAND)
                .keyConditionExpression("id = :id").expressionAttributeValues(Map.of(":id", AttributeValue.fromS("a")))
                .limit(0)));
        assertRejected(DynamoDbRequestRules.Rule.LIMIT_AT_LEAST_ONE, () -> client.scan(b -> b.tableName(ON_DEMAND)
                .limit(-1)));
    }
}
