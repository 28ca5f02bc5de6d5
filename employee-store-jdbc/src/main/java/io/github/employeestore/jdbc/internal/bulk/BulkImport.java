package io.github.employeestore.jdbc.internal.bulk;

import io.github.employeestore.ImportResult;
import io.github.employeestore.jdbc.Dialect;
import io.github.employeestore.jdbc.internal.Connections;
import io.github.employeestore.jdbc.internal.Rows;
import io.github.employeestore.jdbc.internal.Sql;
import io.github.employeestore.jdbc.internal.SqlErrors;
import io.github.employeestore.spi.ImportPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The write half of the JDBC {@code importAll}: the employees that {@link ImportPlan} found valid, in chunks on one
 * connection with auto-commit off, each chunk in one transaction by the database's fastest bulk path:
 *
 * <ul>
 *   <li>PostgreSQL (pgjdbc): {@code COPY} into a staging table and one upsert per chunk ({@link PostgresCopyLoader});</li>
 *   <li>MariaDB/MySQL through MariaDB Connector/J: {@code LOAD DATA LOCAL INFILE} from memory
 *       ({@link MariaDbLoadDataLoader});</li>
 *   <li>H2, MySQL Connector/J and any other driver: a JDBC batch of the replacing upsert ({@link BatchLoader}).</li>
 * </ul>
 *
 * <p>A chunk the native path cannot write is rolled back and written by the JDBC batch; if the batch succeeds, the
 * native path was what failed (for example {@code local_infile} switched off) and the rest of the call uses the
 * batch. A chunk the batch cannot write either is rolled back and written row by row in auto-commit, so that every
 * row that can be written is, and each row that cannot is reported with its cause. A lost connection or a missing
 * table ends the call with the exception. Memory: one chunk's encoded text at a time. Not thread-safe: one per call.
 */
public final class BulkImport {
    private static final Logger LOG = LoggerFactory.getLogger(BulkImport.class);

    /** The system property that sets the rows of a native chunk (default {@value #DEFAULT_NATIVE_CHUNK}). */
    public static final String CHUNK_PROPERTY = "io.github.employeestore.jdbc.bulkChunkRows";
    private static final int DEFAULT_NATIVE_CHUNK = 25_000;

    private final Sql sql;
    private final String table;
    /** The search index kept in step in each chunk's transaction, or {@code null} when the table has none. */
    private final io.github.employeestore.jdbc.internal.NameIndex names;

    /**
     * @return the rows of one chunk of the native paths: each chunk is one statement and one commit (20 chunks of
     *         5,000 loaded 100,000 rows 60-100 % slower than one statement), and rows are encoded as they are sent,
     *         so a large chunk costs no memory beyond the rows the caller holds; a refused chunk is written again by
     *         the batch, then row by row. Set by {@value #CHUNK_PROPERTY} (100 to 1,000,000).
     */
    static int nativeChunkRows() {
        int rows = Integer.getInteger(CHUNK_PROPERTY, DEFAULT_NATIVE_CHUNK);
        return Math.max(100, Math.min(1_000_000, rows));
    }

    /**
     * @param sql   the statements of the store's dialect and table
     * @param table the table name, for messages
     */
    public BulkImport(Sql sql, String table) {
        this(sql, table, null);
    }

    /**
     * @param sql   the statements of the store's dialect and table
     * @param table the table name, for messages
     * @param names the search index to keep in step (§4.20.6), or {@code null} when the table has none
     */
    public BulkImport(Sql sql, String table, io.github.employeestore.jdbc.internal.NameIndex names) {
        this.sql = sql;
        this.table = table;
        this.names = names;
    }

    /**
     * Where a connection's {@link #run} takes its next employees from: the whole input in one piece, or chunks handed
     * over by {@link PipelinedImport} from the thread that reads and checks the input.
     */
    @FunctionalInterface
    public interface ChunkSource {
        /**
         * @return the next employees to write (valid, ids distinct across the whole call), or an empty list when
         *         there are no more for this connection
         */
        List<ImportPlan.Entry> next();
    }

    /**
     * Writes the employees; adds one failure per employee not written.
     *
     * @param c        a connection of the store (auto-commit restored at the end)
     * @param writable the valid employees with distinct ids
     * @param failures where to add the employees that could not be written
     * @throws SQLException when the connection is lost or the table is missing
     */
    public void run(Connection c, List<ImportPlan.Entry> writable, List<ImportResult.Failure> failures)
            throws SQLException {
        boolean[] given = {false};
        run(c, () -> {
            if (given[0]) {
                return List.of();
            }
            given[0] = true;
            return writable;
        }, failures);
    }

    /**
     * Writes the employees the source hands over, until it hands over none; adds one failure per employee not
     * written (to a list other connections may add to at the same time: it is locked for each addition).
     *
     * @param c        a connection of the store (auto-commit restored at the end)
     * @param source   the employees to write, chunk by chunk
     * @param failures where to add the employees that could not be written
     * @throws SQLException when the connection is lost or the table is missing
     */
    public void run(Connection c, ChunkSource source, List<ImportResult.Failure> failures) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        BatchLoader batch = new BatchLoader(sql, BatchLoader.CHUNK);
        ChunkLoader primary = nativeLoader(c);
        String nativeName = primary == null ? "none" : primary.name();
        int nativeRows = 0;
        int batchRows = 0;
        int singleRows = 0;
        try {
            c.setAutoCommit(false);
            for (List<ImportPlan.Entry> given = source.next(); !given.isEmpty(); given = source.next()) {
                int from = 0;
                while (from < given.size()) {
                    ChunkLoader loader = primary != null ? primary : batch;
                    List<ImportPlan.Entry> chunk = given.subList(from,
                            Math.min(given.size(), from + loader.chunkSize()));
                    from += chunk.size();
                    if (inTransaction(c, loader, chunk)) {
                        if (loader == batch) {
                            batchRows += chunk.size();
                        } else {
                            nativeRows += chunk.size();
                        }
                        continue;
                    }
                    if (loader != batch && inTransaction(c, batch, chunk)) {
                        batchRows += chunk.size();
                        LOG.debug("importAll: {} failed where the JDBC batch succeeded; the JDBC batch writes the"
                                + " rest", loader.name());
                        primary.close();
                        primary = null;
                        continue;
                    }
                    c.setAutoCommit(true);
                    List<ImportResult.Failure> refused = new java.util.ArrayList<>();
                    rowByRow(c, chunk, refused);
                    synchronized (failures) {
                        failures.addAll(refused);
                    }
                    singleRows += chunk.size();
                    c.setAutoCommit(false);
                }
            }
            LOG.debug("importAll: {} rows by {}, {} by JDBC batch, {} row by row", nativeRows, nativeName, batchRows,
                    singleRows);
        } finally {
            batch.close();
            if (primary != null) {
                primary.close();
            }
            restoreAutoCommit(c, autoCommit);
        }
    }

    /**
     * @param dialect the store's dialect
     * @return how many rows the thread reading the input hands to a connection at a time: the native chunk where the
     *         database has a native path (PostgreSQL, MySQL/MariaDB), else ten JDBC batches
     */
    public static int handOverRows(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL || dialect.isMySqlFamily() ? nativeChunkRows() : 10 * BatchLoader.CHUNK;
    }

    private ChunkLoader nativeLoader(Connection c) {
        Dialect dialect = sql.dialect();
        if (dialect == Dialect.POSTGRESQL && PostgresCopyLoader.supports(c)) {
            return new PostgresCopyLoader(sql);
        }
        if (dialect.isMySqlFamily() && MariaDbLoadDataLoader.supports(c)) {
            return new MariaDbLoadDataLoader(sql);
        }
        return null;
    }

    /** One chunk in one transaction; false (rolled back) if the database refused it. */
    private boolean inTransaction(Connection c, ChunkLoader loader, List<ImportPlan.Entry> chunk)
            throws SQLException {
        try {
            loader.load(c, chunk);
            if (names != null) {
                NameRowsBulk.replace(c, names, loader, chunk);
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailed) {
                // the connection is gone (the server rolls the transaction back): report the failure itself, not
                // the closed connection the rollback met
                e.addSuppressed(rollbackFailed);
                throw e;
            }
            if (SqlErrors.isMissingTable(e) || Connections.isLost(c)) {
                throw e;
            }
            LOG.debug("importAll: {} of {} rows refused (SQLState {})", loader.name(), chunk.size(),
                    e.getSQLState());
            return false;
        }
    }

    private void rowByRow(Connection c, List<ImportPlan.Entry> chunk, List<ImportResult.Failure> failures)
            throws SQLException {
        if (names != null) {
            c.setAutoCommit(false); // each row with its name rows in one transaction
        }
        try (PreparedStatement ps = c.prepareStatement(sql.importRow())) {
            for (ImportPlan.Entry entry : chunk) {
                try {
                    Rows.bindAll(ps, 1, entry.employee());
                    ps.executeUpdate();
                    if (names != null) {
                        names.reindex(c, entry.employee().id(), entry.employee().fullName());
                        c.commit();
                    }
                } catch (SQLException e) {
                    if (names != null && !Connections.isLost(c)) {
                        c.rollback();
                    }
                    if (Connections.isLost(c) || SqlErrors.isMissingTable(e)) {
                        // a table dropped while the call ran (the chunk met it still there): the call ends with
                        // the missing table, as any call that meets it does, not with each row reported
                        throw e;
                    }
                    LOG.debug("importAll id={} not written (SQLState {})", entry.employee().id(), e.getSQLState());
                    failures.add(ImportPlan.writeFailure(entry,
                            SqlErrors.translate(e, "importAll of id=" + entry.employee().id(), table)));
                }
            }
        } finally {
            if (names != null && !c.isClosed()) {
                c.setAutoCommit(true);
            }
        }
    }

    /** Restores auto-commit unless the connection is gone; never masks the exception in flight. */
    static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            if (!c.isClosed()) {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            LOG.debug("could not restore auto-commit (SQLState {}); the pool resets it", e.getSQLState());
        }
    }
}
