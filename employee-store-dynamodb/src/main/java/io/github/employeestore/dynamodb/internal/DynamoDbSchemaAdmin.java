package io.github.employeestore.dynamodb.internal;

import io.github.employeestore.BackfillProgress;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.FULL_NAME;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.ID;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.JOB_TITLE;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.JOB_TITLE_INDEX;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.LOCATION;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.LOCATION_INDEX;

/**
 * The schema of a DynamoDB store: an on-demand table with partition key {@code id} (S) and two global secondary
 * indexes, {@value EmployeeTableSchema#LOCATION_INDEX} and {@value EmployeeTableSchema#JOB_TITLE_INDEX}, each sorted
 * by {@code full_name} and projecting every attribute. On an existing table the missing indexes are added one per
 * {@code UpdateTable} (DynamoDB's limit), in the table's billing mode: on a table in provisioned mode each with the
 * capacity given to the builder, by default the table's own read and write capacity units (DynamoDB requires
 * {@code ProvisionedThroughput} there); on an on-demand table with none. Thread-safe.
 */
public final class DynamoDbSchemaAdmin implements SchemaAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbSchemaAdmin.class);
    private static final Map<String, String> INDEX_KEYS = Map.of(LOCATION_INDEX, LOCATION, JOB_TITLE_INDEX, JOB_TITLE);

    private final DynamoDbClient client;
    private final String table;
    private final Duration timeout;
    private final ProvisionedThroughput indexCapacity;
    private final NameIndexSchema nameIndex;
    private final Function<Consumer<? super BackfillProgress>, BackfillProgress> backfill;

    /**
     * @param client        the client
     * @param table         the table name
     * @param timeout       how long {@link #create()} and {@link #drop()} wait for the table to become usable or gone
     * @param indexCapacity the capacity of an index added to a provisioned table, or {@code null} for the table's own
     * @param searchIndex   the readiness of the table's name-search index
     * @param backfill      the backfill of the name-search index
     */
    public DynamoDbSchemaAdmin(DynamoDbClient client, String table, Duration timeout,
                               ProvisionedThroughput indexCapacity, NameIndexState searchIndex,
                               Function<Consumer<? super BackfillProgress>, BackfillProgress> backfill) {
        this.client = client;
        this.table = table;
        this.timeout = timeout;
        this.indexCapacity = indexCapacity;
        this.nameIndex = new NameIndexSchema(client, table, timeout, searchIndex);
        this.backfill = backfill;
    }

    /**
     * {@inheritDoc}
     *
     * <p>On DynamoDB: a consistent Scan of the table in pages of 100 from the checkpoint an earlier run stored in the
     * search index table's marker item; per page one BatchGetItem tells which employees are indexed already, the
     * others' index items are put with BatchWriteItems, and the checkpoint moves on. When the Scan ends the marker
     * says the index is complete. Employees another program writes to the table later are not indexed: run it
     * again after such writes.
     */
    @Override
    public BackfillProgress backfillSearchIndex(Consumer<? super BackfillProgress> progress) {
        return backfill.apply(progress);
    }

    /**
     * @param d a table
     * @return the capacity of an index added to it: none for a table in on-demand mode; for a table in provisioned
     *         mode (also one created without a billing mode, which is provisioned) the configured capacity, or the
     *         table's own
     */
    ProvisionedThroughput indexThroughput(TableDescription d) {
        BillingMode mode = d.billingModeSummary() != null && d.billingModeSummary().billingMode() != null
                ? d.billingModeSummary().billingMode() : null;
        ProvisionedThroughputDescription own = d.provisionedThroughput();
        boolean provisioned = mode == BillingMode.PROVISIONED || mode == null && own != null
                && own.readCapacityUnits() != null && own.readCapacityUnits() > 0;
        if (!provisioned) {
            return null;
        }
        if (indexCapacity != null) {
            return indexCapacity;
        }
        return ProvisionedThroughput.builder().readCapacityUnits(Math.max(1, own == null || own.readCapacityUnits()
                == null ? 1 : own.readCapacityUnits())).writeCapacityUnits(Math.max(1, own == null
                || own.writeCapacityUnits() == null ? 1 : own.writeCapacityUnits())).build();
    }

    @Override
    public void create() {
        LOG.debug("schema create table={}", table);
        try {
            Optional<TableDescription> existing = describe();
            boolean fresh = false;
            if (existing.isEmpty()) {
                try {
                    client.createTable(b -> b.tableName(table)
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(
                                    attribute(ID), attribute(LOCATION), attribute(JOB_TITLE), attribute(FULL_NAME))
                            .keySchema(KeySchemaElement.builder().attributeName(ID).keyType(KeyType.HASH).build())
                            .globalSecondaryIndexes(index(LOCATION_INDEX), index(JOB_TITLE_INDEX)));
                    fresh = true;
                } catch (ResourceInUseException e) {
                    LOG.debug("table={} is being created concurrently", table);
                }
            }
            Optional<TableDescription> active = waitUntilActive();
            if (active.isEmpty()) {
                droppedMeanwhile();
                return;
            }
            TableDescription description = active.get();
            checkKeySchema(description);
            List<String> missing = new ArrayList<>();
            for (String index : List.of(LOCATION_INDEX, JOB_TITLE_INDEX)) {
                Optional<GlobalSecondaryIndexDescription> gsi = description.globalSecondaryIndexes().stream()
                        .filter(g -> g.indexName().equals(index)).findFirst();
                if (gsi.isEmpty()) {
                    missing.add(index);
                } else {
                    checkIndex(gsi.get());
                }
            }
            ProvisionedThroughput throughput = indexThroughput(description);
            for (String index : missing) {
                LOG.debug("schema create table={} adding index={} capacity={}", table, index, throughput);
                client.updateTable(b -> b.tableName(table)
                        .attributeDefinitions(attribute(INDEX_KEYS.get(index)), attribute(FULL_NAME))
                        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                                .create(CreateGlobalSecondaryIndexAction.builder()
                                        .indexName(index)
                                        .keySchema(indexKeys(index))
                                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                                        .provisionedThroughput(throughput)
                                        .build())
                                .build()));
                if (waitUntilActive().isEmpty()) {
                    droppedMeanwhile();
                    return;
                }
            }
            if (!nameIndex.create(description, fresh, throughput)) {
                droppedMeanwhile();
            }
        } catch (ResourceNotFoundException e) {
            // the table existed (described, created or being created) and is gone: a drop() after this create
            droppedMeanwhile();
        } catch (SdkException e) {
            throw Errors.translate(e, "schema create", table);
        }
    }

    /**
     * A {@code drop()} at the same time deleted the table this {@code create()} found or made: the create took
     * effect before the drop, as after both calls the table is missing; {@code create()} returns.
     */
    private void droppedMeanwhile() {
        LOG.debug("schema create table={}: the table was dropped by a concurrent drop()", table);
    }

    @Override
    public boolean exists() {
        try {
            return describe().isPresent();
        } catch (SdkException e) {
            throw Errors.translate(e, "schema exists", table);
        }
    }

    /**
     * Deletes the table and waits until it is gone. A table of the same name created after the delete (a
     * {@code create()} at the same time, a table that did not exist when this drop deleted its own) ends the wait: it
     * is a new table, not the one dropped, so the drop took effect before that create.
     */
    @Override
    public void drop() {
        LOG.debug("schema drop table={}", table);
        try {
            TableDescription dropped;
            try {
                dropped = client.deleteTable(b -> b.tableName(table)).tableDescription();
            } catch (ResourceNotFoundException e) {
                nameIndex.drop();
                return;
            } catch (ResourceInUseException e) {
                LOG.debug("table={} is busy; waiting before dropping", table);
                waitUntilActive();
                dropped = client.deleteTable(b -> b.tableName(table)).tableDescription();
            }
            Instant until = Instant.now().plus(timeout);
            int attempt = 0;
            for (Optional<TableDescription> d = describe(); d.isPresent() && isTheDropped(d.get(), dropped);
                 d = describe()) {
                if (Instant.now().isAfter(until)) {
                    throw new StoreUnavailableException("table '" + table + "' was not deleted within " + timeout,
                            null);
                }
                Backoff.sleep(Duration.ofMillis(Math.min(1000, 20L << Math.min(attempt++, 6))));
            }
            nameIndex.drop();
        } catch (ResourceNotFoundException e) {
            // dropped meanwhile
            nameIndex.drop();
        } catch (SdkException e) {
            throw Errors.translate(e, "schema drop", table);
        }
    }

    /** @return whether {@code described} is still the table deleted ({@code dropped}), not one created since */
    static boolean isTheDropped(TableDescription described, TableDescription dropped) {
        if (described.tableStatus() == TableStatus.DELETING) {
            return true;
        }
        // not deleting: the same table before its status changed, or a new one (another creation time or table id)
        if (dropped == null) {
            return true;
        }
        if (dropped.tableId() != null && described.tableId() != null) {
            return dropped.tableId().equals(described.tableId());
        }
        return dropped.creationDateTime() == null || dropped.creationDateTime().equals(described.creationDateTime());
    }

    private Optional<TableDescription> describe() {
        try {
            return Optional.of(client.describeTable(b -> b.tableName(table)).table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** @return the active table, or empty when it was deleted meanwhile (a {@code drop()} at the same time) */
    private Optional<TableDescription> waitUntilActive() {
        Instant until = Instant.now().plus(timeout);
        int attempt = 0;
        while (true) {
            Optional<TableDescription> described = describe();
            if (described.isEmpty()) {
                return described;
            }
            TableDescription d = described.get();
            boolean indexesActive = d.globalSecondaryIndexes().stream()
                    .allMatch(g -> g.indexStatus() == null || g.indexStatus() == IndexStatus.ACTIVE);
            if (d.tableStatus() == TableStatus.ACTIVE && indexesActive) {
                return described;
            }
            if (Instant.now().isAfter(until)) {
                throw new StoreUnavailableException("table '" + table + "' and its indexes did not become ACTIVE "
                        + "within " + timeout, null);
            }
            Backoff.sleep(Duration.ofMillis(Math.min(2000, 20L << Math.min(attempt++, 7))));
        }
    }

    private void checkKeySchema(TableDescription d) {
        List<KeySchemaElement> keys = d.keySchema();
        boolean keyOk = keys.size() == 1 && keys.get(0).attributeName().equals(ID)
                && keys.get(0).keyType() == KeyType.HASH;
        if (!keyOk) {
            throw new StoreConfigurationException("table '" + table + "' exists with the wrong key schema: "
                    + describeKeys(keys) + "; expected partition key 'id' (S) and no sort key");
        }
        d.attributeDefinitions().stream().filter(a -> a.attributeName().equals(ID)).findFirst()
                .filter(a -> a.attributeType() != ScalarAttributeType.S)
                .ifPresent(a -> {
                    throw new StoreConfigurationException("table '" + table + "' has partition key 'id' of type "
                            + a.attributeTypeAsString() + "; expected S (string)");
                });
    }

    private void checkIndex(GlobalSecondaryIndexDescription gsi) {
        List<KeySchemaElement> expected = indexKeys(gsi.indexName());
        List<KeySchemaElement> actual = gsi.keySchema();
        if (!actual.equals(expected)) {
            throw new StoreConfigurationException("table '" + table + "' has index '" + gsi.indexName()
                    + "' with the wrong key schema: " + describeKeys(actual) + "; expected " + describeKeys(expected));
        }
        if (gsi.projection() == null || gsi.projection().projectionType() != ProjectionType.ALL) {
            throw new StoreConfigurationException("table '" + table + "' has index '" + gsi.indexName()
                    + "' that does not project all attributes; expected projection ALL");
        }
    }

    private static String describeKeys(List<KeySchemaElement> keys) {
        return keys.stream().map(k -> k.attributeName() + " " + k.keyTypeAsString()).toList().toString();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static List<KeySchemaElement> indexKeys(String index) {
        return List.of(KeySchemaElement.builder().attributeName(INDEX_KEYS.get(index)).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(FULL_NAME).keyType(KeyType.RANGE).build());
    }

    private static GlobalSecondaryIndex index(String name) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(indexKeys(name))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }
}
