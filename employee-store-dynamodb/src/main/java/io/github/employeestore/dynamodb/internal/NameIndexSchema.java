package io.github.employeestore.dynamodb.internal;

import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates and drops the name-search index table ({@link NameIndexKeys}) next to an employee table: partition key
 * {@code pk} (S), sort key {@code sk} (S), in the billing mode of the employee table (on-demand, or provisioned with
 * the capacity the schema gives an added index). When {@code schema().create()} created the employee table itself,
 * there is nothing to index and the index is marked ready at once; on an existing table it stays not ready until
 * the backfill ({@code SchemaAdmin.backfillSearchIndex}) completes, unless the table holds no item at all. Thread-safe.
 */
public final class NameIndexSchema {
    private static final Logger LOG = LoggerFactory.getLogger(NameIndexSchema.class);

    private final DynamoDbClient client;
    private final String table;
    private final String indexTable;
    private final Duration timeout;
    private final NameIndexState state;

    /**
     * @param client  the client
     * @param table   the employee table
     * @param timeout how long to wait for the index table
     * @param state   the readiness of the index
     */
    public NameIndexSchema(DynamoDbClient client, String table, Duration timeout, NameIndexState state) {
        this.client = client;
        this.table = table;
        this.indexTable = NameIndexKeys.indexTable(table);
        this.timeout = timeout;
        this.state = state;
    }

    /**
     * Creates the index table when it is missing, and marks the index ready when the employee table was just
     * created or holds nothing.
     *
     * @param employees  the active employee table
     * @param freshTable whether this {@code create()} created the employee table
     * @param throughput the capacity of a table in provisioned mode, or {@code null} for on-demand
     * @return false when a table was dropped meanwhile (a concurrent {@code drop()})
     */
    boolean create(TableDescription employees, boolean freshTable, ProvisionedThroughput throughput) {
        if (indexTable.length() > 255) {
            throw new StoreConfigurationException("table name '" + table + "' leaves no room for its search index "
                    + "table '" + indexTable + "': DynamoDB allows 255 characters");
        }
        Optional<TableDescription> existing = describe();
        boolean created = false;
        if (existing.isEmpty()) {
            LOG.debug("schema create table={} adding search index table={} capacity={}", table, indexTable,
                    throughput);
            try {
                client.createTable(b -> b.tableName(indexTable)
                        .billingMode(throughput == null ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED)
                        .provisionedThroughput(throughput)
                        .attributeDefinitions(attribute(NameIndexKeys.PK), attribute(NameIndexKeys.SK))
                        .keySchema(key(NameIndexKeys.PK, KeyType.HASH), key(NameIndexKeys.SK, KeyType.RANGE)));
                created = true;
            } catch (ResourceInUseException e) {
                LOG.debug("search index table={} is being created concurrently", indexTable);
            }
        }
        Optional<TableDescription> active = waitUntilActive();
        if (active.isEmpty()) {
            return false;
        }
        checkKeys(active.get());
        if (created) {
            state.forget();
        }
        if (created && !freshTable) {
            // stores that found the index table missing write without it for this long: let that pass, so that
            // every write after this create() maintains the index and a backfill started now misses none
            Backoff.sleep(Duration.ofMillis(NameIndexKeys.MISSING_TABLE_MEMORY_MILLIS + 100));
        }
        if (created && (freshTable || isEmpty())) {
            state.write(Map.of(NameIndexState.STATE, AttributeValue.fromS(NameIndexState.READY),
                    "indexed", AttributeValue.fromN("0")));
        }
        return true;
    }

    /** @return whether the employee table holds no item (one Scan of one item) */
    private boolean isEmpty() {
        return client.scan(b -> b.tableName(table).limit(1).consistentRead(true)).count() == 0;
    }

    /** Deletes the index table, if there is one, and waits until it is gone. */
    void drop() {
        state.forget();
        try {
            client.deleteTable(b -> b.tableName(indexTable));
        } catch (ResourceNotFoundException e) {
            return;
        } catch (ResourceInUseException e) {
            waitUntilActive();
            try {
                client.deleteTable(b -> b.tableName(indexTable));
            } catch (ResourceNotFoundException gone) {
                return;
            }
        }
        Instant until = Instant.now().plus(timeout);
        int attempt = 0;
        while (describe().isPresent()) {
            if (Instant.now().isAfter(until)) {
                throw new StoreUnavailableException("table '" + indexTable + "' was not deleted within " + timeout,
                        null);
            }
            Backoff.sleep(Duration.ofMillis(Math.min(1000, 20L << Math.min(attempt++, 6))));
        }
        state.forget();
    }

    private void checkKeys(TableDescription d) {
        List<KeySchemaElement> expected = List.of(key(NameIndexKeys.PK, KeyType.HASH),
                key(NameIndexKeys.SK, KeyType.RANGE));
        if (!d.keySchema().equals(expected)) {
            throw new StoreConfigurationException("search index table '" + indexTable + "' exists with the wrong key "
                    + "schema: " + d.keySchema().stream().map(k -> k.attributeName() + " " + k.keyTypeAsString())
                    .toList() + "; expected [pk HASH, sk RANGE]");
        }
    }

    private Optional<TableDescription> describe() {
        try {
            return Optional.of(client.describeTable(b -> b.tableName(indexTable)).table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<TableDescription> waitUntilActive() {
        Instant until = Instant.now().plus(timeout);
        int attempt = 0;
        while (true) {
            Optional<TableDescription> d = describe();
            if (d.isEmpty() || d.get().tableStatus() == TableStatus.ACTIVE) {
                return d;
            }
            if (Instant.now().isAfter(until)) {
                throw new StoreUnavailableException("table '" + indexTable + "' did not become ACTIVE within "
                        + timeout, null);
            }
            Backoff.sleep(Duration.ofMillis(Math.min(2000, 20L << Math.min(attempt++, 7))));
        }
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
