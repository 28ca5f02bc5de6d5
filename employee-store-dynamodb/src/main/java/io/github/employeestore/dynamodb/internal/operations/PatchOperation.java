package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.spi.PatchPlan;
import io.github.employeestore.spi.StoredEmployee;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.CREATED_AT;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.UPDATED_AT;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.checkExpected;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.versionIs;

/**
 * The partial update ({@code patch}, CONTRACT §4.18) on DynamoDB: one consistent GetItem (the stored item, to validate
 * the employee the patch results in and to skip a patch that changes nothing), then one {@code UpdateItem} whose
 * {@code SET} and {@code REMOVE} name only the attributes the patch names, plus {@code version},
 * {@code updated_at} and {@code created_at} (only where none is stored: {@code if_not_exists}), conditioned on the
 * version ({@code attribute_not_exists(version)} for version 0), returning the item as stored ({@code ALL_NEW}).
 * Every other attribute — what another program wrote since the read, the sample layout's badge list — is left as
 * it is. An attribute derived from a field (a folded search key) is written in {@link #update} next to its field.
 *
 * <p>Thread-safe.
 */
public final class PatchOperation {
    private final StoreContext ctx;
    private final NameIndexWrites indexed;

    /** @param ctx the store's context */
    public PatchOperation(StoreContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.indexed = new NameIndexWrites(ctx);
    }

    /**
     * @param id              the id
     * @param expectedVersion the version expected
     * @param patch           the changes
     * @return the employee as stored after the patch
     */
    public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
        PatchPlan plan = PatchPlan.of(id, expectedVersion, patch, ctx.clock());
        return ctx.call("patch id=" + id, () -> {
            for (int attempt = 0; ; attempt++) {
                Map<String, AttributeValue> item = ctx.readRaw(id);
                Employee stored = item.isEmpty() ? null : readable(item);
                Optional<Employee> next = plan.against(stored);
                if (next.isEmpty()) {
                    ctx.log().debug("patch id={} changes nothing", id);
                    return stored;
                }
                Optional<NameIndexKeys.Entry> from = NameIndexKeys.entry(item);
                Optional<NameIndexKeys.Entry> to = indexState(plan, next.get(), item);
                UpdateExpression u = update(plan, next.get(), item).and(indexed.stateIs(from));
                List<TransactWriteItem> delta = indexed.delta(from, to);
                try {
                    if (!delta.isEmpty()) {
                        // the name, location or job title changes: the update and the index items in one
                        // transaction, then the item as stored is read (a transaction returns no item)
                        indexed.send(transactUpdate(id, u), delta);
                        Employee written = readable(ctx.readRaw(id));
                        ctx.log().debug("patch id={} version={} {} (index changed)", id, written.version(), patch);
                        return written;
                    }
                    UpdateItemResponse response = ctx.client().updateItem(b -> b.tableName(ctx.tableName())
                            .key(EmployeeTableSchema.key(id))
                            .updateExpression(u.expression())
                            .conditionExpression(u.condition())
                            .expressionAttributeNames(u.names())
                            .expressionAttributeValues(u.values())
                            .returnValues(ReturnValue.ALL_NEW)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                    Employee written = readable(response.attributes());
                    ctx.log().debug("patch id={} version={} {}", id, written.version(), patch);
                    return written;
                } catch (ConditionalCheckFailedException e) {
                    checkExpected(id, expectedVersion, ctx.storedAfterFailure(id, e), e);
                    // the item has the expected version again but is not the one read: deleted and written again,
                    // or changed by another program; the patch is decided again on a new read, as update does
                    if (attempt >= 3) {
                        throw new VersionConflictException(id, expectedVersion, OptionalLong.empty(), e);
                    }
                }
            }
        });
    }

    /**
     * The transaction item of a patch: an {@code Update} as {@link #patch} sends it, or a {@code ConditionCheck} of
     * the version when the stored item is absent, of another version (DynamoDB then cancels the transaction and the
     * cancellation reason names the operation) or already as the patch would make it.
     *
     * @param plan   the patch
     * @param stored the stored item as read before the transaction, or {@code null}
     * @return the item
     */
    TransactWriteItem transactItem(PatchPlan plan, Map<String, AttributeValue> stored) {
        return transactItems(plan, stored).get(0);
    }

    /**
     * The transaction items of a patch: its {@link #transactItem} (conditioned also on the stored index state),
     * then the index items it changes.
     *
     * @param plan   the patch
     * @param stored the stored item as read before the transaction, or {@code null}
     * @return the items, the patch's own first
     */
    List<TransactWriteItem> transactItems(PatchPlan plan, Map<String, AttributeValue> stored) {
        Optional<Employee> next = Optional.empty();
        if (stored != null && EmployeeTableSchema.versionOf(stored) == plan.expectedVersion()) {
            next = plan.against(readable(stored));
        }
        if (next.isEmpty()) {
            Expression c = versionIs(plan.expectedVersion());
            return List.of(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                    .tableName(ctx.tableName())
                    .key(EmployeeTableSchema.key(plan.id()))
                    .conditionExpression(c.expression())
                    .expressionAttributeNames(c.expressionNames())
                    .expressionAttributeValues(c.expressionValues() == null || c.expressionValues().isEmpty() ? null
                            : c.expressionValues())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                    .build());
        }
        Optional<NameIndexKeys.Entry> from = NameIndexKeys.entry(stored);
        UpdateExpression u = update(plan, next.get(), stored).and(indexed.stateIs(from));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(transactUpdate(plan.id(), u));
        items.addAll(indexed.delta(from, indexState(plan, next.get(), stored)));
        return items;
    }

    private TransactWriteItem transactUpdate(String id, UpdateExpression u) {
        return TransactWriteItem.builder().update(Update.builder().tableName(ctx.tableName())
                .key(EmployeeTableSchema.key(id))
                .updateExpression(u.expression())
                .conditionExpression(u.condition())
                .expressionAttributeNames(u.names())
                .expressionAttributeValues(u.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    /** The index state after the patch: its id and the full name it results in. */
    private static Optional<NameIndexKeys.Entry> indexState(PatchPlan plan, Employee next,
                                                            Map<String, AttributeValue> stored) {
        return Optional.of(new NameIndexKeys.Entry(plan.id(), next.fullName()));
    }

    private Employee readable(Map<String, AttributeValue> item) {
        StoredEmployee s = ctx.stored(item);
        if (!s.isReadable()) {
            throw s.unreadable();
        }
        return s.employee();
    }

    /**
     * The update of the attributes the patch names, in the storage form of the table's layout; badges in the form
     * {@link EmployeeCodec#badgesValue(java.util.Collection, io.github.employeestore.AttributeValue)} gives over the
     * stored value (in the sample layout: the stored order and type kept).
     */
    private UpdateExpression update(PatchPlan plan, Employee next, Map<String, AttributeValue> stored) {
        EmployeePatch patch = plan.patch();
        EmployeeCodec codec = ctx.mapping().codec();
        Map<String, io.github.employeestore.AttributeValue> item = codec.toItem(next);
        AttributeValue storedBadges = stored.get(EmployeeCodec.BADGES);
        io.github.employeestore.AttributeValue badges = codec.badgesValue(next.badges(),
                storedBadges == null ? null : EmployeeTableSchema.fromDynamo(storedBadges));
        if (badges == null) {
            item.remove(EmployeeCodec.BADGES);
        } else {
            item.put(EmployeeCodec.BADGES, badges);
        }
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (EmployeePatch.Field field : patch.fields()) {
            named.add(switch (field) {
                case FULL_NAME -> EmployeeCodec.FULL_NAME;
                case JOB_TITLE -> EmployeeCodec.JOB_TITLE;
                case LOCATION -> EmployeeCodec.LOCATION;
                case BADGES -> EmployeeCodec.BADGES;
                case PHOTO_KEY -> codec.photoName();
            });
        }
        named.addAll(patch.attributes().keySet());
        named.addAll(patch.removedAttributes());
        for (int i = 0; i < named.size(); i++) {
            String name = "#n" + i;
            names.put(name, named.get(i));
            io.github.employeestore.AttributeValue value = item.get(named.get(i));
            if (value == null) {
                remove.add(name);
            } else {
                values.put(":n" + i, EmployeeTableSchema.toDynamo(value));
                set.add(name + " = :n" + i);
            }
        }
        names.put("#u", UPDATED_AT);
        names.put("#c", CREATED_AT);
        values.put(":now", AttributeValue.fromS(io.github.employeestore.spi.Timestamps.format(plan.now())));
        values.put(":next", EmployeeTableSchema.number(plan.nextVersion()));
        set.add("#v = :next");
        set.add("#u = :now");
        set.add("#c = if_not_exists(#c, :now)");
        Expression condition = versionIs(plan.expectedVersion());
        names.putAll(condition.expressionNames());
        if (condition.expressionValues() != null) {
            values.putAll(condition.expressionValues());
        }
        String expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE "
                + String.join(", ", remove));
        return new UpdateExpression(expression, condition.expression(), names, values);
    }

    private record UpdateExpression(String expression, String condition, Map<String, String> names,
                                    Map<String, AttributeValue> values) {
        UpdateExpression {
            if (names.isEmpty()) {
                throw new EmployeeStoreException("an update names at least the version");
            }
        }

        /** @return this update, conditioned also on {@code other} (whose placeholders are its own) */
        UpdateExpression and(Expression other) {
            Map<String, String> n = new LinkedHashMap<>(names);
            n.putAll(other.expressionNames());
            Map<String, AttributeValue> v = new LinkedHashMap<>(values);
            if (other.expressionValues() != null) {
                v.putAll(other.expressionValues());
            }
            return new UpdateExpression(expression, NameIndexWrites.and(condition, other.expression()), n, v);
        }
    }
}
