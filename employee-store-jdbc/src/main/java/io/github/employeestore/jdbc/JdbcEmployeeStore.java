package io.github.employeestore.jdbc;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
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
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.jdbc.internal.IndexedWrites;
import io.github.employeestore.jdbc.internal.JdbcSchema;
import io.github.employeestore.jdbc.internal.NameBackfill;
import io.github.employeestore.jdbc.internal.NameIndex;
import io.github.employeestore.jdbc.internal.NameSearch;
import io.github.employeestore.jdbc.internal.Rows;
import io.github.employeestore.jdbc.internal.StoreCalls;
import io.github.employeestore.jdbc.internal.Sql;
import io.github.employeestore.jdbc.internal.SqlErrors;
import io.github.employeestore.jdbc.internal.SqlPatch;
import io.github.employeestore.jdbc.internal.SqlWork;
import io.github.employeestore.jdbc.internal.TableName;
import io.github.employeestore.jdbc.internal.bulk.BulkCreate;
import io.github.employeestore.jdbc.internal.bulk.BulkConnections;
import io.github.employeestore.jdbc.internal.bulk.BulkImport;
import io.github.employeestore.jdbc.internal.bulk.PipelinedImport;
import io.github.employeestore.spi.CursorCodec;
import io.github.employeestore.spi.EmployeeValidator;
import io.github.employeestore.spi.CreatePlan;
import io.github.employeestore.spi.ImportFeed;
import io.github.employeestore.spi.ImportPlan;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
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
    /** How often a conditional write whose row turns out to have the expected version after all is tried. */
    private static final int MAX_WRITE_ATTEMPTS = 5;
    private static final int STREAM_PAGE_SIZE = 500;
    private static final int GET_ALL_CHUNK = 250;

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
            insert(c, prepared);
            LOG.debug("create id={}", prepared.id());
            return prepared;
        }, Employee::fullName);
    }

    private void insert(Connection c, Employee e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.insert())) {
            Rows.bindAll(ps, 1, e);
            ps.executeUpdate();
        } catch (SQLException ex) {
            if (SqlErrors.isDuplicateKey(ex)) {
                throw new EmployeeAlreadyExistsException(e.id(), ex);
            }
            throw ex;
        }
    }

    @Override
    public Optional<Employee> get(String id) {
        EmployeeValidator.validateId(id);
        return call("get", id, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.selectById())) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    Optional<Employee> found = rs.next() ? Optional.of(Rows.employee(rs)) : Optional.empty();
                    LOG.debug("get id={} found={}", id, found.isPresent());
                    return found;
                }
            }
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
            Map<String, StoredEmployee> byId = new HashMap<>();
            for (int from = 0; from < distinct.size(); from += GET_ALL_CHUNK) {
                List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + GET_ALL_CHUNK));
                try (PreparedStatement ps = c.prepareStatement(sql.selectByIds(chunk.size()))) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            StoredEmployee e = Rows.stored(rs);
                            byId.put(e.id(), e);
                        }
                    }
                }
            }
            Map<String, Employee> result = StoredEmployee.readableInOrder(distinct, byId, unreadable);
            LOG.debug("getAll ids={} found={}", distinct.size(), result.size());
            return result;
        });
    }

    @Override
    public Employee update(Employee changed) {
        WritePlan plan = WritePlan.update(changed, clock);
        Employee stored = indexed("update", plan.id(), true, c -> update(c, plan), Employee::fullName);
        LOG.debug("update id={} version={}", stored.id(), stored.version());
        return stored;
    }

    /**
     * Runs the conditional update; returns the stored employee or throws not-found / conflict. An update that
     * matched no row is classified by a locking read of the row's latest version (§4.5.2, §4.5.3): absent is not
     * found, another version a conflict naming it; the expected version means the row was created or written back
     * to that version after the update looked, so the update is tried again rather than reported as a conflict with
     * the version it expected (inside a transaction the locking read holds the row, so the next try matches).
     */
    private Employee update(Connection c, WritePlan plan) throws SQLException {
        Employee prepared = plan.values();
        long expectedVersion = plan.expectedVersion().orElseThrow();
        for (int attempt = 1; ; attempt++) {
            Instant createdAt = null;
            try (PreparedStatement ps = c.prepareStatement(sql.update())) {
                Rows.bindUpdate(ps, prepared, expectedVersion);
                if (sql.writesReturnRow()) {
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            createdAt = Instant.ofEpochMilli(rs.getLong(1));
                        }
                    }
                } else if (ps.executeUpdate() > 0) {
                    createdAt = readVersionAndCreated(c, prepared.id()).createdAt();
                }
            }
            if (createdAt != null) {
                return plan.whenStored(expectedVersion, createdAt);
            }
            notFoundOrConflict(c, prepared.id(), expectedVersion, attempt);
        }
    }

    /**
     * Classifies a conditional write (update, versioned delete) that matched no row, by a locking read of the row
     * ({@code SELECT ... FOR UPDATE}: the latest committed version, also under MariaDB's repeatable read, where a
     * plain read inside a transaction would see the transaction's snapshot). Returns when the row now has the
     * expected version, so the caller tries the write again (up to {@link #MAX_WRITE_ATTEMPTS} times).
     *
     * @throws EmployeeNotFoundException if no row has the id
     * @throws VersionConflictException  with the stored version if it is another one
     */
    private void notFoundOrConflict(Connection c, String id, long expectedVersion, int attempt) throws SQLException {
        OptionalLong actual = lockedVersion(c, id);
        if (actual.isEmpty()) {
            throw new EmployeeNotFoundException(id);
        }
        if (actual.getAsLong() != expectedVersion || attempt >= MAX_WRITE_ATTEMPTS) {
            throw new VersionConflictException(id, expectedVersion, actual, null);
        }
        LOG.debug("conditional write id={} version={} matched no row, but the row has that version now: retried", id,
                expectedVersion);
    }

    private OptionalLong lockedVersion(Connection c, String id) throws SQLException {
        return lockedOrPlainVersion(c, id, true);
    }

    /** The stored version of the id, read with or without a row lock; fails on a missing table like every read. */
    private OptionalLong lockedOrPlainVersion(Connection c, String id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.selectVersion() + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private Employee readVersionAndCreated(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.selectVersionAndCreated())) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new EmployeeStoreException("row id=" + id + " vanished inside its own transaction");
                }
                return Employee.builder().version(rs.getLong(1)).createdAt(Instant.ofEpochMilli(rs.getLong(2)))
                        .build();
            }
        }
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
        Employee stored = indexed("put", plan.id(), true, c -> put(c, plan), Employee::fullName);
        LOG.debug("put id={} version={}", stored.id(), stored.version());
        return stored;
    }

    /** The atomic upsert; returns the stored employee with its version and createdAt. */
    private Employee put(Connection c, WritePlan plan) throws SQLException {
        Employee prepared = plan.whenAbsent();
        long version;
        Instant createdAt;
        try (PreparedStatement ps = c.prepareStatement(sql.put())) {
            Rows.bindAll(ps, 1, prepared);
            if (sql.writesReturnRow()) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        // the upsert leaves a row at the version bound as it is, and returns none (Sql.put)
                        throw io.github.employeestore.spi.Versions.atLimit(prepared.id());
                    }
                    version = rs.getLong(1);
                    createdAt = Instant.ofEpochMilli(rs.getLong(2));
                }
            } else {
                ps.executeUpdate();
                Employee after = readVersionAndCreated(c, prepared.id());
                version = after.version();
                createdAt = after.createdAt();
            }
        }
        return plan.written(version, createdAt);
    }

    @Override
    public boolean delete(String id) {
        EmployeeValidator.validateId(id);
        return indexed("delete", id, false, c -> {
            boolean deleted = delete(c, id);
            LOG.debug("delete id={} deleted={}", id, deleted);
            return deleted;
        }, deleted -> null);
    }

    private boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.delete())) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    @Override
    public void delete(String id, long expectedVersion) {
        EmployeeValidator.validateId(id);
        EmployeeValidator.validateExpectedVersion(expectedVersion);
        indexed("delete", id, false, c -> {
            deleteVersion(c, id, expectedVersion);
            LOG.debug("delete id={} version={}", id, expectedVersion);
            return null;
        }, none -> null);
    }

    private void deleteVersion(Connection c, String id, long expectedVersion) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement ps = c.prepareStatement(sql.deleteVersion())) {
                ps.setString(1, id);
                ps.setLong(2, expectedVersion);
                if (ps.executeUpdate() > 0) {
                    return;
                }
            }
            notFoundOrConflict(c, id, expectedVersion, attempt);
        }
    }

    @Override
    public Page<Employee> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        String after = cursors.listAfterId(page);
        return call("list", null, c -> {
            List<StoredEmployee> rows = new ArrayList<>(Math.min(page.size() + 1, 64));
            try (PreparedStatement ps = c.prepareStatement(sql.list(after != null))) {
                int i = 1;
                if (after != null) {
                    ps.setString(i++, after);
                }
                ps.setInt(i, page.size() + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(Rows.stored(rs));
                    }
                }
            }
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
            List<StoredEmployee> rows = new ArrayList<>(Math.min(page.size() + 1, 64));
            try (PreparedStatement ps = c.prepareStatement(sql.find(location != null, jobTitle != null,
                    after != null))) {
                int i = 1;
                if (location != null) {
                    ps.setString(i++, location);
                }
                if (jobTitle != null) {
                    ps.setString(i++, jobTitle);
                }
                if (after != null) {
                    ps.setString(i++, after.get(0));
                    ps.setString(i++, after.get(0));
                    ps.setString(i++, after.get(1));
                }
                ps.setInt(i, page.size() + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(Rows.stored(rs));
                    }
                }
            }
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
        return call("count", null, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.count()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
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
        Long estimate = call("estimatedCount", null, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.estimatedCount())) {
                ps.setString(1, tableName.schema());
                ps.setString(2, tableName.table());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return -1L;     // not in the catalog under this name: count() tells a missing table
                    }
                    long n = rs.getLong(1);
                    return rs.wasNull() ? -1L : n;
                }
            }
        });
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
        ImportFeed feed = ImportFeed.of(employees);
        int chunkRows = BulkImport.handOverRows(dialect);
        // one connection while the table has the search index: the name rows of chunks loaded side by side lock
        // each other's key ranges (InnoDB deadlocks), so chunks are loaded one after the other
        boolean indexed = names.present();
        int connections = indexed ? 1
                : BulkConnections.forImport(BulkConnections.ownedPoolSize(owned), feed.expected(), chunkRows);
        List<ImportResult.Failure> failures = new ArrayList<>();
        try {
            importPipelined(feed, chunkRows, connections, indexed ? names : null, failures);
        } catch (StoreConfigurationException e) {
            names.forget();
            if (!indexed || names.present()) {
                throw e;
            }
            // the search structures were dropped under the store: the whole input is written again without them,
            // which an import may do, since it replaces (§4.13.4)
            failures.clear();
            feed = ImportFeed.of(employees);
            importPipelined(feed, chunkRows, connections, null, failures);
        }
        if (feed.checksTableOnly()) {
            // §4.15.3: nothing to write, but a missing table is reported as such, not the invalid employees
            call("importAll", null, c -> lockedOrPlainVersion(c, "", false));
        }
        ImportResult result = feed.result(failures);
        LOG.debug("importAll attempted={} written={} failed={} connections={}", result.attempted(), result.written(),
                result.failures().size(), connections);
        return result;
    }

    private void importPipelined(ImportFeed feed, int chunkRows, int connections, NameIndex index,
                                 List<ImportResult.Failure> failures) {
        // the calling thread reads until the first writable employee only; the pipeline's reading thread goes on
        List<ImportPlan.Entry> first = feed.next(1);
        if (!first.isEmpty()) {
            new PipelinedImport(feed, first, chunkRows, connections).run(source -> callOwn("importAll", null, c -> {
                new BulkImport(sql, table(), index).run(c, source, failures);
                return null;
            }));
        }
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
        CreatePlan plan = CreatePlan.of(drafts, clock);
        int chunkRows = BulkImport.handOverRows(dialect);
        // checked and stamped chunk by chunk on the pipeline's reading thread, while connections insert the chunks
        List<ImportPlan.Entry> first = plan.next(1);
        List<ImportResult.Failure> refused = new ArrayList<>();
        if (!first.isEmpty()) {
            // as importAll: one connection while the table has the search index (name rows of parallel chunks lock
            // each other)
            new PipelinedImport(plan::next, first, chunkRows, names.present() ? 1
                    : BulkConnections.forImport(BulkConnections.ownedPoolSize(owned), plan.expected(), chunkRows))
                    .run(source -> callOwn("createAll", null, c -> {
                        new BulkCreate(sql, table(), names.present() ? names : null).run(c, source, refused);
                        return null;
                    }));
        } else if (plan.checksTableOnly()) {
            call("createAll", null, c -> lockedOrPlainVersion(c, "", false));
        }
        CreateAllResult result = plan.result(refused);
        LOG.debug("createAll attempted={} created={} failed={}", result.attempted(), result.created().size(),
                result.failures().size());
        return result;
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
                Employee written = apply(c, op);
                if (indexed) {
                    names.reindex(c, op.id(), NameIndex.fullNameOf(written));
                }
            }
            return null;
        });
    }

    /** Applies one operation; returns the employee it wrote, or {@code null} for a delete. */
    private Employee apply(Connection c, TransactionOperation op) throws SQLException {
        if (op instanceof TransactionOperation.Create) {
            Employee created = WritePlan.of(op, clock).whenAbsent();
            insert(c, created);
            return created;
        } else if (op instanceof TransactionOperation.Update) {
            return update(c, WritePlan.of(op, clock));
        } else if (op instanceof TransactionOperation.Put) {
            return put(c, WritePlan.of(op, clock));
        } else if (op instanceof TransactionOperation.Patch patch) {
            return patches.apply(c, patch.plan(clock));
        } else if (op instanceof TransactionOperation.Delete delete) {
            delete(c, delete.id());
        } else if (op instanceof TransactionOperation.DeleteVersion delete) {
            deleteVersion(c, delete.id(), delete.expectedVersion());
        }
        return null;
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

    private <T> T callOwn(String operation, String id, SqlWork<T> work) {
        return calls.own(operation, id, work);
    }

    private <T> T write(String operation, String id, SqlWork<T> work) {
        return calls.write(operation, id, work);
    }

    private <T> T callWithRetry(String operation, String id, SqlWork<T> work) {
        return calls.writeWithRetry(operation, id, work);
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
