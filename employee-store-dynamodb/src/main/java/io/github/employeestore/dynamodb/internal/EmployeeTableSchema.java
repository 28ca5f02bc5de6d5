package io.github.employeestore.dynamodb.internal;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.spi.Timestamps;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableMetadata;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The item layout of an {@link Employee}, written once by hand (the attributes are dynamic, so no bean or immutable
 * reflection is involved): the core fields under their snake_case storage names, the flexible attributes as
 * top-level attributes under their own names.
 *
 * <ul>
 *   <li>{@code id}, {@code full_name}: S; {@code job_title}, {@code location}, {@code photo_key}: S, absent when
 *       {@code null}</li>
 *   <li>{@code badges}: SS, absent when empty (DynamoDB has no empty sets)</li>
 *   <li>{@code version}: N; {@code created_at}, {@code updated_at}: S in {@link Timestamps#format} form</li>
 *   <li>flexible attributes: text S, number N (exact, normalized), boolean BOOL, list L, map M</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; use {@link #INSTANCE}.
 */
public final class EmployeeTableSchema implements TableSchema<Employee> {
    /** The one instance. */
    public static final EmployeeTableSchema INSTANCE = new EmployeeTableSchema();

    /** Partition key of the table. */
    public static final String ID = "id";
    /** Storage name of {@code fullName}; the sort key of both indexes. */
    public static final String FULL_NAME = "full_name";
    /** Storage name of {@code jobTitle}. */
    public static final String JOB_TITLE = "job_title";
    /** Storage name of {@code location}. */
    public static final String LOCATION = "location";
    /** Storage name of {@code badges}. */
    public static final String BADGES = "badges";
    /** Storage name of {@code photoKey}. */
    public static final String PHOTO_KEY = "photo_key";
    /** Storage name of {@code version}. */
    public static final String VERSION = "version";
    /** Storage name of {@code createdAt}. */
    public static final String CREATED_AT = "created_at";
    /** Storage name of {@code updatedAt}. */
    public static final String UPDATED_AT = "updated_at";

    /** The index on location, sorted by full name. */
    public static final String LOCATION_INDEX = "location-full_name-index";
    /** The index on job title, sorted by full name. */
    public static final String JOB_TITLE_INDEX = "job_title-full_name-index";

    private static final List<String> CORE = List.of(ID, FULL_NAME, JOB_TITLE, LOCATION, BADGES, PHOTO_KEY, VERSION,
            CREATED_AT, UPDATED_AT);
    private static final Set<String> CORE_SET = Set.copyOf(CORE);

    private static final TableMetadata METADATA = StaticTableMetadata.builder()
            .addIndexPartitionKey(TableMetadata.primaryIndexName(), ID, AttributeValueType.S)
            .addIndexPartitionKey(LOCATION_INDEX, LOCATION, AttributeValueType.S)
            .addIndexSortKey(LOCATION_INDEX, FULL_NAME, AttributeValueType.S)
            .addIndexPartitionKey(JOB_TITLE_INDEX, JOB_TITLE, AttributeValueType.S)
            .addIndexSortKey(JOB_TITLE_INDEX, FULL_NAME, AttributeValueType.S)
            .build();

    private static final EnhancedType<Employee> TYPE = EnhancedType.of(Employee.class);

    private EmployeeTableSchema() {
    }

    @Override
    public Employee mapToItem(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return null;
        }
        Employee.Builder b = Employee.builder()
                .id(s(item.get(ID)))
                .fullName(s(item.get(FULL_NAME)))
                .jobTitle(s(item.get(JOB_TITLE)))
                .location(s(item.get(LOCATION)))
                .photoKey(s(item.get(PHOTO_KEY)));
        var badges = item.get(BADGES);
        if (badges != null && badges.hasSs()) {
            b.badges(badges.ss());
        }
        var version = item.get(VERSION);
        if (version != null && version.n() != null) {
            b.version(Long.parseLong(version.n()));
        }
        String created = s(item.get(CREATED_AT));
        if (created != null) {
            b.createdAt(Timestamps.parse(created));
        }
        String updated = s(item.get(UPDATED_AT));
        if (updated != null) {
            b.updatedAt(Timestamps.parse(updated));
        }
        for (var e : item.entrySet()) {
            if (!CORE_SET.contains(e.getKey())) {
                AttributeValue value = fromDynamo(e.getValue());
                if (value != null) {
                    b.attribute(e.getKey(), value);
                }
            }
        }
        return b.build();
    }

    @Override
    public Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> itemToMap(Employee e,
                                                                                             boolean ignoreNulls) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new LinkedHashMap<>();
        putS(item, ID, e.id());
        putS(item, FULL_NAME, e.fullName());
        putS(item, JOB_TITLE, e.jobTitle());
        putS(item, LOCATION, e.location());
        if (!e.badges().isEmpty()) {
            item.put(BADGES, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(
                    new ArrayList<>(e.badges())));
        }
        putS(item, PHOTO_KEY, e.photoKey());
        item.put(VERSION, number(e.version()));
        if (e.createdAt() != null) {
            putS(item, CREATED_AT, Timestamps.format(e.createdAt()));
        }
        if (e.updatedAt() != null) {
            putS(item, UPDATED_AT, Timestamps.format(e.updatedAt()));
        }
        e.attributes().forEach((name, value) -> item.put(name, toDynamo(value)));
        return item;
    }

    @Override
    public Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> itemToMap(
            Employee e, Collection<String> attributes) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> all = itemToMap(e, true);
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> some = new LinkedHashMap<>();
        for (String name : attributes) {
            var v = all.get(name);
            if (v != null) {
                some.put(name, v);
            }
        }
        return some;
    }

    @Override
    public software.amazon.awssdk.services.dynamodb.model.AttributeValue attributeValue(Employee e, String name) {
        return itemToMap(e, true).get(name);
    }

    @Override
    public TableMetadata tableMetadata() {
        return METADATA;
    }

    @Override
    public EnhancedType<Employee> itemType() {
        return TYPE;
    }

    /** @return the core attribute names; flexible attributes are dynamic and not listed */
    @Override
    public List<String> attributeNames() {
        return CORE;
    }

    @Override
    public boolean isAbstract() {
        return false;
    }

    /**
     * @param id an id
     * @return the primary key of that id
     */
    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key(String id) {
        return Map.of(ID, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(id));
    }

    /**
     * @param n a number
     * @return an N value
     */
    public static software.amazon.awssdk.services.dynamodb.model.AttributeValue number(long n) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Long.toString(n));
    }

    /**
     * @param item an item (may be {@code null})
     * @return the item's version, or -1 if there is no item
     */
    public static long versionOf(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        if (item == null || item.isEmpty() || item.get(VERSION) == null || item.get(VERSION).n() == null) {
            return -1;
        }
        return Long.parseLong(item.get(VERSION).n());
    }

    private static void putS(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item,
                             String name, String value) {
        if (value != null) {
            item.put(name, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value));
        }
    }

    private static String s(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        return v == null ? null : v.s();
    }

    /**
     * @param value a flexible attribute value
     * @return the DynamoDB value
     */
    public static software.amazon.awssdk.services.dynamodb.model.AttributeValue toDynamo(AttributeValue value) {
        if (value instanceof AttributeValue.TextValue t) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(t.value());
        } else if (value instanceof AttributeValue.NumberValue n) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(numberText(n.value()));
        } else if (value instanceof AttributeValue.BooleanValue b) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(b.value());
        } else if (value instanceof AttributeValue.ListValue l) {
            List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> out = new ArrayList<>(l.values().size());
            for (AttributeValue v : l.values()) {
                out.add(toDynamo(v));
            }
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(out);
        } else {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out = new LinkedHashMap<>();
            ((AttributeValue.MapValue) value).values().forEach((k, v) -> out.put(k, toDynamo(v)));
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(out);
        }
    }

    /**
     * The text of a number for an N value: the normalized {@link BigDecimal}'s {@code toString()}, which uses an
     * exponent only where plain notation would need padding zeros ({@code 1E+125} rather than 126 digits). DynamoDB
     * accepts both forms and the value round-trips exactly.
     */
    static String numberText(BigDecimal n) {
        BigDecimal normalized = n.signum() == 0 ? BigDecimal.ZERO : n.stripTrailingZeros();
        return normalized.toString();
    }

    /**
     * @param v a DynamoDB value of a flexible attribute
     * @return the value, or {@code null} for a kind the model does not have (NULL, binary), which is skipped. String
     *         and number sets (written by other applications) read as lists.
     */
    public static AttributeValue fromDynamo(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        if (v == null) {
            return null;
        }
        switch (v.type()) {
            case S:
                return AttributeValue.of(v.s());
            case N:
                return AttributeValue.of(new BigDecimal(v.n()));
            case BOOL:
                return AttributeValue.of(v.bool());
            case L: {
                List<AttributeValue> out = new ArrayList<>(v.l().size());
                for (var element : v.l()) {
                    AttributeValue converted = fromDynamo(element);
                    if (converted != null) {
                        out.add(converted);
                    }
                }
                return AttributeValue.of(out);
            }
            case M: {
                Map<String, AttributeValue> out = new TreeMap<>();
                v.m().forEach((k, element) -> {
                    AttributeValue converted = fromDynamo(element);
                    if (converted != null) {
                        out.put(k, converted);
                    }
                });
                return AttributeValue.of(out);
            }
            case SS:
                return AttributeValue.of(v.ss().stream().map(AttributeValue::of).toList());
            case NS:
                return AttributeValue.of(v.ns().stream().map(x -> AttributeValue.of(new BigDecimal(x))).toList());
            default:
                return null;
        }
    }
}
