package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.ImportResult;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.dynamodb.internal.Backoff;
import io.github.employeestore.dynamodb.internal.Errors;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import io.github.employeestore.spi.CreatePlan;
import io.github.employeestore.spi.ImportPlan;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import static io.github.employeestore.dynamodb.internal.operations.Conditions.NOT_EXISTS;

/**
 * Creates employees in bulk with one conditional PutItem per draft ({@code attribute_not_exists(id)}), a bounded
 * number of threads sending them at once ({@code importConcurrency}), each thread 25 drafts in a row, after the
 * BatchWriteItems of those drafts' name-index items ({@link NameIndexBatches}, as {@code importAll}) and before one
 * BatchGetItem that the created ones' index items are still there ({@link NameIndexBatches#ensurePresent}): a created
 * employee is searchable when the call returns, and the index items of a refused draft are skipped by searches
 * (checked against the stored employee). Not one TransactWriteItems per draft: that costs twice the write capacity
 * and, on moto, a copy of the table per draft.
 *
 * <p>Why not BatchWriteItem: it takes no condition, so a batch would replace a stored employee of the same id; and
 * one TransactWriteItems of many drafts fails as a whole when one id exists. A conditional PutItem per draft
 * decides each id atomically in DynamoDB, so a stored employee is never replaced and of a {@code createAll} and any
 * concurrent {@code create}s of one id exactly one succeeds.
 *
 * <p>Throttled requests and transient failures are sent again in later rounds, after a backoff, until DynamoDB has
 * created nothing for the import deadline; what is still unwritten then is reported by index and id. A missing
 * table ends the call with {@link StoreConfigurationException}. Thread-safe.
 */
public final class CreateAllOperation {
    private static final String TABLE_CHECK_KEY = "createAll table check";
    private static final int PER_TASK = 25;

    private final StoreContext ctx;
    private final NameIndexBatches indexBatches;

    /** @param ctx the store's context */
    public CreateAllOperation(StoreContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.indexBatches = new NameIndexBatches(ctx);
    }

    /**
     * @param drafts the drafts, checked and stamped by {@link CreatePlan}
     * @return what was created and what was not
     * @throws StoreConfigurationException if the table does not exist or the caller may not write to it
     */
    public CreateAllResult createAll(Collection<Employee> drafts) {
        CreatePlan plan = CreatePlan.of(drafts, ctx.clock()).checkingTable(() -> ctx.call("createAll",
                () -> ctx.readRaw(TABLE_CHECK_KEY)));
        AtomicLong lastProgress = new AtomicLong(ctx.ticker().getAsLong());
        long idle = ctx.importDeadline().toNanos();
        List<ImportResult.Failure> refused = new ArrayList<>();
        Map<Integer, EmployeeStoreException> lastErrors = new HashMap<>();
        List<ImportPlan.Entry> pending = plan.writable();
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round > 0) {
                long left = idle - (ctx.ticker().getAsLong() - lastProgress.get());
                if (left <= 0) {
                    break;
                }
                Backoff.sleep(Duration.ofNanos(Math.min(left, Backoff.delay(round - 1,
                        Bounded.UNPROCESSED_BACKOFF_BASE, Bounded.UNPROCESSED_BACKOFF_CAP).toNanos())));
                ctx.log().debug("createAll retry round={} items={}", round, pending.size());
            }
            List<Callable<Outcome>> sends = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += PER_TASK) {
                List<ImportPlan.Entry> part = pending.subList(from, Math.min(pending.size(), from + PER_TASK));
                boolean again = round > 0;
                sends.add(() -> send(part, again, lastProgress));
            }
            List<ImportPlan.Entry> next = new ArrayList<>();
            for (Outcome outcome : Bounded.run("createAll", sends, ctx.importConcurrency())) {
                refused.addAll(outcome.refused());
                next.addAll(outcome.retry());
                lastErrors.putAll(outcome.errors());
            }
            pending = next;
        }
        for (ImportPlan.Entry entry : pending) {
            refused.add(ImportPlan.writeFailure(entry, lastErrors.getOrDefault(entry.index(),
                    new StoreUnavailableException("not written: DynamoDB had written nothing for the import deadline"
                            + " of " + ctx.importDeadline(), null, true))));
        }
        CreateAllResult result = plan.result(refused);
        ctx.log().debug("createAll attempted={} created={} failed={}", result.attempted(), result.created().size(),
                result.failures().size());
        return result;
    }

    /**
     * What one thread's drafts came to.
     *
     * @param refused existing ids and rejected items
     * @param retry   the drafts to send again (throttled, timed out)
     * @param errors  why each draft in {@code retry} is not written yet, by index
     */
    private record Outcome(List<ImportResult.Failure> refused, List<ImportPlan.Entry> retry,
                           Map<Integer, EmployeeStoreException> errors) {
    }

    /**
     * Sends one PutItem per draft. In a later round ({@code again}), a failed condition whose stored item is exactly
     * the one sent means the earlier attempt was written although its answer was lost (a timeout): created, not
     * existing.
     */
    private Outcome send(List<ImportPlan.Entry> part, boolean again, AtomicLong lastProgress) {
        List<ImportResult.Failure> refused = new ArrayList<>();
        List<ImportPlan.Entry> retry = new ArrayList<>();
        Map<Integer, EmployeeStoreException> errors = new HashMap<>();
        try {
            // the part's name-index items first (as importAll's): an employee is written only once its index items
            // are; those of a draft refused (its id exists) are skipped by searches, which check the employee
            indexBatches.putAll(part.stream().map(entry -> NameIndexKeys.entry(entry.employee())).toList());
        } catch (StoreUnavailableException e) {
            for (ImportPlan.Entry entry : part) {
                retry.add(entry);
                errors.put(entry.index(), e);
            }
            return new Outcome(refused, retry, errors);
        } catch (SdkException e) {
            EmployeeStoreException translated = Errors.translate(e, "createAll", ctx.tableName());
            if (!(translated instanceof StoreUnavailableException)) {
                throw translated;
            }
            for (ImportPlan.Entry entry : part) {
                retry.add(entry);
                errors.put(entry.index(), translated);
            }
            return new Outcome(refused, retry, errors);
        }
        List<NameIndexKeys.Entry> written = new ArrayList<>();
        for (ImportPlan.Entry entry : part) {
            Map<String, AttributeValue> item = ctx.mapping().itemToMap(entry.employee(), true);
            try {
                ctx.client().putItem(b -> b.tableName(ctx.tableName())
                        .item(item)
                        .returnValuesOnConditionCheckFailure(again ? ReturnValuesOnConditionCheckFailure.ALL_OLD
                                : ReturnValuesOnConditionCheckFailure.NONE)
                        .conditionExpression(NOT_EXISTS.expression())
                        .expressionAttributeNames(NOT_EXISTS.expressionNames()));
                lastProgress.set(ctx.ticker().getAsLong());
                written.add(NameIndexKeys.entry(entry.employee()));
            } catch (ConditionalCheckFailedException e) {
                if (!(again && e.hasItem() && item.equals(e.item()))) {
                    refused.add(CreatePlan.exists(entry));
                } else {
                    written.add(NameIndexKeys.entry(entry.employee()));
                }
            } catch (SdkException e) {
                EmployeeStoreException translated = Errors.translate(e, "createAll", ctx.tableName());
                if (translated instanceof StoreConfigurationException) {
                    throw translated;
                }
                if (translated instanceof StoreUnavailableException) {
                    retry.add(entry);
                    errors.put(entry.index(), translated);
                } else {
                    refused.add(ImportPlan.writeFailure(entry, translated));
                }
            }
        }
        // a delete of the same id and name between the index items and the PutItem deleted them: put them again
        indexBatches.ensurePresent(written);
        return new Outcome(refused, retry, errors);
    }
}
