package io.github.employeestore.jdbc.internal;

import io.github.employeestore.Employee;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.spi.StoredEmployee;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of the JDBC store's table on a connection the caller holds: one row by primary key, several by chunked
 * {@code IN} lists, the keyset-paginated pages of {@code list} (by id) and {@code find} (by full name then id, both
 * in code-point order), and the exact and estimated row counts. Rows are returned as read ({@link StoredEmployee},
 * readable or not); the caller makes pages of them with its cursors and translates failures ({@link StoreCalls}).
 * Immutable and thread-safe.
 */
public final class SqlReads {
    private static final int GET_ALL_CHUNK = 250;

    private final Sql sql;
    private final TableName tableName;

    /**
     * @param sql       the statements of the store's dialect and table
     * @param tableName the table, looked up in the database's statistics by {@link #estimatedCount}
     */
    public SqlReads(Sql sql, TableName tableName) {
        this.sql = sql;
        this.tableName = tableName;
    }

    /**
     * @param c  the connection
     * @param id the id
     * @return the employee of the id, or empty if no row has it
     * @throws SQLException                from the driver
     * @throws UnreadableEmployeeException if the row cannot be read as an employee
     */
    public Optional<Employee> byId(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.selectById())) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.employee(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Reads the rows of the ids, by {@code IN} lists of at most 250 ids.
     *
     * @param c   the connection
     * @param ids the ids, distinct
     * @return the rows found, by id (unreadable ones included)
     * @throws SQLException from the driver
     */
    public Map<String, StoredEmployee> byIds(Connection c, List<String> ids) throws SQLException {
        Map<String, StoredEmployee> byId = new HashMap<>();
        for (int from = 0; from < ids.size(); from += GET_ALL_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + GET_ALL_CHUNK));
            try (PreparedStatement ps = c.prepareStatement(sql.selectByIds(chunk.size()))) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredEmployee e = Rows.stored(rs);
                        byId.put(e.id(), e);
                    }
                }
            }
        }
        return byId;
    }

    /**
     * Reads one page of {@code list} and the first row after it.
     *
     * @param c     the connection
     * @param after the id the page starts after, or {@code null} for the first page
     * @param size  the page size
     * @return up to {@code size + 1} rows in id order
     * @throws SQLException from the driver
     */
    public List<StoredEmployee> list(Connection c, String after, int size) throws SQLException {
        List<StoredEmployee> rows = new ArrayList<>(Math.min(size + 1, 64));
        try (PreparedStatement ps = c.prepareStatement(sql.list(after != null))) {
            int i = 1;
            if (after != null) {
                ps.setString(i++, after);
            }
            ps.setInt(i, size + 1);
            readAll(ps, rows);
        }
        return rows;
    }

    /**
     * Reads one page of {@code find} and the first row after it.
     *
     * @param c        the connection
     * @param location the location the rows must have, or {@code null} for any
     * @param jobTitle the job title the rows must have, or {@code null} for any
     * @param after    the full name and id the page starts after, or {@code null} for the first page
     * @param size     the page size
     * @return up to {@code size + 1} rows in full-name-then-id order
     * @throws SQLException from the driver
     */
    public List<StoredEmployee> find(Connection c, String location, String jobTitle, List<String> after, int size)
            throws SQLException {
        List<StoredEmployee> rows = new ArrayList<>(Math.min(size + 1, 64));
        try (PreparedStatement ps = c.prepareStatement(sql.find(location != null, jobTitle != null,
                after != null))) {
            int i = 1;
            if (location != null) {
                ps.setString(i++, location);
            }
            if (jobTitle != null) {
                ps.setString(i++, jobTitle);
            }
            if (after != null) {
                ps.setString(i++, after.get(0));
                ps.setString(i++, after.get(0));
                ps.setString(i++, after.get(1));
            }
            ps.setInt(i, size + 1);
            readAll(ps, rows);
        }
        return rows;
    }

    /**
     * @param c the connection
     * @return the number of rows, counted exactly
     * @throws SQLException from the driver
     */
    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.count()); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * One query of the database's statistics ({@link Sql#estimatedCount()}).
     *
     * @param c the connection
     * @return the estimated number of rows, or {@code -1} if the table has no statistics yet or is not in the
     *         catalog under its name
     * @throws SQLException from the driver
     */
    public long estimatedCount(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.estimatedCount())) {
            ps.setString(1, tableName.schema());
            ps.setString(2, tableName.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return -1L;     // not in the catalog under this name: count() tells a missing table
                }
                long n = rs.getLong(1);
                return rs.wasNull() ? -1L : n;
            }
        }
    }

    private static void readAll(PreparedStatement ps, List<StoredEmployee> rows) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(Rows.stored(rs));
            }
        }
    }
}
