package io.github.employeestore.jdbc;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.CreateAllResult;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.jdbc.internal.IndexedWrites;
import io.github.employeestore.jdbc.internal.JdbcSchema;
import io.github.employeestore.jdbc.internal.NameBackfill;
import io.github.employeestore.jdbc.internal.NameIndex;
import io.github.employeestore.jdbc.internal.NameSearch;
import io.github.employeestore.jdbc.internal.StoreCalls;
import io.github.employeestore.jdbc.internal.Sql;
import io.github.employeestore.jdbc.internal.SqlErrors;
import io.github.employeestore.jdbc.internal.SqlPatch;
import io.github.employeestore.jdbc.internal.SqlReads;
import io.github.employeestore.jdbc.internal.SqlWork;
import io.github.employeestore.jdbc.internal.SqlWrites;
import io.github.employeestore.jdbc.internal.TableName;
import io.github.employeestore.jdbc.internal.bulk.BulkWrites;
import io.github.employeestore.spi.CursorCodec;
import io.github.employeestore.spi.EmployeeValidator;
import io.github.employeestore.spi.PatchPlan;
import io.github.employeestore.spi.PagedStream;
import io.github.employeestore.spi.StoredEmployee;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;
import io.github.employeestore.spi.WritePlan;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The {@link EmployeeStore} on a SQL database through Jdbi 3: MySQL 8+ (and Amazon RDS / Aurora MySQL), MariaDB
 * 10.6+, PostgreSQL 13+ and H2 2.x.
 *
 * <p>Build one from the application's {@link DataSource} or {@link Jdbi} with {@link #builder()}, or open one by URL
 * with {@link io.github.employeestore.EmployeeStores#open(String)} ({@code jdbc:h2:}, {@code jdbc:mysql:},
 * {@code jdbc:mariadb:}, {@code jdbc:postgresql:}), which creates a HikariCP pool that {@link #close()} closes. A
 * store never closes a {@code DataSource} or {@code Jdbi} it was given.
 *
 * <p>Storage: one table (default {@code employees}) with the columns {@code id, full_name, job_title, location,
 * badges (JSON array), photo_key, attributes (JSON object), version, created_at, updated_at} (timestamps as epoch
 * milliseconds), text compared by a binary collation so that equality is exact and order is by code point. Create it
 * with {@link #schema()}{@code .create()}.
 *
 * <p>Statements: {@code create} is one {@code INSERT} decided by the primary key; {@code update} and the versioned
 * {@code delete} are single conditional statements, followed by one {@code SELECT} only when they matched no row (to
 * tell not-found from conflict); {@code put} is the dialect's atomic upsert; {@code list} and {@code find} are
 * keyset-paginated ({@code list} by id, {@code find} by full name then id, both in code-point order); {@code getAll}
 * uses chunked {@code IN} lists; {@code importAll} the database's bulk path (below); {@code transact} one database transaction.
 * On MySQL/MariaDB, which cannot return rows from writes, {@code update} and {@code put} read the new
 * {@code version}/{@code created_at} in the same transaction.
 *
 * <p>Transactions of the application: a store built on a {@link DataSource} with a
 * {@link Builder#transactionBinding(TransactionBinding) transaction binding} runs its calls on the connection of the
 * transaction the application has active on that data source (the Spring Boot starter binds Spring-managed
 * transactions), as {@link TransactionBinding} describes; without one, or outside such a transaction, every call
 * runs on a connection of its own and commits its own work.
 *
 * <p>Thread-safe: share one store. Logging (SLF4J, DEBUG) names operations and ids, never values.
 */
public final class JdbcEmployeeStore implements EmployeeStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEmployeeStore.class);
    private static final int STREAM_PAGE_SIZE = 500;

    private final Jdbi jdbi;
    /** The data source the store was built from, or {@code null} when it was given a {@code Jdbi}. */
    private final DataSource dataSource;
    private final Dialect dialect;
    private final TableName tableName;
    private final Sql sql;
    private final Clock clock;
    private final CursorCodec cursors;
    private final AutoCloseable owned;
    private final StoreCalls calls;
    private final JdbcSchema schema;
    private final SqlPatch patches;
    private final SqlReads reads;
    private final SqlWrites writes;
    private final BulkWrites bulk;
    private final NameIndex names;
    private final NameSearch search;
    private final IndexedWrites indexedWrites;
    /** Whether this store creates and serves name search (builder {@code nameSearch}, URL option). */
    private final boolean nameSearch;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcEmployeeStore(Jdbi jdbi, DataSource dataSource, Dialect dialect, TableName tableName, Clock clock,
                              String cursorKey, AutoCloseable owned, TransactionBinding binding, boolean nameSearch) {
        this.jdbi = jdbi;
        this.nameSearch = nameSearch;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.tableName = tableName;
        this.sql = new Sql(dialect, tableName);
        this.clock = clock;
        this.cursors = CursorCodec.forStore("jdbc", tableName.toString(), cursorKey);
        this.owned = owned;
        this.calls = new StoreCalls(jdbi, dataSource, binding, tableName.toString(), sql.writesReturnRow(),
                () -> closed.get() && owned != null, this::tableDropped);
        this.names = new NameIndex(sql, tableName, this::withConnection, System::currentTimeMillis);
        this.search = new NameSearch(sql, names);
        this.indexedWrites = new IndexedWrites(calls, names);
        this.schema = new JdbcSchema(this::withConnection, sql, tableName, names, nameSearch,
                new NameBackfill(sql, names, this::withConnection, this::inOwnTransaction, System::currentTimeMillis));
        this.patches = new SqlPatch(sql);
        this.reads = new SqlReads(sql, tableName);
        this.writes = new SqlWrites(sql, patches, clock);
        this.bulk = new BulkWrites(calls, sql, tableName.toString(), names, writes, clock, owned);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the dialect in use */
    public Dialect dialect() {
        return dialect;
    }

    /** @return the table name (as given, possibly {@code schema.table}) */
    public String table() {
        return tableName.toString();
    }

    // ----------------------------------------------------------------------------------------------------------------

    @Override
    public Employee create(Employee draft) {
        Employee prepared = WritePlan.create(draft, clock).whenAbsent();
        // retried after a deadlock: InnoDB makes inserts of one id that wait on a bulk insert being rolled back
        // deadlock each other; the victim's insert wrote nothing
        return indexed("create", prepared.id(), true, c -> {
            writes.insert(c, prepared);
            LOG.debug("create id={}", prepared.id());
            return prepared;
        }, Employee::fullName);
    }

    @Override
    public Optional<Employee> get(String id) {
        EmployeeValidator.validateId(id);
        return call("get", id, c -> {
            Optional<Employee> found = reads.byId(c, id);
            LOG.debug("get id={} found={}", id, found.isPresent());
            return found;
        });
    }

    @Override
    public Map<String, Employee> getAll(Collection<String> ids) {
        return getAll(ids, unreadable -> { });
    }

    @Override
    public Map<String, Employee> getAll(Collection<String> ids,
                                        Consumer<? super UnreadableEmployeeException> unreadable) {
        Objects.requireNonNull(unreadable, "unreadable");
        EmployeeValidator.validateIds(ids);
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        if (distinct.isEmpty()) {
            return Map.of();
        }
        return call("getAll", null, c -> {
            Map<String, Employee> result = StoredEmployee.readableInOrder(distinct, reads.byIds(c, distinct),
                    unreadable);
            LOG.debug("getAll ids={} found={}", distinct.size(), result.size());
            return result;
        });
    }

    @Override
    public Employee update(Employee changed) {
        WritePlan plan = WritePlan.update(changed, clock);
        Employee stored = indexed("update", plan.id(), true, c -> writes.update(c, plan), Employee::fullName);
        LOG.debug("update id={} version={}", stored.id(), stored.version());
        return stored;
    }

    /**
     * {@inheritDoc}
     *
     * <p>In one transaction: the row is read with {@code SELECT ... FOR UPDATE}, then one {@code UPDATE} sets only
     * the named columns and only the named keys of the {@code attributes} document (by the dialect's JSON functions
     * where they keep every value exactly), conditioned on the version, and the row is read back.
     */
    @Override
    public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
        PatchPlan plan = PatchPlan.of(id, expectedVersion, patch, clock);
        Employee stored = indexed("patch", id, true, c -> patches.apply(c, plan), Employee::fullName);
        LOG.debug("patch id={} version={} {}", id, stored.version(), patch);
        return stored;
    }

    @Override
    public Employee put(Employee employee) {
        WritePlan plan = WritePlan.put(employee, clock);
        Employee stored = indexed("put", plan.id(), true, c -> writes.put(c, plan), Employee::fullName);
        LOG.debug("put id={} version={}", stored.id(), stored.version());
        return stored;
    }

    @Override
    public boolean delete(String id) {
        EmployeeValidator.validateId(id);
        return indexed("delete", id, false, c -> {
            boolean deleted = writes.delete(c, id);
            LOG.debug("delete id={} deleted={}", id, deleted);
            return deleted;
        }, deleted -> null);
    }

    @Override
    public void delete(String id, long expectedVersion) {
        EmployeeValidator.validateId(id);
        EmployeeValidator.validateExpectedVersion(expectedVersion);
        indexed("delete", id, false, c -> {
            writes.deleteVersion(c, id, expectedVersion);
            LOG.debug("delete id={} version={}", id, expectedVersion);
            return null;
        }, none -> null);
    }

    @Override
    public Page<Employee> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        String after = cursors.listAfterId(page);
        return call("list", null, c -> {
            List<StoredEmployee> rows = reads.list(c, after, page.size());
            LOG.debug("list size={} read={}", page.size(), rows.size());
            return cursors.listPageOf(rows, page.size());
        });
    }

    @Override
    public Page<Employee> find(EmployeeQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        if (query.name().isPresent()) {
            return byName(query, page);
        }
        List<String> after = cursors.findAfter(query, page);
        String location = query.location().orElse(null);
        String jobTitle = query.jobTitle().orElse(null);
        return call("find", null, c -> {
            List<StoredEmployee> rows = reads.find(c, location, jobTitle, after, page.size());
            LOG.debug("find {} size={} read={}", query, page.size(), rows.size());
            return cursors.findPageOf(query, rows, page.size());
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One range of the search index's primary key (the directory rows), each row joined to its employee by
     * primary key; see {@link NameSearch}.
     */
    @Override
    public Page<Employee> listByName(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return byName(null, page);
    }

    private Page<Employee> byName(EmployeeQuery query, PageRequest page) {
        if (!nameSearch) {
            throw new UnsupportedOperationException("name search is off for this store (nameSearch=false): it needs"
                    + " Capability.SEARCH, which " + description() + " does not declare");
        }
        return search.page(calls, cursors, schema::exists, query, page);
    }

    private <T> T indexed(String operation, String id, boolean retry, SqlWork<T> work,
                          java.util.function.Function<T, String> fullName) {
        return indexedWrites.write(operation, id, retry, work, fullName);
    }

    @Override
    public Stream<Employee> stream() {
        return PagedStream.of(this::list, STREAM_PAGE_SIZE);
    }

    @Override
    public long count() {
        return call("count", null, reads::count);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One query of the database's statistics: PostgreSQL {@code pg_class.reltuples}, MariaDB/MySQL
     * {@code information_schema.TABLES.TABLE_ROWS}, H2 {@code INFORMATION_SCHEMA.TABLES.ROW_COUNT_ESTIMATE}. A table
     * without statistics yet (PostgreSQL's {@code -1} before the first {@code ANALYZE}), or not found in the catalog
     * under its name, is counted exactly (and a missing table so gives {@link StoreConfigurationException}).
     */
    @Override
    public long estimatedCount() {
        Long estimate = call("estimatedCount", null, reads::estimatedCount);
        LOG.debug("estimatedCount table={} estimate={}", tableName, estimate);
        return estimate >= 0 ? estimate : count();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Writes chunks in one transaction each by the database's bulk path: PostgreSQL {@code COPY} into a staging
     * table and one {@code INSERT ... ON CONFLICT DO UPDATE} per chunk; MariaDB/MySQL through MariaDB Connector/J
     * {@code LOAD DATA LOCAL INFILE ... REPLACE} from memory (no file is read and nothing is switched on in the
     * pool); H2 and MySQL Connector/J a JDBC batch of the replacing upsert. A chunk the bulk path cannot write is
     * rolled back and written by the JDBC batch, and if that fails too, row by row, so that the rows that can be
     * written are and each failing row is reported with its cause. One thread reads and checks the input while
     * connections load chunks (up to three at once for a large import when the store owns its pool, see
     * {@code BulkConnections}; one while the table has the name-search index); the input is never held whole. See the module README for the measured rates.
     */
    @Override
    public ImportResult importAll(Collection<Employee> employees) {
        return bulk.importAll(employees);
    }

    /**
     * {@inheritDoc}
     *
     * <p>On the bulk paths of {@link #importAll}, inserting and never replacing: {@code COPY} or
     * {@code LOAD DATA LOCAL INFILE ... IGNORE} while no id of a chunk exists, else a staging table with
     * {@code ON CONFLICT DO NOTHING} (PostgreSQL) or a checked JDBC batch, then row by row; the primary key decides
     * every id (see the module README).
     */
    @Override
    public CreateAllResult createAll(Collection<Employee> drafts) {
        return bulk.createAll(drafts);
    }

    @Override
    public void transact(Consumer<TransactionWriter> writes) {
        List<TransactionOperation> operations = TransactionPlan.record(writes);
        if (operations.isEmpty()) {
            return;
        }
        try {
            transact(operations, names.present());
        } catch (NameIndex.Missing e) {
            transact(operations, false);
        }
        LOG.debug("transact operations={}", operations.size());
    }

    private void transact(List<TransactionOperation> operations, boolean indexed) {
        callInTransaction("transact", null, c -> {
            for (TransactionOperation op : operations) {
                Employee written = writes.apply(c, op);
                if (indexed) {
                    names.reindex(c, op.id(), NameIndex.fullNameOf(written));
                }
            }
            return null;
        });
    }

    @Override
    public SchemaAdmin schema() {
        return schema;
    }

    @Override
    public Set<Capability> capabilities() {
        return nameSearch ? EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS, Capability.SEARCH)
                : EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS);
    }

    @Override
    public String description() {
        return "JDBC store (" + dialect + ") table '" + tableName + "'";
    }

    /** Closes the connection pool if the store created it (opened by URL); never a given DataSource or Jdbi. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.debug("closing the pool failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return description();
    }

    // ----------------------------------------------------------------------------------------------------------------

    /** @return whether the table is known to be missing now (false when that cannot be told) */
    private boolean tableDropped() {
        try {
            return !schema.exists();
        } catch (RuntimeException e) {
            return false;
        }
    }

    // the connection handling is StoreCalls'; these names keep the operations above short

    private <T> T withConnection(String operation, SqlWork<T> work) {
        return calls.own(operation, null, work);
    }

    private <T> T call(String operation, String id, SqlWork<T> work) {
        return calls.read(operation, id, work);
    }

    private <T> T callInTransaction(String operation, String id, SqlWork<T> work) {
        return calls.inTransaction(operation, id, work);
    }

    private <T> T inOwnTransaction(String operation, SqlWork<T> work) {
        return calls.inTransaction(operation, null, work);
    }

    // ----------------------------------------------------------------------------------------------------------------

    /**
     * Builds {@link JdbcEmployeeStore}s. Give either a {@link DataSource} or a {@link Jdbi}. Not thread-safe.
     */
    public static final class Builder {
        private DataSource dataSource;
        private Jdbi jdbi;
        private String table = "employees";
        private Clock clock = Clock.systemUTC();
        private Dialect dialect;
        private AutoCloseable owned;
        private String cursorKey;
        private TransactionBinding transactionBinding = TransactionBinding.NONE;
        private boolean nameSearch = true;

        private Builder() {
        }

        /**
         * Whether the store offers name search ({@link Capability#SEARCH}; option {@code nameSearch} when opened by
         * URL). With {@code true} (the default) {@code schema().create()} adds the search index beside the table and
         * every write keeps it in step. With {@code false} the store does not declare {@code SEARCH}
         * ({@code byName} and {@code listByName} throw {@link UnsupportedOperationException}) and
         * {@code schema().create()} does not add the index, so writes skip its rows (about 13 per employee) and
         * {@code importAll} and {@code createAll} load with several connections: for tables nobody searches by name.
         * A table that already has the index (made by a store with search on) keeps it and every write of this
         * store still keeps it in step, so the other stores' searches never go stale.
         *
         * @param nameSearch {@code false} to leave name search out
         * @return this builder
         */
        public Builder nameSearch(boolean nameSearch) {
            this.nameSearch = nameSearch;
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
         * @param dataSource the application's data source; the store never closes it
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * @param jdbi the application's Jdbi; the store never closes its data source
         * @return this builder
         */
        public Builder jdbi(Jdbi jdbi) {
            this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
            return this;
        }

        /**
         * @param table the table, {@code table} or {@code schema.table}; each part {@code [A-Za-z_][A-Za-z0-9_-]*},
         *              at most 63 characters; default {@code employees}
         * @return this builder
         */
        public Builder table(String table) {
            this.table = Objects.requireNonNull(table, "table");
            return this;
        }

        /**
         * @param clock the clock timestamps come from; default the system UTC clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param dialect the dialect, overriding detection from the connection's metadata
         * @return this builder
         */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * @param transactionBinding how the store finds a transaction the application manages on the
         *                           {@link #dataSource(DataSource) data source}, to take part in it (see
         *                           {@link TransactionBinding}); default {@link TransactionBinding#NONE}. Applies to
         *                           a store built on a data source only
         * @return this builder
         */
        public Builder transactionBinding(TransactionBinding transactionBinding) {
            this.transactionBinding = Objects.requireNonNull(transactionBinding, "transactionBinding");
            return this;
        }

        /** A resource the store created itself and closes with itself (the provider's pool). */
        Builder owning(AutoCloseable resource) {
            this.owned = resource;
            return this;
        }

        /**
         * Builds the store. Unless a dialect was given, opens one connection to detect it. Does not create the
         * table: call {@code schema().create()}.
         *
         * @return the store
         * @throws StoreConfigurationException if neither or both of a data source and a Jdbi were given, a
         *                                     transaction binding was given with a Jdbi, the table
         *                                     name is invalid, or the database is not a supported one
         * @throws StoreUnavailableException   if the database cannot be reached to detect the dialect
         */
        public JdbcEmployeeStore build() {
            if ((dataSource == null) == (jdbi == null)) {
                throw new StoreConfigurationException("give exactly one of dataSource(...) and jdbi(...)");
            }
            if (jdbi != null && transactionBinding != TransactionBinding.NONE) {
                throw new StoreConfigurationException("a transactionBinding applies to a store built on a"
                        + " dataSource(...), not on a jdbi(...)");
            }
            TableName name = TableName.parse(table);
            Jdbi j = jdbi != null ? jdbi : Jdbi.create(dataSource);
            Dialect d = dialect;
            if (d == null) {
                d = detect(j, name);
            }
            return new JdbcEmployeeStore(j, jdbi == null ? dataSource : null, d, name, clock, cursorKey, owned,
                    transactionBinding, nameSearch);
        }

        private static Dialect detect(Jdbi jdbi, TableName name) {
            try (Handle h = jdbi.open()) {
                var meta = h.getConnection().getMetaData();
                return Dialect.detect(meta).orElseThrow(() -> new StoreConfigurationException(
                        "unsupported database for the JDBC employee store: " + safeProduct(meta)
                                + "; supported are MySQL 8+, MariaDB 10.6+, PostgreSQL 13+ and H2 2.x"));
            } catch (EmployeeStoreException e) {
                throw e;
            } catch (SQLException | RuntimeException e) {
                EmployeeStoreException t = SqlErrors.translate(e, "detecting the dialect", name.toString());
                if (t instanceof StoreUnavailableException || t instanceof StoreConfigurationException) {
                    throw t;
                }
                throw new StoreUnavailableException("cannot connect to detect the database dialect",
                        SqlErrors.sqlCause(e) != null ? SqlErrors.sqlCause(e) : e, true);
            }
        }

        private static String safeProduct(java.sql.DatabaseMetaData meta) {
            try {
                return String.valueOf(meta.getDatabaseProductName()).replaceAll("[^A-Za-z0-9 ._-]", "?");
            } catch (SQLException e) {
                return "(unknown)";
            }
        }
    }
}
