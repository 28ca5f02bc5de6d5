package io.github.employeestore.jdbc.internal.bulk;

import io.github.employeestore.jdbc.internal.Rows;
import io.github.employeestore.jdbc.internal.Sql;
import io.github.employeestore.spi.ImportPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The portable bulk path: one JDBC batch of the dialect's replacing upsert per chunk, the statement prepared once per
 * call (preparing it for every chunk cost 15-20 % of a bulk load on MariaDB). With MySQL Connector/J's
 * {@code rewriteBatchedStatements=true} or MariaDB Connector/J's {@code useBulkStmts=true} the driver sends each
 * batch as multi-row statements or one bulk command. The path of H2 (where it is the fastest measured), of MySQL
 * Connector/J, and the fallback of the native paths. Not thread-safe.
 */
final class BatchLoader implements ChunkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(BatchLoader.class);
    static final int CHUNK = 500;

    private final Sql sql;
    private final int chunkSize;
    private PreparedStatement ps;
    private Connection preparedOn;

    BatchLoader(Sql sql, int chunkSize) {
        this.sql = sql;
        this.chunkSize = chunkSize;
    }

    @Override
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public String name() {
        return "JDBC batch";
    }

    @Override
    public void load(Connection c, List<ImportPlan.Entry> chunk) throws SQLException {
        if (ps == null || preparedOn != c) {
            close();
            ps = c.prepareStatement(sql.importRow());
            preparedOn = c;
        }
        try {
            for (ImportPlan.Entry entry : chunk) {
                Rows.bindAll(ps, 1, entry.employee());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            // after a failed batch some drivers leave the statement unusable: prepare it again next time
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (ps != null) {
            try {
                ps.close();
            } catch (SQLException e) {
                LOG.debug("closing the import statement failed (SQLState {})", e.getSQLState());
            }
            ps = null;
            preparedOn = null;
        }
    }
}
