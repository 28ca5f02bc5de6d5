package io.github.employeestore.jdbc.internal;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.jdbc.Dialect;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.spi.PatchPlan;
import io.github.employeestore.spi.StoredEmployee;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A partial update ({@code patch}, CONTRACT §4.18) on SQL, inside the caller's transaction:
 *
 * <ol>
 *   <li>{@code SELECT ... FOR UPDATE} of the row: the stored employee, locked until the transaction ends, so the
 *       employee the patch results in is validated against what is really stored;</li>
 *   <li>one {@code UPDATE} that sets only the columns of the fields the patch names, and only the keys of the
 *       {@code attributes} document it names, conditioned on the version: on PostgreSQL
 *       {@code (attributes - 'removed' ...) || CAST(? AS jsonb)}, on MariaDB
 *       {@code JSON_MERGE_PRESERVE(JSON_REMOVE(attributes, '$."name"', ...), ?)} (the keys it sets are removed first,
 *       so the merge only adds them); on H2, which has no JSON modification functions, and on MySQL, whose JSON
 *       functions turn numbers of more than 17 digits into doubles, the document merged in Java from the locked row;
 *       </li>
 *   <li>{@code SELECT} of the row, so the employee returned is the one stored.</li>
 * </ol>
 * A patch that changes nothing ends after the first step. A column derived from a field (a folded search key, say)
 * is set in {@link #setColumns} next to its field. Immutable and thread-safe.
 */
public final class SqlPatch {
    private final Sql sql;

    /** @param sql the statements of the store's dialect and table */
    public SqlPatch(Sql sql) {
        this.sql = sql;
    }

    /**
     * Applies the plan on the connection, which must be in a transaction.
     *
     * @param c    the connection
     * @param plan the patch
     * @return the stored employee after the patch
     * @throws SQLException from the driver
     * @throws EmployeeNotFoundException and the other typed exceptions of {@link PatchPlan#against(Employee)}
     */
    public Employee apply(Connection c, PatchPlan plan) throws SQLException {
        Employee stored = select(c, plan.id(), true);
        Optional<Employee> next = plan.against(stored);
        if (next.isEmpty()) {
            return stored;
        }
        List<Object> params = new ArrayList<>();
        String update = update(plan, stored, params);
        try (PreparedStatement ps = c.prepareStatement(update)) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else if (p instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else {
                    ps.setString(i + 1, (String) p);
                }
            }
            if (ps.executeUpdate() != 1) {
                throw new EmployeeStoreException("patch id=" + plan.id() + " matched no row although it is locked");
            }
        }
        return select(c, plan.id(), false);
    }

    private Employee select(Connection c, String id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.selectById() + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    if (lock) {
                        return null;
                    }
                    throw new EmployeeStoreException("row id=" + id + " vanished inside its own transaction");
                }
                StoredEmployee s = Rows.stored(rs);
                if (!s.isReadable()) {
                    throw s.unreadable();
                }
                return s.employee();
            }
        }
    }

    private String update(PatchPlan plan, Employee stored, List<Object> params) {
        StringBuilder set = new StringBuilder();
        setColumns(plan.patch(), set, params);
        attributes(plan.patch(), stored, set, params);
        set.append("version = ?, updated_at = ?, created_at = COALESCE(created_at, ?)");
        params.add(plan.nextVersion());
        params.add(plan.now().toEpochMilli());
        params.add(plan.now().toEpochMilli());
        params.add(plan.id());
        params.add(plan.expectedVersion());
        return "UPDATE " + sql.table() + " SET " + set + " WHERE id = ? AND COALESCE(version, 0) = ?";
    }

    /** The named core columns (and, in future, the columns derived from them). */
    private void setColumns(EmployeePatch patch, StringBuilder set, List<Object> params) {
        for (EmployeePatch.Field field : patch.fields()) {
            switch (field) {
                case FULL_NAME -> column(set, EmployeeCodec.FULL_NAME, "?");
                case JOB_TITLE -> column(set, EmployeeCodec.JOB_TITLE, "?");
                case LOCATION -> column(set, EmployeeCodec.LOCATION, "?");
                case PHOTO_KEY -> column(set, EmployeeCodec.PHOTO_KEY, "?");
                case BADGES -> column(set, EmployeeCodec.BADGES, sql.jsonParameter());
            }
            params.add(field == EmployeePatch.Field.BADGES ? EmployeeCodec.badgesToJson(patch.badges())
                    : patch.text(field));
        }
    }

    private static void column(StringBuilder set, String column, String value) {
        set.append(column).append(" = ").append(value).append(", ");
    }

    private void attributes(EmployeePatch patch, Employee stored, StringBuilder set, List<Object> params) {
        Map<String, AttributeValue> setting = patch.attributes();
        List<String> removing = new ArrayList<>(patch.removedAttributes());
        removing.removeIf(name -> !stored.attributes().containsKey(name));
        if (setting.isEmpty() && removing.isEmpty()) {
            return;
        }
        Dialect dialect = sql.dialect();
        if (dialect == Dialect.POSTGRESQL) {
            StringBuilder expr = new StringBuilder("attributes");
            for (String name : removing) {
                expr.append(" - CAST(? AS text)");
                params.add(name);
            }
            if (!setting.isEmpty()) {
                expr.insert(0, '(').append(") || CAST(? AS jsonb)");
                params.add(EmployeeCodec.attributesToJson(setting));
            }
            column(set, "attributes", expr.toString());
        } else if (dialect == Dialect.MARIADB) {
            List<String> paths = new ArrayList<>(removing);
            paths.addAll(setting.keySet());
            String expr = "JSON_REMOVE(attributes" + ", ?".repeat(paths.size()) + ")";
            paths.forEach(name -> params.add("$.\"" + name + "\""));
            if (!setting.isEmpty()) {
                expr = "JSON_MERGE_PRESERVE(" + expr + ", ?)";
                params.add(EmployeeCodec.attributesToJson(setting));
            }
            column(set, "attributes", expr);
        } else {
            // H2 and MySQL: the document of the row locked by SELECT ... FOR UPDATE, merged here
            Map<String, AttributeValue> merged = new TreeMap<>(stored.attributes());
            merged.keySet().removeAll(removing);
            merged.putAll(setting);
            column(set, "attributes", sql.jsonParameter());
            params.add(EmployeeCodec.attributesToJson(merged));
        }
    }
}
