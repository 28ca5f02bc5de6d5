package io.github.employeestore.benchmarks;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.spi.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What an application would write against the raw {@link DynamoDbClient} without the library: attribute maps built
 * and read by hand, in the same item layout (timestamps in the same fixed-width text), with the same requests (a consistent GetItem; a PutItem conditioned on
 * the version and creation time read, so that no concurrent write is lost). Thread-safe (stateless apart from the
 * client).
 */
public final class RawDynamoDb {
    private static final Set<String> CORE = Set.of("id", "full_name", "job_title", "location", "badges", "photo_key",
            "version", "created_at", "updated_at");

    private final DynamoDbClient client;
    private final String table;

    /**
     * @param client the client
     * @param table  the table
     */
    public RawDynamoDb(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /**
     * @param id an id
     * @return the employee, or {@code null}
     */
    public Employee get(String id) {
        GetItemResponse r = client.getItem(b -> b.tableName(table)
                .key(Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(id)))
                .consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            return null;
        }
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = r.item();
        Employee.Builder b = Employee.builder()
                .id(item.get("id").s())
                .fullName(item.get("full_name").s())
                .jobTitle(s(item, "job_title"))
                .location(s(item, "location"))
                .photoKey(s(item, "photo_key"))
                .version(Long.parseLong(item.get("version").n()))
                .createdAt(Instant.parse(item.get("created_at").s()))
                .updatedAt(Instant.parse(item.get("updated_at").s()));
        var badges = item.get("badges");
        if (badges != null && badges.hasSs()) {
            b.badges(badges.ss());
        }
        item.forEach((name, v) -> {
            if (!CORE.contains(name)) {
                if (v.s() != null) {
                    b.attribute(name, AttributeValue.of(v.s()));
                } else if (v.n() != null) {
                    b.attribute(name, AttributeValue.of(new BigDecimal(v.n())));
                } else if (v.bool() != null) {
                    b.attribute(name, AttributeValue.of(v.bool()));
                }
            }
        });
        return b.build();
    }

    /**
     * Replaces an employee read at {@code e.version()}, conditioned on that version and its creation time.
     *
     * @param e the employee as read
     * @return it with the version after
     */
    public Employee put(Employee e) {
        Employee next = e.toBuilder().version(e.version() + 1).updatedAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).build();
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new HashMap<>();
        item.put("id", str(next.id()));
        item.put("full_name", str(next.fullName()));
        if (next.jobTitle() != null) {
            item.put("job_title", str(next.jobTitle()));
        }
        if (next.location() != null) {
            item.put("location", str(next.location()));
        }
        if (next.photoKey() != null) {
            item.put("photo_key", str(next.photoKey()));
        }
        if (!next.badges().isEmpty()) {
            item.put("badges", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(
                    java.util.List.copyOf(next.badges())));
        }
        item.put("version", num(Long.toString(next.version())));
        item.put("created_at", str(Timestamps.format(next.createdAt())));
        item.put("updated_at", str(Timestamps.format(next.updatedAt())));
        next.attributes().forEach((name, v) -> {
            if (v instanceof AttributeValue.TextValue t) {
                item.put(name, str(t.value()));
            } else if (v instanceof AttributeValue.NumberValue n) {
                item.put(name, num(n.value().toPlainString()));
            } else if (v instanceof AttributeValue.BooleanValue bool) {
                item.put(name, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(bool.value()));
            }
        });
        client.putItem(PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression("#v = :v AND #c = :c")
                .expressionAttributeNames(Map.of("#v", "version", "#c", "created_at"))
                .expressionAttributeValues(Map.of(":v", num(Long.toString(e.version())),
                        ":c", str(Timestamps.format(e.createdAt()))))
                .build());
        return next;
    }

    private static String s(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item,
                            String name) {
        var v = item.get(name);
        return v == null ? null : v.s();
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue str(String s) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s);
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue num(String n) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(n);
    }
}
