package io.github.employeestore.benchmarks;

import io.github.employeestore.Employee;
import io.github.employeestore.jdbc.Dialect;
import io.github.employeestore.spi.EmployeeCodec;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;

/**
 * The hand-written JDBC an application would write without the library: the same table, one prepared statement per
 * call, the row mapped by hand. The JSON columns are read and written with the same JSON code the library uses (an
 * application would use its own JSON library), so a ratio measures what the library adds around the SQL, not JSON
 * speed. Thread-safe (stateless apart from the pool).
 */
public final class RawJdbc {
    private static final String COLUMNS = "id, full_name, job_title, location, badges, photo_key, attributes,"
            + " version, created_at, updated_at";

    private final DataSource pool;
    private final String selectById;
    private final String upsert;

    /**
     * @param pool    the pool, the same one the store uses
     * @param table   the quoted table name
     * @param dialect the database
     */
    public RawJdbc(DataSource pool, String table, Dialect dialect) {
        this.pool = pool;
        this.selectById = "SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?";
        String json = switch (dialect) {
            case H2 -> "? FORMAT JSON";
            case POSTGRESQL -> "CAST(? AS jsonb)";
            default -> "?";
        };
        String values = "?, ?, ?, ?, " + json + ", ?, " + json + ", ?, ?, ?";
        this.upsert = switch (dialect) {
            case MYSQL, MARIADB -> "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + values + ")"
                    + " ON DUPLICATE KEY UPDATE full_name = VALUES(full_name), job_title = VALUES(job_title),"
                    + " location = VALUES(location), badges = VALUES(badges), photo_key = VALUES(photo_key),"
                    + " attributes = VALUES(attributes), version = VALUES(version), created_at = VALUES(created_at),"
                    + " updated_at = VALUES(updated_at)";
            case POSTGRESQL -> "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + values + ")"
                    + " ON CONFLICT (id) DO UPDATE SET full_name = EXCLUDED.full_name, job_title = EXCLUDED.job_title,"
                    + " location = EXCLUDED.location, badges = EXCLUDED.badges, photo_key = EXCLUDED.photo_key,"
                    + " attributes = EXCLUDED.attributes, version = EXCLUDED.version,"
                    + " created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at";
            case H2 -> "MERGE INTO " + table + " (" + COLUMNS + ") KEY (id) VALUES (" + values + ")";
        };
    }

    /**
     * @param store a store
     * @return the store's table, quoted for its dialect
     */
    public static String quoted(io.github.employeestore.jdbc.JdbcEmployeeStore store) {
        return store.dialect().isMySqlFamily() ? "`" + store.table() + "`" : "\"" + store.table() + "\"";
    }

    /**
     * @param id an id
     * @return the employee, or {@code null}
     * @throws SQLException from the driver
     */
    public Employee get(String id) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(selectById)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? employee(rs) : null;
            }
        }
    }

    /**
     * Maps a row whose first ten columns are those of {@code get}'s {@code SELECT}, in that order, by hand.
     *
     * @param rs a result set on the row
     * @return the employee
     * @throws SQLException from the driver
     */
    static Employee employee(ResultSet rs) throws SQLException {
        return Employee.builder()
                .id(rs.getString(1))
                .fullName(rs.getString(2))
                .jobTitle(rs.getString(3))
                .location(rs.getString(4))
                .badges(EmployeeCodec.badgesFromJson(rs.getString(5)))
                .photoKey(rs.getString(6))
                .attributes(EmployeeCodec.attributesFromJson(rs.getString(7)))
                .version(rs.getLong(8))
                .createdAt(Instant.ofEpochMilli(rs.getLong(9)))
                .updatedAt(Instant.ofEpochMilli(rs.getLong(10)))
                .build();
    }

    /**
     * The hand-written bulk load: one transaction and one JDBC batch per {@code chunk} rows of the replacing upsert.
     *
     * @param employees the employees
     * @param chunk     rows per batch
     * @return rows written
     * @throws SQLException from the driver
     */
    public int batchLoad(Collection<Employee> employees, int chunk) throws SQLException {
        int written = 0;
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                int inBatch = 0;
                for (Employee e : employees) {
                    bind(ps, e);
                    ps.addBatch();
                    if (++inBatch == chunk) {
                        ps.executeBatch();
                        c.commit();
                        written += inBatch;
                        inBatch = 0;
                    }
                }
                if (inBatch > 0) {
                    ps.executeBatch();
                    c.commit();
                    written += inBatch;
                }
            } finally {
                c.setAutoCommit(true);
            }
        }
        return written;
    }

    private static void bind(PreparedStatement ps, Employee e) throws SQLException {
        ps.setString(1, e.id());
        ps.setString(2, e.fullName());
        nullable(ps, 3, e.jobTitle());
        nullable(ps, 4, e.location());
        ps.setString(5, EmployeeCodec.badgesToJson(e.badges()));
        nullable(ps, 6, e.photoKey());
        ps.setString(7, EmployeeCodec.attributesToJson(e.attributes()));
        ps.setLong(8, e.version());
        ps.setLong(9, e.createdAt().toEpochMilli());
        ps.setLong(10, e.updatedAt().toEpochMilli());
    }

    private static void nullable(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }
}
