package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The item measure of CONTRACT.md §3.4.1 (the rules {@code ItemSize} documents), written again here from those rules,
 * so that the TCK checks a store's limit against the documented measure rather than against the code under test;
 * and employees of an exact size by it.
 */
final class SizedEmployees {
    /** {@code created_at} and {@code updated_at} are 24-character texts: {@code 2031-05-17T09:41:12.345Z}. */
    private static final int TIMESTAMP = 24;

    private SizedEmployees() {
    }

    /** @return the size of the employee as a DynamoDB item, by the documented rules */
    static long measure(Employee e) {
        long size = "id".length() + utf8(e.id() == null ? "x".repeat(36) : e.id());
        size += text("full_name", e.fullName()) + text("job_title", e.jobTitle()) + text("location", e.location())
                + text("photo_key", e.photoKey());
        if (!e.badges().isEmpty()) {
            size += "badges".length() + e.badges().stream().mapToLong(SizedEmployees::utf8).sum();
        }
        size += "version".length() + 11;
        size += "created_at".length() + TIMESTAMP + "updated_at".length() + TIMESTAMP;
        for (Map.Entry<String, AttributeValue> a : e.attributes().entrySet()) {
            size += utf8(a.getKey()) + measure(a.getValue());
        }
        return size;
    }

    static long measure(AttributeValue v) {
        if (v instanceof AttributeValue.TextValue t) {
            return utf8(t.value());
        } else if (v instanceof AttributeValue.NumberValue n) {
            BigDecimal d = n.value();
            int digits = d.signum() == 0 ? 1 : d.stripTrailingZeros().precision();
            return (digits + 1) / 2 + 1;
        } else if (v instanceof AttributeValue.BooleanValue || v instanceof AttributeValue.NullValue) {
            return 1;
        } else if (v instanceof AttributeValue.BinaryValue b) {
            return b.bytes().length;
        } else if (v instanceof AttributeValue.TextSetValue set) {
            return set.values().stream().mapToLong(SizedEmployees::utf8).sum();
        } else if (v instanceof AttributeValue.NumberSetValue set) {
            return set.values().stream().mapToLong(n -> measure(AttributeValue.of(n))).sum();
        } else if (v instanceof AttributeValue.BinarySetValue set) {
            return set.values().stream().mapToLong(SizedEmployees::measure).sum();
        } else if (v instanceof AttributeValue.ListValue l) {
            return 3 + l.values().stream().mapToLong(x -> 1 + measure(x)).sum();
        } else if (v instanceof AttributeValue.MapValue m) {
            return 3 + m.values().entrySet().stream().mapToLong(x -> 1 + utf8(x.getKey()) + measure(x.getValue()))
                    .sum();
        }
        throw new IllegalArgumentException("a kind of value the TCK does not measure: " + v.getClass());
    }

    private static long text(String name, String value) {
        return value == null ? 0 : name.length() + utf8(value);
    }

    static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * @param base  an employee (its attributes must not include {@code blob})
     * @param bytes the size the result must have
     * @return the employee with a text attribute {@code blob} of ASCII letters that makes up the size
     */
    static Employee filledTo(Employee base, long bytes) {
        Employee empty = base.toBuilder().attribute("blob", AttributeValue.of("")).build();
        long fill = bytes - measure(empty);
        if (fill < 0) {
            throw new IllegalArgumentException("an employee cannot be as small as " + bytes + " bytes");
        }
        StringBuilder blob = new StringBuilder((int) fill);
        for (int i = 0; i < fill; i++) {
            blob.append((char) ('a' + Math.floorMod(base.id().hashCode() + i, 26)));
        }
        return base.toBuilder().attribute("blob", AttributeValue.of(blob.toString())).build();
    }

    /** @return an employee located in "Big" of exactly the size, by the documented measure */
    static Employee ofSize(String id, long bytes) {
        return filledTo(Employee.builder().id(id).fullName("Large " + id).location("Big").build(), bytes);
    }
}
