package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.Employee;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.spi.EmployeeCodec;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.BADGES;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.ID;

/**
 * A whole-item write in place (the sample layout's {@code update}, {@code put} and their transaction items): the
 * stored item, as read, becomes the employee's item by one {@code UpdateItem} that {@code SET}s only the attributes
 * whose value differs and {@code REMOVE}s only the stored attributes the employee no longer has, under a condition.
 * {@code badges} are written as {@link EmployeeCodec#badgesValue(java.util.Collection,
 * io.github.employeestore.AttributeValue)} says: left untouched when they hold the same badges, so their stored order
 * and type survive. An attribute another program changes between the read and the write is kept unless the employee
 * changes it too.
 *
 * <p>DynamoDB limits an expression to 4 KB and 300 operators or functions, see "Expression parameters" in
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html. When the update's expression
 * would be longer than {@value #MAX_UPDATE_EXPRESSION_BYTES} bytes or name more than {@value #MAX_UPDATED_ATTRIBUTES}
 * attributes (a stored item with hundreds of attributes to remove; the model's own employees have at most 109), the
 * write is a {@code PutItem} of the whole item instead, under the same condition and with the same {@code badges}
 * value. Immutable.
 */
final class ItemDiff {
    /** DynamoDB's limit on the length of an expression (4 KB), less a margin for the condition. */
    static final int MAX_UPDATE_EXPRESSION_BYTES = 4096 - 512;
    /** The most attributes an update names, well below DynamoDB's 300 operators with the condition's. */
    static final int MAX_UPDATED_ATTRIBUTES = 250;

    private final String id;
    private final Map<String, AttributeValue> item;
    private final String expression;
    private final Expression condition;
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final int updated;

    private ItemDiff(String id, Map<String, AttributeValue> item, String expression, Expression condition,
                     Map<String, String> names, Map<String, AttributeValue> values, int updated) {
        this.updated = updated;
        this.id = id;
        this.item = item;
        this.expression = expression;
        this.condition = condition;
        this.names = names;
        this.values = values;
    }

    /**
     * @param mapping   the table's layout
     * @param stored    the stored item as read (not empty)
     * @param next      the employee to store (its version and timestamps set)
     * @param condition the condition of the write (names {@code #v}, {@code #c}, {@code #id}; values {@code :v},
     *                  {@code :c}, as {@link Conditions} makes them)
     * @return the write
     */
    static ItemDiff of(EmployeeTableSchema mapping, Map<String, AttributeValue> stored, Employee next,
                       Expression condition) {
        Objects.requireNonNull(condition, "condition");
        EmployeeCodec codec = mapping.codec();
        Map<String, AttributeValue> item = new LinkedHashMap<>(mapping.itemToMap(next, true));
        AttributeValue storedBadges = stored.get(BADGES);
        io.github.employeestore.AttributeValue badges = codec.badgesValue(next.badges(),
                storedBadges == null ? null : EmployeeTableSchema.fromDynamo(storedBadges));
        if (badges == null) {
            item.remove(BADGES);
        } else {
            item.put(BADGES, EmployeeTableSchema.toDynamo(badges));
        }
        Map<String, String> names = new LinkedHashMap<>(condition.expressionNames());
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        if (condition.expressionValues() != null) {
            values.putAll(condition.expressionValues());
        }
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, AttributeValue> a : item.entrySet()) {
            String name = a.getKey();
            if (name.equals(ID) || same(stored.get(name), a.getValue())) {
                continue;
            }
            names.put("#a" + n, name);
            values.put(":a" + n, a.getValue());
            set.add("#a" + n + " = :a" + n);
            n++;
        }
        for (String name : stored.keySet()) {
            if (!name.equals(ID) && !item.containsKey(name)) {
                names.put("#a" + n, name);
                remove.add("#a" + n);
                n++;
            }
        }
        // never empty: the version always changes
        String expression = (set.isEmpty() ? "" : "SET " + String.join(", ", set))
                + (remove.isEmpty() ? "" : (set.isEmpty() ? "" : " ") + "REMOVE " + String.join(", ", remove));
        return new ItemDiff(next.id(), item, expression, condition, names, values, n);
    }

    /** Whether two stored values mean the same (a set's order, a number's notation do not count). */
    private static boolean same(AttributeValue stored, AttributeValue next) {
        if (stored == null) {
            return false;
        }
        if (stored.equals(next)) {
            return true;
        }
        try {
            return EmployeeTableSchema.fromDynamo(stored).equals(EmployeeTableSchema.fromDynamo(next));
        } catch (IllegalArgumentException unknownType) {
            return false;
        }
    }

    /** @return whether the update fits DynamoDB's expression limit; otherwise the write is a whole-item Put */
    boolean inPlace() {
        return expression.getBytes(StandardCharsets.UTF_8).length <= MAX_UPDATE_EXPRESSION_BYTES
                && updated <= MAX_UPDATED_ATTRIBUTES;
    }

    /**
     * @return the whole item the write leaves (but for what another writer changes meanwhile): the employee's item
     *         with {@code badges} in the form written, for what must follow the item (its index entries)
     */
    Map<String, AttributeValue> item() {
        return java.util.Collections.unmodifiableMap(item);
    }

    /**
     * Sends the write: one UpdateItem, or one PutItem when the update does not fit (see the type). On a failed
     * condition the exception carries the stored item ({@code ALL_OLD}).
     *
     * @param ctx the store's context
     * @throws ConditionalCheckFailedException if the condition fails
     */
    void write(StoreContext ctx) {
        if (inPlace()) {
            ctx.client().updateItem(b -> b.tableName(ctx.tableName())
                    .key(EmployeeTableSchema.key(id))
                    .updateExpression(expression)
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } else {
            ctx.client().putItem(b -> b.tableName(ctx.tableName())
                    .item(item)
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.expressionNames())
                    .expressionAttributeValues(conditionValues())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        }
    }

    /**
     * @param tableName the table
     * @return the write as a transaction item: an {@code Update}, or a {@code Put} when the update does not fit
     */
    TransactWriteItem transactItem(String tableName) {
        if (inPlace()) {
            return TransactWriteItem.builder().update(Update.builder().tableName(tableName)
                    .key(EmployeeTableSchema.key(id))
                    .updateExpression(expression)
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                    .build();
        }
        return TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                .item(item)
                .conditionExpression(condition.expression())
                .expressionAttributeNames(condition.expressionNames())
                .expressionAttributeValues(conditionValues())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    /** The condition's values, or {@code null} when it has none (DynamoDB rejects an empty map). */
    private Map<String, AttributeValue> conditionValues() {
        return condition.expressionValues() == null || condition.expressionValues().isEmpty() ? null
                : condition.expressionValues();
    }
}
