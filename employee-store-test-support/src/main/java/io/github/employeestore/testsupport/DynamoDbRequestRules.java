package io.github.employeestore.testsupport;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SDK interceptor that rejects, as DynamoDB does, requests that moto lets through: moto is the transport of the
 * tests, not the judge of what DynamoDB accepts. Every DynamoDB test JVM registers it for every
 * {@code DynamoDbClient} through the SDK's classpath file
 * {@code software/amazon/awssdk/services/dynamodb/execution.interceptors} in the test resources of the modules that
 * talk to DynamoDB (never in a published artifact). A rejected request throws a {@link DynamoDbException} with
 * status 400 and error code {@code ValidationException}, as DynamoDB answers, whose message names the rule
 * ({@link Rule}) and the documentation page it comes from.
 *
 * <p>Rules that depend on the table (its billing mode, its key attributes) use what the interceptor has seen of it in
 * {@code CreateTable} and {@code DescribeTable} responses; a table it has not seen is not checked by them.
 *
 * <p>Thread-safe; what it learns of tables is shared by every client of the JVM.
 */
public final class DynamoDbRequestRules implements ExecutionInterceptor {
    /** The rules, each with the page of the DynamoDB documentation it comes from. */
    public enum Rule {
        /** A GSI added to a provisioned table needs {@code ProvisionedThroughput}. */
        GSI_THROUGHPUT_ON_PROVISIONED_TABLE("https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/"
                + "API_CreateGlobalSecondaryIndexAction.html"),
        /** One index created or deleted per {@code UpdateTable}. */
        ONE_GSI_PER_UPDATE_TABLE("https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html"),
        /** Every expression attribute name given is used, and every one used is given. */
        EXPRESSION_ATTRIBUTE_NAMES("https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                + "Expressions.ExpressionAttributeNames.html"),
        /** Every expression attribute value given is used, and every one used is given. */
        EXPRESSION_ATTRIBUTE_VALUES("https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                + "Expressions.ExpressionAttributeValues.html"),
        /** At most 25 put or delete requests in a {@code BatchWriteItem}, 16 MB in all, no key twice. */
        BATCH_WRITE_LIMITS("https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html"),
        /** At most 100 keys in a {@code BatchGetItem}, no key twice. */
        BATCH_GET_LIMITS("https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html"),
        /** At most 100 actions in a transaction, 4 MB in all, one action per item. */
        TRANSACTION_LIMITS("https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/"
                + "API_TransactWriteItems.html"),
        /** A partition key value of 1 to 2,048 bytes, a sort key value of 1 to 1,024 bytes, for GSI keys too. */
        KEY_ATTRIBUTE_SIZE("https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                + "ServiceQuotas.html#limits-partition-sort-keys"),
        /** {@code Limit} of a {@code Query} or {@code Scan} is at least 1. */
        LIMIT_AT_LEAST_ONE("https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html");

        private final String documentation;

        Rule(String documentation) {
            this.documentation = documentation;
        }

        /** @return the documentation page the rule comes from */
        public String documentation() {
            return documentation;
        }
    }

    private static final Pattern NAME = Pattern.compile("#[A-Za-z0-9_]+");
    private static final Pattern VALUE = Pattern.compile(":[A-Za-z0-9_]+");
    private static final Pattern ASSIGNMENT = Pattern.compile("(#?[A-Za-z0-9_]+)\\s*=\\s*(:[A-Za-z0-9_]+)");
    private static final int MAX_BATCH_WRITE = 25;
    private static final int MAX_BATCH_GET = 100;
    private static final int MAX_TRANSACTION = 100;
    private static final long MAX_BATCH_WRITE_BYTES = 16L * 1024 * 1024;
    private static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;
    private static final Map<String, TableDescription> TABLES = new ConcurrentHashMap<>();

    /** Called by the SDK (the classpath file) or a client's override configuration. */
    public DynamoDbRequestRules() {
    }

    /**
     * Remembers a table's description, as the interceptor does from the responses it sees.
     *
     * @param table the table's description
     */
    public static void remember(TableDescription table) {
        if (table != null && table.tableName() != null) {
            TABLES.put(table.tableName(), table);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        check(context.request());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        if (response instanceof DescribeTableResponse d) {
            remember(d.table());
        } else if (response instanceof CreateTableResponse c) {
            remember(c.tableDescription());
        }
    }

    /**
     * Checks one request against every rule.
     *
     * @param request the request
     * @throws DynamoDbException a {@code ValidationException} naming the rule broken
     */
    public static void check(SdkRequest request) {
        if (request instanceof UpdateTableRequest u) {
            updateTable(u);
        } else if (request instanceof PutItemRequest p) {
            expressions(p.expressionAttributeNames(), p.hasExpressionAttributeNames(), p.expressionAttributeValues(),
                    p.hasExpressionAttributeValues(), p.conditionExpression());
            keySizes(p.tableName(), p.item(), true);
        } else if (request instanceof UpdateItemRequest u) {
            expressions(u.expressionAttributeNames(), u.hasExpressionAttributeNames(), u.expressionAttributeValues(),
                    u.hasExpressionAttributeValues(), u.updateExpression(), u.conditionExpression());
            keySizes(u.tableName(), u.key(), false);
            assignedKeySizes(u);
        } else if (request instanceof DeleteItemRequest d) {
            expressions(d.expressionAttributeNames(), d.hasExpressionAttributeNames(), d.expressionAttributeValues(),
                    d.hasExpressionAttributeValues(), d.conditionExpression());
            keySizes(d.tableName(), d.key(), false);
        } else if (request instanceof GetItemRequest g) {
            expressions(g.expressionAttributeNames(), g.hasExpressionAttributeNames(), Map.of(), false,
                    g.projectionExpression());
            keySizes(g.tableName(), g.key(), false);
        } else if (request instanceof QueryRequest q) {
            limit(q.limit());
            expressions(q.expressionAttributeNames(), q.hasExpressionAttributeNames(), q.expressionAttributeValues(),
                    q.hasExpressionAttributeValues(), q.keyConditionExpression(), q.filterExpression(),
                    q.projectionExpression());
        } else if (request instanceof ScanRequest s) {
            limit(s.limit());
            expressions(s.expressionAttributeNames(), s.hasExpressionAttributeNames(), s.expressionAttributeValues(),
                    s.hasExpressionAttributeValues(), s.filterExpression(), s.projectionExpression());
        } else if (request instanceof BatchWriteItemRequest b) {
            batchWrite(b);
        } else if (request instanceof BatchGetItemRequest b) {
            batchGet(b);
        } else if (request instanceof TransactWriteItemsRequest t) {
            transactWrite(t);
        } else if (request instanceof TransactGetItemsRequest t) {
            if (t.transactItems().size() > MAX_TRANSACTION) {
                reject(Rule.TRANSACTION_LIMITS, t.transactItems().size() + " items in TransactGetItems; at most "
                        + MAX_TRANSACTION);
            }
        }
    }

    private static void updateTable(UpdateTableRequest u) {
        List<GlobalSecondaryIndexUpdate> updates = u.globalSecondaryIndexUpdates();
        long changes = updates.stream().filter(g -> g.create() != null || g.delete() != null).count();
        if (changes > 1) {
            reject(Rule.ONE_GSI_PER_UPDATE_TABLE, changes + " indexes created or deleted in one UpdateTable");
        }
        TableDescription table = TABLES.get(u.tableName());
        BillingMode mode = u.billingMode() != null ? u.billingMode() : table == null ? null : billingMode(table);
        for (GlobalSecondaryIndexUpdate g : updates) {
            if (g.create() != null && mode == BillingMode.PROVISIONED && g.create().provisionedThroughput() == null) {
                reject(Rule.GSI_THROUGHPUT_ON_PROVISIONED_TABLE, "index " + g.create().indexName() + " is added to "
                        + "provisioned table " + u.tableName() + " without ProvisionedThroughput");
            }
        }
    }

    /** @return the table's billing mode as DynamoDB applies it (a table created without one is provisioned) */
    static BillingMode billingMode(TableDescription t) {
        if (t.billingModeSummary() != null && t.billingModeSummary().billingMode() != null) {
            return t.billingModeSummary().billingMode();
        }
        boolean provisioned = t.provisionedThroughput() != null && t.provisionedThroughput().readCapacityUnits() != null
                && t.provisionedThroughput().readCapacityUnits() > 0;
        return provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST;
    }

    private static void expressions(Map<String, String> names, boolean hasNames, Map<String, AttributeValue> values,
                                    boolean hasValues, String... expressions) {
        Set<String> usedNames = new HashSet<>();
        Set<String> usedValues = new HashSet<>();
        for (String e : expressions) {
            if (e == null) {
                continue;
            }
            Matcher n = NAME.matcher(e);
            while (n.find()) {
                usedNames.add(n.group());
            }
            Matcher v = VALUE.matcher(e);
            while (v.find()) {
                usedValues.add(v.group());
            }
        }
        if (hasNames && names.isEmpty()) {
            reject(Rule.EXPRESSION_ATTRIBUTE_NAMES, "ExpressionAttributeNames must not be empty");
        }
        if (hasValues && values.isEmpty()) {
            reject(Rule.EXPRESSION_ATTRIBUTE_VALUES, "ExpressionAttributeValues must not be empty");
        }
        compare(Rule.EXPRESSION_ATTRIBUTE_NAMES, names.keySet(), usedNames);
        compare(Rule.EXPRESSION_ATTRIBUTE_VALUES, values.keySet(), usedValues);
    }

    private static void compare(Rule rule, Set<String> given, Set<String> used) {
        for (String g : given) {
            if (!used.contains(g)) {
                reject(rule, "Value provided in " + (rule == Rule.EXPRESSION_ATTRIBUTE_NAMES
                        ? "ExpressionAttributeNames" : "ExpressionAttributeValues") + " unused in expressions: " + g);
            }
        }
        for (String u : used) {
            if (!given.contains(u)) {
                reject(rule, "An expression attribute " + (rule == Rule.EXPRESSION_ATTRIBUTE_NAMES ? "name"
                        : "value") + " used in an expression is not defined: " + u);
            }
        }
    }

    private static void limit(Integer limit) {
        if (limit != null && limit < 1) {
            reject(Rule.LIMIT_AT_LEAST_ONE, "Limit must be at least 1, was " + limit);
        }
    }

    private static void batchWrite(BatchWriteItemRequest b) {
        int count = b.requestItems().values().stream().mapToInt(List::size).sum();
        if (count > MAX_BATCH_WRITE) {
            reject(Rule.BATCH_WRITE_LIMITS, count + " requests in BatchWriteItem; at most " + MAX_BATCH_WRITE);
        }
        long bytes = 0;
        for (Map.Entry<String, List<WriteRequest>> table : b.requestItems().entrySet()) {
            Set<Map<String, AttributeValue>> keys = new HashSet<>();
            for (WriteRequest w : table.getValue()) {
                Map<String, AttributeValue> item = w.putRequest() != null ? w.putRequest().item()
                        : w.deleteRequest().key();
                bytes += itemBytes(item);
                keySizes(table.getKey(), item, w.putRequest() != null);
                if (!keys.add(primaryKey(table.getKey(), item))) {
                    reject(Rule.BATCH_WRITE_LIMITS, "Provided list of item keys contains duplicates");
                }
            }
        }
        if (bytes > MAX_BATCH_WRITE_BYTES) {
            reject(Rule.BATCH_WRITE_LIMITS, "BatchWriteItem of " + bytes + " bytes; at most 16 MB");
        }
    }

    private static void batchGet(BatchGetItemRequest b) {
        int count = b.requestItems().values().stream().mapToInt(k -> k.keys().size()).sum();
        if (count > MAX_BATCH_GET) {
            reject(Rule.BATCH_GET_LIMITS, count + " keys in BatchGetItem; at most " + MAX_BATCH_GET);
        }
        for (Map.Entry<String, KeysAndAttributes> table : b.requestItems().entrySet()) {
            KeysAndAttributes k = table.getValue();
            expressions(k.expressionAttributeNames(), k.hasExpressionAttributeNames(), Map.of(), false,
                    k.projectionExpression());
            if (new HashSet<>(k.keys()).size() != k.keys().size()) {
                reject(Rule.BATCH_GET_LIMITS, "Provided list of item keys contains duplicates");
            }
            k.keys().forEach(key -> keySizes(table.getKey(), key, false));
        }
    }

    private static void transactWrite(TransactWriteItemsRequest t) {
        List<TransactWriteItem> items = t.transactItems();
        if (items.size() > MAX_TRANSACTION) {
            reject(Rule.TRANSACTION_LIMITS, items.size() + " actions in TransactWriteItems; at most " + MAX_TRANSACTION);
        }
        Set<String> targets = new HashSet<>();
        long bytes = 0;
        for (TransactWriteItem i : items) {
            String table;
            Map<String, AttributeValue> key;
            if (i.put() != null) {
                table = i.put().tableName();
                key = primaryKey(table, i.put().item());
                bytes += itemBytes(i.put().item());
                expressions(i.put().expressionAttributeNames(), i.put().hasExpressionAttributeNames(),
                        i.put().expressionAttributeValues(), i.put().hasExpressionAttributeValues(),
                        i.put().conditionExpression());
                keySizes(table, i.put().item(), true);
            } else if (i.update() != null) {
                table = i.update().tableName();
                key = primaryKey(table, i.update().key());
                bytes += itemBytes(key) + i.update().expressionAttributeValues().values().stream()
                        .mapToLong(DynamoDbRequestRules::valueBytes).sum();
                expressions(i.update().expressionAttributeNames(), i.update().hasExpressionAttributeNames(),
                        i.update().expressionAttributeValues(), i.update().hasExpressionAttributeValues(),
                        i.update().updateExpression(), i.update().conditionExpression());
            } else if (i.delete() != null) {
                table = i.delete().tableName();
                key = primaryKey(table, i.delete().key());
                bytes += itemBytes(key);
                expressions(i.delete().expressionAttributeNames(), i.delete().hasExpressionAttributeNames(),
                        i.delete().expressionAttributeValues(), i.delete().hasExpressionAttributeValues(),
                        i.delete().conditionExpression());
            } else {
                table = i.conditionCheck().tableName();
                key = primaryKey(table, i.conditionCheck().key());
                bytes += itemBytes(key);
                expressions(i.conditionCheck().expressionAttributeNames(),
                        i.conditionCheck().hasExpressionAttributeNames(),
                        i.conditionCheck().expressionAttributeValues(),
                        i.conditionCheck().hasExpressionAttributeValues(), i.conditionCheck().conditionExpression());
            }
            if (!targets.add(table + "\u0000" + key)) {
                reject(Rule.TRANSACTION_LIMITS, "Transaction request cannot include multiple operations on one item");
            }
        }
        if (bytes > MAX_TRANSACTION_BYTES) {
            reject(Rule.TRANSACTION_LIMITS, "TransactWriteItems of " + bytes + " bytes; at most 4 MB");
        }
    }

    /** The item's primary key attributes, by the table's key schema when known (else the whole map). */
    private static Map<String, AttributeValue> primaryKey(String table, Map<String, AttributeValue> item) {
        TableDescription t = TABLES.get(table);
        if (t == null) {
            return item;
        }
        Map<String, AttributeValue> key = new java.util.TreeMap<>();
        t.keySchema().forEach(k -> key.put(k.attributeName(), item.get(k.attributeName())));
        return key;
    }

    /** Checks the sizes of the table's key attributes (and, for a whole item, of its index keys) in the map. */
    private static void keySizes(String table, Map<String, AttributeValue> item, boolean wholeItem) {
        TableDescription t = TABLES.get(table);
        if (t == null) {
            return;
        }
        List<List<KeySchemaElement>> schemas = new ArrayList<>();
        schemas.add(t.keySchema());
        if (wholeItem) {
            t.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::keySchema).forEach(schemas::add);
        }
        for (List<KeySchemaElement> schema : schemas) {
            for (KeySchemaElement k : schema) {
                keySize(k, item.get(k.attributeName()));
            }
        }
    }

    /** The values an UpdateItem assigns ({@code SET #a = :v}) to a key attribute of one of the table's indexes. */
    private static void assignedKeySizes(UpdateItemRequest u) {
        TableDescription t = TABLES.get(u.tableName());
        if (t == null || u.updateExpression() == null) {
            return;
        }
        Matcher m = ASSIGNMENT.matcher(u.updateExpression());
        while (m.find()) {
            String name = m.group(1).startsWith("#") ? u.expressionAttributeNames().get(m.group(1)) : m.group(1);
            AttributeValue value = u.expressionAttributeValues().get(m.group(2));
            for (GlobalSecondaryIndexDescription g : t.globalSecondaryIndexes()) {
                for (KeySchemaElement k : g.keySchema()) {
                    if (k.attributeName().equals(name)) {
                        keySize(k, value);
                    }
                }
            }
        }
    }

    private static void keySize(KeySchemaElement k, AttributeValue v) {
        if (v == null) {
            return;
        }
        long bytes = v.s() != null ? v.s().getBytes(StandardCharsets.UTF_8).length
                : v.b() != null ? v.b().asByteArray().length : -1;
        long max = k.keyType() == KeyType.HASH ? 2048 : 1024;
        if (bytes == 0 || bytes > max) {
            reject(Rule.KEY_ATTRIBUTE_SIZE, "key attribute " + k.attributeName() + " (" + k.keyTypeAsString()
                    + ") of " + bytes + " bytes; it must have 1 to " + max);
        }
    }

    private static long itemBytes(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + valueBytes(e.getValue());
        }
        return bytes;
    }

    /** The bytes of a value, by the sizes DynamoDB documents (the numbers approximated by their text). */
    private static long valueBytes(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        } else if (v.n() != null) {
            return v.n().length();
        } else if (v.b() != null) {
            return v.b().asByteArray().length;
        } else if (v.hasSs()) {
            return v.ss().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        } else if (v.hasNs()) {
            return v.ns().stream().mapToLong(String::length).sum();
        } else if (v.hasBs()) {
            return v.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        } else if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(x -> 1 + valueBytes(x)).sum();
        } else if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToLong(e -> 1 + e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + valueBytes(e.getValue())).sum();
        }
        return 1;
    }

    private static void reject(Rule rule, String message) {
        throw (DynamoDbException) DynamoDbException.builder()
                .message("[request rules] " + rule + ": " + message + " (" + rule.documentation() + ")")
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").serviceName("DynamoDb")
                        .errorMessage(message).build())
                .build();
    }
}
