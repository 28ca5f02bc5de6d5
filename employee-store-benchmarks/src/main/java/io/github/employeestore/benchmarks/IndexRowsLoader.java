package io.github.employeestore.benchmarks;

import io.github.employeestore.Employee;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import io.github.employeestore.jdbc.internal.NameIndex;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * Loads the search index rows the JDBC backend computes for employees ({@code NameIndex.rows}, the library's own
 * rows) into its side table with the database's own loader: {@code COPY FROM STDIN} on PostgreSQL, {@code LOAD DATA
 * LOCAL INFILE} from memory on MariaDB. For building a large benchmark table quickly; not the library's write path.
 * Stateless.
 */
final class IndexRowsLoader {
    private IndexRowsLoader() {
    }

    /** @return the rows loaded */
    static long load(DataSource pool, JdbcEmployeeStore store, List<Employee> employees) throws Exception {
        StringBuilder tsv = new StringBuilder(employees.size() * 14 * 40);
        long rows = 0;
        for (Employee e : employees) {
            for (NameIndex.NameRow r : NameIndex.rows(e.id(), e.fullName())) {
                field(tsv, r.prefix()).append('\t');
                field(tsv, r.nameKey()).append('\t');
                field(tsv, r.fullName()).append('\t');
                field(tsv, r.id()).append('\n');
                rows++;
            }
        }
        byte[] data = tsv.toString().getBytes(StandardCharsets.UTF_8);
        try (Connection c = pool.getConnection()) {
            if (store.dialect().isMySqlFamily()) {
                try (Statement st = c.createStatement()) {
                    st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(new ByteArrayInputStream(data));
                    st.execute("LOAD DATA LOCAL INFILE 'index-rows.tsv' INTO TABLE `" + store.table() + "_name_prefixes`"
                            + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY"
                            + " '\\n' (prefix, name_key, full_name, id)");
                    if (st.getLargeUpdateCount() != rows) {
                        throw new IllegalStateException("LOAD DATA wrote " + st.getLargeUpdateCount() + " of " + rows);
                    }
                }
            } else {
                long n = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn("COPY \"" + store.table()
                        + "_name_prefixes\" (prefix, name_key, full_name, id) FROM STDIN",
                        new ByteArrayInputStream(data));
                if (n != rows) {
                    throw new IllegalStateException("COPY wrote " + n + " of " + rows);
                }
            }
        }
        return rows;
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
