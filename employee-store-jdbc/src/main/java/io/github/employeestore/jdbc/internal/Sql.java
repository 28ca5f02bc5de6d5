package io.github.employeestore.jdbc.internal;

import io.github.employeestore.jdbc.Dialect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL text of every statement the store runs, for one dialect and table. Values are always bound as positional
 * parameters; only the validated, quoted table name and fixed column names appear in the text.
 *
 * <p>Column order of every {@code SELECT} and of every insert's parameter list is {@link #COLUMNS}. Immutable and
 * thread-safe.
 */
public final class Sql {
    /** The stored columns, in the order of select lists and insert parameters. */
    public static final List<String> COLUMNS = List.of("id", "full_name", "job_title", "location", "badges",
            "photo_key", "attributes", "version", "created_at", "updated_at");
    private static final String COLUMN_LIST = String.join(", ", COLUMNS);
    /** Attributes JSON may need ~6 bytes per character of a 350 KiB employee after escaping. */
    private static final int H2_JSON_LENGTH = 16 * 1024 * 1024;

    private final Dialect dialect;
    private final TableName name;
    private final String t;

    /**
     * @param dialect the dialect
     * @param name    the table
     */
    public Sql(Dialect dialect, TableName name) {
        this.dialect = dialect;
        this.name = name;
        this.t = name.quoted(dialect.isMySqlFamily() ? '`' : '"');
    }

    /** @return the dialect */
    public Dialect dialect() {
        return dialect;
    }

    /** @return the quoted table name */
    public String table() {
        return t;
    }

    /** @return the binary collation of the text columns (MySQL family and PostgreSQL), or {@code null} (H2) */
    public String collation() {
        return switch (dialect) {
            case MYSQL -> "utf8mb4_0900_bin";
            case MARIADB -> "utf8mb4_nopad_bin";
            case POSTGRESQL -> "C";
            case H2 -> null;
        };
    }

    private String json() {
        return switch (dialect) {
            case H2 -> "? FORMAT JSON";
            case POSTGRESQL -> "CAST(? AS jsonb)";
            default -> "?";
        };
    }

    /** @return the placeholder of a bound JSON text, cast as the dialect needs it */
    public String jsonParameter() {
        return json();
    }

    private String values() {
        return "?, ?, ?, ?, " + json() + ", ?, " + json() + ", ?, ?, ?";
    }

    /** The column that orders ids in code-point order: H2 orders a generated UTF-8 key, the others the column. */
    private String idKey() {
        return dialect == Dialect.H2 ? "id_key" : "id";
    }

    private String nameKey() {
        return dialect == Dialect.H2 ? "full_name_key" : "full_name";
    }

    /** A parameter compared with {@link #idKey()} or {@link #nameKey()}. */
    private String keyParam() {
        return dialect == Dialect.H2 ? "STRINGTOUTF8(?)" : "?";
    }

    /** @return the statements that create the table and its indexes if missing (idempotent), in order */
    public List<String> createStatements() {
        List<String> out = new ArrayList<>();
        switch (dialect) {
            case MYSQL, MARIADB -> {
                String c = " CHARACTER SET utf8mb4 COLLATE " + collation();
                out.add("CREATE TABLE IF NOT EXISTS " + t + " ("
                        + "id VARCHAR(128)" + c + " NOT NULL, "
                        + "full_name VARCHAR(200)" + c + " NOT NULL, "
                        + "job_title VARCHAR(200)" + c + " NULL, "
                        + "location VARCHAR(200)" + c + " NULL, "
                        + "badges JSON NOT NULL, "
                        + "photo_key VARCHAR(1024)" + c + " NULL, "
                        + "attributes " + (dialect == Dialect.MYSQL
                                ? "LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL CHECK (JSON_VALID(attributes))"
                                : "JSON NOT NULL") + ", "
                        + "version BIGINT NOT NULL, "
                        + "created_at BIGINT NOT NULL, "
                        + "updated_at BIGINT NOT NULL, "
                        + "PRIMARY KEY (id), "
                        + "INDEX by_location (location, full_name, id), "
                        + "INDEX by_job_title (job_title, full_name, id)"
                        + ") ENGINE=InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE " + collation());
            }
            case POSTGRESQL -> {
                String c = " COLLATE \"C\"";
                out.add("CREATE TABLE IF NOT EXISTS " + t + " ("
                        + "id varchar(128)" + c + " NOT NULL PRIMARY KEY, "
                        + "full_name varchar(200)" + c + " NOT NULL, "
                        + "job_title varchar(200)" + c + ", "
                        + "location varchar(200)" + c + ", "
                        + "badges jsonb NOT NULL, "
                        + "photo_key varchar(1024)" + c + ", "
                        + "attributes jsonb NOT NULL, "
                        + "version bigint NOT NULL, "
                        + "created_at bigint NOT NULL, "
                        + "updated_at bigint NOT NULL)");
                out.add("CREATE INDEX IF NOT EXISTS \"" + name.indexName("_by_location") + "\" ON " + t
                        + " (location, full_name, id)");
                out.add("CREATE INDEX IF NOT EXISTS \"" + name.indexName("_by_job_title") + "\" ON " + t
                        + " (job_title, full_name, id)");
            }
            case H2 -> {
                // H2 compares strings as UTF-16 (String.compareTo), which is not code-point order above U+FFFF;
                // the generated UTF-8 keys (compared as unsigned bytes) are. VARCHAR lengths count UTF-16 units.
                out.add("CREATE TABLE IF NOT EXISTS " + t + " ("
                        + "id VARCHAR(256) NOT NULL PRIMARY KEY, "
                        + "full_name VARCHAR(400) NOT NULL, "
                        + "job_title VARCHAR(400), "
                        + "location VARCHAR(400), "
                        + "badges JSON(" + H2_JSON_LENGTH + ") NOT NULL, "
                        + "photo_key VARCHAR(2048), "
                        + "attributes JSON(" + H2_JSON_LENGTH + ") NOT NULL, "
                        + "version BIGINT NOT NULL, "
                        + "created_at BIGINT NOT NULL, "
                        + "updated_at BIGINT NOT NULL, "
                        + "id_key VARBINARY(512) INVISIBLE GENERATED ALWAYS AS (STRINGTOUTF8(id)), "
                        + "full_name_key VARBINARY(800) INVISIBLE GENERATED ALWAYS AS (STRINGTOUTF8(full_name)))");
                out.add("CREATE UNIQUE INDEX IF NOT EXISTS " + h2Index("_by_id_key") + " ON " + t + " (id_key)");
                out.add("CREATE INDEX IF NOT EXISTS " + h2Index("_by_location") + " ON " + t
                        + " (location, full_name_key, id_key)");
                out.add("CREATE INDEX IF NOT EXISTS " + h2Index("_by_job_title") + " ON " + t
                        + " (job_title, full_name_key, id_key)");
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    /** @return on MySQL/MariaDB, the indexes the table must have: name and the statement that adds it */
    public List<String[]> mySqlIndexes() {
        return List.of(
                new String[] {"by_location", "CREATE INDEX by_location ON " + t + " (location, full_name, id)"},
                new String[] {"by_job_title", "CREATE INDEX by_job_title ON " + t + " (job_title, full_name, id)"});
    }

    /** @return the names of the find indexes, location first (for EXPLAIN checks) */
    public List<String> findIndexNames() {
        if (dialect.isMySqlFamily()) {
            return List.of("by_location", "by_job_title");
        }
        return List.of(name.indexName("_by_location"), name.indexName("_by_job_title"));
    }

    private String h2Index(String suffix) {
        String index = "\"" + name.indexName(suffix) + "\"";
        return name.schema() == null ? index : "\"" + name.schema() + "\"." + index;
    }

    /** @return drops the table (and with it its indexes) if it exists */
    public String drop() {
        return "DROP TABLE IF EXISTS " + t;
    }

    /** @return a query that fails with "table not found" if the table is missing, and reads nothing */
    public String probe() {
        return "SELECT * FROM " + t + " WHERE 1 = 0";
    }

    /** @return a query of the generated sort keys (H2 only), to check they exist */
    public String probeKeys() {
        return "SELECT id_key, full_name_key FROM " + t + " WHERE 1 = 0";
    }

    /** @return insert of one employee: parameters in {@link #COLUMNS} order */
    public String insert() {
        return "INSERT INTO " + t + " (" + COLUMN_LIST + ") VALUES (" + values() + ")";
    }

    /**
     * @return the conditional update: parameters full_name, job_title, location, badges, photo_key, attributes,
     *         updated_at, created_at (used only where the stored one is {@code NULL}), id, expected version (0
     *         matches a {@code NULL} version, as a row written by other code may have). On PostgreSQL and H2 it returns {@code created_at} of the updated
     *         row; on MySQL/MariaDB it returns the row count.
     */
    public String update() {
        String update = "UPDATE " + t + " SET full_name = ?, job_title = ?, location = ?, badges = " + json()
                + ", photo_key = ?, attributes = " + json() + ", version = COALESCE(version, 0) + 1, updated_at = ?,"
                + " created_at = COALESCE(created_at, ?) WHERE id = ? AND COALESCE(version, 0) = ?";
        return switch (dialect) {
            case POSTGRESQL -> update + " RETURNING created_at";
            case H2 -> "SELECT created_at FROM FINAL TABLE (" + update + ")";
            default -> update;
        };
    }

    /** @return whether {@link #update()} and {@link #put()} return the stored values in the same statement */
    public boolean writesReturnRow() {
        return !dialect.isMySqlFamily();
    }

    /**
     * @return the atomic upsert of {@code put}: parameters in {@link #COLUMNS} order (version 1 and both timestamps
     *         now, used when the row is new). An existing row keeps {@code created_at} and gets
     *         {@code version + 1}, up to {@code Limits.MAX_VERSION} (see {@link #bumped}, {@link #belowBound}).
     *         On PostgreSQL and H2 it returns {@code version, created_at}; on MySQL/MariaDB read them afterwards in
     *         the same transaction with {@link #selectVersionAndCreated()}.
     */
    public String put() {
        return switch (dialect) {
            case MYSQL, MARIADB -> insert() + " ON DUPLICATE KEY UPDATE full_name = VALUES(full_name),"
                    + " job_title = VALUES(job_title), location = VALUES(location), badges = VALUES(badges),"
                    + " photo_key = VALUES(photo_key), attributes = VALUES(attributes),"
                    + " version = " + bumped("version") + ", created_at = COALESCE(created_at, VALUES(created_at)),"
                    + " updated_at = VALUES(updated_at)";
            case POSTGRESQL -> "INSERT INTO " + t + " AS cur (" + COLUMN_LIST + ") VALUES (" + values() + ")"
                    + " ON CONFLICT (id) DO UPDATE SET full_name = EXCLUDED.full_name,"
                    + " job_title = EXCLUDED.job_title, location = EXCLUDED.location, badges = EXCLUDED.badges,"
                    + " photo_key = EXCLUDED.photo_key, attributes = EXCLUDED.attributes,"
                    + " version = COALESCE(cur.version, 0) + 1,"
                    + " created_at = COALESCE(cur.created_at, EXCLUDED.created_at), updated_at = EXCLUDED.updated_at"
                    + " WHERE " + belowBound("cur.version") + " RETURNING version, created_at";
            case H2 -> "SELECT version, created_at FROM FINAL TABLE (MERGE INTO " + t + " AS cur USING (VALUES ("
                    + values() + ")) AS src (" + COLUMN_LIST + ") ON cur.id = src.id"
                    + " WHEN MATCHED AND " + belowBound("cur.version") + " THEN UPDATE SET full_name = src.full_name,"
                    + " job_title = src.job_title, location = src.location, badges = src.badges,"
                    + " photo_key = src.photo_key, attributes = src.attributes, version = COALESCE(cur.version, 0) + 1,"
                    + " created_at = COALESCE(cur.created_at, src.created_at), updated_at = src.updated_at"
                    + " WHEN NOT MATCHED THEN INSERT (" + COLUMN_LIST + ") VALUES (src.id, src.full_name,"
                    + " src.job_title, src.location, src.badges, src.photo_key, src.attributes, src.version,"
                    + " src.created_at, src.updated_at))";
        };
    }

    /**
     * MySQL/MariaDB: the version an upsert stores over a row, one more than the stored version (0 when
     * {@code NULL}), capped at {@code Limits.MAX_VERSION + 1} so that no stored value overflows {@code BIGINT}; a
     * result above {@code Limits.MAX_VERSION} makes the write fail and its transaction roll back
     * ({@code WritePlan.written}).
     */
    private static String bumped(String column) {
        return "LEAST(COALESCE(" + column + ", 0), " + io.github.employeestore.Limits.MAX_VERSION + ") + 1";
    }

    /**
     * PostgreSQL/H2 (upserts in auto-commit): the condition under which an upsert replaces a row; a row at or above
     * {@code Limits.MAX_VERSION} is left as it is and the upsert returns no row, which the store reports as the
     * version bound ({@code Versions.atLimit}).
     */
    private static String belowBound(String column) {
        return "COALESCE(" + column + ", 0) < " + io.github.employeestore.Limits.MAX_VERSION;
    }

    /**
     * @return the unconditional replace of {@code importAll}: parameters in {@link #COLUMNS} order, every value
     *         written as given
     */
    public String importRow() {
        return switch (dialect) {
            case MYSQL, MARIADB -> insert() + " ON DUPLICATE KEY UPDATE full_name = VALUES(full_name),"
                    + " job_title = VALUES(job_title), location = VALUES(location), badges = VALUES(badges),"
                    + " photo_key = VALUES(photo_key), attributes = VALUES(attributes), version = VALUES(version),"
                    + " created_at = VALUES(created_at), updated_at = VALUES(updated_at)";
            case POSTGRESQL -> insert() + " ON CONFLICT (id) DO UPDATE SET full_name = EXCLUDED.full_name,"
                    + " job_title = EXCLUDED.job_title, location = EXCLUDED.location, badges = EXCLUDED.badges,"
                    + " photo_key = EXCLUDED.photo_key, attributes = EXCLUDED.attributes,"
                    + " version = EXCLUDED.version, created_at = EXCLUDED.created_at,"
                    + " updated_at = EXCLUDED.updated_at";
            case H2 -> "MERGE INTO " + t + " (" + COLUMN_LIST + ") KEY (id) VALUES (" + values() + ")";
        };
    }

    /** @return parameter id: {@code version, created_at} */
    public String selectVersionAndCreated() {
        return "SELECT version, created_at FROM " + t + " WHERE id = ?";
    }

    /** @return parameter id: {@code version} */
    public String selectVersion() {
        return "SELECT version FROM " + t + " WHERE id = ?";
    }

    /** @return parameter id */
    public String selectById() {
        return "SELECT " + COLUMN_LIST + " FROM " + t + " WHERE id = ?";
    }

    /**
     * @param count how many ids
     * @return parameters: the ids
     */
    public String selectByIds(int count) {
        return "SELECT " + COLUMN_LIST + " FROM " + t + " WHERE id IN ("
                + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    /** @return parameter id */
    public String delete() {
        return "DELETE FROM " + t + " WHERE id = ?";
    }

    /** @return parameters id, expected version */
    public String deleteVersion() {
        return "DELETE FROM " + t + " WHERE id = ? AND COALESCE(version, 0) = ?";
    }

    /**
     * @return the table's row-count estimate from the database's statistics, one row of one column (no row when the
     *         table is missing; {@code NULL} or a negative number when there are no statistics yet). Parameters: the
     *         schema (or {@code NULL} for the connection's), the table name.
     */
    public String estimatedCount() {
        return switch (dialect) {
            case POSTGRESQL -> "SELECT c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid ="
                    + " c.relnamespace WHERE n.nspname = COALESCE(?, current_schema()) AND c.relname = ?"
                    + " AND c.relkind IN ('r', 'p')";
            case MYSQL, MARIADB -> "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA ="
                    + " COALESCE(?, DATABASE()) AND TABLE_NAME = ?";
            case H2 -> "SELECT ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA ="
                    + " COALESCE(?, SCHEMA()) AND TABLE_NAME = ?";
        };
    }

    /** @return the exact count */
    public String count() {
        return "SELECT COUNT(*) FROM " + t;
    }

    /**
     * @param after whether the page continues after an id
     * @return parameters: [after id,] limit. Ordered by id in code-point order.
     */
    public String list(boolean after) {
        return "SELECT " + COLUMN_LIST + " FROM " + t + (after ? " WHERE " + idKey() + " > " + keyParam() : "")
                + " ORDER BY " + idKey() + " LIMIT ?";
    }

    /**
     * @param byLocation whether the query has a location
     * @param byJobTitle whether the query has a job title
     * @param after      whether the page continues after (full name, id)
     * @return parameters: [location,] [job title,] [name, name, id,] limit. Ordered by full name, then id, in
     *         code-point order; written as a range on the leading key so every dialect serves it from the
     *         {@code (location|job_title, full_name, id)} index.
     */
    public String find(boolean byLocation, boolean byJobTitle, boolean after) {
        StringBuilder sb = new StringBuilder("SELECT ").append(COLUMN_LIST).append(" FROM ").append(t);
        if (byLocation && dialect.isMySqlFamily()) {
            sb.append(" FORCE INDEX (by_location)");
        } else if (dialect.isMySqlFamily()) {
            sb.append(" FORCE INDEX (by_job_title)");
        }
        sb.append(" WHERE ");
        List<String> conditions = new ArrayList<>();
        if (byLocation) {
            conditions.add("location = ?");
        }
        if (byJobTitle) {
            conditions.add("job_title = ?");
        }
        // a row written by other code without a full name cannot be ordered: find leaves it out (get, list and
        // stream report it as unreadable), as DynamoDB's index leaves out an item without its sort key
        conditions.add("full_name IS NOT NULL");
        if (after) {
            conditions.add(nameKey() + " >= " + keyParam());
            conditions.add("(" + nameKey() + " > " + keyParam() + " OR " + idKey() + " > " + keyParam() + ")");
        }
        sb.append(String.join(" AND ", conditions));
        sb.append(" ORDER BY ");
        if (dialect == Dialect.H2) {
            // H2 reads an index in order only when ORDER BY starts with the index's leading column; equal in
            // every row here, so the order is the same
            sb.append(byLocation ? "location, " : "job_title, ");
        }
        sb.append(nameKey()).append(", ").append(idKey()).append(" LIMIT ?");
        return sb.toString();
    }
}
