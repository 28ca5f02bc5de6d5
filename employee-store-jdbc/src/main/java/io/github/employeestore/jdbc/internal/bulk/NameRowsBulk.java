package io.github.employeestore.jdbc.internal.bulk;

import io.github.employeestore.Employee;
import io.github.employeestore.jdbc.internal.NameIndex;
import io.github.employeestore.spi.ImportPlan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The search index's part of {@code importAll} (CONTRACT §4.20.6): in the chunk's transaction, after the employees
 * were written, the side-table rows of the chunk's ids are deleted and the new ones
 * ({@link NameIndex#rows(String, String)}) written by the same kind of bulk path as the employees: {@code COPY} on
 * PostgreSQL, {@code LOAD DATA LOCAL INFILE} from memory on MariaDB Connector/J, a JDBC batch otherwise. Stateless.
 */
final class NameRowsBulk {
    private static final java.util.Comparator<NameIndex.NameRow> ORDER = java.util.Comparator
            .comparing(NameIndex.NameRow::prefix, io.github.employeestore.spi.CodePointOrder.COMPARATOR)
            .thenComparing(NameIndex.NameRow::nameKey, io.github.employeestore.spi.CodePointOrder.COMPARATOR)
            .thenComparing(NameIndex.NameRow::fullName, io.github.employeestore.spi.CodePointOrder.COMPARATOR)
            .thenComparing(NameIndex.NameRow::id, io.github.employeestore.spi.CodePointOrder.COMPARATOR);

    private NameRowsBulk() {
    }

    /**
     * @param c      the chunk's connection, in its transaction
     * @param names  the search index
     * @param loader the loader that wrote the chunk's employees (its kind chooses the path)
     * @param chunk  the employees written
     * @throws SQLException when the database refuses a row (the chunk is then rolled back)
     */
    static void replace(Connection c, NameIndex names, ChunkLoader loader, List<ImportPlan.Entry> chunk)
            throws SQLException {
        List<String> ids = new ArrayList<>(chunk.size());
        List<NameIndex.NameRow> rows = new ArrayList<>(chunk.size() * 12);
        for (ImportPlan.Entry entry : chunk) {
            Employee e = entry.employee();
            ids.add(e.id());
            rows.addAll(NameIndex.rows(e.id(), e.fullName()));
        }
        names.deleteAll(c, ids);
        // in primary-key order (code points, as the binary collations order): the index grows by sweeping its
        // leaves once instead of touching one at random per row, several times faster on a large table
        rows.sort(ORDER);
        if (loader instanceof PostgresCopyLoader) {
            Postgres.copy(c, names, rows);
        } else if (loader instanceof MariaDbLoadDataLoader) {
            MariaDb.loadData(c, names, rows);
        } else {
            names.insert(c, rows);
        }
    }

    /** The PostgreSQL path, in a class of its own: loaded only when pgjdbc is there. */
    private static final class Postgres {
        static void copy(Connection c, NameIndex names, List<NameIndex.NameRow> rows) throws SQLException {
            try {
                c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn("COPY " + names.prefixTable()
                        + " (prefix, name_key, full_name, id) FROM STDIN", new ByteArrayInputStream(encode(rows)));
            } catch (java.io.IOException e) {
                throw new SQLException("COPY of the name rows failed", e);
            }
        }
    }

    /** The MariaDB Connector/J path, in a class of its own: loaded only when that driver is there. */
    private static final class MariaDb {
        static void loadData(Connection c, NameIndex names, List<NameIndex.NameRow> rows) throws SQLException {
            try (Statement st = c.createStatement()) {
                st.unwrap(org.mariadb.jdbc.Statement.class)
                        .setLocalInfileInputStream(new ByteArrayInputStream(encode(rows)));
                st.execute("LOAD DATA LOCAL INFILE 'employee-store-names.tsv' INTO TABLE " + names.prefixTable()
                        + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'"
                        + " LINES TERMINATED BY '\\n' (prefix, name_key, full_name, id)");
                long affected = st.getLargeUpdateCount();
                SQLWarning warning = st.getWarnings();
                if (affected != rows.size() || warning != null) {
                    throw new SQLException("LOAD DATA of the name rows wrote " + affected + " of " + rows.size()
                            + (warning != null ? " with warnings" : ""));
                }
            }
        }
    }

    /** The rows as tab-separated text with backslash escapes, which COPY's text format and LOAD DATA both read. */
    static byte[] encode(List<NameIndex.NameRow> rows) {
        StringBuilder sb = new StringBuilder(rows.size() * 40);
        for (NameIndex.NameRow r : rows) {
            field(sb, r.prefix()).append('\t');
            field(sb, r.nameKey()).append('\t');
            field(sb, r.fullName()).append('\t');
            field(sb, r.id()).append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(sb.length() + 16);
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static StringBuilder field(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        return sb;
    }
}
