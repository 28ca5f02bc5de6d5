package io.github.employeestore.jdbc.internal.bulk;

import io.github.employeestore.jdbc.internal.Sql;
import io.github.employeestore.spi.ImportPlan;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;

/**
 * PostgreSQL's bulk path. As long as no chunk meets a stored id (a migration into an empty table, the common case),
 * each chunk is streamed by {@code COPY ... FROM STDIN} straight into the table, behind a savepoint: that is the
 * speed of {@code psql \copy}. The first chunk that meets a stored id (unique violation) is rolled back to the
 * savepoint, and it and the rest of the call take the replacing path: each chunk is streamed with {@code COPY ... FROM STDIN} (text format, through the driver's
 * {@code CopyManager}) into a temporary staging table, then moved into the table by one
 * {@code INSERT ... SELECT ... ON CONFLICT (id) DO UPDATE} that replaces every column, in the chunk's transaction.
 * The staging table ({@code ON COMMIT DELETE ROWS}, without indexes) lives in the connection's session for the
 * duration of the call and is dropped at its end. Needs the PostgreSQL JDBC driver (pgjdbc): loaded only after
 * {@link #supports(Connection)} said yes. Not thread-safe.
 */
final class PostgresCopyLoader implements ChunkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCopyLoader.class);
    /** Rows a chunk (see {@link BulkImport#nativeChunkRows()}). */
    static final int CHUNK = BulkImport.nativeChunkRows();
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String STAGE = "pg_temp.employee_store_import";
    private static final String COLUMNS = String.join(", ", Sql.COLUMNS);

    private final Sql sql;
    private final TextRows text = new TextRows();
    /** Whether chunks are copied straight into the table: until one meets a stored id. */
    private boolean direct = true;
    /** The connection the staging table was created on (to drop it), and whether it exists in this transaction. */
    private Connection session;
    private boolean staged;

    PostgresCopyLoader(Sql sql) {
        this.sql = sql;
    }

    /** @return whether the connection is pgjdbc's (unwrapped through a pool's proxy) */
    static boolean supports(Connection c) {
        try {
            Class.forName("org.postgresql.PGConnection", false, PostgresCopyLoader.class.getClassLoader());
            return c.isWrapperFor(PGConnection.class);
        } catch (ClassNotFoundException | LinkageError | SQLException e) {
            return false;
        }
    }

    @Override
    public int chunkSize() {
        return CHUNK;
    }

    @Override
    public String name() {
        return "COPY FROM STDIN";
    }

    @Override
    public void load(Connection c, List<ImportPlan.Entry> chunk) throws SQLException {
        if (direct) {
            Savepoint before = c.setSavepoint();
            try {
                copy(c, sql.table(), chunk);
                c.releaseSavepoint(before);
                return;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                c.rollback(before);
                direct = false;
                LOG.debug("importAll: a chunk meets stored ids; the rest goes through the staging table");
            }
        }
        if (session != c || !staged) {
            session = c;
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMPORARY TABLE IF NOT EXISTS employee_store_import (id text, full_name text,"
                        + " job_title text, location text, badges jsonb, photo_key text, attributes jsonb,"
                        + " version bigint, created_at bigint, updated_at bigint) ON COMMIT DELETE ROWS");
            }
            staged = true;
        }
        try {
            copyAndMerge(c, chunk);
        } catch (SQLException | RuntimeException e) {
            // the transaction is rolled back, and with it a staging table created in it
            staged = false;
            throw e;
        }
    }

    private void copyAndMerge(Connection c, List<ImportPlan.Entry> chunk) throws SQLException {
        copy(c, STAGE, chunk);
        try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO " + sql.table() + " AS cur (" + COLUMNS + ") SELECT " + COLUMNS
                    + " FROM " + STAGE + " ON CONFLICT (id) DO UPDATE SET full_name = EXCLUDED.full_name,"
                    + " job_title = EXCLUDED.job_title, location = EXCLUDED.location, badges = EXCLUDED.badges,"
                    + " photo_key = EXCLUDED.photo_key, attributes = EXCLUDED.attributes,"
                    + " version = EXCLUDED.version, created_at = EXCLUDED.created_at,"
                    + " updated_at = EXCLUDED.updated_at");
        }
    }

    private void copy(Connection c, String table, List<ImportPlan.Entry> chunk) throws SQLException {
        copy(c, table, chunk, text);
    }

    /**
     * Streams the rows into a table by {@code COPY ... FROM STDIN}, encoding them piece by piece as they are sent;
     * shared by {@code importAll} and {@code createAll}.
     *
     * @param c     a pgjdbc connection (or a pool's proxy of one)
     * @param table the table, or the staging table
     * @param chunk the rows
     * @param text  the encoder's buffer, reused
     * @throws SQLException when the database refuses the rows
     */
    static void copy(Connection c, String table, List<ImportPlan.Entry> chunk, TextRows text) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + COLUMNS + ") FROM STDIN");
        try {
            text.reset();
            for (ImportPlan.Entry entry : chunk) {
                text.append(entry.employee());
                if (text.size() >= TextRows.PIECE) {
                    copy.writeToCopy(text.bytes(), 0, text.size());
                    text.reset();
                }
            }
            if (text.size() > 0) {
                copy.writeToCopy(text.bytes(), 0, text.size());
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    @Override
    public void close() {
        Connection c = session;
        session = null;
        staged = false;
        if (c != null) {
            try (Statement st = c.createStatement()) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                st.execute("DROP TABLE IF EXISTS " + STAGE);
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            } catch (SQLException e) {
                LOG.debug("dropping the import staging table failed (SQLState {}); it ends with the session",
                        e.getSQLState());
            }
        }
    }
}
