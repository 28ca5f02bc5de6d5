package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.ImportResult;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.dynamodb.internal.Backoff;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.dynamodb.internal.Errors;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import io.github.employeestore.spi.ImportPlan;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.ID;

/**
 * Imports employees with BatchWriteItems of 25, a bounded number in flight, in rounds: each round after the first
 * sends again, after a backoff, what DynamoDB left unprocessed or throttled, until everything is written or DynamoDB
 * has written nothing for the import deadline. In the sample layout each batch is preceded by one consistent
 * BatchGetItem of its ids, so that an employee whose badges are those stored keeps their stored order and type.
 * Thread-safe.
 */
public final class ImportOperation {
    /** The key read to check that the table exists when an import has nothing to write. */
    private static final String TABLE_CHECK_KEY = "importAll table check";

    private static final int BATCH_WRITE_SIZE = 25;

    private final StoreContext ctx;
    private final NameIndexBatches indexBatches;
    /** In the sample layout, the read of the stored badges' form before each batch; otherwise {@code null}. */
    private final BatchGetOperation storedForm;

    /** @param ctx the store's context */
    public ImportOperation(StoreContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.indexBatches = new NameIndexBatches(ctx);
        this.storedForm = InPlaceWrites.appliesTo(ctx) ? new BatchGetOperation(ctx) : null;
    }

    /**
     * @param employees the employees, checked by {@link ImportPlan}
     * @return what was written and what was not, by id
     * @throws StoreConfigurationException if the table does not exist or the caller may not write to it
     */
    public ImportResult importAll(Collection<Employee> employees) {
        // §4.15.3: nothing to write, but a missing table is reported as such (one GetItem of a key nobody needs to
        // hold: DynamoDB answers ResourceNotFoundException before it looks for the item)
        ImportPlan plan = ImportPlan.of(employees).checkingTable(() -> ctx.call("importAll",
                () -> ctx.readRaw(TABLE_CHECK_KEY)));
        List<ImportPlan.Entry> writable = plan.writable();
        ImportProgress progress = new ImportProgress(ctx.importDeadline(), ctx.ticker());
        List<ImportResult.Failure> failures = new ArrayList<>();
        // Round 1 sends every batch once; later rounds send what DynamoDB left unprocessed or throttled, packed
        // again into full batches, after a backoff, until everything is written or the deadline passes.
        List<ImportPlan.Entry> pending = writable;
        Map<String, EmployeeStoreException> lastErrors = new HashMap<>();
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round > 0) {
                long left = progress.nanosLeft();
                if (left <= 0) {
                    break;
                }
                Backoff.sleep(Duration.ofNanos(Math.min(left, Backoff.delay(round - 1,
                        Bounded.UNPROCESSED_BACKOFF_BASE, Bounded.UNPROCESSED_BACKOFF_CAP).toNanos())));
                if (progress.nanosLeft() <= 0) {
                    break;
                }
                ctx.log().debug("importAll retry round={} items={}", round, pending.size());
            }
            List<Callable<BatchOutcome>> sends = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += BATCH_WRITE_SIZE) {
                List<ImportPlan.Entry> batch = pending.subList(from, Math.min(pending.size(), from + BATCH_WRITE_SIZE));
                sends.add(() -> writeBatch(batch, progress));
            }
            List<ImportPlan.Entry> next = new ArrayList<>();
            for (BatchOutcome outcome : Bounded.run("importAll", sends, ctx.importConcurrency())) {
                failures.addAll(outcome.failed());
                for (ImportPlan.Entry entry : outcome.retry()) {
                    next.add(entry);
                    lastErrors.put(entry.employee().id(), outcome.error());
                }
            }
            pending = next;
        }
        for (ImportPlan.Entry entry : pending) {
            EmployeeStoreException error = lastErrors.get(entry.employee().id());
            failures.add(ImportPlan.writeFailure(entry, error != null ? error : new StoreUnavailableException(
                    "not written: DynamoDB had written nothing for the import deadline of " + ctx.importDeadline(),
                    null, true)));
        }
        ImportResult result = plan.result(failures);
        ctx.log().debug("importAll attempted={} written={} failed={}", result.attempted(), result.written(),
                result.failures().size());
        return result;
    }

    /**
     * When an import gives up: once DynamoDB has written nothing for the import deadline. Every batch that writes
     * something moves the deadline on, so a long import of many batches never runs out of time while it progresses,
     * and one that DynamoDB stops accepting ends one deadline after the last write. Thread-safe.
     */
    private static final class ImportProgress {
        private final long idleNanos;
        private final LongSupplier ticker;
        private final AtomicLong lastProgress;

        ImportProgress(Duration idle, LongSupplier ticker) {
            this.idleNanos = idle.toNanos();
            this.ticker = ticker;
            this.lastProgress = new AtomicLong(ticker.getAsLong());
        }

        void progressed() {
            lastProgress.set(ticker.getAsLong());
        }

        /** @return how long until the deadline, zero or negative once it has passed */
        long nanosLeft() {
            return idleNanos - (ticker.getAsLong() - lastProgress.get());
        }
    }

    /**
     * What one BatchWriteItem did.
     *
     * @param retry  the employees to send again (unprocessed, or the request was throttled or timed out)
     * @param failed the employees that cannot be written (DynamoDB rejected the request)
     * @param error  why the employees in {@code retry} are not written yet
     */
    private record BatchOutcome(List<ImportPlan.Entry> retry, List<ImportResult.Failure> failed,
                                EmployeeStoreException error) {
    }

    private BatchOutcome writeBatch(List<ImportPlan.Entry> batch, ImportProgress progress) {
        String tableName = ctx.tableName();
        if (progress.nanosLeft() <= 0) {
            return new BatchOutcome(batch, List.of(), new StoreUnavailableException("not sent: DynamoDB had written "
                    + "nothing for the import deadline of " + ctx.importDeadline(), null, true));
        }
        Map<String, ImportPlan.Entry> byId = new LinkedHashMap<>();
        for (ImportPlan.Entry entry : batch) {
            byId.put(entry.employee().id(), entry);
        }
        try {
            // the batch's search index items first: an employee is written only once its index items are
            indexBatches.putAll(batch.stream().map(entry -> NameIndexKeys.entry(entry.employee())).toList());
            // the sample layout keeps the stored form of badges an employee imported unchanged still has: one
            // consistent BatchGetItem of the batch first (between it and the write, another writer's change of
            // the badges is overwritten by the import's, as without it; only their order and type come from it)
            Map<String, Map<String, AttributeValue>> stored = storedForm == null ? Map.of()
                    : storedForm.batchGet(new ArrayList<>(byId.keySet()));
            List<WriteRequest> requests = new ArrayList<>(batch.size());
            for (ImportPlan.Entry entry : batch) {
                requests.add(WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(item(entry.employee(), stored.get(entry.employee().id()))).build()).build());
            }
            BatchWriteItemResponse response = ctx.client().batchWriteItem(b -> b.requestItems(
                    Map.of(tableName, requests)));
            List<ImportPlan.Entry> unprocessed = new ArrayList<>();
            for (WriteRequest w : response.unprocessedItems().getOrDefault(tableName, List.of())) {
                ImportPlan.Entry entry = byId.get(w.putRequest().item().get(ID).s());
                if (entry != null) {
                    unprocessed.add(entry);
                }
            }
            if (unprocessed.size() < batch.size()) {
                progress.progressed();
            }
            if (!unprocessed.isEmpty()) {
                ctx.log().debug("importAll unprocessed items={}", unprocessed.size());
            }
            return new BatchOutcome(unprocessed, List.of(), new StoreUnavailableException("DynamoDB left the item "
                    + "unprocessed (throttled) on every attempt until it had written nothing for the import deadline "
                    + "of " + ctx.importDeadline(), null, true));
        } catch (StoreUnavailableException e) {
            // the search index items stayed unprocessed, or the read of the stored badges failed: the employees
            // are not written, the batch is sent again
            ctx.log().debug("importAll batch not written, will retry: {}", e.getMessage());
            return new BatchOutcome(batch, List.of(), e);
        } catch (SdkException e) {
            EmployeeStoreException translated = Errors.translate(e, "importAll", tableName);
            if (translated instanceof StoreConfigurationException) {
                throw translated;
            }
            if (translated instanceof StoreUnavailableException) {
                ctx.log().debug("importAll batch failed, will retry: {}", translated.getMessage());
                return new BatchOutcome(batch, List.of(), translated);
            }
            List<ImportResult.Failure> failed = new ArrayList<>();
            for (ImportPlan.Entry entry : batch) {
                failed.add(ImportPlan.writeFailure(entry, translated));
            }
            return new BatchOutcome(List.of(), failed, translated);
        }
    }

    /** The item of an imported employee; over a stored item, its badges in the form the layout keeps. */
    private Map<String, AttributeValue> item(Employee e, Map<String, AttributeValue> stored) {
        Map<String, AttributeValue> item = ctx.mapping().itemToMap(e, true);
        AttributeValue storedBadges = stored == null ? null : stored.get(EmployeeTableSchema.BADGES);
        if (storedBadges != null) {
            io.github.employeestore.AttributeValue badges = ctx.mapping().codec().badgesValue(e.badges(),
                    EmployeeTableSchema.fromDynamo(storedBadges));
            item = new LinkedHashMap<>(item);
            if (badges == null) {
                item.remove(EmployeeTableSchema.BADGES);
            } else {
                item.put(EmployeeTableSchema.BADGES, EmployeeTableSchema.toDynamo(badges));
            }
        }
        return item;
    }
}
