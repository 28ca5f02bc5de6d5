package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.Employee;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.dynamodb.internal.Backoff;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.spi.Timestamps;
import io.github.employeestore.spi.WritePlan;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import static io.github.employeestore.dynamodb.internal.operations.Conditions.NOT_EXISTS;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.asStored;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.checkExpected;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.storedCreatedAt;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.versionAndCreated;

/**
 * {@code update} and {@code put} in the Employee Directory sample's layout, where the item is shared with the sample
 * app: one consistent GetItem of the stored item, then one {@link ItemDiff} (an UpdateItem of only what differs, the
 * badges left as stored when they are the same badges), conditioned as the standard layout's PutItem is. A failed
 * condition returns the stored item ({@code ALL_OLD}), from which the next attempt is made without another read.
 * The write is also conditioned on the stored name the read showed, and when the name changes it goes in one
 * TransactWriteItems with the name-index items' delta ({@link NameIndexWrites}), as in the standard layout.
 * Thread-safe.
 */
final class InPlaceWrites {
    private final StoreContext ctx;
    private final NameIndexWrites indexed;

    InPlaceWrites(StoreContext ctx, NameIndexWrites indexed) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.indexed = Objects.requireNonNull(indexed, "indexed");
    }

    /** @return whether the store's layout writes whole items in place */
    static boolean appliesTo(StoreContext ctx) {
        return ctx.mapping().codec().layout() == EmployeeCodec.Layout.EMPLOYEE_DIRECTORY_SAMPLE;
    }

    /**
     * Reads the stored item, checks the expected version, writes the difference conditioned on that version and the
     * stored {@code created_at}; when only the latter changed meanwhile, tries again (at most four attempts).
     */
    Employee update(WritePlan plan) {
        String id = plan.id();
        long expected = plan.expectedVersion().orElseThrow();
        Map<String, AttributeValue> stored = ctx.readRaw(id);
        for (int attempt = 0; ; attempt++) {
            checkExpected(id, expected, stored, null);
            String createdAt = storedCreatedAt(stored);
            Employee toStore = plan.whenStored(expected, createdAt == null ? null : Timestamps.parse(createdAt));
            Optional<NameIndexKeys.Entry> from = NameIndexKeys.entry(stored);
            try {
                write(stored, toStore, versionAndCreated(expected, createdAt), from);
                ctx.log().debug("update id={} version={} in place", id, toStore.version());
                return toStore;
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> now = ctx.storedAfterFailure(id, e);
                checkExpected(id, expected, now, e);
                if ((Objects.equals(storedCreatedAt(now), createdAt) && NameIndexKeys.entry(now).equals(from))
                        || attempt >= 3) {
                    throw new VersionConflictException(id, expected, OptionalLong.empty(), e);
                }
                stored = now;
            }
        }
    }

    /**
     * Reads the stored item, then an optimistic loop as the standard layout's put: a PutItem conditioned on
     * {@code attribute_not_exists(id)} when none is stored, otherwise the difference conditioned on the stored
     * version and {@code created_at}; each failed condition's {@code ALL_OLD} item is the next attempt's stored item.
     */
    Employee put(WritePlan plan) {
        String id = plan.id();
        int maxWriteAttempts = ctx.maxWriteAttempts();
        Map<String, AttributeValue> stored = ctx.readRaw(id);
        ConditionalCheckFailedException last = null;
        for (int attempt = 0; attempt < maxWriteAttempts; attempt++) {
            Employee toStore;
            try {
                if (stored.isEmpty()) {
                    toStore = plan.whenAbsent();
                    indexed.put(ctx.mapping().itemToMap(toStore, true), NOT_EXISTS, Optional.empty(), s -> false);
                } else {
                    long version = Math.max(0, EmployeeTableSchema.versionOf(stored));
                    String created = storedCreatedAt(stored);
                    toStore = plan.whenStored(version, created == null ? null : Timestamps.parse(created));
                    write(stored, toStore, asStored(stored), NameIndexKeys.entry(stored));
                }
                ctx.log().debug("put id={} version={} attempts={} in place", id, toStore.version(), attempt + 1);
                return toStore;
            } catch (ConditionalCheckFailedException e) {
                last = e;
                stored = ctx.storedAfterFailure(id, e);
                if (attempt >= 1) {
                    Backoff.sleep(Backoff.delay(attempt - 1, Duration.ofMillis(5), Duration.ofMillis(200)));
                }
            }
        }
        throw new StoreUnavailableException("put id=" + id + " gave up after " + maxWriteAttempts
                + " attempts, each overtaken by a concurrent write", last, true);
    }

    /**
     * Writes the difference between {@code stored} and {@code toStore} under {@code condition} and the stored name
     * being {@code from}'s, with the name-index delta in the same transaction when the name changes.
     *
     * @throws ConditionalCheckFailedException if a condition fails, with the stored item
     */
    private void write(Map<String, AttributeValue> stored, Employee toStore, Expression condition,
                       Optional<NameIndexKeys.Entry> from) {
        ItemDiff diff = ItemDiff.of(ctx.mapping(), stored, toStore,
                NameIndexWrites.and(condition, indexed.stateIs(from)));
        indexed.send(diff.transactItem(ctx.tableName()), indexed.delta(from, NameIndexKeys.entry(diff.item())));
    }
}
