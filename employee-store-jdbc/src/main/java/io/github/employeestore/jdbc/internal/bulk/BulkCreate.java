package io.github.employeestore.jdbc.internal.bulk;

import io.github.employeestore.ImportResult;
import io.github.employeestore.jdbc.Dialect;
import io.github.employeestore.jdbc.internal.Connections;
import io.github.employeestore.jdbc.internal.Rows;
import io.github.employeestore.jdbc.internal.Sql;
import io.github.employeestore.jdbc.internal.SqlErrors;
import io.github.employeestore.spi.CreatePlan;
import io.github.employeestore.spi.ImportPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The write half of the JDBC {@code createAll}: inserts the stamped drafts that {@link CreatePlan} found valid, in
 * chunks on one connection, each chunk in one transaction, on the same bulk paths as {@code importAll}, and never
 * replaces a stored row. Whether an id exists is decided by the primary key in the insert itself:
 *
 * <ol>
 *   <li><b>All new</b> (the common case): PostgreSQL {@code COPY ... FROM STDIN} straight into the table, which fails
 *       with a unique violation if any id of the chunk exists; MariaDB/MySQL through MariaDB Connector/J
 *       {@code LOAD DATA LOCAL INFILE ... IGNORE}, whose row count is below the chunk's when an id existed. Either
 *       way a chunk that met a stored id is rolled back whole and written by step 2, and so are the chunks after
 *       it.</li>
 *   <li><b>Some exist</b>: PostgreSQL {@code COPY} into a temporary staging table and one
 *       {@code INSERT ... SELECT ... ON CONFLICT (id) DO NOTHING RETURNING id}: the ids not returned existed. Other
 *       databases (H2, MySQL Connector/J, and MariaDB after step 1 failed) per 500 rows: a read of which ids exist,
 *       then a JDBC batch of the plain {@code INSERT} of the others, in one transaction; the read only spares the
 *       batch the known conflicts, the primary key still decides: a batch that fails (a concurrent writer
 *       created one of its ids in between) is rolled back, and step 3 writes it.</li>
 *   <li><b>Row by row</b>: the plain {@code INSERT} per row in auto-commit; a duplicate key reports that id as
 *       existing, any other refusal reports the row with its cause.</li>
 * </ol>
 * Each chunk's rows are sorted by id before they are sent, so two concurrent {@code createAll}s lock the ids they
 * share in the same order and wait for each other instead of deadlocking; a deadlock or any other refusal of a step
 * still only moves the chunk to the next step. A lost connection or a missing table ends the call with the exception.
 * Not thread-safe: one per call.
 */
public final class BulkCreate {
    private static final Logger LOG = LoggerFactory.getLogger(BulkCreate.class);
    private static final int BATCH = BatchLoader.CHUNK;
    private static final int DEADLOCK_ATTEMPTS = 5;
    private static final String STAGE = "pg_temp.employee_store_create";
    private static final String COLUMNS = String.join(", ", Sql.COLUMNS);

    private final Sql sql;
    private final String table;
    private final TextRows text = new TextRows();
    private final io.github.employeestore.jdbc.internal.NameIndex names;
    private boolean staged;

    /**
     * @param sql   the statements of the store's dialect and table
     * @param table the table name, for messages
     */
    public BulkCreate(Sql sql, String table) {
        this(sql, table, null);
    }

    /**
     * @param sql   the statements of the store's dialect and table
     * @param table the table name, for messages
     * @param names the search index to keep in step in each step's transaction (§4.20.6), or {@code null} when the
     *              table has none
     */
    public BulkCreate(Sql sql, String table, io.github.employeestore.jdbc.internal.NameIndex names) {
        this.sql = sql;
        this.table = table;
        this.names = names;
    }

    /** Writes the name rows of employees this step created, in its transaction (the step fails with them). */
    private void indexCreated(Connection c, List<ImportPlan.Entry> created, ChunkLoader kind) throws SQLException {
        if (names != null && !created.isEmpty()) {
            NameRowsBulk.replace(c, names, kind, created);
        }
    }

    /**
     * Inserts the entries; adds one failure per entry not created (existing ids by {@link CreatePlan#exists}).
     *
     * @param c        a connection of the store (auto-commit restored at the end)
     * @param writable the stamped drafts with distinct ids
     * @param refused  where to add the entries that were not created
     * @throws SQLException when the connection is lost or the table is missing
     */
    public void run(Connection c, List<ImportPlan.Entry> writable, List<ImportResult.Failure> refused)
            throws SQLException {
        boolean[] given = {false};
        run(c, () -> {
            if (given[0]) {
                return List.of();
            }
            given[0] = true;
            return writable;
        }, refused);
    }

    /**
     * Inserts the entries the source hands over (chunks other connections do not share ids with), until it hands
     * over none; adds one failure per entry not created, locking {@code refused} for each addition.
     *
     * @param c       a connection of the store (auto-commit restored at the end)
     * @param source  the stamped drafts, chunk by chunk
     * @param refused where to add the entries that were not created
     * @throws SQLException when the connection is lost or the table is missing
     */
    public void run(Connection c, BulkImport.ChunkSource source, List<ImportResult.Failure> refused)
            throws SQLException {
        List<ImportResult.Failure> mine = new ArrayList<>();
        try {
            runChunks(c, source, mine);
        } finally {
            synchronized (refused) {
                refused.addAll(mine);
            }
        }
    }

    private void runChunks(Connection c, BulkImport.ChunkSource source, List<ImportResult.Failure> refused)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        Dialect dialect = sql.dialect();
        boolean postgres = dialect == Dialect.POSTGRESQL && PostgresCopyLoader.supports(c);
        boolean loadData = dialect.isMySqlFamily() && MariaDbLoadDataLoader.supports(c);
        boolean allNew = postgres || loadData;
        int chunkSize = allNew ? BulkImport.nativeChunkRows() : BATCH;
        try {
            c.setAutoCommit(false);
            for (List<ImportPlan.Entry> writable = source.next(); !writable.isEmpty(); writable = source.next()) {
                for (int from = 0; from < writable.size(); from += chunkSize) {
                    List<ImportPlan.Entry> chunk = new ArrayList<>(
                            writable.subList(from, Math.min(writable.size(), from + chunkSize)));
                    chunk.sort(Comparator.comparing(e -> e.employee().id()));
                    if (allNew) {
                        if (inTransaction(c, chunk, () -> postgres ? copyAll(c, chunk) : loadAll(c, chunk))) {
                            continue;
                        }
                        LOG.debug("createAll: a chunk of {} rows meets stored ids; the rest are checked per id",
                                chunk.size());
                        allNew = false;
                    }
                    if (postgres) {
                        Set<String> created = new HashSet<>();
                        if (inTransaction(c, chunk, () -> stagedInsert(c, chunk, created))) {
                            for (ImportPlan.Entry entry : chunk) {
                                if (!created.contains(entry.employee().id())) {
                                    refused.add(CreatePlan.exists(entry));
                                }
                            }
                            continue;
                        }
                        staged = false;
                    }
                    for (int i = 0; i < chunk.size(); i += BATCH) {
                        List<ImportPlan.Entry> part = chunk.subList(i, Math.min(chunk.size(), i + BATCH));
                        List<ImportResult.Failure> existing = new ArrayList<>();
                        if (!inTransaction(c, part, () -> checkedBatch(c, part, existing))) {
                            c.setAutoCommit(true);
                            existing.clear();
                            rowByRow(c, part, existing);
                            c.setAutoCommit(false);
                        }
                        refused.addAll(existing);
                    }
                }
            }
        } finally {
            dropStage(c);
            BulkImport.restoreAutoCommit(c, autoCommit);
        }
    }

    /** One step of a chunk: true when it wrote the chunk; false (to roll back) when it found the chunk cannot be. */
    @FunctionalInterface
    private interface Step {
        boolean write() throws SQLException;
    }

    /** Runs a step in one transaction: committed when it says so, rolled back when it says no or is refused. */
    private static boolean inTransaction(Connection c, List<ImportPlan.Entry> chunk, Step step) throws SQLException {
        try {
            if (step.write()) {
                c.commit();
                return true;
            }
            c.rollback();
            return false;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
                throw e;
            }
            if (SqlErrors.isMissingTable(e) || Connections.isLost(c)) {
                throw e;
            }
            LOG.debug("createAll: a step for {} rows refused (SQLState {})", chunk.size(), e.getSQLState());
            return false;
        }
    }

    /** PostgreSQL, all new: COPY into the table; a unique violation means an id exists (the caller rolls back). */
    private boolean copyAll(Connection c, List<ImportPlan.Entry> chunk) throws SQLException {
        try {
            PostgresCopyLoader.copy(c, sql.table(), chunk, text);
            indexCreated(c, chunk, new PostgresCopyLoader(sql));
            return true;
        } catch (SQLException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** MariaDB, all new: LOAD DATA ... IGNORE; fewer rows than given means some ids existed (to roll back). */
    private boolean loadAll(Connection c, List<ImportPlan.Entry> chunk) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(text.stream(chunk));
            st.execute("LOAD DATA LOCAL INFILE 'employee-store-create.tsv' IGNORE INTO TABLE " + sql.table()
                    + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'"
                    + " (" + COLUMNS + ")");
            long affected = st.getLargeUpdateCount();
            if (affected < chunk.size()) {
                return false;
            }
            SQLWarning warning = st.getWarnings();
            if (warning != null) {
                throw new SQLException("LOAD DATA of " + chunk.size() + " rows ended with warnings (first: SQLState "
                        + warning.getSQLState() + ", vendor code " + warning.getErrorCode() + ")",
                        warning.getSQLState(), warning.getErrorCode(), warning);
            }
            indexCreated(c, chunk, new MariaDbLoadDataLoader(sql));
            return true;
        }
    }

    /** PostgreSQL, some exist: COPY into the staging table, insert what is absent; collects the ids inserted. */
    private boolean stagedInsert(Connection c, List<ImportPlan.Entry> chunk, Set<String> created)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            if (!staged) {
                st.execute("CREATE TEMPORARY TABLE IF NOT EXISTS employee_store_create (id text, full_name text,"
                        + " job_title text, location text, badges jsonb, photo_key text, attributes jsonb,"
                        + " version bigint, created_at bigint, updated_at bigint) ON COMMIT DELETE ROWS");
                staged = true;
            }
            PostgresCopyLoader.copy(c, STAGE, chunk, text);
            try (ResultSet rs = st.executeQuery("INSERT INTO " + sql.table() + " (" + COLUMNS + ") SELECT " + COLUMNS
                    + " FROM " + STAGE + " ORDER BY id ON CONFLICT (id) DO NOTHING RETURNING id")) {
                while (rs.next()) {
                    created.add(rs.getString(1));
                }
            }
            List<ImportPlan.Entry> inserted = new ArrayList<>(created.size());
            for (ImportPlan.Entry entry : chunk) {
                if (created.contains(entry.employee().id())) {
                    inserted.add(entry);
                }
            }
            indexCreated(c, inserted, new PostgresCopyLoader(sql));
            return true;
        } catch (SQLException | RuntimeException e) {
            created.clear();
            throw e;
        }
    }

    /** Any database, some exist: read which ids exist, batch-insert the others; a failed batch is rolled back. */
    private boolean checkedBatch(Connection c, List<ImportPlan.Entry> part, List<ImportResult.Failure> existing)
            throws SQLException {
        Set<String> stored = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + sql.table() + " WHERE id IN ("
                + String.join(", ", Collections.nCopies(part.size(), "?")) + ")")) {
            for (int i = 0; i < part.size(); i++) {
                ps.setString(i + 1, part.get(i).employee().id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        List<ImportPlan.Entry> inserted = new ArrayList<>(part.size());
        try (PreparedStatement ps = c.prepareStatement(sql.insert())) {
            for (ImportPlan.Entry entry : part) {
                if (stored.contains(entry.employee().id())) {
                    existing.add(CreatePlan.exists(entry));
                } else {
                    Rows.bindAll(ps, 1, entry.employee());
                    ps.addBatch();
                    inserted.add(entry);
                }
            }
            if (!inserted.isEmpty()) {
                ps.executeBatch();
                indexCreated(c, inserted, null);
            }
            return true;
        } catch (SQLException e) {
            existing.clear();
            throw e;
        }
    }

    private void rowByRow(Connection c, List<ImportPlan.Entry> part, List<ImportResult.Failure> refused)
            throws SQLException {
        if (names != null) {
            c.setAutoCommit(false); // each row with its name rows in one transaction
        }
        try (PreparedStatement ps = c.prepareStatement(sql.insert())) {
            for (ImportPlan.Entry entry : part) {
                try {
                    insertRetryingDeadlocks(c, ps, entry);
                } catch (SQLException e) {
                    if (SqlErrors.isDuplicateKey(e)) {
                        refused.add(CreatePlan.exists(entry));
                        continue;
                    }
                    if (SqlErrors.isMissingTable(e) || Connections.isLost(c)) {
                        throw e;
                    }
                    LOG.debug("createAll id={} not written (SQLState {})", entry.employee().id(), e.getSQLState());
                    refused.add(ImportPlan.writeFailure(entry,
                            SqlErrors.translate(e, "createAll of id=" + entry.employee().id(), table)));
                }
            }
        } finally {
            if (names != null && !c.isClosed()) {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * One row's insert (in auto-commit, or with its name rows in one transaction), tried again (up to {@value #DEADLOCK_ATTEMPTS} times) when it was a deadlock
     * victim: inserts of one id waiting on another transaction's insert that is rolled back deadlock each other on
     * InnoDB, and the victim's insert wrote nothing.
     */
    private void insertRetryingDeadlocks(Connection c, PreparedStatement ps, ImportPlan.Entry entry)
            throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                Rows.bindAll(ps, 1, entry.employee());
                ps.executeUpdate();
                if (names != null) {
                    names.reindex(c, entry.employee().id(), entry.employee().fullName());
                    c.commit();
                }
                return;
            } catch (SQLException e) {
                if (names != null && !Connections.isLost(c)) {
                    c.rollback();
                }
                if (attempt >= DEADLOCK_ATTEMPTS || !SqlErrors.isDeadlock(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void dropStage(Connection c) {
        if (!staged) {
            return;
        }
        staged = false;
        try (Statement st = c.createStatement()) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            st.execute("DROP TABLE IF EXISTS " + STAGE);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            LOG.debug("dropping the create staging table failed (SQLState {}); it ends with the session",
                    e.getSQLState());
        }
    }
}
