package io.github.employeestore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import io.github.employeestore.jdbc.JdbcEmployeeStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bulk load into one SQL database, side by side in one run: {@code importAll} vs the hand-written JDBC batch
 * ({@link RawJdbc#batchLoad}) vs the database's own loader fed the same rows from a prepared file
 * ({@link NativeLoader}: {@code psql \copy}, {@code mariadb} {@code LOAD DATA LOCAL INFILE}) vs a naive loop of
 * single-row upserts, each into the emptied table with its indexes. After a warm-up of every path, the three bulk
 * paths alternate over two rounds and the best run of each counts (the machine's load drifts; alternating exposes
 * all to it alike). Not thread-safe.
 */
final class BulkLoadComparison {
    private static final int IMPORT_CHUNK = 500;

    private final int rowsToLoad;
    private final int naiveRows;
    private final int putLoopRows;
    private final List<BenchmarkRunner.Row> rows;
    private final Map<String, Object> figures;

    BulkLoadComparison(int rowsToLoad, int naiveRows, int putLoopRows, List<BenchmarkRunner.Row> rows,
                       Map<String, Object> figures) {
        this.rowsToLoad = rowsToLoad;
        this.naiveRows = naiveRows;
        this.putLoopRows = putLoopRows;
        this.rows = rows;
        this.figures = figures;
    }

    /**
     * @param label   the database's name in the table
     * @param url     its JDBC URL
     * @param workDir where the loader's file is written (and deleted)
     * @throws Exception when a path fails or writes the wrong number of rows
     */
    void run(String label, String url, Path workDir) throws Exception {
        System.out.println();
        System.out.println("-- bulk load into " + label + ": " + rowsToLoad + " rows; naive loop on " + naiveRows
                + " rows (a sample: 100,000 single-row upserts would take minutes) --");
        NativeLoader loader = new NativeLoader(url);
        Path file = workDir.resolve("bench-bulk-" + label.toLowerCase(Locale.ROOT) + ".tsv");
        try (HikariDataSource pool = Databases.pool(url, 4, "bench-bulk")) {
            JdbcEmployeeStore store = JdbcEmployeeStore.builder().dataSource(pool).table("bench_bulk").build();
            store.schema().drop();
            store.schema().create();
            RawJdbc raw = new RawJdbc(pool, RawJdbc.quoted(store), store.dialect());
            String table = RawJdbc.quoted(store);
            String truncate = "TRUNCATE TABLE " + table;
            List<Employee> data = new ArrayList<>(SampleData.employees(0, rowsToLoad));
            Files.createDirectories(workDir);
            NativeLoader.writeFile(data, file);
            Path warmFile = workDir.resolve("bench-bulk-warm.tsv");
            NativeLoader.writeFile(SampleData.employees(0, 10_000), warmFile);

            for (int round = 0; round < 2; round++) {
                Databases.execute(pool, truncate);
                requireComplete(store.importAll(SampleData.employees(0, 10_000)), 10_000);
                Databases.execute(pool, truncate);
                raw.batchLoad(SampleData.employees(0, 10_000), IMPORT_CHUNK);
                Databases.execute(pool, truncate);
                loader.load(warmFile, "bench_bulk");
                Databases.execute(pool, truncate);
                naiveRaw(raw, 300);
                Databases.execute(pool, truncate);
                naiveLibrary(store, 300);
            }
            Files.deleteIfExists(warmFile);

            double importSeconds = Double.MAX_VALUE;
            double batchSeconds = Double.MAX_VALUE;
            double nativeSeconds = Double.MAX_VALUE;
            for (int round = 0; round < 2; round++) {
                Databases.execute(pool, truncate);
                long t0 = System.nanoTime();
                requireComplete(store.importAll(data), rowsToLoad);
                double importRound = seconds(t0);
                importSeconds = Math.min(importSeconds, importRound);
                requireCount(pool, table, rowsToLoad);

                Databases.execute(pool, truncate);
                t0 = System.nanoTime();
                int written = raw.batchLoad(data, IMPORT_CHUNK);
                double batchRound = seconds(t0);
                batchSeconds = Math.min(batchSeconds, batchRound);
                requireCount(pool, table, written);

                Databases.execute(pool, truncate);
                double nativeRound = loader.load(file, "bench_bulk");
                nativeSeconds = Math.min(nativeSeconds, nativeRound);
                requireCount(pool, table, rowsToLoad);
                System.out.printf(Locale.ROOT, "round %d: importAll %.2f s, hand-written batch %.2f s, %s %.2f s%n",
                        round + 1, importRound, batchRound, loader.name(), nativeRound);
            }

            Databases.execute(pool, truncate);
            long t0 = System.nanoTime();
            naiveRaw(raw, naiveRows);
            double naiveSeconds = seconds(t0);
            requireCount(pool, table, naiveRows);

            Databases.execute(pool, truncate);
            t0 = System.nanoTime();
            naiveLibrary(store, putLoopRows);
            double putLoopSeconds = seconds(t0);
            requireCount(pool, table, putLoopRows);
            store.schema().drop();

            report(label, loader, rowsToLoad / importSeconds, rowsToLoad / batchSeconds, rowsToLoad / nativeSeconds,
                    naiveRows / naiveSeconds, putLoopRows / putLoopSeconds);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void report(String label, NativeLoader loader, double importRate, double batchRate, double nativeRate,
                        double naiveRate, double putLoopRate) {
        double vsBatch = importRate / batchRate;
        double vsNative = importRate / nativeRate;
        double vsNaive = importRate / naiveRate;
        rows.add(new BenchmarkRunner.Row("bulk load " + rowsToLoad + ", " + label, rate(importRate) + " (importAll)",
                "hand-written JDBC batch " + rate(batchRate), String.format(Locale.ROOT, "%.2fx", vsBatch),
                ">= 3.00x", vsBatch >= 3 ? "met" : "MISSED",
                "same pool and driver settings, batches of " + IMPORT_CHUNK + ", one transaction each; best of 2"
                        + " alternating runs"));
        rows.add(new BenchmarkRunner.Row("bulk load vs native loader, " + label, rate(importRate) + " (importAll)",
                loader.name() + " " + rate(nativeRate), String.format(Locale.ROOT, "%.2fx", vsNative), ">= 0.80x",
                vsNative >= 0.8 ? "met" : "MISSED",
                "the database's own client loading the same rows from a prepared file (written before the timing,"
                        + " client start-up included) into the same emptied table with the same indexes"));
        rows.add(new BenchmarkRunner.Row("bulk load vs naive loop, " + label, rate(importRate) + " (importAll)",
                "single-row upserts " + rate(naiveRate), String.format(Locale.ROOT, "%.1fx", vsNaive), ">= 10x",
                vsNaive >= 10 ? "met" : "MISSED",
                "naive loop of hand-written single-row upserts, auto-commit, measured on " + naiveRows
                        + " rows; a loop of store.put, measured on " + putLoopRows + " rows: " + rate(putLoopRate)));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("rows", rowsToLoad);
        f.put("importAllRowsPerSecond", ResultTable.round(importRate));
        f.put("handWrittenBatchRowsPerSecond", ResultTable.round(batchRate));
        f.put("nativeLoader", loader.name());
        f.put("nativeLoaderRowsPerSecond", ResultTable.round(nativeRate));
        f.put("naiveLoopRows", naiveRows);
        f.put("naiveLoopRowsPerSecond", ResultTable.round(naiveRate));
        f.put("storePutLoopRows", putLoopRows);
        f.put("storePutLoopRowsPerSecond", ResultTable.round(putLoopRate));
        f.put("ratioVsBatch", ResultTable.round(vsBatch));
        f.put("ratioVsNativeLoader", ResultTable.round(vsNative));
        f.put("ratioVsNaive", ResultTable.round(vsNaive));
        f.put("targetVsBatchMin", 3.0);
        f.put("targetVsNativeLoaderMin", 0.8);
        f.put("targetVsNaiveMin", 10);
        figures.put("bulk load, " + label, f);
    }

    /** A naive loop: one hand-written single-row upsert per employee, auto-commit. */
    private static void naiveRaw(RawJdbc raw, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            raw.batchLoad(List.of(SampleData.employee(i)), 1);
        }
    }

    /** A per-entity saveAll: one {@code put} per employee. */
    private static void naiveLibrary(JdbcEmployeeStore store, int count) {
        for (int i = 0; i < count; i++) {
            store.put(SampleData.employee(i));
        }
    }

    static void requireComplete(ImportResult result, int expected) {
        if (!result.isComplete() || result.written() != expected) {
            throw new IllegalStateException("import incomplete: " + result.written() + " of " + expected + ", "
                    + result.failures().size() + " failures");
        }
    }

    private static void requireCount(HikariDataSource pool, String table, int expected) throws SQLException {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            if (rs.getInt(1) != expected) {
                throw new IllegalStateException("expected " + expected + " rows, found " + rs.getInt(1));
            }
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f rows/s", perSecond);
    }
}
