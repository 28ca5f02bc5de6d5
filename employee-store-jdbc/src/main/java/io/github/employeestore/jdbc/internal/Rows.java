package io.github.employeestore.jdbc.internal;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Maps employees to statement parameters and rows back to employees, in {@link Sql#COLUMNS} order. Timestamps are
 * stored as epoch milliseconds ({@code BIGINT}), so they round-trip exactly whatever the JVM's and the session's time
 * zones. Thread-safe (stateless).
 */
public final class Rows {
    private Rows() {
    }

    /**
     * Binds every column of an employee, from parameter {@code first}.
     *
     * @param ps    the statement
     * @param first the first parameter index
     * @param e     the employee (version and timestamps set)
     * @return the next parameter index
     * @throws SQLException from the driver
     */
    public static int bindAll(PreparedStatement ps, int first, Employee e) throws SQLException {
        int i = first;
        ps.setString(i++, e.id());
        i = bindContent(ps, i, e);
        ps.setLong(i++, e.version());
        ps.setLong(i++, e.createdAt().toEpochMilli());
        ps.setLong(i++, e.updatedAt().toEpochMilli());
        return i;
    }

    /**
     * Binds the six content columns, in storage order: {@code full_name, job_title, location, badges, photo_key,
     * attributes}; both the insert/upsert and the update list them contiguously in this order.
     *
     * @return the index of the next parameter
     */
    private static int bindContent(PreparedStatement ps, int first, Employee e) throws SQLException {
        int i = first;
        ps.setString(i++, e.fullName());
        setNullable(ps, i++, e.jobTitle());
        setNullable(ps, i++, e.location());
        ps.setString(i++, JsonCodec.writeBadges(e.badges()));
        setNullable(ps, i++, e.photoKey());
        ps.setString(i++, JsonCodec.writeAttributes(e.attributes()));
        return i;
    }

    /**
     * Binds the parameters of {@link Sql#update()}.
     *
     * @param ps              the statement
     * @param e               the new state (updatedAt set)
     * @param expectedVersion the version the row must have
     * @throws SQLException from the driver
     */
    public static void bindUpdate(PreparedStatement ps, Employee e, long expectedVersion) throws SQLException {
        int i = bindContent(ps, 1, e);
        ps.setLong(i++, e.updatedAt().toEpochMilli());
        ps.setString(i++, e.id());
        ps.setLong(i, expectedVersion);
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /**
     * @param rs a row of a select of {@link Sql#COLUMNS}
     * @return the employee
     * @throws SQLException from the driver
     */
    public static Employee employee(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        try {
            return Employee.builder()
                    .id(id)
                    .fullName(rs.getString(2))
                    .jobTitle(rs.getString(3))
                    .location(rs.getString(4))
                    .badges(JsonCodec.readBadges(rs.getString(5)))
                    .photoKey(rs.getString(6))
                    .attributes(JsonCodec.readAttributes(rs.getString(7)))
                    .version(rs.getLong(8))
                    .createdAt(Instant.ofEpochMilli(rs.getLong(9)))
                    .updatedAt(Instant.ofEpochMilli(rs.getLong(10)))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new EmployeeStoreException("stored employee id=" + id + " is malformed: " + e.getMessage(), e);
        }
    }
}
