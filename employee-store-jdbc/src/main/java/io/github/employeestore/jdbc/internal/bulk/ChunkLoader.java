package io.github.employeestore.jdbc.internal.bulk;

import io.github.employeestore.spi.ImportPlan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes one chunk of {@code importAll} with one of the database's bulk paths, inside the transaction that
 * {@link BulkImport} commits or rolls back. A loader either writes every row of the chunk or throws: a chunk it
 * cannot write completely (an error, or a warning that a value was changed or a row skipped) must end in an
 * exception, so the transaction is rolled back and the chunk written by another path. Not thread-safe: one per call.
 */
interface ChunkLoader extends AutoCloseable {
    /** @return how many rows a chunk of this loader holds */
    int chunkSize();

    /**
     * Writes the chunk, replacing stored rows of the same ids; does not commit.
     *
     * @param c     the connection, auto-commit off
     * @param chunk the rows, with distinct ids
     * @throws SQLException when the database refuses the chunk or any row of it
     */
    void load(Connection c, List<ImportPlan.Entry> chunk) throws SQLException;

    /** @return a short name for logs */
    String name();

    /** Releases what the loader holds on the connection (statements, staging tables); never throws. */
    @Override
    void close();
}
