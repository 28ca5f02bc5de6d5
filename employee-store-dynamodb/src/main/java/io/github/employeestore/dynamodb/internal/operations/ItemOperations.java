package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.dynamodb.internal.Backoff;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import io.github.employeestore.spi.EmployeeValidator;
import io.github.employeestore.spi.Timestamps;
import io.github.employeestore.spi.WritePlan;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import static io.github.employeestore.dynamodb.internal.operations.Conditions.EXISTS;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.NOT_EXISTS;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.asStored;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.checkExpected;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.storedCreatedAt;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.timestampOrNull;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.versionAndCreated;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.versionIs;

/**
 * The single-item operations of the DynamoDB store: get, and the conditional writes create, update, put and the two
 * deletes, with the conditions that guard them. Thread-safe.
 */
public final class ItemOperations {
    private final StoreContext ctx;
    private final NameIndexWrites indexed;
    private final NameIndexBatches indexBatches;
    /** The sample layout's whole-item writes in place, or {@code null} in the standard layout. */
    private final InPlaceWrites inPlace;

    /** @param ctx the store's context */
    public ItemOperations(StoreContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.indexed = new NameIndexWrites(ctx);
        this.indexBatches = new NameIndexBatches(ctx);
        this.inPlace = InPlaceWrites.appliesTo(ctx) ? new InPlaceWrites(ctx, indexed) : null;
    }

    /**
     * The name-index items by one BatchWriteItem, then one PutItem with the condition
     * {@code attribute_not_exists(id)}, then one BatchGetItem that the index items are still there
     * ({@link NameIndexBatches#ensurePresent}). Not a TransactWriteItems: a refused create (its id exists) leaves index
     * items that searches skip (they are checked against the stored employee), as {@code createAll}'s do; a
     * transaction costs twice the write capacity and, on moto, a copy of both tables per create (and a cancelled one
     * restores them, undoing concurrent writes).
     */
    public Employee create(Employee draft) {
        Employee prepared = WritePlan.create(draft, ctx.clock()).whenAbsent();
        String id = prepared.id();
        return ctx.call("create id=" + id, () -> {
            List<NameIndexKeys.Entry> entry = List.of(NameIndexKeys.entry(prepared));
            indexBatches.putAll(entry);
            try {
                ctx.client().putItem(b -> b.tableName(ctx.tableName())
                        .item(ctx.mapping().itemToMap(prepared, true))
                        .conditionExpression(NOT_EXISTS.expression())
                        .expressionAttributeNames(NOT_EXISTS.expressionNames()));
            } catch (ConditionalCheckFailedException e) {
                throw new EmployeeAlreadyExistsException(id, e);
            }
            indexBatches.ensurePresent(entry);
            ctx.log().debug("create id={}", id);
            return prepared;
        });
    }

    /** One strongly consistent GetItem. */
    public Optional<Employee> get(String id) {
        EmployeeValidator.validateId(id);
        return ctx.call("get id=" + id, () -> {
            Employee e = ctx.table().getItem(GetItemEnhancedRequest.builder()
                    .key(key(id)).consistentRead(true).build());
            ctx.log().debug("get id={} found={}", id, e != null);
            return Optional.ofNullable(e);
        });
    }

    /**
     * One PutItem conditioned on the expected {@code version} and the stored {@code created_at}; when the latter is
     * not known or does not match, the failed condition's {@code ALL_OLD} item tells it, and one more PutItem follows.
     * In the sample layout, a GetItem and an UpdateItem in place ({@link InPlaceWrites}).
     */
    public Employee update(Employee changed) {
        WritePlan plan = WritePlan.update(changed, ctx.clock());
        String id = plan.id();
        long expected = plan.expectedVersion().orElseThrow();
        if (inPlace != null) {
            return ctx.call("update id=" + id, () -> inPlace.update(plan));
        }
        return ctx.call("update id=" + id, () -> {
            String createdAt = timestampOrNull(changed.createdAt());
            // the stored name the write assumes (its index items): the one read, or else the new one (an update
            // that keeps the name is one PutItem); when wrong, the stored item returned tells the right one
            Optional<NameIndexKeys.Entry> assumed = Optional.of(NameIndexKeys.entry(changed));
            if (createdAt == null) {
                Map<String, AttributeValue> stored = ctx.readRaw(id);
                checkExpected(id, expected, stored, null);
                createdAt = storedCreatedAt(stored);
                assumed = NameIndexKeys.entry(stored);
            }
            for (int attempt = 0; ; attempt++) {
                Employee toStore = plan.whenStored(expected, createdAt == null ? null : Timestamps.parse(createdAt));
                try {
                    String created = createdAt;
                    indexed.put(ctx.mapping().itemToMap(toStore, true), versionAndCreated(expected, createdAt),
                            assumed, s -> EmployeeTableSchema.versionOf(s) == expected
                                    && Objects.equals(storedCreatedAt(s), created));
                    ctx.log().debug("update id={} version={}", id, toStore.version());
                    return toStore;
                } catch (ConditionalCheckFailedException e) {
                    Map<String, AttributeValue> stored = ctx.storedAfterFailure(id, e);
                    checkExpected(id, expected, stored, e);
                    String storedCreated = storedCreatedAt(stored);
                    if (Objects.equals(storedCreated, createdAt) || attempt >= 3) {
                        throw new VersionConflictException(id, expected, OptionalLong.empty(), e);
                    }
                    createdAt = storedCreated;
                    assumed = NameIndexKeys.entry(stored);
                }
            }
        });
    }

    /**
     * An optimistic loop of conditional PutItems that never loses a concurrent write, each expecting the state the
     * previous one failed on, backing off with jitter, for at most {@link StoreContext#maxWriteAttempts()} attempts.
     * In the sample layout, a GetItem first and then such a loop of writes in place ({@link InPlaceWrites}).
     */
    public Employee put(Employee employee) {
        WritePlan plan = WritePlan.put(employee, ctx.clock());
        String id = plan.id();
        if (inPlace != null) {
            return ctx.call("put id=" + id, () -> inPlace.put(plan));
        }
        int maxWriteAttempts = ctx.maxWriteAttempts();
        return ctx.call("put id=" + id, () -> {
            long expectedVersion = employee.version();
            String expectedCreated = expectedVersion >= 1 ? timestampOrNull(employee.createdAt()) : null;
            boolean expectAbsent = expectedCreated == null;
            Expression expectStored = null;
            Map<String, AttributeValue> storedState = null;
            ConditionalCheckFailedException last = null;
            for (int attempt = 0; attempt < maxWriteAttempts; attempt++) {
                Employee toStore = expectAbsent ? plan.whenAbsent() : plan.whenStored(expectedVersion,
                        expectedCreated == null ? null : Timestamps.parse(expectedCreated));
                try {
                    indexed.put(ctx.mapping().itemToMap(toStore, true), expectAbsent ? NOT_EXISTS
                                    : expectStored != null ? expectStored
                                    : versionAndCreated(expectedVersion, expectedCreated),
                            expectAbsent ? Optional.empty() : storedState != null ? NameIndexKeys.entry(storedState)
                                    : Optional.of(NameIndexKeys.entry(toStore)), s -> false);
                    ctx.log().debug("put id={} version={} attempts={}", id, toStore.version(), attempt + 1);
                    return toStore;
                } catch (ConditionalCheckFailedException e) {
                    last = e;
                    // No item returned means none is stored: expect that next, which the next conditional write
                    // checks atomically; only when that fails too without an item is the stored state read.
                    Map<String, AttributeValue> stored = e.hasItem() && !e.item().isEmpty() ? e.item()
                            : expectAbsent ? ctx.readRaw(id) : Map.of();
                    expectAbsent = stored.isEmpty();
                    if (!expectAbsent) {
                        // conditioned on the stored values as they are, whatever their type, so that a put also
                        // replaces an item written by other code with a version or timestamp of its own form
                        expectedVersion = Math.max(0, EmployeeTableSchema.versionOf(stored));
                        expectedCreated = storedCreatedAt(stored);
                        expectStored = asStored(stored);
                        storedState = stored;
                    }
                    if (attempt >= 1) {
                        Backoff.sleep(Backoff.delay(attempt - 1, Duration.ofMillis(5), Duration.ofMillis(200)));
                    }
                }
            }
            throw new StoreUnavailableException("put id=" + id + " gave up after " + maxWriteAttempts
                    + " attempts, each overtaken by a concurrent write", last, true);
        });
    }

    /** One DeleteItem returning the old item. */
    public boolean delete(String id) {
        EmployeeValidator.validateId(id);
        return ctx.call("delete id=" + id, () -> {
            // the stored item is read for its index items; it is not mapped, so an unreadable one is deleted too
            Map<String, AttributeValue> stored = ctx.readRaw(id);
            for (int attempt = 1; ; attempt++) {
                if (stored.isEmpty()) {
                    ctx.log().debug("delete id={} deleted=false", id);
                    return false;
                }
                Optional<NameIndexKeys.Entry> state = NameIndexKeys.entry(stored);
                try {
                    if (state.isEmpty()) {
                        var response = ctx.client().deleteItem(b -> b.tableName(ctx.tableName())
                                .key(EmployeeTableSchema.key(id)).returnValues(ReturnValue.ALL_OLD));
                        boolean deleted = response.hasAttributes() && !response.attributes().isEmpty();
                        ctx.log().debug("delete id={} deleted={}", id, deleted);
                        return deleted;
                    }
                    indexed.delete(id, EXISTS, state, s -> false);
                    ctx.log().debug("delete id={} deleted=true", id);
                    return true;
                } catch (ConditionalCheckFailedException e) {
                    if (attempt >= ctx.maxWriteAttempts()) {
                        throw new StoreUnavailableException("delete id=" + id + " gave up after " + attempt
                                + " attempts, each overtaken by a concurrent write", e, true);
                    }
                    stored = ctx.storedAfterFailure(id, e);
                }
            }
        });
    }

    /** One DeleteItem conditioned on {@code version}; on failure the stored item tells not found from a conflict. */
    public void delete(String id, long expectedVersion) {
        EmployeeValidator.validateId(id);
        EmployeeValidator.validateExpectedVersion(expectedVersion);
        ctx.call("delete id=" + id, () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    Map<String, AttributeValue> stored = ctx.readRaw(id);
                    checkExpected(id, expectedVersion, stored, null);
                    Optional<NameIndexKeys.Entry> state = NameIndexKeys.entry(stored);
                    if (state.isEmpty()) {
                        ctx.table().deleteItem(DeleteItemEnhancedRequest.builder()
                                .key(key(id))
                                .conditionExpression(versionIs(expectedVersion))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                .build());
                    } else {
                        indexed.delete(id, versionIs(expectedVersion), state,
                                s -> EmployeeTableSchema.versionOf(s) == expectedVersion);
                    }
                    break;
                } catch (ConditionalCheckFailedException e) {
                    Map<String, AttributeValue> stored = ctx.storedAfterFailure(id, e);
                    checkExpected(id, expectedVersion, stored, e);
                    // the item read after the failure has the expected version: it was written between the delete
                    // and the read (e.g. created after the delete found none), so the delete is tried again
                    if (attempt >= 3) {
                        throw new VersionConflictException(id, expectedVersion, OptionalLong.empty(), e);
                    }
                }
            }
            ctx.log().debug("delete id={} version={}", id, expectedVersion);
            return null;
        });
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(id).build();
    }
}
