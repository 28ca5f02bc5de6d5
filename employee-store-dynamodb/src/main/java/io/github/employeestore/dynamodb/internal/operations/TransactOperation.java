package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.dynamodb.internal.Backoff;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import io.github.employeestore.spi.ItemSize;
import io.github.employeestore.spi.Timestamps;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;
import io.github.employeestore.spi.WritePlan;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.ID;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.asStored;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.checkExpected;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.storedCreatedAt;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.versionAndCreated;
import static io.github.employeestore.dynamodb.internal.operations.Conditions.versionIs;

/**
 * Writes a transaction as one TransactWriteItems (after one BatchGetItem of the stored state when it has updates or
 * puts), translating a cancellation into the typed exception of the first failing operation and retrying, a
 * bounded number of times, one that only lost a race. In the sample layout an update or put of a stored item is an
 * {@code Update} of what differs ({@link ItemDiff}) instead of a {@code Put}. Thread-safe.
 */
public final class TransactOperation {
    private static final long MAX_TRANSACTION_BYTES = 4_000_000L;

    /** DynamoDB's limit of actions in one TransactWriteItems. */
    static final int MAX_TRANSACTION_ACTIONS = 100;

    private final StoreContext ctx;
    private final BatchGetOperation batchGet;
    private final PatchOperation patches;
    private final NameIndexWrites indexed;
    private final NameIndexBatches indexBatches;
    /** Whether updates and puts of stored items are written in place (the sample layout; see {@link ItemDiff}). */
    private final boolean inPlace;

    /**
     * @param ctx      the store's context
     * @param batchGet the batch read of the stored state
     * @param patches  the patch operation, whose transaction items it sends
     */
    public TransactOperation(StoreContext ctx, BatchGetOperation batchGet, PatchOperation patches) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.batchGet = Objects.requireNonNull(batchGet, "batchGet");
        this.patches = Objects.requireNonNull(patches, "patches");
        this.indexed = new NameIndexWrites(ctx);
        this.indexBatches = new NameIndexBatches(ctx);
        this.inPlace = InPlaceWrites.appliesTo(ctx);
    }

    /**
     * @param writes records the operations
     * @throws InvalidInputException also if the employees written add up to more than DynamoDB's 4 MB limit
     */
    public void transact(Consumer<TransactionWriter> writes) {
        List<TransactionOperation> operations = TransactionPlan.record(writes);
        if (operations.isEmpty()) {
            return;
        }
        long bytes = 0;
        for (TransactionOperation op : operations) {
            if (op instanceof TransactionOperation.Create c) {
                bytes += ItemSize.of(c.employee());
            } else if (op instanceof TransactionOperation.Update u) {
                bytes += ItemSize.of(u.employee());
            } else if (op instanceof TransactionOperation.Put p) {
                bytes += ItemSize.of(p.employee());
            }
        }
        if (bytes > MAX_TRANSACTION_BYTES) {
            throw InvalidInputException.of("operations", "the employees of a transaction must add up to at most "
                    + MAX_TRANSACTION_BYTES + " bytes (DynamoDB's transaction limit)");
        }
        int maxWriteAttempts = ctx.maxWriteAttempts();
        ctx.call("transact operations=" + operations.size(), () -> {
            // every operation but a create needs the stored item: its version and timestamps, and its index items
            List<String> toRead = operations.stream()
                    .filter(op -> !(op instanceof TransactionOperation.Create))
                    .map(TransactionOperation::id).toList();
            SdkException last = null;
            boolean useIndex = !indexed.presence().knownMissing();
            int indexTableAppeared = 0;
            for (int attempt = 0; attempt < maxWriteAttempts; attempt++) {
                if (attempt > 0) {
                    Backoff.sleep(Backoff.delay(attempt - 1, Duration.ofMillis(10), Duration.ofMillis(500)));
                }
                Map<String, Map<String, AttributeValue>> stored = toRead.isEmpty() ? Map.of()
                        : batchGet.batchGet(toRead);
                List<TransactWriteItem> items = new ArrayList<>(operations.size());
                List<TransactWriteItem> guarded = new ArrayList<>(operations.size());
                List<TransactWriteItem> index = new ArrayList<>();
                for (int i = 0; i < operations.size(); i++) {
                    TransactionOperation op = operations.get(i);
                    Map<String, AttributeValue> s = stored.get(op.id());
                    try {
                        if (op instanceof TransactionOperation.Patch p) {
                            List<TransactWriteItem> patch = patches.transactItems(p.plan(ctx.clock()), s);
                            items.add(action(op, s).write());
                            guarded.add(patch.get(0));
                            index.addAll(patch.subList(1, patch.size()));
                        } else {
                            Action own = action(op, s);
                            Optional<NameIndexKeys.Entry> from = NameIndexKeys.entry(s);
                            items.add(own.write());
                            guarded.add(indexed.guarded(own.write(), from));
                            // the new index entry from the item the write leaves (an in-place Update carries
                            // only what differs)
                            index.addAll(indexed.delta(from, NameIndexKeys.entry(own.after())));
                        }
                    } catch (EmployeeStoreException refused) {
                        // refused before anything is sent (a patch making the employee invalid): an earlier
                        // operation that fails on the stored state fails first, as the operations apply in order
                        failFirst(operations.subList(0, i), stored);
                        throw refused;
                    }
                }
                // Index items in the same transaction while operations and index items fit DynamoDB's 100 actions;
                // past that, the new index items are put before and again after the transaction (see
                // NameIndexBatches), and those of replaced names are left to be skipped by searches.
                // Without an index table (an older table, §4.20.8) the operations alone.
                boolean atomicIndex = useIndex && guarded.size() + index.size() <= MAX_TRANSACTION_ACTIONS;
                List<Map<String, AttributeValue>> written = !useIndex || atomicIndex ? List.of() : puts(index);
                List<TransactWriteItem> send = new ArrayList<>(atomicIndex ? guarded : items);
                if (atomicIndex) {
                    send.addAll(index);
                } else if (useIndex) {
                    indexBatches.putItems(written);
                }
                try {
                    ctx.client().transactWriteItems(b -> b.transactItems(send));
                    if (!written.isEmpty()) {
                        indexBatches.putItems(written);
                    }
                    ctx.log().debug("transact operations={} attempts={}", operations.size(), attempt + 1);
                    return null;
                } catch (ResourceNotFoundException e) {
                    if (!useIndex) {
                        throw e;
                    }
                    if (!indexed.presence().missing()) {
                        // the index table exists now (a schema().create() made it meanwhile): sent again; a
                        // missing employee table fails again and is thrown
                        if (++indexTableAppeared > 2) {
                            throw e;
                        }
                        continue;
                    }
                    useIndex = false;
                } catch (TransactionCanceledException e) {
                    last = e;
                    if (useIndex && indexTableMissing(e)) {
                        useIndex = false;
                        continue;
                    }
                    if (!retryable(operations, e)) {
                        throw new EmployeeStoreException("DynamoDB cancelled the transaction: "
                                + reasonCodes(e), e);
                    }
                } catch (TransactionConflictException e) {
                    last = e;
                }
            }
            throw new StoreUnavailableException("transact gave up after " + maxWriteAttempts
                    + " attempts, each cancelled by concurrent writes", last, true);
        });
    }

    /** @return whether the transaction names a missing table and it is the index table */
    private boolean indexTableMissing(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream().map(CancellationReason::code)
                .anyMatch(c -> c != null && c.startsWith("ResourceNotFound")) && indexed.presence().missing();
    }

    /** The items of the index puts among {@code index}. */
    private static List<Map<String, AttributeValue>> puts(List<TransactWriteItem> index) {
        return index.stream().filter(i -> i.put() != null).map(i -> i.put().item()).toList();
    }

    /**
     * One operation's action in the transaction.
     *
     * @param write the transaction item
     * @param after the employee item the write leaves, or an empty map for a delete (a patch: not used)
     */
    private record Action(TransactWriteItem write, Map<String, AttributeValue> after) {
        static Action of(TransactWriteItem put) {
            return new Action(put, put.put().item());
        }

        static Action of(ItemDiff diff, String tableName) {
            return new Action(diff.transactItem(tableName), diff.item());
        }
    }

    private Action action(TransactionOperation op, Map<String, AttributeValue> stored) {
        if (op instanceof TransactionOperation.Patch p) {
            return new Action(patches.transactItem(p.plan(ctx.clock()), stored), Map.of());
        } else if (op instanceof TransactionOperation.Create c) {
            return Action.of(putAbsent(WritePlan.of(c, ctx.clock()).whenAbsent()));
        } else if (op instanceof TransactionOperation.Update u) {
            String created = stored == null ? null : storedCreatedAt(stored);
            Employee e = WritePlan.of(u, ctx.clock()).whenStored(u.employee().version(),
                    created == null ? null : Timestamps.parse(created));
            Expression condition = versionAndCreated(u.employee().version(), created);
            return stored != null && inPlace ? Action.of(ItemDiff.of(ctx.mapping(), stored, e, condition),
                    ctx.tableName()) : Action.of(putIf(e, condition));
        } else if (op instanceof TransactionOperation.Put p) {
            WritePlan plan = WritePlan.of(p, ctx.clock());
            if (stored == null) {
                return Action.of(putAbsent(plan.whenAbsent()));
            }
            long version = Math.max(0, EmployeeTableSchema.versionOf(stored));
            String created = storedCreatedAt(stored);
            Employee e = plan.whenStored(version, created == null ? null : Timestamps.parse(created));
            return inPlace ? Action.of(ItemDiff.of(ctx.mapping(), stored, e, asStored(stored)), ctx.tableName())
                    : Action.of(putIf(e, asStored(stored)));
        } else if (op instanceof TransactionOperation.DeleteVersion d) {
            return new Action(TransactWriteItem.builder().delete(Delete.builder().tableName(ctx.tableName())
                    .key(EmployeeTableSchema.key(d.id()))
                    .conditionExpression(versionIs(d.expectedVersion()).expression())
                    .expressionAttributeNames(versionIs(d.expectedVersion()).expressionNames())
                    .expressionAttributeValues(versionIs(d.expectedVersion()).expressionValues())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                    .build(), Map.of());
        } else {
            return new Action(TransactWriteItem.builder().delete(Delete.builder().tableName(ctx.tableName())
                    .key(EmployeeTableSchema.key(op.id())).build()).build(), Map.of());
        }
    }

    /**
     * Throws the typed exception of the first of {@code operations} that fails on the stored state: a create of a
     * stored id, or an update, patch or versioned delete of an absent id or of another version. The items of updates,
     * puts and patches are in {@code stored} (read before); creates and versioned deletes are read here.
     */
    private void failFirst(List<TransactionOperation> operations, Map<String, Map<String, AttributeValue>> stored) {
        for (TransactionOperation op : operations) {
            if (op instanceof TransactionOperation.Create) {
                if (!ctx.readRaw(op.id()).isEmpty()) {
                    throw new EmployeeAlreadyExistsException(op.id());
                }
            } else if (op instanceof TransactionOperation.Update u) {
                checkExpected(op.id(), u.employee().version(), stored.get(op.id()), null);
            } else if (op instanceof TransactionOperation.Patch p) {
                checkExpected(op.id(), p.expectedVersion(), stored.get(op.id()), null);
            } else if (op instanceof TransactionOperation.DeleteVersion d) {
                checkExpected(op.id(), d.expectedVersion(), ctx.readRaw(op.id()), null);
            }
        }
    }

    /** A Put of {@code e} conditioned on {@code attribute_not_exists(id)}. */
    private TransactWriteItem putAbsent(Employee e) {
        return TransactWriteItem.builder().put(Put.builder().tableName(ctx.tableName())
                .item(ctx.mapping().itemToMap(e, true))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", ID))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    /** A Put of {@code e} conditioned on {@code condition}. */
    private TransactWriteItem putIf(Employee e, Expression condition) {
        return TransactWriteItem.builder().put(Put.builder().tableName(ctx.tableName())
                .item(ctx.mapping().itemToMap(e, true))
                .conditionExpression(condition.expression())
                .expressionAttributeNames(condition.expressionNames())
                .expressionAttributeValues(condition.expressionValues())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    /**
     * Decides what a cancelled transaction means: throws the typed exception of the first operation whose condition
     * failed for a reason the caller must hear about, or returns {@code true} when the transaction only lost a race
     * and is worth retrying.
     */
    private boolean retryable(List<TransactionOperation> operations, TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        boolean retry = false;
        for (int i = 0; i < reasons.size(); i++) {
            CancellationReason reason = reasons.get(i);
            String code = reason.code();
            if (code == null || code.equals("None")) {
                continue;
            }
            if (i >= operations.size()) {
                // an index item's action: unconditional, so only a race or throttling
                retry = true;
                continue;
            }
            TransactionOperation op = operations.get(i);
            if (code.equals("ConditionalCheckFailed")) {
                Map<String, AttributeValue> stored = reason.hasItem() && !reason.item().isEmpty() ? reason.item()
                        : ctx.readRaw(op.id());
                if (op instanceof TransactionOperation.Create) {
                    if (!stored.isEmpty()) {
                        throw new EmployeeAlreadyExistsException(op.id(), e);
                    }
                    retry = true;
                } else if (op instanceof TransactionOperation.Update u) {
                    checkExpected(op.id(), u.employee().version(), stored, e);
                    retry = true;
                } else if (op instanceof TransactionOperation.DeleteVersion d) {
                    checkExpected(op.id(), d.expectedVersion(), stored, e);
                    retry = true;
                } else if (op instanceof TransactionOperation.Patch p) {
                    checkExpected(op.id(), p.expectedVersion(), stored, e);
                    retry = true;
                } else {
                    retry = true;
                }
            } else if (code.startsWith("ResourceNotFound")) {
                // the table was dropped (moto reports it as a cancellation reason): §4.15.3
                throw new StoreConfigurationException("DynamoDB table '" + ctx.tableName() + "' does not exist; "
                        + "create it with schema().create() (transact)", e);
            } else if (code.equals("TransactionConflict") || code.equals("ThrottlingError")
                    || code.equals("ProvisionedThroughputExceeded")) {
                retry = true;
            } else {
                return false;
            }
        }
        return retry;
    }

    private static String reasonCodes(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                ? e.cancellationReasons().stream().map(CancellationReason::code).toList().toString() : "[]";
    }
}
