package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.BackfillProgress;
import io.github.employeestore.dynamodb.internal.Backoff;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import io.github.employeestore.dynamodb.internal.NameIndexState;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.ID;

/**
 * The backfill of the name index ({@code SchemaAdmin.backfillSearchIndex}): a strongly consistent Scan of the
 * employee table, {@value #SCAN_PAGE} items a page, from the checkpoint of an earlier run; for each page, one
 * BatchGetItem of the employees' directory items in the index tells which are indexed already (the directory item
 * is written last, with the same full name, location and job title), and the others' index items are put with
 * BatchWriteItems. After each page the checkpoint (the page's last key) and the counts are stored in the index's
 * marker item and reported; once the Scan ends, the marker says READY and searches answer
 * ({@link NameIndexState}). An interrupted run is resumed by the next from its last checkpoint; concurrent runs only
 * write the same items twice. Items without a text {@code full_name} are not indexed (counted as skipped).
 * Thread-safe.
 */
public final class BackfillOperation {
    /** Items read per Scan request. */
    static final int SCAN_PAGE = 100;
    private static final String CHECKPOINT = "checkpoint";

    private final StoreContext ctx;
    private final NameIndexState state;
    private final NameIndexBatches batches;
    private final String indexTable;

    /**
     * @param ctx   the store's context
     * @param state the index's readiness marker
     */
    public BackfillOperation(StoreContext ctx, NameIndexState state) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.state = Objects.requireNonNull(state, "state");
        this.batches = new NameIndexBatches(ctx);
        this.indexTable = NameIndexKeys.indexTable(ctx.tableName());
    }

    /**
     * @param progress told after each page
     * @return the final progress
     */
    public BackfillProgress backfill(Consumer<? super BackfillProgress> progress) {
        Objects.requireNonNull(progress, "progress");
        return ctx.call("backfillSearchIndex", () -> {
            Optional<Map<String, AttributeValue>> marker = state.read();
            // on a complete index too: items other programs wrote since are indexed (§4.20.6); the index stays
            // READY meanwhile, as it covers everything the library wrote
            boolean ready = marker.isPresent() && NameIndexState.isReady(marker.get());
            Map<String, AttributeValue> start = marker.map(m -> m.get(CHECKPOINT))
                    .map(c -> Map.of(ID, c)).orElse(null);
            long examined = 0;
            long indexed = 0;
            long skipped = 0;
            while (true) {
                Map<String, AttributeValue> from = start;
                ScanResponse page = ctx.client().scan(b -> b.tableName(ctx.tableName()).consistentRead(true)
                        .limit(SCAN_PAGE).exclusiveStartKey(from));
                List<NameIndexKeys.Entry> entries = new ArrayList<>();
                for (Map<String, AttributeValue> item : page.items()) {
                    examined++;
                    Optional<NameIndexKeys.Entry> entry = NameIndexKeys.entry(item);
                    if (entry.isEmpty()) {
                        skipped++;
                    } else {
                        entries.add(entry.get());
                    }
                }
                List<NameIndexKeys.Entry> missing = notIndexed(entries);
                batches.putAll(missing);
                indexed += missing.size();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey()
                        : null;
                Map<String, AttributeValue> marked = new LinkedHashMap<>();
                marked.put(NameIndexState.STATE, AttributeValue.fromS(start == null || ready ? NameIndexState.READY
                        : NameIndexState.BACKFILLING));
                if (start != null) {
                    marked.put(CHECKPOINT, start.get(ID));
                }
                state.write(marked);
                BackfillProgress p = new BackfillProgress(examined, indexed, skipped, start == null);
                ctx.log().debug("backfillSearchIndex {}", p);
                progress.accept(p);
                if (start == null) {
                    return p;
                }
            }
        });
    }

    /** The entries whose directory item is missing or differs (one BatchGetItem per 100). */
    private List<NameIndexKeys.Entry> notIndexed(List<NameIndexKeys.Entry> entries) {
        Map<String, Map<String, AttributeValue>> expected = new LinkedHashMap<>();
        Map<String, NameIndexKeys.Entry> byKey = new HashMap<>();
        for (NameIndexKeys.Entry e : entries) {
            Map<String, Map<String, AttributeValue>> items = NameIndexKeys.items(e);
            Map<String, AttributeValue> directory = null;
            for (Map<String, AttributeValue> item : items.values()) {
                directory = item;   // the last one
            }
            String key = directory.get(NameIndexKeys.PK).s() + '\u0001' + directory.get(NameIndexKeys.SK).s();
            expected.put(key, directory);
            byKey.put(key, e);
        }
        List<Map<String, AttributeValue>> keys = expected.values().stream().map(NameIndexKeys::key).toList();
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> pending = Map.of(indexTable, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100))).consistentRead(true).build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 0) {
                    Backoff.sleep(Backoff.delay(attempt - 1, Bounded.UNPROCESSED_BACKOFF_BASE,
                            Bounded.UNPROCESSED_BACKOFF_CAP));
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse r = ctx.client().batchGetItem(b -> b.requestItems(request));
                for (Map<String, AttributeValue> item : r.responses().getOrDefault(indexTable, List.of())) {
                    found.put(item.get(NameIndexKeys.PK).s() + '\u0001' + item.get(NameIndexKeys.SK).s(), item);
                }
                KeysAndAttributes left = r.unprocessedKeys().get(indexTable);
                pending = left == null || !left.hasKeys() || left.keys().isEmpty() ? Map.of()
                        : Map.of(indexTable, left);
            }
        }
        List<NameIndexKeys.Entry> missing = new ArrayList<>();
        expected.forEach((key, item) -> {
            if (!item.equals(found.get(key))) {
                missing.add(byKey.get(key));
            }
        });
        return missing;
    }
}
