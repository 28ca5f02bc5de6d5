package io.github.employeestore.jdbc.internal;

import io.github.employeestore.BackfillProgress;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.jdbc.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@code schema().backfillSearchIndex(...)} of the JDBC store: walks the employee table by id in batches of
 * {@value #BATCH}; each batch is one transaction that locks its rows ({@code SELECT ... FOR UPDATE}, so a write of
 * the store cannot interleave), compares each employee's directory row in the side table with its full name, and
 * rewrites the rows of each employee that has none or a stale one (written by an older version or another
 * program); then it records the last id in the state table, from where an interrupted run resumes. When the walk
 * reaches the end, the index is marked complete and searches answer. A later run walks the table again and indexes
 * what other programs wrote since.
 *
 * <p>Before walking, it waits until {@link NameIndex#ABSENT_RECHECK_MILLIS} have passed since the structures were
 * added, so that every store of this version has noticed them and indexes its own writes. Not thread-safe: one per
 * call.
 */
public final class NameBackfill {
    /** Employees per batch (and per transaction). */
    public static final int BATCH = 500;

    private final Sql sql;
    private final NameIndex index;
    private final SqlWork.Runner runner;
    private final SqlWork.Runner transactions;
    private final LongSupplier millis;

    /**
     * @param sql          the statements of the store's dialect and table
     * @param index        the search index
     * @param runner       runs work on a connection of the store in auto-commit
     * @param transactions runs work in one transaction of its own
     * @param millis       the current time in milliseconds
     */
    public NameBackfill(Sql sql, NameIndex index, SqlWork.Runner runner, SqlWork.Runner transactions,
                        LongSupplier millis) {
        this.sql = sql;
        this.index = index;
        this.runner = runner;
        this.transactions = transactions;
        this.millis = millis;
    }

    /**
     * @param progress receives the progress after each batch
     * @return the final progress
     * @throws StoreConfigurationException if the search structures are missing
     */
    public BackfillProgress run(Consumer<? super BackfillProgress> progress) {
        Objects.requireNonNull(progress, "progress");
        NameIndex.StateRow state = runner.run("backfillSearchIndex", c -> {
            try {
                return index.readState(c);
            } catch (SQLException e) {
                if (SqlErrors.isMissingTable(e)) {
                    return null;
                }
                throw e;
            }
        });
        if (state == null) {
            throw new StoreConfigurationException("the search structures of the table are missing: call"
                    + " schema().create() before schema().backfillSearchIndex(...)");
        }
        long wait = state.createdAt() + NameIndex.ABSENT_RECHECK_MILLIS - millis.getAsLong();
        if (wait > 0) {
            try {
                Thread.sleep(Math.min(wait, NameIndex.ABSENT_RECHECK_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.github.employeestore.StoreUnavailableException("backfill interrupted", e, true);
            }
        }
        long[] counts = new long[3];
        String[] after = {state.resumeAfter()};
        while (true) {
            boolean more = transactions.run("backfillSearchIndex", c -> batch(c, after, counts));
            if (!more) {
                break;
            }
            progress.accept(new BackfillProgress(counts[0], counts[1], counts[2], false));
        }
        runner.run("backfillSearchIndex", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + index.stateTable()
                    + " SET ready_at = COALESCE(ready_at, ?), resume_after = NULL WHERE id = 1")) {
                ps.setLong(1, millis.getAsLong());
                ps.executeUpdate();
            }
            return null;
        });
        index.markReady();
        BackfillProgress done = new BackfillProgress(counts[0], counts[1], counts[2], true);
        progress.accept(done);
        return done;
    }

    /** One batch in the caller's transaction; returns whether it examined any employee. */
    private boolean batch(Connection c, String[] after, long[] counts) throws SQLException {
        boolean h2 = sql.dialect() == Dialect.H2;
        String idKey = h2 ? "id_key" : "id";
        String select = "SELECT id, full_name FROM " + sql.table()
                + (after[0] != null ? " WHERE " + idKey + " > " + (h2 ? "STRINGTOUTF8(?)" : "?") : "")
                + " ORDER BY " + idKey + " LIMIT " + BATCH + " FOR UPDATE";
        List<String[]> rows = new ArrayList<>(BATCH);
        try (PreparedStatement ps = c.prepareStatement(select)) {
            if (after[0] != null) {
                ps.setString(1, after[0]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        if (rows.isEmpty()) {
            return false;
        }
        Map<String, String> indexed = directoryRows(c, rows);
        List<String> stale = new ArrayList<>();
        List<NameIndex.NameRow> fresh = new ArrayList<>();
        for (String[] row : rows) {
            counts[0]++;
            String id = row[0];
            String fullName = row[1];
            if (fullName == null) {
                counts[2]++;
                if (indexed.containsKey(id)) {
                    stale.add(id);
                }
            } else if (!fullName.equals(indexed.get(id))) {
                stale.add(id);
                fresh.addAll(NameIndex.rows(id, fullName));
                counts[1]++;
            }
        }
        index.deleteAll(c, stale);
        index.insert(c, fresh);
        after[0] = rows.get(rows.size() - 1)[0];
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + index.stateTable()
                + " SET resume_after = ? WHERE id = 1")) {
            ps.setString(1, after[0]);
            ps.executeUpdate();
        }
        return true;
    }

    /**
     * The full names of the directory rows (prefix {@code ''}) of the batch's ids. The rows are selected by id alone
     * and the directory rows kept here: with {@code prefix = ''} in the query, PostgreSQL, whose statistics of a
     * side table that the backfill itself fills say that few rows have that prefix, also scanned the primary key's
     * {@code prefix = ''} range (every employee's directory row) for each batch, 0.16–0.7 s per batch at 1,000,000
     * employees instead of a few milliseconds.
     */
    private Map<String, String> directoryRows(Connection c, List<String[]> rows) throws SQLException {
        StringBuilder q = new StringBuilder("SELECT id, full_name, prefix FROM ").append(index.prefixTable())
                .append(" WHERE id IN (");
        for (int i = 0; i < rows.size(); i++) {
            q.append(i == 0 ? "?" : ", ?");
        }
        Map<String, String> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(q.append(')').toString())) {
            for (int i = 0; i < rows.size(); i++) {
                ps.setString(i + 1, rows.get(i)[0]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(3).isEmpty()) {
                        found.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return found;
    }
}
