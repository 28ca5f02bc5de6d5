package io.github.employeestore.jdbc.internal;

import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.jdbc.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates, checks and drops the table. {@link #create()} is idempotent: {@code CREATE TABLE IF NOT EXISTS}, the
 * indexes if missing, then a check of the existing table's shape (columns, their types, and the binary collation of
 * the text columns), which names what is wrong. Thread-safe.
 */
public final class JdbcSchema implements SchemaAdmin {
    private static final Set<Integer> TEXT = Set.of(Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR,
            Types.LONGNVARCHAR, Types.CHAR, Types.NCHAR, Types.CLOB, Types.NCLOB);
    private static final Set<Integer> JSON = Set.of(Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR,
            Types.LONGNVARCHAR, Types.CHAR, Types.NCHAR, Types.CLOB, Types.NCLOB, Types.OTHER, Types.JAVA_OBJECT,
            Types.SQLXML, Types.LONGVARBINARY, Types.BINARY, Types.VARBINARY, Types.BLOB);
    private static final List<String> COLLATED = List.of("id", "full_name", "job_title", "location", "photo_key");

    /** MySQL/MariaDB error 1061, {@code ER_DUP_KEYNAME}: an index of that name exists. */
    private static final int MYSQL_DUPLICATE_KEY_NAME = 1061;
    /** How often {@link #create()} is tried when a concurrent {@code drop()} makes it fail. */
    private static final int CREATE_ATTEMPTS = 3;

    private final SqlWork.Runner runner;
    private final Sql sql;
    private final TableName name;
    private final NameIndex names;
    private final boolean search;
    private final NameBackfill backfill;

    /**
     * @param runner   runs work on the store's connections
     * @param sql      the statements
     * @param name     the table
     * @param names    the search index, whose structures {@link #create()} adds and {@link #drop()} drops
     * @param search   whether {@link #create()} adds the search structures ({@code false}: the store leaves name
     *                 search out; {@link #drop()} still drops any that exist)
     * @param backfill the backfill of the search index
     */
    public JdbcSchema(SqlWork.Runner runner, Sql sql, TableName name, NameIndex names, boolean search,
                      NameBackfill backfill) {
        this.search = search;
        this.runner = runner;
        this.sql = sql;
        this.name = name;
        this.names = names;
        this.backfill = backfill;
    }

    /**
     * {@inheritDoc}
     *
     * <p>See {@link NameBackfill}.
     */
    @Override
    public io.github.employeestore.BackfillProgress backfillSearchIndex(
            java.util.function.Consumer<? super io.github.employeestore.BackfillProgress> progress) {
        return backfill.run(progress);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A {@code drop()} running at the same time can make any step fail (on PostgreSQL a statement waiting for the
     * dropped table's lock fails with "could not open relation"); then the table is looked for again: when it is
     * gone, this create took effect before the drop and returns; when it is there, the create is tried again (it is
     * idempotent), at most {@value #CREATE_ATTEMPTS} times.
     */
    @Override
    public void create() {
        for (int attempt = 1; ; attempt++) {
            AtomicBoolean tableStatementRan = new AtomicBoolean();
            try {
                createOnce(tableStatementRan);
                return;
            } catch (StoreUnavailableException e) {
                throw e;
            } catch (EmployeeStoreException e) {
                boolean present = exists();
                if (!present && tableStatementRan.get()) {
                    return; // a drop() came after this create's CREATE TABLE: both took effect, the table is gone
                }
                if (!present || attempt >= CREATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void createOnce(AtomicBoolean tableStatementRan) {
        runner.run("schema().create()", c -> {
            try (Statement s = c.createStatement()) {
                List<String> ddl = sql.createStatements();
                boolean existed = tableExists(c);
                executeTolerantly(s, ddl.get(0));
                tableStatementRan.set(true);
                try {
                    // check an existing table before adding indexes to it, so a wrong shape is named, not an index
                    // error
                    verify(c);
                    for (String index : ddl.subList(1, ddl.size())) {
                        executeTolerantly(s, index);
                    }
                    if (sql.dialect().isMySqlFamily()) {
                        createMissingMySqlIndexes(c, s);
                    }
                    // the search structures beside the table (§4.20.8): ready at once on a table made now
                    if (search) {
                        for (String statement : names.createStatements()) {
                            executeTolerantly(s, statement);
                        }
                        names.initState(c, !existed);
                    }
                } catch (SQLException e) {
                    if (!SqlErrors.isMissingTable(e)) {
                        throw e;
                    }
                    // a drop() at the same time removed the table this create() made: the create took effect
                    // (when its CREATE TABLE ran) and the drop after it, so the table is missing, as after both
                }
            }
            return null;
        });
    }

    /** Runs DDL; a concurrent creator may make {@code IF NOT EXISTS} fail with a duplicate: then try once more. */
    private static void executeTolerantly(Statement s, String ddl) throws SQLException {
        try {
            s.execute(ddl);
        } catch (SQLException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            s.execute(ddl);
        }
    }

    private void createMissingMySqlIndexes(Connection c, Statement s) throws SQLException {
        for (String[] index : sql.mySqlIndexes()) {
            boolean present;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.statistics"
                    + " WHERE table_schema = " + (name.schema() == null ? "DATABASE()" : "?")
                    + " AND table_name = ? AND index_name = ?")) {
                int i = 1;
                if (name.schema() != null) {
                    ps.setString(i++, name.schema());
                }
                ps.setString(i++, name.table());
                ps.setString(i, index[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    present = rs.next() && rs.getLong(1) > 0;
                }
            }
            if (!present) {
                try {
                    s.execute(index[1]);
                } catch (SQLException e) {
                    if (e.getErrorCode() != MYSQL_DUPLICATE_KEY_NAME) {
                        throw e;
                    }
                    // a create() at the same time added the index since it was looked for
                }
            }
        }
    }

    /**
     * Checks the shape of the existing table.
     *
     * @param c a connection
     * @throws SQLException from the driver
     * @throws StoreConfigurationException naming the first column that is missing or of the wrong type or collation
     */
    public void verify(Connection c) throws SQLException {
        Map<String, Integer> types = new HashMap<>();
        Map<String, String> typeNames = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.probe())) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String column = md.getColumnName(i).toLowerCase(Locale.ROOT);
                types.put(column, md.getColumnType(i));
                typeNames.put(column, md.getColumnTypeName(i));
            }
        }
        for (String column : Sql.COLUMNS) {
            Integer type = types.get(column);
            if (type == null) {
                throw wrongShape("column '" + column + "' is missing");
            }
            Set<Integer> allowed = switch (column) {
                case "version", "created_at", "updated_at" -> Set.of(Types.BIGINT);
                case "badges", "attributes" -> JSON;
                default -> TEXT;
            };
            if (!allowed.contains(type)) {
                throw wrongShape("column '" + column + "' has type " + safe(typeNames.get(column)) + ", expected "
                        + expected(column));
            }
        }
        if (sql.dialect() == Dialect.H2) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.probeKeys())) {
                rs.getMetaData();
            } catch (SQLException e) {
                if (SqlErrors.isMissingTable(e)) {
                    throw e;
                }
                throw wrongShape("the generated sort-key columns 'id_key' and 'full_name_key' are missing", e);
            }
        } else {
            verifyCollations(c);
        }
    }

    private void verifyCollations(Connection c) throws SQLException {
        String schemaExpr = name.schema() != null ? "?"
                : sql.dialect() == Dialect.POSTGRESQL ? "current_schema()" : "DATABASE()";
        Map<String, String> collations = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, collation_name FROM"
                + " information_schema.columns WHERE table_schema = " + schemaExpr + " AND table_name = ?")) {
            int i = 1;
            if (name.schema() != null) {
                ps.setString(i++, name.schema());
            }
            ps.setString(i, name.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    collations.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
                }
            }
        }
        for (String column : COLLATED) {
            String collation = collations.get(column);
            if (!binary(collation)) {
                throw wrongShape("column '" + column + "' has collation " + safe(collation) + ", expected "
                        + sql.collation() + " (binary, code-point order, trailing spaces significant)");
            }
        }
    }

    private boolean binary(String collation) {
        if (collation == null) {
            return false;
        }
        return switch (sql.dialect()) {
            case POSTGRESQL -> collation.equals("C") || collation.equals("POSIX");
            case MYSQL -> collation.equals("utf8mb4_0900_bin") || collation.equals("binary");
            case MARIADB -> collation.equals("utf8mb4_nopad_bin") || collation.equals("binary");
            case H2 -> true;
        };
    }

    private String expected(String column) {
        return switch (column) {
            case "version", "created_at", "updated_at" -> "BIGINT";
            case "badges", "attributes" -> "JSON";
            default -> "a character type";
        };
    }

    private static String safe(String s) {
        return s == null ? "(none)" : s.replaceAll("[^A-Za-z0-9 _().-]", "?");
    }

    private StoreConfigurationException wrongShape(String what) {
        return wrongShape(what, null);
    }

    private StoreConfigurationException wrongShape(String what, Throwable cause) {
        return new StoreConfigurationException("table '" + name + "' has the wrong shape: " + what
                + "; drop it or migrate it to the layout of schema().create()", cause);
    }

    @Override
    public boolean exists() {
        return runner.run("schema().exists()", this::tableExists);
    }

    private boolean tableExists(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.probe())) {
            return true;
        } catch (SQLException e) {
            if (SqlErrors.isMissingTable(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void drop() {
        try {
            runner.run("schema().drop()", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(sql.drop());
                    for (String statement : names.dropStatements()) {
                        s.execute(statement);
                    }
                }
                return null;
            });
        } finally {
            names.forget();
        }
    }

    /** @return the names of the find indexes (location, job title), for EXPLAIN checks */
    public List<String> findIndexNames() {
        return new ArrayList<>(sql.findIndexNames());
    }
}
