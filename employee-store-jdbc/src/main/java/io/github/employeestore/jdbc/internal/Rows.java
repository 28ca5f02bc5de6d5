package io.github.employeestore.jdbc.internal;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.spi.StoredEmployee;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * Maps employees to statement parameters and rows back to employees, in {@link Sql#COLUMNS} order, through
 * {@link EmployeeCodec} (the JSON of {@code badges} and {@code attributes}, and every rule of reading a stored
 * employee). Timestamps are stored as epoch milliseconds ({@code BIGINT}), so they round-trip exactly whatever the
 * JVM's and the session's time zones.
 *
 * <p>Rows written by other code: {@code NULL} in {@code job_title}, {@code location} or {@code photo_key} is absent;
 * {@code NULL} in {@code badges} or {@code attributes} reads as none; {@code NULL} in {@code version} reads as 0
 * (and the first write is conditioned on it still being {@code NULL}); {@code NULL} timestamps read as absent and
 * the first write stamps them. A {@code NULL} or missing full name, a negative version, malformed JSON or JSON of the
 * wrong shape makes the row unreadable ({@link UnreadableEmployeeException} naming the id and column). Thread-safe
 * (stateless).
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
        ps.setString(i++, EmployeeCodec.badgesToJson(e.badges()));
        setNullable(ps, i++, e.photoKey());
        ps.setString(i++, EmployeeCodec.attributesToJson(e.attributes()));
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
     * @throws SQLException                from the driver
     * @throws UnreadableEmployeeException if the row cannot be mapped to the model
     */
    public static Employee employee(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        String badgesJson = rs.getString(5);
        List<String> badges = null;
        if (badgesJson != null) {
            try {
                badges = EmployeeCodec.badgesFromJson(badgesJson);
            } catch (IllegalArgumentException e) {
                throw new UnreadableEmployeeException(id, "badges", "is not a JSON array of strings", e);
            }
        }
        String attributesJson = rs.getString(7);
        SortedMap<String, AttributeValue> attributes = Collections.emptySortedMap();
        if (attributesJson != null) {
            try {
                attributes = EmployeeCodec.attributesFromJson(attributesJson);
            } catch (IllegalArgumentException e) {
                throw new UnreadableEmployeeException(id, "attributes", e.getMessage(), e);
            }
        }
        long version = rs.getLong(8);
        Long stored = rs.wasNull() ? null : version;
        Instant createdAt = millis(rs, 9, EmployeeCodec.CREATED_AT, id);
        Instant updatedAt = millis(rs, 10, EmployeeCodec.UPDATED_AT, id);
        return EmployeeCodec.standard().fromColumns(id, rs.getString(2), rs.getString(3), rs.getString(4), badges,
                rs.getString(6), attributes, stored, createdAt, updatedAt);
    }

    /**
     * @param rs a row of a select of {@link Sql#COLUMNS}
     * @return the employee, or the reason it cannot be read
     * @throws SQLException from the driver
     */
    public static StoredEmployee stored(ResultSet rs) throws SQLException {
        try {
            return StoredEmployee.readable(employee(rs));
        } catch (UnreadableEmployeeException e) {
            return StoredEmployee.unreadable(rs.getString(2), e);
        }
    }

    /** A timestamp column: the instant, or {@code null} when {@code NULL}; checked against the limits. */
    private static Instant millis(ResultSet rs, int column, String name, String id) throws SQLException {
        long millis = rs.getLong(column);
        if (rs.wasNull()) {
            return null;
        }
        Instant t = Instant.ofEpochMilli(millis);
        if (t.isBefore(io.github.employeestore.Limits.MIN_TIMESTAMP)
                || t.isAfter(io.github.employeestore.Limits.MAX_TIMESTAMP)) {
            throw new UnreadableEmployeeException(id, name, "is outside the supported range of timestamps", null);
        }
        return t;
    }
}
