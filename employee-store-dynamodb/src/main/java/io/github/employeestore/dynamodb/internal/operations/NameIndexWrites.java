package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.dynamodb.internal.Backoff;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import io.github.employeestore.dynamodb.internal.NameIndexKeys.Entry;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.FULL_NAME;

/**
 * Writes an employee item together with its name-index items ({@link NameIndexKeys}), atomically.
 *
 * <p>The index items an employee write must delete depend on the stored name. A write is therefore made under an
 * <em>assumed</em> stored name and conditioned on it (the employee item's {@code full_name} equals the assumed one,
 * or is absent or not text for none); when the index does not change (a write that keeps the name) that is a single
 * conditional
 * PutItem/DeleteItem, as without the index, and otherwise one TransactWriteItems of the employee's write and the
 * index items' puts and deletes. When the condition fails, the stored item DynamoDB returns ({@code ALL_OLD}) shows
 * whether the assumption was wrong; the write is then made again under the stored state if the caller's own
 * expectation still holds, otherwise the failure is given to the caller as the {@link ConditionalCheckFailedException}
 * (with the stored item) a plain conditional write would have thrown. Thread-safe.
 */
final class NameIndexWrites {
    private static final int INDEX_MISMATCH_ATTEMPTS = 4;

    private final StoreContext ctx;
    private final String indexTable;
    private final NameIndexPresence presence;

    NameIndexWrites(StoreContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.indexTable = NameIndexKeys.indexTable(ctx.tableName());
        this.presence = new NameIndexPresence(ctx);
    }

    /** @return whether this store's index table is known not to exist (see {@link NameIndexPresence}) */
    NameIndexPresence presence() {
        return presence;
    }

    /**
     * Puts {@code item} conditioned on {@code condition} and on the stored index state being {@code assumed}.
     *
     * @param item      the employee item
     * @param condition the caller's condition
     * @param assumed   the index state the stored item is assumed to have (empty: no indexed item)
     * @param stillOk   whether, given the stored item after a failed condition, the caller's condition holds (then a
     *                  failure came from a wrong assumption and the write is made again under the stored state)
     * @throws ConditionalCheckFailedException when the caller's condition fails, with the stored item
     */
    void put(Map<String, AttributeValue> item, Expression condition, Optional<Entry> assumed,
             Predicate<Map<String, AttributeValue>> stillOk) {
        Optional<Entry> next = NameIndexKeys.entry(item);
        write(item.get(EmployeeTableSchema.ID).s(), assumed, next, stillOk, state -> {
            Expression c = and(condition, state);
            return TransactWriteItem.builder().put(Put.builder().tableName(ctx.tableName()).item(item)
                    .conditionExpression(c.expression())
                    .expressionAttributeNames(c.expressionNames())
                    .expressionAttributeValues(values(c))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                    .build();
        });
    }

    /**
     * Deletes the item of {@code id} conditioned on {@code condition} and on the stored index state being
     * {@code assumed} (which must be present: with no indexed item stored, delete without the index).
     *
     * @throws ConditionalCheckFailedException when the caller's condition fails, with the stored item
     */
    void delete(String id, Expression condition, Optional<Entry> assumed,
                Predicate<Map<String, AttributeValue>> stillOk) {
        write(id, assumed, Optional.empty(), stillOk, state -> {
            Expression c = condition == null ? state : and(condition, state);
            return TransactWriteItem.builder().delete(Delete.builder().tableName(ctx.tableName())
                    .key(EmployeeTableSchema.key(id))
                    .conditionExpression(c.expression())
                    .expressionAttributeNames(c.expressionNames())
                    .expressionAttributeValues(values(c))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                    .build();
        });
    }

    private void write(String id, Optional<Entry> assumed, Optional<Entry> next,
                       Predicate<Map<String, AttributeValue>> stillOk,
                       java.util.function.Function<Expression, TransactWriteItem> employeeWrite) {
        Optional<Entry> from = assumed;
        for (int attempt = 1; ; attempt++) {
            List<TransactWriteItem> delta = delta(from, next);
            TransactWriteItem own = employeeWrite.apply(stateIs(from));
            Map<String, AttributeValue> stored;
            try {
                send(own, delta);
                return;
            } catch (ConditionalCheckFailedException e) {
                stored = ctx.storedAfterFailure(id, e);
                Optional<Entry> actual = NameIndexKeys.entry(stored);
                if (stored.isEmpty() || actual.equals(from) || !stillOk.test(stored)
                        || attempt >= INDEX_MISMATCH_ATTEMPTS) {
                    throw e;
                }
                ctx.log().debug("stored index state was not as assumed; writing again");
                from = actual;
            }
        }
    }

    /**
     * Sends one conditional write alone, or with the index items in one transaction (retrying one cancelled by a
     * concurrent transaction, with backoff); a failure of the write's condition is thrown as the
     * {@link ConditionalCheckFailedException} a single write would have thrown, with the stored item.
     */
    void send(TransactWriteItem own, List<TransactWriteItem> delta) {
        if (delta.isEmpty() || presence.knownMissing()) {
            sendAlone(own);
            return;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                sendWithIndex(own, delta);
                return;
            } catch (ResourceNotFoundException e) {
                if (presence.missing()) {
                    sendAlone(own);
                    return;
                }
                // the index table exists now: created by a schema().create() since the transaction was sent, so
                // it is sent again; when it is the employee table that is missing, it fails again and is thrown
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    /**
     * Sends the employee's write alone: where the index does not change, or on a table whose index table does not
     * exist (made by an older version; searches then answer not ready until a backfill, §4.20.8).
     */
    private void sendAlone(TransactWriteItem own) {
        if (own.put() != null) {
            Put p = own.put();
            ctx.client().putItem(b -> b.tableName(p.tableName()).item(p.item())
                    .conditionExpression(p.conditionExpression())
                    .expressionAttributeNames(p.expressionAttributeNames())
                    .expressionAttributeValues(p.hasExpressionAttributeValues() ? p.expressionAttributeValues()
                            : null)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } else if (own.update() != null) {
            Update u = own.update();
            ctx.client().updateItem(b -> b.tableName(u.tableName()).key(u.key())
                    .updateExpression(u.updateExpression())
                    .conditionExpression(u.conditionExpression())
                    .expressionAttributeNames(u.expressionAttributeNames())
                    .expressionAttributeValues(u.hasExpressionAttributeValues() ? u.expressionAttributeValues()
                            : null)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } else {
            Delete d = own.delete();
            ctx.client().deleteItem(b -> b.tableName(d.tableName()).key(d.key())
                    .conditionExpression(d.conditionExpression())
                    .expressionAttributeNames(d.expressionAttributeNames())
                    .expressionAttributeValues(d.hasExpressionAttributeValues() ? d.expressionAttributeValues()
                            : null)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        }
    }

    private void sendWithIndex(TransactWriteItem own, List<TransactWriteItem> delta) {
        List<TransactWriteItem> items = new ArrayList<>(delta.size() + 1);
        items.add(own);
        items.addAll(delta);
        RuntimeException last = null;
        for (int attempt = 0; attempt < ctx.maxWriteAttempts(); attempt++) {
            if (attempt > 0) {
                Backoff.sleep(Backoff.delay(attempt - 1, Duration.ofMillis(10), Duration.ofMillis(500)));
            }
            try {
                ctx.client().transactWriteItems(b -> b.transactItems(items));
                return;
            } catch (TransactionCanceledException e) {
                CancellationReason first = e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                        ? e.cancellationReasons().get(0) : null;
                if (first != null && "ConditionalCheckFailed".equals(first.code())) {
                    throw ConditionalCheckFailedException.builder().message(first.message())
                            .item(first.hasItem() ? first.item() : Map.of()).cause(e).build();
                }
                if (e.hasCancellationReasons() && e.cancellationReasons().stream().map(CancellationReason::code)
                        .anyMatch(c -> c != null && c.startsWith("ResourceNotFound"))) {
                    throw ResourceNotFoundException.builder().message("a table of the transaction does not exist")
                            .cause(e).build();
                }
                last = e;
            } catch (TransactionConflictException e) {
                last = e;
            }
        }
        throw new StoreUnavailableException("write gave up after " + ctx.maxWriteAttempts()
                + " attempts, each cancelled by concurrent transactions", last, true);
    }

    /**
     * @param own   a transaction's Put, Update or Delete of an employee item
     * @param state the stored index state it was built from
     * @return the same write, conditioned also on the stored index state being {@code state}
     */
    TransactWriteItem guarded(TransactWriteItem own, Optional<Entry> state) {
        Expression st = stateIs(state);
        if (own.put() != null) {
            Put p = own.put();
            Expression c = join(p.conditionExpression(), p.expressionAttributeNames(),
                    p.hasExpressionAttributeValues() ? p.expressionAttributeValues() : null, st);
            return TransactWriteItem.builder().put(p.toBuilder().conditionExpression(c.expression())
                    .expressionAttributeNames(c.expressionNames()).expressionAttributeValues(values(c)).build())
                    .build();
        }
        if (own.delete() != null) {
            Delete d = own.delete();
            Expression c = join(d.conditionExpression(), d.expressionAttributeNames(),
                    d.hasExpressionAttributeValues() ? d.expressionAttributeValues() : null, st);
            return TransactWriteItem.builder().delete(d.toBuilder().conditionExpression(c.expression())
                    .expressionAttributeNames(c.expressionNames()).expressionAttributeValues(values(c)).build())
                    .build();
        }
        if (own.update() != null) {
            Update u = own.update();
            Expression c = join(u.conditionExpression(), u.expressionAttributeNames(),
                    u.hasExpressionAttributeValues() ? u.expressionAttributeValues() : null, st);
            return TransactWriteItem.builder().update(u.toBuilder().conditionExpression(c.expression())
                    .expressionAttributeNames(c.expressionNames()).expressionAttributeValues(values(c)).build())
                    .build();
        }
        return own;
    }

    private static Expression join(String condition, Map<String, String> names, Map<String, AttributeValue> values,
                                   Expression state) {
        if (condition == null) {
            return state;
        }
        Expression own = Expression.builder().expression(condition)
                .expressionNames(names == null || names.isEmpty() ? null : names)
                .expressionValues(values == null || values.isEmpty() ? null : values).build();
        return and(own, state);
    }

    /**
     * @return both conditions, each in parentheses only where it has an {@code OR} (DynamoDB rejects redundant
     *         parentheses); their placeholders must differ
     */
    static Expression and(Expression a, Expression b) {
        Expression.Builder out = Expression.builder().expression(and(a.expression(), b.expression()));
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        java.util.Map<String, AttributeValue> values = new java.util.LinkedHashMap<>();
        for (Expression e : List.of(a, b)) {
            if (e.expressionNames() != null) {
                names.putAll(e.expressionNames());
            }
            if (e.expressionValues() != null) {
                values.putAll(e.expressionValues());
            }
        }
        return out.expressionNames(names.isEmpty() ? null : names)
                .expressionValues(values.isEmpty() ? null : values).build();
    }

    /** @return {@code a AND b}, each in parentheses only where it has an {@code OR} */
    static String and(String a, String b) {
        return group(a) + " AND " + group(b);
    }

    private static String group(String condition) {
        return condition.contains(" OR ") ? "(" + condition + ")" : condition;
    }

    /**
     * The condition that the stored item's index state is {@code state}: for no indexed item, that
     * {@code full_name} is not text (absent, or of another type); otherwise that it is {@code state}'s full name.
     */
    Expression stateIs(Optional<Entry> state) {
        Expression.Builder b = Expression.builder().putExpressionName("#ixn", FULL_NAME);
        if (state.isEmpty()) {
            return b.expression("attribute_not_exists(#ixn) OR NOT attribute_type(#ixn, :ixs)")
                    .putExpressionValue(":ixs", AttributeValue.fromS("S")).build();
        }
        return b.expression("#ixn = :ixn").putExpressionValue(":ixn", AttributeValue.fromS(state.get().fullName()))
                .build();
    }

    /**
     * The index writes that take the index from one state of an employee to another: deletes of the items only the
     * old state has, puts of the items the new state has that differ (all of them unless the old state had them
     * exactly). Unconditional; in a transaction they succeed or fail with the employee's write.
     */
    List<TransactWriteItem> delta(Optional<Entry> from, Optional<Entry> to) {
        Map<String, Map<String, AttributeValue>> old = from.map(NameIndexKeys::items).orElse(Map.of());
        Map<String, Map<String, AttributeValue>> now = to.map(NameIndexKeys::items).orElse(Map.of());
        List<TransactWriteItem> out = new ArrayList<>();
        old.forEach((k, item) -> {
            if (!now.containsKey(k)) {
                out.add(TransactWriteItem.builder().delete(Delete.builder().tableName(indexTable)
                        .key(NameIndexKeys.key(item)).build()).build());
            }
        });
        now.forEach((k, item) -> {
            if (!item.equals(old.get(k))) {
                out.add(TransactWriteItem.builder().put(Put.builder().tableName(indexTable).item(item).build())
                        .build());
            }
        });
        return out;
    }

    private static Map<String, AttributeValue> values(Expression c) {
        return c.expressionValues() == null || c.expressionValues().isEmpty() ? null : c.expressionValues();
    }
}
