package io.github.employeestore.jdbc.internal.bulk;

import io.github.employeestore.jdbc.internal.Sql;
import io.github.employeestore.spi.ImportPlan;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;

/**
 * MySQL/MariaDB's bulk path through MariaDB Connector/J: each chunk is sent by {@code LOAD DATA LOCAL INFILE ...
 * REPLACE INTO TABLE} from an in-memory stream the driver is given for that one statement
 * ({@code org.mariadb.jdbc.Statement#setLocalInfileInputStream}). No file is read: the driver sends the stream, and
 * MariaDB Connector/J 3 answers a server's request for any other file than the one its statement named with an
 * error, so a hostile server cannot read the client's files through it. Nothing is switched on in the pool: the
 * driver's {@code allowLocalInfile} (on by default) and the server's {@code local_infile} decide; when either is off
 * the statement fails and {@link BulkImport} writes the chunk by the JDBC batch, and the rest of the call too.
 *
 * <p>{@code REPLACE} deletes a stored row of the same id and inserts the given one: every column is written as given,
 * which is {@code importAll}'s contract. With {@code LOCAL} the server turns data errors into warnings instead of
 * failing (it cannot stop the client's transfer), so a chunk that ends with any warning is treated as refused and
 * rolled back. MySQL Connector/J is not used this way: it would need {@code allowLoadLocalInfile=true} on the
 * application's whole pool, which lets any statement on it read local files, and MySQL 8 servers have
 * {@code local_infile} off by default; it takes the batch path. Needs MariaDB Connector/J: loaded only after
 * {@link #supports(Connection)} said yes. Not thread-safe.
 */
final class MariaDbLoadDataLoader implements ChunkLoader {
    /** Rows a chunk (see {@link BulkImport#nativeChunkRows()}). */
    static final int CHUNK = BulkImport.nativeChunkRows();

    private final String statement;
    private final TextRows text = new TextRows();

    MariaDbLoadDataLoader(Sql sql) {
        this.statement = "LOAD DATA LOCAL INFILE 'employee-store-import.tsv' REPLACE INTO TABLE " + sql.table()
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'"
                + " (" + String.join(", ", Sql.COLUMNS) + ")";
    }

    /** @return whether statements of the connection are MariaDB Connector/J's (unwrapped through a pool's proxy) */
    static boolean supports(Connection c) {
        try {
            Class.forName("org.mariadb.jdbc.Statement", false, MariaDbLoadDataLoader.class.getClassLoader());
            try (Statement st = c.createStatement()) {
                return st.isWrapperFor(org.mariadb.jdbc.Statement.class);
            }
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
        return "LOAD DATA LOCAL INFILE from memory";
    }

    @Override
    public void load(Connection c, List<ImportPlan.Entry> chunk) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(text.stream(chunk));
            st.execute(statement);
            long affected = st.getLargeUpdateCount();
            if (affected < chunk.size()) {
                // REPLACE counts an inserted row once and a replaced one twice: fewer than the rows means skipped
                throw new SQLException("LOAD DATA wrote " + affected + " of " + chunk.size() + " rows");
            }
            SQLWarning warning = st.getWarnings();
            if (warning != null) {
                throw new SQLException("LOAD DATA of " + chunk.size() + " rows ended with warnings (first: SQLState "
                        + warning.getSQLState() + ", vendor code " + warning.getErrorCode() + ")",
                        warning.getSQLState(), warning.getErrorCode(), warning);
            }
        }
    }

    @Override
    public void close() {
        // nothing held between chunks
    }
}
