package io.github.employeestore.dynamodb.internal;

import io.github.employeestore.spi.CapacityMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;

/**
 * The store's view of the application's {@link DynamoDbClient}: every item request it sends asks for
 * {@code ReturnConsumedCapacity=INDEXES}, and the capacity each response reports (table and indexes) is added to the
 * calling thread's {@link CapacityMeter} scope and logged at DEBUG. Only the operations the store uses are forwarded;
 * the others are the interface's defaults (unsupported). Never closes the client. Thread-safe as the client is.
 */
public final class MeteredDynamoDbClient implements DynamoDbClient {
    private static final Logger LOG = LoggerFactory.getLogger(MeteredDynamoDbClient.class);
    private static final ReturnConsumedCapacity INDEXES = ReturnConsumedCapacity.INDEXES;

    private final DynamoDbClient client;

    /** @param client the application's client */
    public MeteredDynamoDbClient(DynamoDbClient client) {
        this.client = client;
    }

    /**
     * Adds what a response reports to the current scope, reads or writes by the operation.
     *
     * @param operation the operation's name, for the log
     * @param write     whether it is a write (its units are write units)
     * @param consumed  the consumed capacity of each table of the response
     */
    static void record(String operation, boolean write, List<ConsumedCapacity> consumed) {
        double read = 0;
        double written = 0;
        for (ConsumedCapacity c : consumed) {
            if (c == null) {
                continue;
            }
            double r = c.readCapacityUnits() != null ? c.readCapacityUnits() : 0;
            double w = c.writeCapacityUnits() != null ? c.writeCapacityUnits() : 0;
            if (c.readCapacityUnits() == null && c.writeCapacityUnits() == null && c.capacityUnits() != null) {
                if (write) {
                    w = c.capacityUnits();
                } else {
                    r = c.capacityUnits();
                }
            }
            read += r;
            written += w;
        }
        CapacityMeter.current().add(read, written);
        LOG.debug("{} consumed rcu={} wcu={}", operation, read, written);
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        GetItemResponse r = client.getItem(request.toBuilder().returnConsumedCapacity(INDEXES).build());
        record("GetItem", false, one(r.consumedCapacity()));
        return r;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        PutItemResponse r = client.putItem(request.toBuilder().returnConsumedCapacity(INDEXES).build());
        record("PutItem", true, one(r.consumedCapacity()));
        return r;
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        UpdateItemResponse r = client.updateItem(request.toBuilder().returnConsumedCapacity(INDEXES).build());
        record("UpdateItem", true, one(r.consumedCapacity()));
        return r;
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        DeleteItemResponse r = client.deleteItem(request.toBuilder().returnConsumedCapacity(INDEXES).build());
        record("DeleteItem", true, one(r.consumedCapacity()));
        return r;
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        QueryResponse r = client.query(request.toBuilder().returnConsumedCapacity(INDEXES).build());
        record("Query", false, one(r.consumedCapacity()));
        return r;
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        ScanResponse r = client.scan(request.toBuilder().returnConsumedCapacity(INDEXES).build());
        record("Scan", false, one(r.consumedCapacity()));
        return r;
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        BatchGetItemResponse r = client.batchGetItem(request.toBuilder().returnConsumedCapacity(INDEXES).build());
        record("BatchGetItem", false, r.consumedCapacity());
        return r;
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        BatchWriteItemResponse r = client.batchWriteItem(request.toBuilder().returnConsumedCapacity(INDEXES).build());
        record("BatchWriteItem", true, r.consumedCapacity());
        return r;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        TransactWriteItemsResponse r = client.transactWriteItems(request.toBuilder()
                .returnConsumedCapacity(INDEXES).build());
        record("TransactWriteItems", true, r.consumedCapacity());
        return r;
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        TransactGetItemsResponse r = client.transactGetItems(request.toBuilder()
                .returnConsumedCapacity(INDEXES).build());
        record("TransactGetItems", false, r.consumedCapacity());
        return r;
    }

    /** Consumes no capacity (a control-plane request). */
    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
        return client.describeTable(request);
    }

    private static List<ConsumedCapacity> one(ConsumedCapacity c) {
        return c == null ? List.of() : List.of(c);
    }

    @Override
    public String serviceName() {
        return client.serviceName();
    }

    @Override
    public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
        return client.serviceClientConfiguration();
    }

    /** Does nothing: the application's client is the application's to close. */
    @Override
    public void close() {
        // not ours
    }
}
