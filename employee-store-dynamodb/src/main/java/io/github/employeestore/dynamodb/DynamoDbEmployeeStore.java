package io.github.employeestore.dynamodb;

import io.github.employeestore.Capability;
import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.dynamodb.internal.DynamoDbSchemaAdmin;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.dynamodb.internal.operations.BackfillOperation;
import io.github.employeestore.dynamodb.internal.operations.BatchGetOperation;
import io.github.employeestore.dynamodb.internal.operations.CreateAllOperation;
import io.github.employeestore.dynamodb.internal.operations.ImportOperation;
import io.github.employeestore.dynamodb.internal.MeteredDynamoDbClient;
import io.github.employeestore.dynamodb.internal.NameIndexState;
import io.github.employeestore.dynamodb.internal.StoreDescription;
import io.github.employeestore.dynamodb.internal.operations.ItemOperations;
import io.github.employeestore.dynamodb.internal.operations.NameSearchOperation;
import io.github.employeestore.dynamodb.internal.operations.PatchOperation;
import io.github.employeestore.dynamodb.internal.operations.ScanQueryOperations;
import io.github.employeestore.dynamodb.internal.operations.StoreContext;
import io.github.employeestore.dynamodb.internal.operations.TransactOperation;
import io.github.employeestore.spi.CursorCodec;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.spi.PagedStream;
import io.github.employeestore.spi.TableNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.internal.client.DefaultDynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The Amazon DynamoDB backend of {@link EmployeeStore}, on the AWS SDK v2 Enhanced Client.
 *
 * <p><b>Table:</b> one item per employee in a table (for example {@code Employees}) with partition key {@code id}
 * (S), and two global secondary indexes that serve {@link #find}: {@code location-full_name-index} and
 * {@code job_title-full_name-index}, both sorted by {@code full_name} and projecting every attribute. Create them
 * with {@link #schema()}{@code .create()}. The core fields are stored under {@code id}, {@code full_name},
 * {@code job_title}, {@code location}, {@code badges} (a string set, absent when empty), {@code photo_key},
 * {@code version} (N), {@code created_at} and {@code updated_at} (ISO-8601 text, milliseconds); every flexible
 * attribute is a top-level attribute under its own name, in the DynamoDB type of its kind (all ten types, see
 * {@link io.github.employeestore.AttributeValue}). {@link Builder#layout} selects the layout of the original Employee
 * Directory sample's table instead.
 *
 * <p><b>Data written by others:</b> every item is mapped by {@link EmployeeCodec}, so an item another application
 * wrote is written back unchanged but for the fields the caller changed. An item that does not fit the model makes
 * {@code get} throw {@link UnreadableEmployeeException}; {@code list}, {@code find}, {@code stream} and
 * {@code getAll} report it and go on; {@code delete} deletes it. An item without {@code version} reads as version 0;
 * the first write of it is conditioned on the version still being absent.
 *
 * <p><b>Name search:</b> {@link #listByName} and {@code find} with a name read a second table,
 * {@code <table>-search}, of sharded name-prefix items that every write keeps in step in the same
 * TransactWriteItems (see the module's README, "Name search"); {@code schema().create()} creates it.
 *
 * <p><b>Requests per operation</b> (when nothing is throttled): {@code get} one consistent GetItem; {@code create}
 * one TransactWriteItems (the employee and its name-index items); {@code delete} one GetItem and one
 * TransactWriteItems; {@code update} and {@code put} one conditional PutItem when the employee given carries the
 * {@code version} and {@code createdAt} it was read with and keeps its name (otherwise one more request, see the
 * methods); {@code getAll} one BatchGetItem per 100 ids; {@code importAll} one BatchWriteItem per 25 employees;
 * {@code list} one Scan per page (more only when DynamoDB's 1 MB limit cuts a response short); {@code find} one Query
 * per page when one criterion is given; {@code count} one Scan with {@code Select.COUNT} per 1 MB of table;
 * {@code transact} one TransactWriteItems, plus one BatchGetItem when it has updates or puts. The
 * {@link Builder#layout sample layout} adds reads to {@code update}, {@code put} and {@code importAll}.
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
    private static final int STREAM_PAGE_SIZE = 500;

    private final String tableName;
    private final String description;
    private final DynamoDbSchemaAdmin schema;
    private final NameIndexState searchIndex;
    private final DynamoDbClient ownedClient;
    private final SdkAutoCloseable ownedCredentials;
    private final ItemOperations items;
    private final PatchOperation patches;
    private final BatchGetOperation batchGet;
    private final ImportOperation imports;
    private final CreateAllOperation creates;
    private final ScanQueryOperations scans;
    private final TransactOperation transactions;
    private final NameSearchOperation search;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DynamoDbEmployeeStore(Builder b, DynamoDbClient client, DynamoDbEnhancedClient enhanced) {
        EmployeeTableSchema mapping = EmployeeTableSchema.of(b.layout);
        // every item request asks for its consumed capacity and reports it (CapacityMeter, DEBUG log)
        DynamoDbClient metered = new MeteredDynamoDbClient(client);
        NameIndexState searchIndex = new NameIndexState(metered, b.tableName, b.ticker);
        StoreContext ctx = new StoreContext(metered, DynamoDbEnhancedClient.builder().dynamoDbClient(metered).build()
                .table(b.tableName, mapping), mapping, b.tableName,
                b.clock, CursorCodec.forStore("dynamodb", b.tableName, b.cursorKey), b.importDeadline,
                b.batchReadDeadline, b.importConcurrency, b.readConcurrency, b.maxWriteAttempts, b.ticker, LOG, searchIndex);
        this.tableName = b.tableName;
        this.description = StoreDescription.of(client, b.tableName);
        this.searchIndex = searchIndex;
        this.schema = new DynamoDbSchemaAdmin(client, b.tableName, b.schemaTimeout, b.indexCapacity, searchIndex,
                new BackfillOperation(ctx, searchIndex)::backfill);
        this.ownedClient = b.ownedClient;
        this.ownedCredentials = b.ownedCredentials;
        this.items = new ItemOperations(ctx);
        this.patches = new PatchOperation(ctx);
        this.batchGet = new BatchGetOperation(ctx);
        this.imports = new ImportOperation(ctx);
        this.creates = new CreateAllOperation(ctx);
        this.scans = new ScanQueryOperations(ctx);
        this.transactions = new TransactOperation(ctx, batchGet, patches);
        this.search = new NameSearchOperation(ctx, batchGet, searchIndex);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------ single items

    /**
     * {@inheritDoc}
     *
     * <p>One TransactWriteItems: a Put with the condition {@code attribute_not_exists(id)} and the name-index items.
     */
    @Override
    public Employee create(Employee draft) {
        return items.create(draft);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One strongly consistent GetItem.
     */
    @Override
    public Optional<Employee> get(String id) {
        return items.get(id);
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
     *
     * <p>In the {@link Builder#layout sample layout}: one GetItem, then one UpdateItem under that condition of only
     * the attributes that differ from the stored item; the same badges are not written, so they keep their stored
     * order and type ({@link EmployeeCodec#badgesValue(Collection, io.github.employeestore.AttributeValue)}).
     */
    @Override
    public Employee update(Employee changed) {
        return items.update(changed);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One consistent GetItem (to validate the result and skip a patch that changes nothing), then one
     * {@code UpdateItem} with {@code SET}/{@code REMOVE} of only the attributes the patch names (and
     * {@code version}, {@code updated_at}, {@code created_at} where none is stored), conditioned on the version and
     * returning the stored item ({@code ALL_NEW}); an attribute another program wrote meanwhile is kept.
     */
    @Override
    public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
        return patches.patch(id, expectedVersion, patch);
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
     *
     * <p>In the {@link Builder#layout sample layout}: one GetItem first; a stored item is then written as
     * {@link #update} writes it there.
     */
    @Override
    public Employee put(Employee employee) {
        return items.put(employee);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One consistent GetItem (the stored name) and one TransactWriteItems of the Delete, conditioned on that name,
     * and the deletes of its name-index items.
     */
    @Override
    public boolean delete(String id) {
        return items.delete(id);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One consistent GetItem (the stored name), then one TransactWriteItems of the Delete and its name-index
     * items' deletes, the Delete conditioned on the name and on {@code version} (written here: the Enhanced Client's
     * version extension does not guard deletes); on failure the stored item returned tells not found from a
     * conflict.
     */
    @Override
    public void delete(String id, long expectedVersion) {
        items.delete(id, expectedVersion);
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
        return getAll(ids, unreadable -> { });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Requests as {@link #getAll(Collection)}.
     */
    @Override
    public Map<String, Employee> getAll(Collection<String> ids,
                                        Consumer<? super UnreadableEmployeeException> unreadable) {
        return batchGet.getAll(ids, unreadable);
    }

    /**
     * {@inheritDoc}
     *
     * <p>BatchWriteItem with 25 employees a request and a bounded number of requests in flight (see
     * {@link Builder#importConcurrency(int)}). Items DynamoDB leaves unprocessed, and requests throttled beyond the
     * SDK's own retries, are sent again with exponential backoff and jitter until the import deadline
     * ({@link Builder#importDeadline(Duration)}) passes without DynamoDB writing anything (each batch written moves
     * it on, so a long import that progresses never runs out of time); whatever is still unwritten then is reported
     * by id in the result. In the {@link Builder#layout sample layout}, each BatchWriteItem is preceded by one
     * consistent BatchGetItem of its employees, whose badges, when unchanged, are written in their stored form.
     *
     * @throws StoreConfigurationException if the table does not exist or the caller may not write to it
     */
    @Override
    public ImportResult importAll(Collection<Employee> employees) {
        return imports.importAll(employees);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One PutItem conditioned on {@code attribute_not_exists(id)} per draft, sent from a bounded number of threads
     * ({@link Builder#importConcurrency(int)}): BatchWriteItem takes no condition and would replace a stored id.
     * Throttled drafts are sent again with backoff as in {@link #importAll(Collection)}.
     */
    @Override
    public CreateAllResult createAll(Collection<Employee> drafts) {
        return creates.createAll(drafts);
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
        return scans.list(page);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A Query on {@code job_title-full_name-index} when a job title is given (with a filter on location when both
     * are), otherwise on {@code location-full_name-index}, in ascending {@code full_name} order. Querying goes on
     * past empty and short responses until the page is full or the index is read to its end; the cursor holds the
     * last item's full name and id, from which the index's ExclusiveStartKey is rebuilt. A query with a name search
     * reads the name index instead, as {@link #listByName(PageRequest)} describes.
     */
    @Override
    public Page<Employee> find(EmployeeQuery query, PageRequest page) {
        return query.name().isPresent() ? search.find(query, page) : scans.find(query, page);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Served by the name index, a second table {@code <table>-search} that every write keeps in step in the same
     * TransactWriteItems (see the README's DynamoDB section): strongly consistent Queries of the index partitions
     * from the cursor on (8 directory shards; for a name search the shards of its longest word's prefix and one
     * overflow partition), merged in the search order, then one consistent BatchGetItem of the page's employees. A
     * page costs a bounded number of requests whatever the table's size: 8 Queries and 1 BatchGetItem for
     * {@code listByName}, at most 5 Queries and 1 BatchGetItem for a one-word search; filters (more words, a
     * location, a job title) may take more Queries when they discard many index items.
     */
    @Override
    public Page<Employee> listByName(PageRequest page) {
        return search.listByName(page);
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
        return scans.count();
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code DescribeTable}: the table's {@code ItemCount}, which DynamoDB refreshes about every six hours (so
     * it may miss what was written or deleted since), and which consumes no read capacity.
     */
    @Override
    public long estimatedCount() {
        return scans.estimatedCount();
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
        transactions.transact(writes);
    }

    // ------------------------------------------------------------------------------------------------ the rest

    @Override
    public SchemaAdmin schema() {
        return schema;
    }

    /** @return {@link Capability#QUERIES}, {@link Capability#TRANSACTIONS} and {@link Capability#SEARCH} */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS, Capability.SEARCH);
    }

    @Override
    public String description() {
        return description;
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
        private String cursorKey;
        private Duration importDeadline = Duration.ofMinutes(2);
        private Duration batchReadDeadline = Duration.ofSeconds(30);
        private Duration schemaTimeout = Duration.ofMinutes(10);
        private software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput indexCapacity;
        private int importConcurrency = 4;
        private int readConcurrency = 4;
        private int maxWriteAttempts = 200;
        private EmployeeCodec.Layout layout = EmployeeCodec.Layout.STANDARD;
        private LongSupplier ticker = System::nanoTime;

        private Builder() {
        }

        /**
         * @param layout the item layout: {@link EmployeeCodec.Layout#STANDARD} by default, or
         *               {@link EmployeeCodec.Layout#EMPLOYEE_DIRECTORY_SAMPLE} to adopt the original Employee
         *               Directory sample app's {@code Employees} table in place, side by side with that app: the photo
         *               key in {@code object_key}, {@code badges} a list. Items the sample wrote have no
         *               {@code version} and no timestamps: they read as version 0 with absent timestamps, the first
         *               write of one is conditioned on its version being still absent and stores version 1 and the
         *               timestamps. The sample app itself never writes a version, so its own later writes cannot be
         *               detected as conflicts by this store. Unchanged badges keep their stored order and type
         *               (see {@link DynamoDbEmployeeStore#update})
         * @return this builder
         */
        public Builder layout(EmployeeCodec.Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
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
         * @param cursorKey a per-deployment secret that seals this store's cursors (option
         *                  {@value io.github.employeestore.spi.CursorCodec#KEY_OPTION} when opened by URL), at least
         *                  16 characters; by default the library's key, the same on every instance and restart (see
         *                  {@link io.github.employeestore.spi.CursorCodec})
         * @return this builder
         */
        public Builder cursorKey(String cursorKey) {
            this.cursorKey = cursorKey;
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
         * The capacity of each index {@code schema().create()} adds to an existing table in provisioned capacity mode
         * (DynamoDB requires one for such an index; a table in on-demand mode takes none). By default each index gets
         * the table's own read and write capacity units.
         *
         * @param readCapacityUnits  the read capacity units of each added index, at least 1
         * @param writeCapacityUnits the write capacity units of each added index, at least 1
         * @return this builder
         * @throws StoreConfigurationException if a value is below 1
         */
        public Builder indexCapacity(long readCapacityUnits, long writeCapacityUnits) {
            if (readCapacityUnits < 1 || writeCapacityUnits < 1) {
                throw new StoreConfigurationException("indexCapacity needs at least 1 read and 1 write capacity unit");
            }
            this.indexCapacity = software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput.builder()
                    .readCapacityUnits(readCapacityUnits).writeCapacityUnits(writeCapacityUnits).build();
            return this;
        }

        /**
         * @param concurrency how many BatchWriteItem requests {@code importAll} keeps in flight, and how many threads
         *                    {@code createAll} sends its conditional PutItems from, 1&ndash;64; 4 by default
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
