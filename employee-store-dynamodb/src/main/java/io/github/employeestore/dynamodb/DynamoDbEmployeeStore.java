package io.github.employeestore.dynamodb;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.ImportResult;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.dynamodb.internal.Backoff;
import io.github.employeestore.dynamodb.internal.DynamoDbSchemaAdmin;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.dynamodb.internal.Errors;
import io.github.employeestore.spi.CursorCodec;
import io.github.employeestore.spi.EmployeeValidator;
import io.github.employeestore.spi.ImportPlan;
import io.github.employeestore.spi.ItemSize;
import io.github.employeestore.spi.PagedStream;
import io.github.employeestore.spi.TableNames;
import io.github.employeestore.spi.Timestamps;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;
import io.github.employeestore.spi.Writes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.internal.client.DefaultDynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.CREATED_AT;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.FULL_NAME;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.ID;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.JOB_TITLE;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.JOB_TITLE_INDEX;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.LOCATION;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.LOCATION_INDEX;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.VERSION;

/**
 * The Amazon DynamoDB backend of {@link EmployeeStore}, on the AWS SDK v2 Enhanced Client.
 *
 * <p><b>Table:</b> one item per employee in a table (for example {@code Employees}) with partition key {@code id}
 * (S), and two global secondary indexes that serve {@link #find}: {@code location-full_name-index} and
 * {@code job_title-full_name-index}, both sorted by {@code full_name} and projecting every attribute. Create them
 * with {@link #schema()}{@code .create()}. The core fields are stored under {@code id}, {@code full_name},
 * {@code job_title}, {@code location}, {@code badges} (a string set, absent when empty), {@code photo_key},
 * {@code version} (N), {@code created_at} and {@code updated_at} (ISO-8601 text, milliseconds); every flexible
 * attribute is a top-level attribute under its own name.
 *
 * <p><b>Requests per operation</b> (when nothing is throttled): {@code get} one consistent GetItem; {@code create},
 * {@code delete} one PutItem/DeleteItem; {@code update} and {@code put} one conditional PutItem when the employee
 * given carries the {@code version} and {@code createdAt} it was read with (otherwise one more request, see the
 * methods); {@code getAll} one BatchGetItem per 100 ids; {@code importAll} one BatchWriteItem per 25 employees;
 * {@code list} one Scan per page (more only when DynamoDB's 1 MB limit cuts a response short); {@code find} one Query
 * per page when one criterion is given; {@code count} one Scan with {@code Select.COUNT} per 1 MB of table;
 * {@code transact} one TransactWriteItems, plus one BatchGetItem when it has updates or puts.
 *
 * <p><b>Order:</b> {@code list} and {@code stream} return employees in the table's scan order (the order of the
 * partition key's hash): stable, but not sorted. {@code find} orders by {@code full_name} in code-point order (the
 * order of UTF-8 bytes), ties in the index's own stable order.
 *
 * <p><b>Consistency:</b> {@code get}, {@code getAll}, {@code list}, {@code stream} and {@code count} use strongly
 * consistent reads. {@code find} reads a global secondary index, which DynamoDB keeps eventually consistent: on Amazon
 * DynamoDB a write may take a moment to show in {@code find} (a moto server applies it at once).
 *
 * <p><b>Thread-safety:</b> thread-safe; share one store. A store never closes a client it was given; a store opened
 * by URL owns its client and closes it on {@link #close()}.
 */
public final class DynamoDbEmployeeStore implements EmployeeStore {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbEmployeeStore.class);
    private static final int BATCH_GET_SIZE = 100;
    private static final int BATCH_WRITE_SIZE = 25;
    private static final int STREAM_PAGE_SIZE = 500;
    private static final long MAX_TRANSACTION_BYTES = 4_000_000L;
    private static final Duration BACKOFF_BASE = Duration.ofMillis(25);
    private static final Duration BACKOFF_CAP = Duration.ofSeconds(2);

    private static final Expression NOT_EXISTS = Expression.builder()
            .expression("attribute_not_exists(#id)")
            .putExpressionName("#id", ID)
            .build();

    private final DynamoDbClient client;
    private final DynamoDbTable<Employee> table;
    private final String tableName;
    private final Clock clock;
    private final CursorCodec cursors;
    private final DynamoDbSchemaAdmin schema;
    private final DynamoDbClient ownedClient;
    private final SdkAutoCloseable ownedCredentials;
    private final Duration importDeadline;
    private final Duration batchReadDeadline;
    private final int importConcurrency;
    private final int readConcurrency;
    private final int maxWriteAttempts;
    private final LongSupplier ticker;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DynamoDbEmployeeStore(Builder b, DynamoDbClient client, DynamoDbEnhancedClient enhanced) {
        this.client = client;
        this.tableName = b.tableName;
        this.table = enhanced.table(b.tableName, EmployeeTableSchema.INSTANCE);
        this.clock = b.clock;
        this.cursors = CursorCodec.forStore("dynamodb", b.tableName);
        this.schema = new DynamoDbSchemaAdmin(client, b.tableName, b.schemaTimeout);
        this.ownedClient = b.ownedClient;
        this.ownedCredentials = b.ownedCredentials;
        this.importDeadline = b.importDeadline;
        this.batchReadDeadline = b.batchReadDeadline;
        this.importConcurrency = b.importConcurrency;
        this.readConcurrency = b.readConcurrency;
        this.maxWriteAttempts = b.maxWriteAttempts;
        this.ticker = b.ticker;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------ single items

    /**
     * {@inheritDoc}
     *
     * <p>One PutItem with the condition {@code attribute_not_exists(id)}.
     */
    @Override
    public Employee create(Employee draft) {
        Employee prepared = Writes.forCreate(draft, clock);
        String id = prepared.id();
        return call("create id=" + id, () -> {
            try {
                table.putItem(PutItemEnhancedRequest.builder(Employee.class)
                        .item(prepared)
                        .conditionExpression(NOT_EXISTS)
                        .build());
            } catch (ConditionalCheckFailedException e) {
                throw new EmployeeAlreadyExistsException(id, e);
            }
            LOG.debug("create id={}", id);
            return prepared;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One strongly consistent GetItem.
     */
    @Override
    public Optional<Employee> get(String id) {
        EmployeeValidator.validateId(id);
        return call("get id=" + id, () -> {
            Employee e = table.getItem(GetItemEnhancedRequest.builder()
                    .key(key(id)).consistentRead(true).build());
            LOG.debug("get id={} found={}", id, e != null);
            return Optional.ofNullable(e);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One PutItem conditioned on the expected {@code version} and on the stored {@code created_at}, which
     * DynamoDB's PutItem must be given because it replaces the whole item (flexible attributes that the changed
     * employee no longer has are removed with it). The stored {@code created_at} is taken from the employee given
     * (as read); when it is missing or does not match, the conditional write's failure returns the stored item
     * ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}) and one more conditional PutItem follows. A version
     * conflict is told from that returned item without another request; when no item comes back, one consistent
     * GetItem confirms that the employee is absent (so that an endpoint without {@code ALL_OLD} support cannot turn
     * a conflict into "not found").
     */
    @Override
    public Employee update(Employee changed) {
        Employee prepared = Writes.forUpdate(changed, clock);
        String id = prepared.id();
        long expected = changed.version();
        return call("update id=" + id, () -> {
            String createdAt = timestampOrNull(changed.createdAt());
            if (createdAt == null) {
                Map<String, AttributeValue> stored = readRaw(id);
                checkExpected(id, expected, stored, null);
                createdAt = storedCreatedAt(stored);
            }
            for (int attempt = 0; ; attempt++) {
                Employee toStore = prepared.toBuilder().createdAt(createdAt == null ? prepared.updatedAt()
                        : Timestamps.parse(createdAt)).build();
                try {
                    table.putItem(PutItemEnhancedRequest.builder(Employee.class)
                            .item(toStore)
                            .conditionExpression(versionAndCreated(expected, createdAt))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build());
                    LOG.debug("update id={} version={}", id, toStore.version());
                    return toStore;
                } catch (ConditionalCheckFailedException e) {
                    Map<String, AttributeValue> stored = storedAfterFailure(id, e);
                    checkExpected(id, expected, stored, e);
                    String storedCreated = storedCreatedAt(stored);
                    if (Objects.equals(storedCreated, createdAt) || attempt >= 3) {
                        throw new VersionConflictException(id, expected, OptionalLong.empty(), e);
                    }
                    createdAt = storedCreated;
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>An optimistic loop of conditional PutItems that never loses a concurrent write: each attempt writes the
     * version after the one it expects, conditioned on that expected state ({@code attribute_not_exists(id)}, or the
     * stored {@code version} and {@code created_at}); when the condition fails, DynamoDB returns the stored item
     * ({@code ALL_OLD}) and the next attempt expects that. The first attempt expects the version and
     * {@code createdAt} the given employee carries (as read), or no employee when it carries none, so a put of a
     * freshly read or a new employee takes one request, and other puts two. Attempts back off with jitter when
     * writers compete, and give up with a {@link StoreUnavailableException} after a bounded number.
     */
    @Override
    public Employee put(Employee employee) {
        Employee fresh = Writes.forPut(employee, clock);
        String id = fresh.id();
        return call("put id=" + id, () -> {
            long expectedVersion = employee.version();
            String expectedCreated = expectedVersion >= 1 ? timestampOrNull(employee.createdAt()) : null;
            boolean expectAbsent = expectedCreated == null;
            ConditionalCheckFailedException last = null;
            for (int attempt = 0; attempt < maxWriteAttempts; attempt++) {
                Employee toStore = expectAbsent ? fresh : fresh.toBuilder()
                        .version(expectedVersion + 1)
                        .createdAt(expectedCreated == null ? fresh.createdAt() : Timestamps.parse(expectedCreated))
                        .build();
                try {
                    table.putItem(PutItemEnhancedRequest.builder(Employee.class)
                            .item(toStore)
                            .conditionExpression(expectAbsent ? NOT_EXISTS
                                    : versionAndCreated(expectedVersion, expectedCreated))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build());
                    LOG.debug("put id={} version={} attempts={}", id, toStore.version(), attempt + 1);
                    return toStore;
                } catch (ConditionalCheckFailedException e) {
                    last = e;
                    // No item returned means none is stored: expect that next, which the next conditional write
                    // checks atomically; only when that fails too without an item is the stored state read.
                    Map<String, AttributeValue> stored = e.hasItem() && !e.item().isEmpty() ? e.item()
                            : expectAbsent ? readRaw(id) : Map.of();
                    expectAbsent = stored.isEmpty();
                    if (!expectAbsent) {
                        expectedVersion = EmployeeTableSchema.versionOf(stored);
                        expectedCreated = storedCreatedAt(stored);
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

    /**
     * {@inheritDoc}
     *
     * <p>One DeleteItem returning the old item.
     */
    @Override
    public boolean delete(String id) {
        EmployeeValidator.validateId(id);
        return call("delete id=" + id, () -> {
            Employee old = table.deleteItem(DeleteItemEnhancedRequest.builder().key(key(id)).build());
            LOG.debug("delete id={} deleted={}", id, old != null);
            return old != null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One DeleteItem conditioned on {@code version} (written here: the Enhanced Client's version extension does
     * not guard deletes); on failure the stored item returned tells not found from a conflict.
     */
    @Override
    public void delete(String id, long expectedVersion) {
        EmployeeValidator.validateId(id);
        EmployeeValidator.validateExpectedVersion(expectedVersion);
        call("delete id=" + id, () -> {
            try {
                table.deleteItem(DeleteItemEnhancedRequest.builder()
                        .key(key(id))
                        .conditionExpression(Expression.builder()
                                .expression("#v = :v")
                                .putExpressionName("#v", VERSION)
                                .putExpressionValue(":v", EmployeeTableSchema.number(expectedVersion))
                                .build())
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build());
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> stored = storedAfterFailure(id, e);
                checkExpected(id, expectedVersion, stored, e);
                throw new VersionConflictException(id, expectedVersion, OptionalLong.empty(), e);
            }
            LOG.debug("delete id={} version={}", id, expectedVersion);
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------------ batches

    /**
     * {@inheritDoc}
     *
     * <p>One strongly consistent BatchGetItem per 100 distinct ids, up to {@link Builder#readConcurrency(int)} of
     * them in flight; keys DynamoDB leaves unprocessed are requested again with exponential backoff and jitter until
     * {@link Builder#batchReadDeadline(Duration)}, then {@link StoreUnavailableException}.
     */
    @Override
    public Map<String, Employee> getAll(Collection<String> ids) {
        EmployeeValidator.validateIds(ids);
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        return call("getAll ids=" + distinct.size(), () -> {
            Map<String, Employee> found = new HashMap<>();
            List<Callable<Map<String, Map<String, AttributeValue>>>> reads = new ArrayList<>();
            for (int from = 0; from < distinct.size(); from += BATCH_GET_SIZE) {
                List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET_SIZE));
                reads.add(() -> batchGet(chunk));
            }
            for (Map<String, Map<String, AttributeValue>> items : runBounded("getAll", reads, readConcurrency)) {
                items.forEach((id, item) -> found.put(id, EmployeeTableSchema.INSTANCE.mapToItem(item)));
            }
            Map<String, Employee> ordered = new LinkedHashMap<>();
            for (String id : distinct) {
                Employee e = found.get(id);
                if (e != null) {
                    ordered.put(id, e);
                }
            }
            LOG.debug("getAll ids={} found={}", distinct.size(), ordered.size());
            return ordered;
        });
    }

    private Map<String, Map<String, AttributeValue>> batchGet(List<String> ids) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = ids.stream().map(EmployeeTableSchema::key).toList();
        Map<String, KeysAndAttributes> pending = Map.of(tableName,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        long deadline = ticker.getAsLong() + batchReadDeadline.toNanos();
        for (int attempt = 0; ; attempt++) {
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(request));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                found.put(item.get(ID).s(), item);
            }
            KeysAndAttributes unprocessed = response.unprocessedKeys().get(tableName);
            if (unprocessed == null || !unprocessed.hasKeys() || unprocessed.keys().isEmpty()) {
                return found;
            }
            LOG.debug("batch get unprocessed keys={} attempt={}", unprocessed.keys().size(), attempt + 1);
            if (ticker.getAsLong() - deadline > 0) {
                throw new StoreUnavailableException("DynamoDB left " + unprocessed.keys().size()
                        + " keys unprocessed until the deadline of " + batchReadDeadline + " passed", null, true);
            }
            Backoff.sleep(Backoff.delay(attempt, BACKOFF_BASE, BACKOFF_CAP));
            pending = Map.of(tableName, unprocessed);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>BatchWriteItem with 25 employees a request and a bounded number of requests in flight (see
     * {@link Builder#importConcurrency(int)}). Items DynamoDB leaves unprocessed, and requests throttled beyond the
     * SDK's own retries, are sent again with exponential backoff and jitter until the import deadline
     * ({@link Builder#importDeadline(Duration)}) passes without DynamoDB writing anything (each batch written moves
     * it on, so a long import that progresses never runs out of time); whatever is still unwritten then is reported
     * by id in the result.
     *
     * @throws StoreConfigurationException if the table does not exist or the caller may not write to it
     */
    @Override
    public ImportResult importAll(Collection<Employee> employees) {
        ImportPlan plan = ImportPlan.of(employees);
        List<ImportPlan.Entry> writable = plan.writable();
        ImportProgress progress = new ImportProgress(importDeadline, ticker);
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
                Backoff.sleep(Duration.ofNanos(Math.min(left,
                        Backoff.delay(round - 1, BACKOFF_BASE, BACKOFF_CAP).toNanos())));
                if (progress.nanosLeft() <= 0) {
                    break;
                }
                LOG.debug("importAll retry round={} items={}", round, pending.size());
            }
            List<Callable<BatchOutcome>> sends = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += BATCH_WRITE_SIZE) {
                List<ImportPlan.Entry> batch = pending.subList(from, Math.min(pending.size(), from + BATCH_WRITE_SIZE));
                sends.add(() -> writeBatch(batch, progress));
            }
            List<ImportPlan.Entry> next = new ArrayList<>();
            for (BatchOutcome outcome : runBounded("importAll", sends, importConcurrency)) {
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
                    "not written: DynamoDB had written nothing for the import deadline of " + importDeadline, null,
                    true)));
        }
        ImportResult result = plan.result(failures);
        LOG.debug("importAll attempted={} written={} failed={}", result.attempted(), result.written(),
                result.failures().size());
        return result;
    }

    /**
     * Runs tasks with at most {@code parallelism} of them at a time (on threads that live for this call only) and
     * returns their results in order. A single task runs on the caller's thread.
     */
    private static <T> List<T> runBounded(String operation, List<Callable<T>> tasks, int parallelism) {
        List<T> results = new ArrayList<>(tasks.size());
        if (tasks.size() <= 1 || parallelism <= 1) {
            for (Callable<T> task : tasks) {
                try {
                    results.add(task.call());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new EmployeeStoreException(operation + " failed", e);
                }
            }
            return results;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, tasks.size()), r -> {
            Thread t = new Thread(r, "employee-store-dynamodb-" + operation + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(operation + " was interrupted", e, false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EmployeeStoreException(operation + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
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
        if (progress.nanosLeft() <= 0) {
            return new BatchOutcome(batch, List.of(), new StoreUnavailableException("not sent: DynamoDB had written "
                    + "nothing for the import deadline of " + importDeadline, null, true));
        }
        Map<String, ImportPlan.Entry> byId = new LinkedHashMap<>();
        List<WriteRequest> requests = new ArrayList<>(batch.size());
        for (ImportPlan.Entry entry : batch) {
            byId.put(entry.employee().id(), entry);
            requests.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(EmployeeTableSchema.INSTANCE.itemToMap(entry.employee(), true)).build()).build());
        }
        try {
            BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(Map.of(tableName, requests)));
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
                LOG.debug("importAll unprocessed items={}", unprocessed.size());
            }
            return new BatchOutcome(unprocessed, List.of(), new StoreUnavailableException("DynamoDB left the item "
                    + "unprocessed (throttled) on every attempt until it had written nothing for the import deadline "
                    + "of " + importDeadline, null, true));
        } catch (SdkException e) {
            EmployeeStoreException translated = Errors.translate(e, "importAll", tableName);
            if (translated instanceof StoreConfigurationException) {
                throw translated;
            }
            if (translated instanceof StoreUnavailableException) {
                LOG.debug("importAll batch failed, will retry: {}", translated.getMessage());
                return new BatchOutcome(batch, List.of(), translated);
            }
            List<ImportResult.Failure> failed = new ArrayList<>();
            for (ImportPlan.Entry entry : batch) {
                failed.add(ImportPlan.writeFailure(entry, translated));
            }
            return new BatchOutcome(List.of(), failed, translated);
        }
    }

    // ------------------------------------------------------------------------------------------------ listing

    /**
     * {@inheritDoc}
     *
     * <p>A strongly consistent Scan whose cursor wraps the last item's key (its ExclusiveStartKey). Each Scan asks
     * for one item more than the page still needs, so that a full page carries a cursor only when more employees
     * follow; scanning goes on while DynamoDB's 1 MB limit cuts responses short.
     */
    @Override
    public Page<Employee> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        String after = page.cursor().map(c -> cursors.decodeList(c, 1).get(0)).orElse(null);
        return call("list", () -> {
            List<Employee> items = new ArrayList<>(page.size() + 1);
            Map<String, AttributeValue> start = after == null ? null : EmployeeTableSchema.key(after);
            int requests = 0;
            while (true) {
                int want = page.size() - items.size() + 1;
                var result = table.scan(ScanEnhancedRequest.builder()
                        .limit(want)
                        .consistentRead(true)
                        .exclusiveStartKey(start)
                        .build()).iterator().next();
                requests++;
                items.addAll(result.items());
                start = result.lastEvaluatedKey();
                if (items.size() > page.size() || start == null || start.isEmpty()) {
                    break;
                }
            }
            LOG.debug("list size={} items={} requests={}", page.size(), Math.min(items.size(), page.size()),
                    requests);
            return cursors.listPage(items, page.size());
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>A Query on {@code job_title-full_name-index} when a job title is given (with a filter on location when both
     * are), otherwise on {@code location-full_name-index}, in ascending {@code full_name} order. Querying goes on
     * past empty and short responses until the page is full or the index is read to its end; the cursor holds the
     * last item's full name and id, from which the index's ExclusiveStartKey is rebuilt.
     */
    @Override
    public Page<Employee> find(EmployeeQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        List<String> after = page.cursor().map(c -> cursors.decodeFind(query, c, 2)).orElse(null);
        boolean byTitle = query.jobTitle().isPresent();
        String index = byTitle ? JOB_TITLE_INDEX : LOCATION_INDEX;
        String keyAttribute = byTitle ? JOB_TITLE : LOCATION;
        String keyValue = byTitle ? query.jobTitle().get() : query.location().get();
        Expression filter = byTitle && query.location().isPresent()
                ? Expression.builder().expression("#loc = :loc")
                .putExpressionName("#loc", LOCATION)
                .putExpressionValue(":loc", AttributeValue.fromS(query.location().get()))
                .build()
                : null;
        return call("find " + query, () -> {
            List<Employee> items = new ArrayList<>(page.size() + 1);
            Map<String, AttributeValue> start = after == null ? null : Map.of(
                    ID, AttributeValue.fromS(after.get(1)),
                    FULL_NAME, AttributeValue.fromS(after.get(0)),
                    keyAttribute, AttributeValue.fromS(keyValue));
            int requests = 0;
            while (true) {
                int want = page.size() - items.size() + 1;
                int limit = filter == null ? want : Math.min(Limits.MAX_PAGE_SIZE, Math.max(want * 4, 100));
                var result = table.index(index).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(keyValue).build()))
                        .filterExpression(filter)
                        .scanIndexForward(true)
                        .limit(limit)
                        .exclusiveStartKey(start)
                        .build()).iterator().next();
                requests++;
                items.addAll(result.items());
                start = result.lastEvaluatedKey();
                if (items.size() > page.size() || start == null || start.isEmpty()) {
                    break;
                }
            }
            LOG.debug("find {} size={} items={} requests={}", query, page.size(),
                    Math.min(items.size(), page.size()), requests);
            return cursors.findPage(query, items, page.size());
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads {@link #list(PageRequest) list} pages of 500 as the stream is consumed.
     */
    @Override
    public Stream<Employee> stream() {
        return PagedStream.of(this::list, STREAM_PAGE_SIZE);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A strongly consistent Scan with {@code Select.COUNT}: DynamoDB counts the items and sends none of them.
     * One request per 1 MB of table data; the read capacity is that of scanning the table.
     */
    @Override
    public long count() {
        return call("count", () -> {
            long total = 0;
            int requests = 0;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse r = client.scan(b -> b.tableName(tableName).select(Select.COUNT).consistentRead(true)
                        .exclusiveStartKey(from));
                requests++;
                total += r.count();
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
            LOG.debug("count={} requests={}", total, requests);
            return total;
        });
    }

    // ------------------------------------------------------------------------------------------------ transactions

    /**
     * {@inheritDoc}
     *
     * <p>One TransactWriteItems: creates are Puts conditioned on {@code attribute_not_exists(id)}, updates and
     * versioned deletes are conditioned on {@code version}, puts on the stored state, which one consistent
     * BatchGetItem reads first when the transaction has updates or puts (they need the stored {@code created_at}
     * and version). When DynamoDB cancels the transaction, the cancellation reasons are translated into the typed
     * exception of the first failing operation; a transaction cancelled only because another writer got in between
     * (a concurrent transaction, or a put that read a state since overtaken) is retried with backoff, a bounded
     * number of times.
     *
     * @throws InvalidInputException also if the employees written add up to more than DynamoDB's 4 MB transaction
     *                               limit
     */
    @Override
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
        call("transact operations=" + operations.size(), () -> {
            List<String> toRead = operations.stream()
                    .filter(op -> op instanceof TransactionOperation.Update || op instanceof TransactionOperation.Put)
                    .map(TransactionOperation::id).toList();
            SdkException last = null;
            for (int attempt = 0; attempt < maxWriteAttempts; attempt++) {
                if (attempt > 0) {
                    Backoff.sleep(Backoff.delay(attempt - 1, Duration.ofMillis(10), Duration.ofMillis(500)));
                }
                Map<String, Map<String, AttributeValue>> stored = toRead.isEmpty() ? Map.of() : batchGet(toRead);
                List<TransactWriteItem> items = new ArrayList<>(operations.size());
                for (TransactionOperation op : operations) {
                    items.add(transactItem(op, stored.get(op.id())));
                }
                try {
                    client.transactWriteItems(b -> b.transactItems(items));
                    LOG.debug("transact operations={} attempts={}", operations.size(), attempt + 1);
                    return null;
                } catch (TransactionCanceledException e) {
                    last = e;
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

    private TransactWriteItem transactItem(TransactionOperation op, Map<String, AttributeValue> stored) {
        ReturnValuesOnConditionCheckFailure allOld = ReturnValuesOnConditionCheckFailure.ALL_OLD;
        if (op instanceof TransactionOperation.Create c) {
            Employee e = Writes.forCreate(c.employee(), clock);
            return TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                    .item(EmployeeTableSchema.INSTANCE.itemToMap(e, true))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", ID))
                    .returnValuesOnConditionCheckFailure(allOld).build()).build();
        } else if (op instanceof TransactionOperation.Update u) {
            Employee prepared = Writes.forUpdate(u.employee(), clock);
            String created = stored == null ? null : storedCreatedAt(stored);
            Employee e = prepared.toBuilder().createdAt(created == null ? prepared.updatedAt()
                    : Timestamps.parse(created)).build();
            Expression condition = versionAndCreated(u.employee().version(), created);
            return TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                    .item(EmployeeTableSchema.INSTANCE.itemToMap(e, true))
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.expressionNames())
                    .expressionAttributeValues(condition.expressionValues())
                    .returnValuesOnConditionCheckFailure(allOld).build()).build();
        } else if (op instanceof TransactionOperation.Put p) {
            Employee fresh = Writes.forPut(p.employee(), clock);
            if (stored == null) {
                return TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                        .item(EmployeeTableSchema.INSTANCE.itemToMap(fresh, true))
                        .conditionExpression("attribute_not_exists(#id)")
                        .expressionAttributeNames(Map.of("#id", ID))
                        .returnValuesOnConditionCheckFailure(allOld).build()).build();
            }
            long version = EmployeeTableSchema.versionOf(stored);
            String created = storedCreatedAt(stored);
            Employee e = fresh.toBuilder().version(version + 1)
                    .createdAt(created == null ? fresh.createdAt() : Timestamps.parse(created)).build();
            Expression condition = versionAndCreated(version, created);
            return TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                    .item(EmployeeTableSchema.INSTANCE.itemToMap(e, true))
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.expressionNames())
                    .expressionAttributeValues(condition.expressionValues())
                    .returnValuesOnConditionCheckFailure(allOld).build()).build();
        } else if (op instanceof TransactionOperation.DeleteVersion d) {
            return TransactWriteItem.builder().delete(Delete.builder().tableName(tableName)
                    .key(EmployeeTableSchema.key(d.id()))
                    .conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":v", EmployeeTableSchema.number(d.expectedVersion())))
                    .returnValuesOnConditionCheckFailure(allOld).build()).build();
        } else {
            return TransactWriteItem.builder().delete(Delete.builder().tableName(tableName)
                    .key(EmployeeTableSchema.key(op.id())).build()).build();
        }
    }

    /**
     * Decides what a cancelled transaction means: throws the typed exception of the first operation whose condition
     * failed for a reason the caller must hear about, or returns {@code true} when the transaction only lost a race
     * and is worth retrying.
     */
    private boolean retryable(List<TransactionOperation> operations, TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        boolean retry = false;
        for (int i = 0; i < reasons.size() && i < operations.size(); i++) {
            CancellationReason reason = reasons.get(i);
            String code = reason.code();
            if (code == null || code.equals("None")) {
                continue;
            }
            TransactionOperation op = operations.get(i);
            if (code.equals("ConditionalCheckFailed")) {
                Map<String, AttributeValue> stored = reason.hasItem() && !reason.item().isEmpty() ? reason.item()
                        : readRaw(op.id());
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
                } else {
                    retry = true;
                }
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

    // ------------------------------------------------------------------------------------------------ the rest

    @Override
    public SchemaAdmin schema() {
        return schema;
    }

    /** @return {@link Capability#QUERIES} and {@link Capability#TRANSACTIONS} */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS);
    }

    @Override
    public String description() {
        return "Amazon DynamoDB table '" + tableName + "'";
    }

    /**
     * Closes the DynamoDB client if this store created it (opened by URL); a client given to the builder is left
     * open. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (ownedClient != null) {
                ownedClient.close();
            }
            if (ownedCredentials != null) {
                ownedCredentials.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** @return whether {@link #close()} closes the client (true for stores opened by URL); for tests */
    boolean ownsClient() {
        return ownedClient != null;
    }

    private <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw Errors.translate(e, operation, tableName);
        }
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(id).build();
    }

    private Map<String, AttributeValue> readRaw(String id) {
        var response = client.getItem(b -> b.tableName(tableName).key(EmployeeTableSchema.key(id))
                .consistentRead(true));
        return response.hasItem() ? response.item() : Map.of();
    }

    /** The stored item after a failed condition: the one DynamoDB returned, or else read again. */
    private Map<String, AttributeValue> storedAfterFailure(String id, ConditionalCheckFailedException e) {
        if (e.hasItem() && !e.item().isEmpty()) {
            return e.item();
        }
        return readRaw(id);
    }

    /** Throws not-found or a version conflict unless {@code stored} exists with the expected version. */
    private static void checkExpected(String id, long expected, Map<String, AttributeValue> stored, Throwable cause) {
        if (stored == null || stored.isEmpty()) {
            throw new EmployeeNotFoundException(id, cause);
        }
        long actual = EmployeeTableSchema.versionOf(stored);
        if (actual != expected) {
            throw new VersionConflictException(id, expected, OptionalLong.of(actual), cause);
        }
    }

    /**
     * The condition that the stored item is still the one expected: its version, and its {@code created_at} (which
     * the write keeps), or no {@code created_at} at all for an item written by something else than this library.
     */
    private static Expression versionAndCreated(long version, String createdAt) {
        Expression.Builder b = Expression.builder()
                .putExpressionName("#v", VERSION)
                .putExpressionName("#c", CREATED_AT)
                .putExpressionValue(":v", EmployeeTableSchema.number(version));
        if (createdAt == null) {
            return b.expression("#v = :v AND attribute_not_exists(#c)").build();
        }
        return b.expression("#v = :v AND #c = :c").putExpressionValue(":c", AttributeValue.fromS(createdAt)).build();
    }

    /** @return the stored {@code created_at} text if it is a valid timestamp, otherwise {@code null} */
    private static String storedCreatedAt(Map<String, AttributeValue> stored) {
        AttributeValue v = stored == null ? null : stored.get(CREATED_AT);
        if (v == null || v.s() == null) {
            return null;
        }
        try {
            Timestamps.parse(v.s());
            return v.s();
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static String timestampOrNull(Instant t) {
        if (t == null || t.isBefore(Limits.MIN_TIMESTAMP) || t.isAfter(Limits.MAX_TIMESTAMP)) {
            return null;
        }
        return Timestamps.format(t);
    }

    /**
     * Builds {@link DynamoDbEmployeeStore}s. Give it a {@link DynamoDbClient} or a {@link DynamoDbEnhancedClient}
     * (or both) and a table name. Not thread-safe; the stores it builds are.
     */
    public static final class Builder {
        private DynamoDbClient client;
        private DynamoDbEnhancedClient enhancedClient;
        private DynamoDbClient ownedClient;
        private SdkAutoCloseable ownedCredentials;
        private String tableName = "Employees";
        private Clock clock = Clock.systemUTC();
        private Duration importDeadline = Duration.ofMinutes(2);
        private Duration batchReadDeadline = Duration.ofSeconds(30);
        private Duration schemaTimeout = Duration.ofMinutes(10);
        private int importConcurrency = 4;
        private int readConcurrency = 4;
        private int maxWriteAttempts = 200;
        private LongSupplier ticker = System::nanoTime;

        private Builder() {
        }

        /**
         * The time source of the import and batch-read deadlines, in nanoseconds as {@link System#nanoTime()}, which
         * is the default. For tests in this package, which drive the deadlines deterministically.
         *
         * @param ticker the time source
         * @return this builder
         */
        Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * @param client the DynamoDB client every request goes through; the store never closes it
         * @return this builder
         */
        public Builder client(DynamoDbClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * @param enhancedClient an Enhanced Client; the store never closes it. When no {@link #client(DynamoDbClient)}
         *                       is given, the store uses the client this Enhanced Client was built with, which works
         *                       for Enhanced Clients built by {@link DynamoDbEnhancedClient#builder()} or
         *                       {@link DynamoDbEnhancedClient#create()}
         * @return this builder
         */
        public Builder enhancedClient(DynamoDbEnhancedClient enhancedClient) {
            this.enhancedClient = Objects.requireNonNull(enhancedClient, "enhancedClient");
            return this;
        }

        /** A client (and its credentials provider, if any) the store owns and closes; used by the provider. */
        Builder ownedClient(DynamoDbClient client, SdkAutoCloseable credentials) {
            this.client = Objects.requireNonNull(client, "client");
            this.ownedClient = client;
            this.ownedCredentials = credentials;
            return this;
        }

        /**
         * @param tableName the table, {@code Employees} by default; 3&ndash;255 characters of
         *                  {@code [A-Za-z0-9_.-]}, not starting with a digit, dot or dash
         * @return this builder
         */
        public Builder tableName(String tableName) {
            this.tableName = Objects.requireNonNull(tableName, "tableName");
            return this;
        }

        /**
         * @param clock the clock for timestamps, the system UTC clock by default
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param deadline how long {@code importAll} goes on retrying unprocessed or throttled items while DynamoDB
         *                 writes nothing: every batch written moves the deadline on, and once DynamoDB has written
         *                 nothing for this long, the employees still unwritten are reported as not written (and
         *                 batches not sent yet are not sent). 2 minutes by default
         * @return this builder
         */
        public Builder importDeadline(Duration deadline) {
            this.importDeadline = positive(deadline, "importDeadline");
            return this;
        }

        /**
         * @param deadline how long {@code getAll} and {@code transact} keep requesting keys DynamoDB left
         *                 unprocessed before failing with {@link StoreUnavailableException}; 30 seconds by default
         * @return this builder
         */
        public Builder batchReadDeadline(Duration deadline) {
            this.batchReadDeadline = positive(deadline, "batchReadDeadline");
            return this;
        }

        /**
         * @param timeout how long {@code schema().create()} and {@code drop()} wait for the table; 10 minutes by
         *                default
         * @return this builder
         */
        public Builder schemaTimeout(Duration timeout) {
            this.schemaTimeout = positive(timeout, "schemaTimeout");
            return this;
        }

        /**
         * @param concurrency how many BatchWriteItem requests {@code importAll} keeps in flight, 1&ndash;64; 4 by
         *                    default
         * @return this builder
         */
        public Builder importConcurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("importConcurrency must be between 1 and 64");
            }
            this.importConcurrency = concurrency;
            return this;
        }

        /**
         * @param concurrency how many BatchGetItem requests {@code getAll} keeps in flight when it is given more than
         *                    100 ids, 1&ndash;64; 4 by default
         * @return this builder
         */
        public Builder readConcurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("readConcurrency must be between 1 and 64");
            }
            this.readConcurrency = concurrency;
            return this;
        }

        /**
         * @param attempts how many conditional writes {@code put} and {@code transact} try when concurrent writers
         *                 keep overtaking them, before failing with {@link StoreUnavailableException}; 200 by default
         * @return this builder
         */
        public Builder maxWriteAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxWriteAttempts must be at least 1");
            }
            this.maxWriteAttempts = attempts;
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }

        /**
         * @return the store; nothing is sent to DynamoDB yet
         * @throws StoreConfigurationException if no client was given, or the table name is not valid
         */
        public DynamoDbEmployeeStore build() {
            TableNames.validate(tableName);
            if (tableName.length() < 3) {
                throw new StoreConfigurationException("invalid DynamoDB table name: DynamoDB needs at least 3 "
                        + "characters");
            }
            DynamoDbClient lowLevel = client;
            if (lowLevel == null && enhancedClient instanceof DefaultDynamoDbEnhancedClient d) {
                lowLevel = d.dynamoDbClient();
            }
            if (lowLevel == null) {
                throw new StoreConfigurationException("a DynamoDbClient is required: give client(...), or an "
                        + "enhancedClient(...) built by DynamoDbEnhancedClient.builder()");
            }
            DynamoDbClient low = lowLevel;
            DynamoDbEnhancedClient enhanced = enhancedClient != null ? enhancedClient
                    : DynamoDbEnhancedClient.builder().dynamoDbClient(low).extensions(List.of()).build();
            return new DynamoDbEmployeeStore(this, low, enhanced);
        }
    }
}
