package io.github.employeestore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.Employee;
import io.github.employeestore.jdbc.JdbcEmployeeStore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the search index costs {@code importAll} on one SQL database: the same employees (real name frequencies,
 * {@link RealNames}) imported into a table with the search index and into one without it (a table as the version
 * before name search made it: the search structures dropped before the store first looks at it, so the store writes
 * no index rows), after a warm-up of both, alternating over two rounds, best of each. Also the index rows written
 * per employee. Not thread-safe.
 */
final class SearchImportCost {
    private final int employees;
    private final List<BenchmarkRunner.Row> rows;
    private final Map<String, Object> figures;

    SearchImportCost(int employees, List<BenchmarkRunner.Row> rows, Map<String, Object> figures) {
        this.employees = employees;
        this.rows = rows;
        this.figures = figures;
    }

    /**
     * @param label the database's name in the table
     * @param url   its JDBC URL
     * @throws Exception when an import fails or writes the wrong number of rows
     */
    void run(String label, String url) throws Exception {
        System.out.println();
        System.out.println("-- importAll with and without the search index, " + label + ": " + employees
                + " employees --");
        List<Employee> data = RealNames.get().employees(0, employees);
        List<Employee> warm = RealNames.get().employees(employees, 10_000);
        double with = Double.MAX_VALUE;
        double without = Double.MAX_VALUE;
        long indexRows = 0;
        try (HikariDataSource pool = Databases.pool(url, 4, "bench-search-import")) {
            importInto(pool, true, warm);
            importInto(pool, false, warm);
            for (int round = 0; round < 2; round++) {
                double w = importInto(pool, true, data);
                indexRows = count(pool, quoted(pool, "bench_search_imp_name_prefixes"));
                double wo = importInto(pool, false, data);
                System.out.printf(Locale.ROOT, "round %d: with the search index %.2f s, without %.2f s%n", round + 1,
                        w, wo);
                with = Math.min(with, w);
                without = Math.min(without, wo);
            }
            JdbcEmployeeStore.builder().dataSource(pool).table("bench_search_imp").build().schema().drop();
        }
        double ratio = with / without;
        double perEmployee = (double) indexRows / employees;
        rows.add(new BenchmarkRunner.Row("importAll " + employees + " with search index, " + label,
                BulkLoadComparison.rate(employees / with) + " (with)", "without the index "
                + BulkLoadComparison.rate(employees / without), String.format(Locale.ROOT, "%.2fx the time", ratio),
                "(none)", "", String.format(Locale.ROOT, "%.1f index rows per employee (one per distinct word prefix"
                        + " of up to 16 characters, and one for the directory), written in the same transaction;"
                        + " best of 2 alternating runs", perEmployee)));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("employees", employees);
        f.put("withIndexRowsPerSecond", ResultTable.round(employees / with));
        f.put("withoutIndexRowsPerSecond", ResultTable.round(employees / without));
        f.put("timeRatio", ResultTable.round(ratio));
        f.put("indexRowsPerEmployee", ResultTable.round(perEmployee));
        figures.put("importAll with vs without search index, " + label, f);
    }

    /** @return seconds of one {@code importAll} into the emptied table, with or without its search structures */
    private static double importInto(HikariDataSource pool, boolean withIndex, List<Employee> data) throws Exception {
        JdbcEmployeeStore admin = JdbcEmployeeStore.builder().dataSource(pool).table("bench_search_imp").build();
        admin.schema().drop();
        admin.schema().create();
        if (!withIndex) {
            // the table as the version before name search left it; a new store instance has not seen the index
            Databases.execute(pool, "DROP TABLE " + quoted(pool, "bench_search_imp_name_prefixes"));
            Databases.execute(pool, "DROP TABLE " + quoted(pool, "bench_search_imp_search_state"));
        }
        JdbcEmployeeStore store = JdbcEmployeeStore.builder().dataSource(pool).table("bench_search_imp").build();
        long t0 = System.nanoTime();
        BulkLoadComparison.requireComplete(store.importAll(data), data.size());
        double seconds = BulkLoadComparison.seconds(t0);
        if (count(pool, quoted(pool, "bench_search_imp")) != data.size()) {
            throw new IllegalStateException("not every employee was imported");
        }
        return seconds;
    }

    private static String quoted(HikariDataSource pool, String name) {
        return pool.getJdbcUrl().startsWith("jdbc:postgresql:") ? "\"" + name + "\"" : "`" + name + "`";
    }

    private static long count(HikariDataSource pool, String table) throws Exception {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
