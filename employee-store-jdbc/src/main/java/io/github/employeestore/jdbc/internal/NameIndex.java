package io.github.employeestore.jdbc.internal;

import io.github.employeestore.Employee;
import io.github.employeestore.SearchIndexNotReadyException;
import io.github.employeestore.jdbc.Dialect;
import io.github.employeestore.spi.NameFolding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The SQL search index of a table (CONTRACT §4.20): a side table of name rows and a one-row state table, both beside
 * the employee table, which keeps its layout (so a table of an older version works unchanged for every other
 * operation, with or without them).
 *
 * <ul>
 *   <li>{@code <table>_name_prefixes (prefix, name_key, full_name, id)}, primary key in that order: for each
 *       employee one row per distinct prefix of its folded words of 1 to {@value #MAX_PREFIX} code points
 *       ({@link NameFolding#indexPrefixes}), plus one directory row with the empty prefix, all carrying the
 *       employee's stored sort key {@code name_key} ({@link NameFolding#sortKey}). A search word, or the directory,
 *       is then one range of the primary key: {@code prefix = ? AND (name_key, full_name, id) > cursor ORDER BY
 *       name_key, full_name, id LIMIT n}. A secondary index on {@code id} serves the rewrite of an employee's rows.
 *       On H2 the three order columns have generated UTF-8 twins ({@code *_b}), as the employee table's keys do, for
 *       code-point order.</li>
 *   <li>{@code <table>_search_state (id, created_at, ready_at, resume_after)}: when the structures were added, when
 *       the index became complete (null until the backfill finished; set at once on a table this version
 *       created), and where an interrupted backfill resumes.</li>
 * </ul>
 *
 * <p>Every write of the store rewrites the written employee's rows in the same transaction
 * ({@link #reindex(Connection, String, String)}), when the structures exist. Whether they do is cached: once seen,
 * for the life of the store (until its own {@code drop()}/{@code create()}); when absent, for
 * {@value #ABSENT_RECHECK_MILLIS} ms, so a table upgraded by another instance is noticed within that time, and the
 * backfill waits that long after the structures were added before it scans (so no write of this version escapes
 * it). Readiness is cached once seen; until then each search reads the state row (and fails).
 *
 * <p>Thread-safe.
 */
public final class NameIndex {
    /** The longest prefix stored, in code points; longer search words are looked up by their first so many. */
    public static final int MAX_PREFIX = 16;
    /** How long the absence of the structures is trusted before it is looked for again. */
    public static final long ABSENT_RECHECK_MILLIS = 2_000;

    private final Sql sql;
    private final TableName name;
    private final SqlWork.Runner runner;
    private final LongSupplier millis;
    private final String prefixes;
    private final String state;

    private enum State { PRESENT, READY }

    private volatile State known;
    private volatile long absentUntil;

    /**
     * @param sql    the statements of the store's dialect and table
     * @param name   the employee table
     * @param runner runs work on a connection of the store's own (auto-commit)
     * @param millis the current time in milliseconds (for the cache)
     */
    public NameIndex(Sql sql, TableName name, SqlWork.Runner runner, LongSupplier millis) {
        this.sql = sql;
        this.name = name;
        this.runner = runner;
        this.millis = millis;
        char q = sql.dialect().isMySqlFamily() ? '`' : '"';
        String schema = name.schema() == null ? "" : q + name.schema() + q + ".";
        this.prefixes = schema + q + name.indexName("_name_prefixes") + q;
        this.state = schema + q + name.indexName("_search_state") + q;
    }

    /** One row of the side table. */
    public record NameRow(String prefix, String nameKey, String fullName, String id) {
    }

    /**
     * The side-table rows of an employee: the directory row (empty prefix) and one per indexed prefix.
     *
     * @param id       the id
     * @param fullName the full name, or {@code null} (an item of another program without one: no rows)
     * @return the rows, directory row first
     */
    public static List<NameRow> rows(String id, String fullName) {
        if (fullName == null) {
            return List.of();
        }
        String key = NameFolding.sortKey(fullName);
        List<NameRow> rows = new ArrayList<>();
        rows.add(new NameRow("", key, fullName, id));
        for (String p : NameFolding.indexPrefixes(fullName, MAX_PREFIX)) {
            rows.add(new NameRow(p, key, fullName, id));
        }
        return rows;
    }

    /** @return the quoted side table */
    public String prefixTable() {
        return prefixes;
    }

    /** @return the quoted state table */
    public String stateTable() {
        return state;
    }

    /** @return the dialect */
    public Dialect dialect() {
        return sql.dialect();
    }

    /** @return the statements that create the structures if missing, in order (idempotent) */
    public List<String> createStatements() {
        List<String> out = new ArrayList<>();
        switch (sql.dialect()) {
            case MYSQL, MARIADB -> {
                String c = " CHARACTER SET utf8mb4 COLLATE " + sql.collation() + " NOT NULL";
                out.add("CREATE TABLE IF NOT EXISTS " + prefixes + " (prefix VARCHAR(" + MAX_PREFIX + ")" + c
                        + ", name_key VARCHAR(" + NameFolding.MAX_SORT_KEY_LENGTH + ")" + c
                        + ", full_name VARCHAR(200)" + c + ", id VARCHAR(128)" + c
                        + ", PRIMARY KEY (prefix, name_key, full_name, id), INDEX by_id (id)) ENGINE=InnoDB");
                out.add("CREATE TABLE IF NOT EXISTS " + state + " (id INT NOT NULL PRIMARY KEY, created_at BIGINT"
                        + " NOT NULL, ready_at BIGINT NULL, resume_after VARCHAR(128) CHARACTER SET utf8mb4 COLLATE "
                        + sql.collation() + " NULL) ENGINE=InnoDB");
            }
            case POSTGRESQL -> {
                String c = " COLLATE \"C\" NOT NULL";
                out.add("CREATE TABLE IF NOT EXISTS " + prefixes + " (prefix varchar(" + MAX_PREFIX + ")" + c
                        + ", name_key varchar(" + NameFolding.MAX_SORT_KEY_LENGTH + ")" + c
                        + ", full_name varchar(200)" + c + ", id varchar(128)" + c
                        + ", PRIMARY KEY (prefix, name_key, full_name, id))");
                out.add("CREATE INDEX IF NOT EXISTS \"" + name.indexName("_name_prefixes_by_id") + "\" ON "
                        + prefixes + " (id)");
                out.add("CREATE TABLE IF NOT EXISTS " + state + " (id int NOT NULL PRIMARY KEY, created_at bigint"
                        + " NOT NULL, ready_at bigint, resume_after varchar(128) COLLATE \"C\")");
            }
            case H2 -> {
                out.add("CREATE TABLE IF NOT EXISTS " + prefixes + " (prefix VARCHAR(" + (2 * MAX_PREFIX)
                        + ") NOT NULL, name_key VARCHAR(" + (2 * NameFolding.MAX_SORT_KEY_LENGTH) + ") NOT NULL,"
                        + " full_name VARCHAR(400) NOT NULL, id VARCHAR(256) NOT NULL,"
                        + " name_key_b VARBINARY(800) INVISIBLE GENERATED ALWAYS AS (STRINGTOUTF8(name_key)),"
                        + " full_name_b VARBINARY(800) INVISIBLE GENERATED ALWAYS AS (STRINGTOUTF8(full_name)),"
                        + " id_b VARBINARY(512) INVISIBLE GENERATED ALWAYS AS (STRINGTOUTF8(id)),"
                        + " PRIMARY KEY (prefix, name_key_b, full_name_b, id_b))");
                out.add("CREATE INDEX IF NOT EXISTS " + h2Index("_name_prefixes_by_id") + " ON " + prefixes
                        + " (id)");
                out.add("CREATE TABLE IF NOT EXISTS " + state + " (id INT NOT NULL PRIMARY KEY, created_at BIGINT"
                        + " NOT NULL, ready_at BIGINT, resume_after VARCHAR(256))");
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    private String h2Index(String suffix) {
        String index = "\"" + name.indexName(suffix) + "\"";
        return name.schema() == null ? index : "\"" + name.schema() + "\"." + index;
    }

    /** @return the statements that drop the structures if they exist */
    public List<String> dropStatements() {
        return List.of("DROP TABLE IF EXISTS " + prefixes, "DROP TABLE IF EXISTS " + state);
    }

    /**
     * Records the structures' state row if there is none: ready at once when the employee table was created by
     * this call or is empty, else not ready until the backfill.
     *
     * @param c           a connection (auto-commit)
     * @param tableIsNew  whether this {@code create()} created the employee table
     * @throws SQLException from the driver
     */
    public void initState(Connection c, boolean tableIsNew) throws SQLException {
        long now = millis.getAsLong();
        boolean empty = tableIsNew;
        if (!empty) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + sql.table() + " LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                empty = !rs.next();
            }
        }
        if (readState(c) != null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + state
                + " (id, created_at, ready_at) VALUES (1, ?, ?)")) {
            ps.setLong(1, now);
            if (empty) {
                ps.setLong(2, now);
            } else {
                ps.setNull(2, java.sql.Types.BIGINT);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            // a create() at the same time recorded it
        }
        forget();
    }

    /** The state row: created_at, ready_at (or null), resume_after (or null); {@code null} when there is none. */
    record StateRow(long createdAt, Long readyAt, String resumeAfter) {
    }

    StateRow readState(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT created_at, ready_at, resume_after FROM " + state
                + " WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long created = rs.getLong(1);
            long ready = rs.getLong(2);
            Long readyAt = rs.wasNull() ? null : ready;
            return new StateRow(created, readyAt, rs.getString(3));
        }
    }

    /** Forgets what is cached (after this store's own {@code create()} or {@code drop()}). */
    public void forget() {
        known = null;
        absentUntil = 0;
    }

    /** Marks the index complete in the cache (after this store's backfill completed). */
    void markReady() {
        known = State.READY;
    }

    /**
     * @return whether the table has the search structures, so that writes must keep them in step
     */
    public boolean present() {
        if (known != null) {
            return true;
        }
        if (millis.getAsLong() < absentUntil) {
            return false;
        }
        return probe() != null;
    }

    /**
     * @throws SearchIndexNotReadyException if the structures are missing or the index is not complete
     */
    public void requireReady() {
        if (known == State.READY) {
            return;
        }
        StateRow row = probe();
        if (row == null) {
            throw new SearchIndexNotReadyException("table '" + name + "' has no search index: it was created by an"
                    + " older version; run schema().create(), then schema().backfillSearchIndex(...)");
        }
        if (row.readyAt() == null) {
            throw new SearchIndexNotReadyException("the search index of table '" + name + "' is not complete: run"
                    + " schema().backfillSearchIndex(...) to index the employees written before it existed");
        }
    }

    private StateRow probe() {
        return runner.run("search index state", c -> {
            StateRow row;
            try {
                row = readState(c);
            } catch (SQLException e) {
                if (!SqlErrors.isMissingTable(e)) {
                    throw e;
                }
                absentUntil = millis.getAsLong() + ABSENT_RECHECK_MILLIS;
                return null;
            }
            if (row == null) {
                // structures being created by another instance: treat as present, not ready
                known = State.PRESENT;
                return new StateRow(0, null, null);
            }
            known = row.readyAt() != null ? State.READY : State.PRESENT;
            return row;
        });
    }

    /**
     * Rewrites the side-table rows of one employee, in the caller's transaction.
     *
     * @param c        the connection of the write's transaction
     * @param id       the id written
     * @param fullName the full name now stored, or {@code null} when the employee was deleted
     * @throws SQLException from the driver
     */
    public void reindex(Connection c, String id, String fullName) throws SQLException {
        try {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + prefixes + " WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            insert(c, rows(id, fullName));
        } catch (SQLException e) {
            if (SqlErrors.isMissingTable(e)) {
                forget();
                throw new Missing(e);
            }
            throw e;
        }
    }

    /**
     * The search structures vanished while the store believed them there (dropped by hand, or the table replaced by
     * one of an older version): the write is rolled back, and the store forgets what it knew and writes again
     * without them.
     */
    public static final class Missing extends io.github.employeestore.EmployeeStoreException {
        private static final long serialVersionUID = 1L;

        Missing(SQLException cause) {
            super("the search structures of the table are missing", cause);
        }
    }

    /**
     * Inserts side-table rows (of employees whose rows were deleted first) as one JDBC batch.
     *
     * @param c    a connection in the write's transaction
     * @param rows the rows
     * @throws SQLException from the driver
     */
    public void insert(Connection c, List<NameRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefixes
                + " (prefix, name_key, full_name, id) VALUES (?, ?, ?, ?)")) {
            for (NameRow r : rows) {
                ps.setString(1, r.prefix());
                ps.setString(2, r.nameKey());
                ps.setString(3, r.fullName());
                ps.setString(4, r.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Deletes the side-table rows of many ids.
     *
     * @param c   a connection in the write's transaction
     * @param ids the ids
     * @throws SQLException from the driver
     */
    public void deleteAll(Connection c, List<String> ids) throws SQLException {
        if (sql.dialect() == Dialect.POSTGRESQL) {
            // one array parameter: pgjdbc's server-side prepared statement then keeps a plan on the id index,
            // where a generic plan of a long IN list scans the whole table
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + prefixes + " WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
                ps.executeUpdate();
            }
            return;
        }
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
            StringBuilder in = new StringBuilder("DELETE FROM ").append(prefixes).append(" WHERE id IN (");
            for (int i = 0; i < part.size(); i++) {
                in.append(i == 0 ? "?" : ", ?");
            }
            try (PreparedStatement ps = c.prepareStatement(in.append(')').toString())) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                ps.executeUpdate();
            }
        }
    }

    /** @return the employee written by a write, for its full name: {@code null} for a delete */
    public static String fullNameOf(Employee e) {
        return e == null ? null : e.fullName();
    }
}
