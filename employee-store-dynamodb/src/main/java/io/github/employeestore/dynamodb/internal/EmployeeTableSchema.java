package io.github.employeestore.dynamodb.internal;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.spi.EmployeeCodec;
import software.amazon.awssdk.core.SdkBytes;
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

/**
 * The Enhanced Client's view of an {@link Employee} item. All mapping rules live in {@link EmployeeCodec} (storage
 * names, which kinds the core fields hold, what is unreadable, the layout); this class only converts between the
 * model's {@link AttributeValue} and the SDK's attribute value, type for type: S, N, BOOL, NULL, B, SS, NS, BS, L and
 * M each to its own kind, at every nesting level, so reading an item and writing it back changes nothing.
 *
 * <p>Immutable and thread-safe; use {@link #INSTANCE} or {@link #of(EmployeeCodec.Layout)}.
 */
public final class EmployeeTableSchema implements TableSchema<Employee> {
    /** The schema of the standard layout. */
    public static final EmployeeTableSchema INSTANCE = new EmployeeTableSchema(EmployeeCodec.standard());
    private static final EmployeeTableSchema SAMPLE =
            new EmployeeTableSchema(EmployeeCodec.of(EmployeeCodec.Layout.EMPLOYEE_DIRECTORY_SAMPLE));

    /** Partition key of the table. */
    public static final String ID = EmployeeCodec.ID;
    /** Storage name of {@code fullName}; the sort key of both indexes. */
    public static final String FULL_NAME = EmployeeCodec.FULL_NAME;
    /** Storage name of {@code jobTitle}. */
    public static final String JOB_TITLE = EmployeeCodec.JOB_TITLE;
    /** Storage name of {@code location}. */
    public static final String LOCATION = EmployeeCodec.LOCATION;
    /** Storage name of {@code badges}. */
    public static final String BADGES = EmployeeCodec.BADGES;
    /** Storage name of {@code photoKey}. */
    public static final String PHOTO_KEY = EmployeeCodec.PHOTO_KEY;
    /** Storage name of {@code version}. */
    public static final String VERSION = EmployeeCodec.VERSION;
    /** Storage name of {@code createdAt}. */
    public static final String CREATED_AT = EmployeeCodec.CREATED_AT;
    /** Storage name of {@code updatedAt}. */
    public static final String UPDATED_AT = EmployeeCodec.UPDATED_AT;

    /** The index on location, sorted by full name. */
    public static final String LOCATION_INDEX = "location-full_name-index";
    /** The index on job title, sorted by full name. */
    public static final String JOB_TITLE_INDEX = "job_title-full_name-index";

    private static final List<String> CORE = List.of(ID, FULL_NAME, JOB_TITLE, LOCATION, BADGES, PHOTO_KEY, VERSION,
            CREATED_AT, UPDATED_AT);

    private static final TableMetadata METADATA = StaticTableMetadata.builder()
            .addIndexPartitionKey(TableMetadata.primaryIndexName(), ID, AttributeValueType.S)
            .addIndexPartitionKey(LOCATION_INDEX, LOCATION, AttributeValueType.S)
            .addIndexSortKey(LOCATION_INDEX, FULL_NAME, AttributeValueType.S)
            .addIndexPartitionKey(JOB_TITLE_INDEX, JOB_TITLE, AttributeValueType.S)
            .addIndexSortKey(JOB_TITLE_INDEX, FULL_NAME, AttributeValueType.S)
            .build();

    private static final EnhancedType<Employee> TYPE = EnhancedType.of(Employee.class);

    private final EmployeeCodec codec;

    private EmployeeTableSchema(EmployeeCodec codec) {
        this.codec = codec;
    }

    /**
     * @param layout a layout
     * @return the schema of that layout
     */
    public static EmployeeTableSchema of(EmployeeCodec.Layout layout) {
        return layout == EmployeeCodec.Layout.STANDARD ? INSTANCE : SAMPLE;
    }

    /** @return the codec all mapping goes through */
    public EmployeeCodec codec() {
        return codec;
    }

    @Override
    public Employee mapToItem(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return null;
        }
        Map<String, AttributeValue> portable = new LinkedHashMap<>();
        item.forEach((name, value) -> portable.put(name, fromDynamo(value)));
        return codec.fromItem(portable);
    }

    @Override
    public Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> itemToMap(Employee e,
                                                                                             boolean ignoreNulls) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new LinkedHashMap<>();
        codec.toItem(e).forEach((name, value) -> item.put(name, toDynamo(value)));
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
     * @return the item's version: -1 if there is no item, 0 if it has no {@code version} (written by other code),
     *         -2 if its version is not a non-negative integer (see {@link EmployeeCodec})
     */
    public static long versionOf(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return -1;
        }
        var version = item.get(VERSION);
        if (version == null) {
            return 0;
        }
        try {
            long v = version.n() == null ? -2 : new BigDecimal(version.n()).longValueExact();
            return v < 0 ? -2 : v;
        } catch (ArithmeticException | NumberFormatException e) {
            return -2;
        }
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
     * @param value an attribute value
     * @return the DynamoDB value of the same type (one of the ten; see {@link AttributeValue})
     */
    public static software.amazon.awssdk.services.dynamodb.model.AttributeValue toDynamo(AttributeValue value) {
        if (value instanceof AttributeValue.TextValue t) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(t.value());
        } else if (value instanceof AttributeValue.NumberValue n) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(numberText(n.value()));
        } else if (value instanceof AttributeValue.BooleanValue b) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(b.value());
        } else if (value instanceof AttributeValue.NullValue) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul(true);
        } else if (value instanceof AttributeValue.BinaryValue b) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(
                    SdkBytes.fromByteArrayUnsafe(b.bytes()));
        } else if (value instanceof AttributeValue.TextSetValue set) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(new ArrayList<>(set.values()));
        } else if (value instanceof AttributeValue.NumberSetValue set) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs(
                    set.values().stream().map(EmployeeTableSchema::numberText).toList());
        } else if (value instanceof AttributeValue.BinarySetValue set) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs(
                    set.values().stream().map(b -> SdkBytes.fromByteArrayUnsafe(b.bytes())).toList());
        } else if (value instanceof AttributeValue.ListValue l) {
            List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> out = new ArrayList<>(l.values().size());
            for (AttributeValue v : l.values()) {
                out.add(toDynamo(v));
            }
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(out);
        } else if (value instanceof AttributeValue.MapValue m) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out = new LinkedHashMap<>();
            m.values().forEach((k, v) -> out.put(k, toDynamo(v)));
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(out);
        }
        throw new IllegalArgumentException("unknown attribute value kind");
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
     * @param v a DynamoDB value
     * @return the attribute value of the same type; every one of DynamoDB's ten types has one, so nothing is lost
     * @throws IllegalArgumentException for a type this SDK does not know (a newer DynamoDB type)
     */
    public static AttributeValue fromDynamo(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        switch (v.type()) {
            case S:
                return AttributeValue.of(v.s());
            case N:
                return AttributeValue.of(new BigDecimal(v.n()));
            case BOOL:
                return AttributeValue.of(v.bool());
            case NUL:
                return AttributeValue.ofNull();
            case B:
                return AttributeValue.of(v.b().asByteArrayUnsafe());
            case SS:
                return AttributeValue.textSet(v.ss());
            case NS:
                return AttributeValue.numberSet(v.ns().stream().map(BigDecimal::new).toList());
            case BS:
                return AttributeValue.binarySet(v.bs().stream().map(SdkBytes::asByteArrayUnsafe).toList());
            case L: {
                List<AttributeValue> out = new ArrayList<>(v.l().size());
                for (var element : v.l()) {
                    out.add(fromDynamo(element));
                }
                return AttributeValue.of(out);
            }
            case M: {
                Map<String, AttributeValue> out = new LinkedHashMap<>();
                v.m().forEach((k, element) -> out.put(k, fromDynamo(element)));
                return AttributeValue.of(out);
            }
            default:
                throw new IllegalArgumentException("an attribute of an unknown DynamoDB type");
        }
    }
}
