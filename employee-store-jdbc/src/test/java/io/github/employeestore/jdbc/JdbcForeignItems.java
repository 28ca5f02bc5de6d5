package io.github.employeestore.jdbc;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.spi.Timestamps;
import io.github.employeestore.tck.ForeignItems;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Plants and reads raw rows with plain JDBC, as another application would: core fields in their columns (text in
 * the text columns, an integer version, timestamps as epoch milliseconds), badges as a JSON array, every other
 * attribute in the {@code attributes} JSON in the documented encoding. What the columns cannot hold (text in
 * {@code version}, {@code NULL} in a {@code NOT NULL} column, a text longer than its column) cannot be planted:
 * {@link #plant} says so before it asks the database, and any error of the database fails the test instead.
 */
final class JdbcForeignItems implements ForeignItems {
    private static final Set<String> CORE = Set.of("id", "full_name", "job_title", "location", "badges", "photo_key",
            "version", "created_at", "updated_at");

    private final DataSource pool;
    private final JdbcEmployeeStore store;
    private final String table;

    JdbcForeignItems(DataSource pool, JdbcEmployeeStore store) {
        this.pool = pool;
        this.store = store;
        this.table = AbstractJdbcTck.quoted(store, store.table());
    }

    @Override
    public boolean plant(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>(item);
        attributes.keySet().removeAll(CORE);
        String json = switch (store.dialect()) {
            case H2 -> "? FORMAT JSON";
            case POSTGRESQL -> "CAST(? AS jsonb)";
            default -> "?";
        };
        if (item.get("full_name") == null || item.get("version") == null || item.get("created_at") == null
                || item.get("updated_at") == null || tooLong(item, "id", 128) || tooLong(item, "full_name", 200)
                || tooLong(item, "job_title", 200) || tooLong(item, "location", 200)
                || tooLong(item, "photo_key", 1024)) {
            return false;   // NOT NULL, and the lengths of the columns schema().create() makes
        }
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
                del.setString(1, text(item.get("id")));
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, full_name, job_title,"
                    + " location, badges, photo_key, attributes, version, created_at, updated_at) VALUES (?, ?, ?, ?, "
                    + json + ", ?, " + json + ", ?, ?, ?)")) {
                ps.setString(1, text(item.get("id")));
                ps.setString(2, text(item.get("full_name")));
                ps.setString(3, text(item.get("job_title")));
                ps.setString(4, text(item.get("location")));
                AttributeValue badges = item.get("badges");
                if (badges instanceof AttributeValue.ListValue) {
                    return false;
                }
                ps.setString(5, badges == null ? "[]" : badges instanceof AttributeValue.TextSetValue set
                        ? EmployeeCodec.badgesToJson(set.values()) : EmployeeCodec.valueToJson(badges));
                ps.setString(6, text(item.get("photo_key")));
                ps.setString(7, EmployeeCodec.attributesToJson(attributes));
                setLong(ps, 8, integer(item.get("version")));
                setLong(ps, 9, millis(item.get("created_at")));
                setLong(ps, 10, millis(item.get("updated_at")));
                ps.executeUpdate();
                return true;
            }
        } catch (NotPlantable e) {
            return false;
        } catch (SQLException e) {
            // only a value the columns cannot hold is "not plantable" (decided above, before the database is asked);
            // a failing INSERT is a failure of the test, never a silent skip
            throw new IllegalStateException("planting " + text(item.get("id")) + " failed", e);
        }
    }

    @Override
    public Map<String, AttributeValue> read(String id) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, full_name, job_title, location, badges,"
                     + " photo_key, attributes, version, created_at, updated_at FROM " + table + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return item;
                }
                String[] names = {"id", "full_name", "job_title", "location"};
                for (int i = 0; i < names.length; i++) {
                    putText(item, names[i], rs.getString(i + 1));
                }
                var badges = EmployeeCodec.badgesFromJson(rs.getString(5));
                if (!badges.isEmpty()) {
                    item.put("badges", AttributeValue.textSet(badges));
                }
                putText(item, "photo_key", rs.getString(6));
                item.putAll(EmployeeCodec.attributesFromJson(rs.getString(7)));
                long version = rs.getLong(8);
                if (!rs.wasNull()) {
                    item.put("version", AttributeValue.of(version));
                }
                for (int i = 9; i <= 10; i++) {
                    long t = rs.getLong(i);
                    if (!rs.wasNull()) {
                        item.put(i == 9 ? "created_at" : "updated_at",
                                AttributeValue.of(Timestamps.format(Instant.ofEpochMilli(t))));
                    }
                }
                return item;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean tooLong(Map<String, AttributeValue> item, String column, int characters) {
        return item.get(column) instanceof AttributeValue.TextValue t
                && t.value().codePointCount(0, t.value().length()) > characters;
    }

    private static void putText(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.of(value));
        }
    }

    private static String text(AttributeValue v) {
        if (v == null) {
            return null;
        }
        if (v instanceof AttributeValue.TextValue t) {
            return t.value();
        }
        throw new NotPlantable();
    }

    private static Long integer(AttributeValue v) {
        if (v == null) {
            return null;
        }
        if (v instanceof AttributeValue.NumberValue n) {
            try {
                return n.value().longValueExact();
            } catch (ArithmeticException e) {
                throw new NotPlantable();
            }
        }
        throw new NotPlantable();
    }

    private static Long millis(AttributeValue v) {
        if (v == null) {
            return null;
        }
        if (v instanceof AttributeValue.TextValue t && t.value().length() == Timestamps.FORMATTED_LENGTH) {
            return Instant.parse(t.value()).toEpochMilli();
        }
        throw new NotPlantable();
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    /** The described item has a value its column cannot hold. */
    private static final class NotPlantable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotPlantable() {
            super(null, null, false, false);
        }
    }
}
