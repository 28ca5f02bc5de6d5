package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.dynamodb.internal.Backoff;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Puts name-index items outside a transaction, with BatchWriteItems of 25, sending again what DynamoDB leaves
 * unprocessed (with backoff) until the batch-read deadline passes without progress. Used where an employee write
 * does not carry its index items in the same transaction — {@code create} and {@code createAll} (a conditional
 * PutItem, cheaper than a transaction), {@code importAll}'s batches, a transaction whose operations and index items
 * pass DynamoDB's 100 actions, the backfill — always <em>before</em> the employee is written, so
 * that a search never misses a written employee: an index item whose employee is absent or different is skipped by
 * every search (it is checked against the employee read). Index items are never deleted outside a transaction
 * (such a delete could race a writer that needs the same item); the items of a name an employee no longer has are
 * left, skipped by searches, until a later write of the employee under that name replaces them. Thread-safe.
 */
final class NameIndexBatches {
    private static final int BATCH_WRITE_SIZE = 25;
    private static final int BATCH_GET_SIZE = 100;

    private final StoreContext ctx;
    private final String indexTable;
    private final NameIndexPresence presence;

    NameIndexBatches(StoreContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.indexTable = NameIndexKeys.indexTable(ctx.tableName());
        this.presence = new NameIndexPresence(ctx);
    }

    /**
     * @param entries the employees whose index items to put
     * @return how many BatchWriteItem requests were sent
     * @throws StoreUnavailableException if DynamoDB leaves items unprocessed until the deadline
     */
    int putAll(Collection<NameIndexKeys.Entry> entries) {
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        for (NameIndexKeys.Entry e : entries) {
            items.putAll(NameIndexKeys.items(e));
        }
        return putItems(new ArrayList<>(items.values()));
    }

    /**
     * After the employees of {@code entries} were written (conditionally, each after its index items): puts again the
     * index items of those whose directory item is gone. A delete or rename of the same id, made between this
     * writer's index items and its employee write (a delete of an earlier employee of the same id and name), deletes
     * the items in its transaction; the employee written after it would otherwise be missed by searches. The
     * directory item is written last and deleted with the others atomically, so its presence shows the others'.
     * One BatchGetItem (strongly consistent) per 100 entries, and a BatchWriteItem only for a missing entry.
     *
     * @param entries the entries of employees this caller has just written
     * @return how many requests were sent
     * @throws StoreUnavailableException if DynamoDB leaves keys or items unprocessed until the deadline
     */
    int ensurePresent(List<NameIndexKeys.Entry> entries) {
        return ensurePresent(entries, 0);
    }

    private int ensurePresent(List<NameIndexKeys.Entry> entries, int round) {
        if (entries.isEmpty() || presence.knownMissing()) {
            return 0;
        }
        int requests = 0;
        try {
            for (int from = 0; from < entries.size(); from += BATCH_GET_SIZE) {
                List<NameIndexKeys.Entry> part = entries.subList(from, Math.min(entries.size(), from + BATCH_GET_SIZE));
                Map<Map<String, AttributeValue>, NameIndexKeys.Entry> byKey = new LinkedHashMap<>();
                for (NameIndexKeys.Entry e : part) {
                    Map<String, AttributeValue> directory = null;
                    for (Map<String, AttributeValue> item : NameIndexKeys.items(e).values()) {
                        directory = item;   // the last one is the directory item
                    }
                    byKey.put(NameIndexKeys.key(directory), e);
                }
                List<Map<String, AttributeValue>> keys = new ArrayList<>(byKey.keySet());
                Set<Map<String, AttributeValue>> found = new java.util.HashSet<>();
                long deadline = ctx.ticker().getAsLong() + ctx.batchReadDeadline().toNanos();
                for (int attempt = 0; !keys.isEmpty(); attempt++) {
                    List<Map<String, AttributeValue>> ask = keys;
                    BatchGetItemResponse r = ctx.client().batchGetItem(b -> b.requestItems(Map.of(indexTable,
                            KeysAndAttributes.builder().keys(ask).consistentRead(true)
                                    .projectionExpression("#p, #s")
                                    .expressionAttributeNames(Map.of("#p", NameIndexKeys.PK, "#s", NameIndexKeys.SK))
                                    .build())));
                    requests++;
                    for (Map<String, AttributeValue> item : r.responses().getOrDefault(indexTable, List.of())) {
                        found.add(NameIndexKeys.key(item));
                    }
                    KeysAndAttributes left = r.unprocessedKeys().get(indexTable);
                    keys = left == null || !left.hasKeys() ? List.of() : left.keys();
                    if (!keys.isEmpty()) {
                        if (ctx.ticker().getAsLong() - deadline > 0) {
                            throw new StoreUnavailableException("DynamoDB left " + keys.size() + " search index keys"
                                    + " unprocessed until the deadline of " + ctx.batchReadDeadline() + " passed",
                                    null, true);
                        }
                        Backoff.sleep(Backoff.delay(attempt, Bounded.UNPROCESSED_BACKOFF_BASE,
                                Bounded.UNPROCESSED_BACKOFF_CAP));
                    }
                }
                List<NameIndexKeys.Entry> missing = new ArrayList<>();
                byKey.forEach((key, e) -> {
                    if (!found.contains(key)) {
                        missing.add(e);
                    }
                });
                if (!missing.isEmpty()) {
                    ctx.log().debug("index items deleted while their employees were written; putting them again: {}",
                            missing.size());
                    requests += putAll(missing);
                }
            }
        } catch (ResourceNotFoundException e) {
            if (!presence.missing()) {
                // the index table exists now (a schema().create() made it meanwhile): checked again
                if (round >= 2) {
                    throw e;
                }
                return requests + ensurePresent(entries, round + 1);
            }
        }
        return requests;
    }

    /**
     * @param all index items, no key twice
     * @return how many BatchWriteItem requests were sent
     * @throws StoreUnavailableException if DynamoDB leaves items unprocessed until the deadline
     */
    int putItems(List<Map<String, AttributeValue>> all) {
        if (all.isEmpty() || presence.knownMissing()) {
            return 0;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return send(all);
            } catch (ResourceNotFoundException e) {
                if (presence.missing()) {
                    return 0;   // an older table without the index table (§4.20.8): the employees alone
                }
                // the index table exists now (a schema().create() made it meanwhile): the items are sent again
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    private int send(List<Map<String, AttributeValue>> all) {
        int requests = 0;
        for (int from = 0; from < all.size(); from += BATCH_WRITE_SIZE) {
            List<WriteRequest> batch = all.subList(from, Math.min(all.size(), from + BATCH_WRITE_SIZE)).stream()
                    .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build())
                    .toList();
            requests += sendBatch(batch);
        }
        return requests;
    }

    private int sendBatch(List<WriteRequest> batch) {
        long deadline = ctx.ticker().getAsLong() + ctx.batchReadDeadline().toNanos();
        List<WriteRequest> pending = batch;
        for (int attempt = 0; ; attempt++) {
            List<WriteRequest> request = pending;
            BatchWriteItemResponse response = ctx.client().batchWriteItem(b -> b.requestItems(
                    Map.of(indexTable, request)));
            List<WriteRequest> unprocessed = response.unprocessedItems().getOrDefault(indexTable, List.of());
            if (unprocessed.isEmpty()) {
                return attempt + 1;
            }
            if (unprocessed.size() < pending.size()) {
                deadline = ctx.ticker().getAsLong() + ctx.batchReadDeadline().toNanos();
            }
            if (ctx.ticker().getAsLong() - deadline > 0) {
                throw new StoreUnavailableException("DynamoDB left " + unprocessed.size() + " search index items "
                        + "unprocessed until the deadline of " + ctx.batchReadDeadline() + " passed", null, true);
            }
            Backoff.sleep(Backoff.delay(attempt, Bounded.UNPROCESSED_BACKOFF_BASE, Bounded.UNPROCESSED_BACKOFF_CAP));
            pending = unprocessed;
        }
    }
}
