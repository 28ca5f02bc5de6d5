package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.Employee;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.dynamodb.internal.Backoff;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.spi.EmployeeValidator;
import io.github.employeestore.spi.StoredEmployee;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.ID;

/**
 * Reads employees by id with strongly consistent BatchGetItems of up to 100 keys, a bounded number in flight,
 * requesting keys DynamoDB leaves unprocessed again with backoff until the batch-read deadline. Thread-safe.
 */
public final class BatchGetOperation {
    private static final int BATCH_GET_SIZE = 100;

    private final StoreContext ctx;

    /** @param ctx the store's context */
    public BatchGetOperation(StoreContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /**
     * @param ids        the ids, validated here; repeated ones are read once
     * @param unreadable told of every stored item that does not fit the model
     * @return the readable employees found, in the order of {@code ids}
     */
    public Map<String, Employee> getAll(Collection<String> ids,
                                        Consumer<? super UnreadableEmployeeException> unreadable) {
        Objects.requireNonNull(unreadable, "unreadable");
        EmployeeValidator.validateIds(ids);
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        return ctx.call("getAll ids=" + distinct.size(), () -> {
            Map<String, StoredEmployee> found = new HashMap<>();
            List<Callable<Map<String, Map<String, AttributeValue>>>> reads = new ArrayList<>();
            for (int from = 0; from < distinct.size(); from += BATCH_GET_SIZE) {
                List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET_SIZE));
                reads.add(() -> batchGet(chunk));
            }
            for (Map<String, Map<String, AttributeValue>> items : Bounded.run("getAll", reads,
                    ctx.readConcurrency())) {
                items.forEach((id, item) -> found.put(id, ctx.stored(item)));
            }
            Map<String, Employee> ordered = StoredEmployee.readableInOrder(distinct, found, unreadable);
            ctx.log().debug("getAll ids={} found={}", distinct.size(), ordered.size());
            return ordered;
        });
    }

    /**
     * Reads up to 100 items as they are stored, retrying unprocessed keys until the batch-read deadline. SDK
     * exceptions are left to the caller to translate.
     *
     * @return the items found by id
     * @throws StoreUnavailableException if keys are still unprocessed when the deadline passes
     */
    Map<String, Map<String, AttributeValue>> batchGet(List<String> ids) {
        String tableName = ctx.tableName();
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = ids.stream().map(EmployeeTableSchema::key).toList();
        Map<String, KeysAndAttributes> pending = Map.of(tableName,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        long deadline = ctx.ticker().getAsLong() + ctx.batchReadDeadline().toNanos();
        for (int attempt = 0; ; attempt++) {
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = ctx.client().batchGetItem(b -> b.requestItems(request));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                found.put(item.get(ID).s(), item);
            }
            KeysAndAttributes unprocessed = response.unprocessedKeys().get(tableName);
            if (unprocessed == null || !unprocessed.hasKeys() || unprocessed.keys().isEmpty()) {
                return found;
            }
            ctx.log().debug("batch get unprocessed keys={} attempt={}", unprocessed.keys().size(), attempt + 1);
            if (ctx.ticker().getAsLong() - deadline > 0) {
                throw new StoreUnavailableException("DynamoDB left " + unprocessed.keys().size()
                        + " keys unprocessed until the deadline of " + ctx.batchReadDeadline() + " passed", null,
                        true);
            }
            Backoff.sleep(Backoff.delay(attempt, Bounded.UNPROCESSED_BACKOFF_BASE,
                    Bounded.UNPROCESSED_BACKOFF_CAP));
            pending = Map.of(tableName, unprocessed);
        }
    }
}
