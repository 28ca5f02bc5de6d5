package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.Limits;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.spi.Timestamps;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.CREATED_AT;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.ID;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.VERSION;

/** The condition expressions of conditional writes, and the checks of the stored state they failed on. */
final class Conditions {
    /** The condition that no item with the key is stored. */
    static final Expression NOT_EXISTS = Expression.builder()
            .expression("attribute_not_exists(#id)")
            .putExpressionName("#id", ID)
            .build();

    /** The condition that an item with the key is stored. */
    static final Expression EXISTS = Expression.builder()
            .expression("attribute_exists(#id)")
            .putExpressionName("#id", ID)
            .build();

    private Conditions() {
    }

    /** Throws not-found or a version conflict unless {@code stored} exists with the expected version. */
    static void checkExpected(String id, long expected, Map<String, AttributeValue> stored, Throwable cause) {
        if (stored == null || stored.isEmpty()) {
            throw new EmployeeNotFoundException(id, cause);
        }
        long actual = EmployeeTableSchema.versionOf(stored);
        if (actual != expected) {
            throw new VersionConflictException(id, expected, actual < 0 ? OptionalLong.empty()
                    : OptionalLong.of(actual), cause);
        }
    }

    /**
     * The condition that the stored item is still the one expected: its version, and its {@code created_at} (which
     * the write keeps), or no {@code created_at} at all for an item written by something else than this library.
     */
    static Expression versionAndCreated(long version, String createdAt) {
        return stateIs(version == 0 ? null : EmployeeTableSchema.number(version),
                createdAt == null ? null : AttributeValue.fromS(createdAt));
    }

    /** The condition that the stored item still has the version and {@code created_at} of {@code stored}, as is. */
    static Expression asStored(Map<String, AttributeValue> stored) {
        return stateIs(stored.get(VERSION), stored.get(CREATED_AT));
    }

    /**
     * The condition that the stored {@code version} and {@code created_at} are these values exactly, or absent
     * where {@code null}: an item written by other code without a version (read as version 0) is updated only while
     * it still has none.
     */
    private static Expression stateIs(AttributeValue version, AttributeValue createdAt) {
        Expression.Builder b = Expression.builder()
                .putExpressionName("#v", VERSION)
                .putExpressionName("#c", CREATED_AT);
        String v = version == null ? "attribute_not_exists(#v)" : "#v = :v";
        String c = createdAt == null ? "attribute_not_exists(#c)" : "#c = :c";
        if (version != null) {
            b.putExpressionValue(":v", version);
        }
        if (createdAt != null) {
            b.putExpressionValue(":c", createdAt);
        }
        return b.expression("attribute_exists(#id) AND " + v + " AND " + c).putExpressionName("#id", ID).build();
    }

    /** The condition of a versioned delete: {@code version} equals, or is absent for expected version 0. */
    static Expression versionIs(long version) {
        Expression.Builder b = Expression.builder().putExpressionName("#v", VERSION);
        if (version == 0) {
            return b.expression("attribute_exists(#id) AND attribute_not_exists(#v)").putExpressionName("#id", ID)
                    .build();
        }
        return b.expression("#v = :v").putExpressionValue(":v", EmployeeTableSchema.number(version)).build();
    }

    /** @return the stored {@code created_at} text if it is a valid timestamp, otherwise {@code null} */
    static String storedCreatedAt(Map<String, AttributeValue> stored) {
        AttributeValue v = stored == null ? null : stored.get(CREATED_AT);
        if (v == null || v.s() == null) {
            return null;
        }
        return Timestamps.parseOrNull(v.s()) != null ? v.s() : null;
    }

    /** @return the timestamp as stored, or {@code null} when there is none or it is outside the valid range */
    static String timestampOrNull(Instant t) {
        if (t == null || t.isBefore(Limits.MIN_TIMESTAMP) || t.isAfter(Limits.MAX_TIMESTAMP)) {
            return null;
        }
        return Timestamps.format(t);
    }
}
