package io.github.employeestore.dynamodb;

import io.github.employeestore.dynamodb.internal.NameIndexKeys;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Injects DynamoDB's partial failures into real calls to a moto server, deterministically (moto itself never throttles
 * and never leaves items or keys unprocessed):
 * <ul>
 *   <li>throttling: every {@code throttleEvery}-th HTTP attempt of a batch call fails with
 *       {@code ProvisionedThroughputExceededException} before it is sent (so nothing of it is written);</li>
 *   <li>unprocessed items and keys: on every {@code partialEvery}-th BatchWriteItem / BatchGetItem call, every third
 *       item or key is taken out of the request before it is sent and handed back as UnprocessedItems /
 *       UnprocessedKeys, as DynamoDB does when it throttles part of a batch;</li>
 *   <li>stuck ids: items whose id matches are never written to the employee table, always handed back as
 *       unprocessed (their search index items are written).</li>
 * </ul>
 */
class FaultInjector implements ExecutionInterceptor {
    private static final ExecutionAttribute<List<WriteRequest>> HELD_ITEMS = new ExecutionAttribute<>("heldItems");
    private static final ExecutionAttribute<List<Map<String, AttributeValue>>> HELD_KEYS =
            new ExecutionAttribute<>("heldKeys");
    private static final Set<String> BATCH_OPERATIONS = Set.of("BatchWriteItem", "BatchGetItem");

    private final int throttleEvery;
    private final int partialEvery;
    private final Predicate<String> stuck;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger batchCalls = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    final AtomicInteger heldBack = new AtomicInteger();
    /** BatchWriteItem calls of which every item was held back, so that they wrote nothing. */
    final AtomicInteger idleWrites = new AtomicInteger();
    private volatile Runnable onIdleWrite = () -> { };

    FaultInjector(int throttleEvery, int partialEvery, Predicate<String> stuck) {
        this.throttleEvery = throttleEvery;
        this.partialEvery = partialEvery;
        this.stuck = stuck;
    }

    /**
     * @param action what to do on every BatchWriteItem call that writes nothing (e.g. move a test's clock on)
     * @return this injector
     */
    FaultInjector onIdleWrite(Runnable action) {
        this.onIdleWrite = action;
        return this;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        boolean partial = partialEvery > 0 && BATCH_OPERATIONS.contains(operation(attributes))
                && batchCalls.incrementAndGet() % partialEvery == 0;
        if (request instanceof BatchWriteItemRequest w) {
            Map<String, List<WriteRequest>> kept = new HashMap<>();
            List<WriteRequest> held = new ArrayList<>();
            w.requestItems().forEach((table, writes) -> {
                List<WriteRequest> keep = new ArrayList<>();
                for (int i = 0; i < writes.size(); i++) {
                    WriteRequest write = writes.get(i);
                    String id = write.putRequest() != null ? write.putRequest().item().get("id").s()
                            : write.deleteRequest().key().get("id").s();
                    // stuck ids are stuck in the employee table; their search index items are written
                    boolean employeeTable = !table.endsWith(NameIndexKeys.TABLE_SUFFIX);
                    if (employeeTable && stuck.test(id) || (partial && i % 3 == 1)) {
                        held.add(write);
                    } else {
                        keep.add(write);
                    }
                }
                if (!keep.isEmpty()) {
                    kept.put(table, keep);
                }
            });
            heldBack.addAndGet(held.size());
            attributes.putAttribute(HELD_ITEMS, held);
            if (kept.isEmpty()) {
                idleWrites.incrementAndGet();
                onIdleWrite.run();
                // DynamoDB rejects an empty batch: send a delete of a key that does not exist instead, which writes
                // nothing, and hand every item back.
                String table = w.requestItems().keySet().iterator().next();
                kept.put(table, List.of(WriteRequest.builder()
                        .deleteRequest(d -> d.key(Map.of("id", AttributeValue.fromS("no-such-id-fault-injector"))))
                        .build()));
            }
            return w.toBuilder().requestItems(kept).build();
        }
        if (request instanceof BatchGetItemRequest g && partial) {
            Map<String, KeysAndAttributes> kept = new HashMap<>();
            List<Map<String, AttributeValue>> held = new ArrayList<>();
            g.requestItems().forEach((table, ka) -> {
                List<Map<String, AttributeValue>> keep = new ArrayList<>();
                for (int i = 0; i < ka.keys().size(); i++) {
                    if (i % 3 == 1) {
                        held.add(ka.keys().get(i));
                    } else {
                        keep.add(ka.keys().get(i));
                    }
                }
                kept.put(table, ka.toBuilder().keys(keep).build());
            });
            heldBack.addAndGet(held.size());
            attributes.putAttribute(HELD_KEYS, held);
            return g.toBuilder().requestItems(kept).build();
        }
        return request;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (throttleEvery > 0 && throttles(operation(attributes))
                && attempts.incrementAndGet() % throttleEvery == 0) {
            throttled.incrementAndGet();
            throw ProvisionedThroughputExceededException.builder()
                    .message("injected throttling")
                    .statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("ProvisionedThroughputExceededException")
                            .serviceName("DynamoDb")
                            .errorMessage("injected throttling")
                            .build())
                    .build();
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        List<WriteRequest> heldItems = attributes.getAttribute(HELD_ITEMS);
        if (response instanceof BatchWriteItemResponse w && heldItems != null && !heldItems.isEmpty()) {
            String table = ((BatchWriteItemRequest) context.request()).requestItems().keySet().iterator().next();
            Map<String, List<WriteRequest>> unprocessed = new HashMap<>(w.unprocessedItems());
            List<WriteRequest> all = new ArrayList<>(unprocessed.getOrDefault(table, List.of()));
            all.addAll(heldItems);
            unprocessed.put(table, all);
            return w.toBuilder().unprocessedItems(unprocessed).build();
        }
        List<Map<String, AttributeValue>> heldKeys = attributes.getAttribute(HELD_KEYS);
        if (response instanceof BatchGetItemResponse g && heldKeys != null && !heldKeys.isEmpty()) {
            String table = ((BatchGetItemRequest) context.request()).requestItems().keySet().iterator().next();
            Map<String, KeysAndAttributes> unprocessed = new HashMap<>(g.unprocessedKeys());
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            if (unprocessed.containsKey(table)) {
                keys.addAll(unprocessed.get(table).keys());
            }
            keys.addAll(heldKeys);
            unprocessed.put(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            return g.toBuilder().unprocessedKeys(unprocessed).build();
        }
        return response;
    }

    /** @param operation an operation name @return whether its attempts may be throttled */
    boolean throttles(String operation) {
        return BATCH_OPERATIONS.contains(operation);
    }

    private static String operation(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }
}
