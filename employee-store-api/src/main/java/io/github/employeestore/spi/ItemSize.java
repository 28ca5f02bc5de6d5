package io.github.employeestore.spi;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The size of an employee serialised as a DynamoDB item, the measure of the portable item limit
 * ({@link io.github.employeestore.Limits#MAX_ITEM_BYTES}), computed the same way for every backend.
 *
 * <p>The item is the storage layout of the DynamoDB backend: the core fields under their storage names
 * ({@code id}, {@code full_name}, {@code job_title}, {@code location}, {@code badges}, {@code photo_key},
 * {@code version}, {@code created_at}, {@code updated_at}) and each flexible attribute under its own name. Its size
 * is the sum, over every present attribute, of the UTF-8 length of its name plus the size of its value, by DynamoDB's
 * rules:
 * <ul>
 *   <li>text: its UTF-8 length; a string set ({@code badges}, absent when empty): the sum of its strings'</li>
 *   <li>number: 1 byte per two significant digits, rounded up, plus 1 byte; {@code version} is counted at its
 *       largest (19 digits, 11 bytes) so that an employee's size never grows as it is updated</li>
 *   <li>boolean and null: 1 byte; binary: its length</li>
 *   <li>sets: the sum of their elements' sizes</li>
 *   <li>list and map: 3 bytes, plus for each element 1 byte and its size (and for a map, its name's UTF-8
 *       length)</li>
 *   <li>timestamps: text of {@link Timestamps#FORMATTED_LENGTH} characters</li>
 * </ul>
 *
 * <p>Thread-safe (stateless).
 */
public final class ItemSize {
    private static final int VERSION_BYTES = "version".length() + 11;

    private ItemSize() {
    }

    /**
     * @param employee an employee; a missing id is counted as a generated one (36 characters)
     * @return its size in bytes
     */
    public static long of(Employee employee) {
        long size = 0;
        size += "id".length() + (employee.id() == null ? 36 : utf8(employee.id()));
        size += text("full_name", employee.fullName());
        size += text("job_title", employee.jobTitle());
        size += text("location", employee.location());
        size += text("photo_key", employee.photoKey());
        if (!employee.badges().isEmpty()) {
            size += "badges".length();
            for (String badge : employee.badges()) {
                size += utf8(badge);
            }
        }
        size += VERSION_BYTES;
        size += "created_at".length() + Timestamps.FORMATTED_LENGTH;
        size += "updated_at".length() + Timestamps.FORMATTED_LENGTH;
        for (Map.Entry<String, AttributeValue> e : employee.attributes().entrySet()) {
            size += utf8(e.getKey()) + of(e.getValue());
        }
        return size;
    }

    /**
     * @param value an attribute value
     * @return its size in bytes, without its name
     */
    public static long of(AttributeValue value) {
        if (value instanceof AttributeValue.TextValue t) {
            return utf8(t.value());
        } else if (value instanceof AttributeValue.NumberValue n) {
            return number(n.value());
        } else if (value instanceof AttributeValue.BooleanValue || value instanceof AttributeValue.NullValue) {
            return 1;
        } else if (value instanceof AttributeValue.BinaryValue b) {
            return b.length();
        } else if (value instanceof AttributeValue.TextSetValue set) {
            long size = 0;
            for (String t : set.values()) {
                size += utf8(t);
            }
            return size;
        } else if (value instanceof AttributeValue.NumberSetValue set) {
            long size = 0;
            for (BigDecimal n : set.values()) {
                size += number(n);
            }
            return size;
        } else if (value instanceof AttributeValue.BinarySetValue set) {
            long size = 0;
            for (AttributeValue.BinaryValue b : set.values()) {
                size += b.length();
            }
            return size;
        } else if (value instanceof AttributeValue.ListValue l) {
            long size = 3;
            for (AttributeValue v : l.values()) {
                size += 1 + of(v);
            }
            return size;
        } else {
            long size = 3;
            for (Map.Entry<String, AttributeValue> e : ((AttributeValue.MapValue) value).values().entrySet()) {
                size += 1 + utf8(e.getKey()) + of(e.getValue());
            }
            return size;
        }
    }

    private static long text(String name, String value) {
        return value == null ? 0 : name.length() + utf8(value);
    }

    private static long number(BigDecimal n) {
        int digits = n.signum() == 0 ? 1 : n.stripTrailingZeros().precision();
        return (digits + 1) / 2 + 1;
    }

    /**
     * @param s a string
     * @return its length in UTF-8 bytes (an unpaired surrogate counts 3 bytes)
     */
    public static long utf8(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
