package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.dynamodb.internal.Backoff;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts name-index items outside a transaction, with BatchWriteItems of 25, sending again what DynamoDB leaves
 * unprocessed (with backoff) until the batch-read deadline passes without progress. Used where an employee write
 * cannot carry its index items in the same transaction — {@code importAll}'s batches, a transaction whose operations
 * and index items pass DynamoDB's 100 actions, the backfill — always <em>before</em> the employee is written, so
 * that a search never misses a written employee: an index item whose employee is absent or different is skipped by
 * every search (it is checked against the employee read). Index items are never deleted outside a transaction
 * (such a delete could race a writer that needs the same item); the items of a name an employee no longer has are
 * left, skipped by searches, until a later write of the employee under that name replaces them. Thread-safe.
 */
final class NameIndexBatches {
    private static final int BATCH_WRITE_SIZE = 25;

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
     * @param all index items, no key twice
     * @return how many BatchWriteItem requests were sent
     * @throws StoreUnavailableException if DynamoDB leaves items unprocessed until the deadline
     */
    int putItems(List<Map<String, AttributeValue>> all) {
        if (all.isEmpty() || presence.knownMissing()) {
            return 0;
        }
        try {
            return send(all);
        } catch (ResourceNotFoundException e) {
            if (!presence.missing()) {
                throw e;
            }
            return 0;   // an older table without the index table (§4.20.8): the employees alone
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
