package io.github.employeestore.benchmarks;

import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.ImportResult;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code importAll} and {@code createAll} side by side with the database's own single-stream loader ({@code psql
 * \copy}, {@code mariadb -e "LOAD DATA LOCAL INFILE"}) in one run, for each size given: the same rows (those of
 * {@link SampleData}), into the same emptied table with the same indexes, each path timed from outside; the file the
 * loader reads is written before the timing. The store is opened by URL (it owns its pool of 4, so a large import
 * writes with three connections) with {@code nameSearch=false}, so its table is the loader's: the employee table and
 * its indexes, without the name-search index beside it, whose rows (about 13 per employee) the loader would not write;
 * {@code -Dbench.bulk.nameSearch=true} measures the library with that index (then one connection loads). The input of {@code importAll} is made lazily as it is iterated
 * ({@link SampleData#employees}), so the JVM's heap bound ({@code -Xmx}) tests that nothing holds it; {@code createAll}
 * returns every created employee, so it holds its input and needs heap in proportion (it is skipped, and says so,
 * when the heap is too small for the size). Prints for each path the heap it needed, comparable with {@code -Xmx}
 * (the largest heap in use after a garbage collection during the run, see {@code HeapWatch}), the JVM's CPU time per
 * 100,000 rows (every thread; near zero for the loader, which is another process), and the load average before and
 * after each run.
 *
 * <p>Run: {@code java -Xmx256m -cp benchmarks.jar io.github.employeestore.benchmarks.BulkWriteBenchmark
 * [-Dbench.bulk.sizes=100000,1000000] [-Dbench.bulk.rounds=2] [-Dbench.bulk.databases=postgresql,mariadb]
 * [-Dbench.bulk.nameSearch=false]}.
 */
public final class BulkWriteBenchmark {
    private static final String TABLE = "bench_bulk_write";
    /** About what one created employee costs in the heap while {@code createAll} holds it (measured: ~1.3 KB). */
    private static final long CREATE_BYTES_PER_ROW = 2_000;

    private BulkWriteBenchmark() {
    }

    /**
     * @param args unused; see the class comment for the properties
     * @throws Exception when a path fails or writes the wrong number of rows
     */
    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : System.getProperty("bench.bulk.sizes", "100000,1000000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        int rounds = Integer.getInteger("bench.bulk.rounds", 2);
        String databases = System.getProperty("bench.bulk.databases", "postgresql,mariadb");
        String xmx = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx")).reduce((a, b) -> b).orElse("no -Xmx (the JVM's default)");
        System.out.printf(Locale.ROOT, "bulk writes: sizes %s, %d round(s), JVM run with %s (heap max %d MiB), %d"
                + " cores, name-search index %s%n", sizes, rounds, xmx, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), Boolean.getBoolean("bench.bulk.nameSearch")
                        ? "on (one loading connection)" : "off (nameSearch=false: the loader's table)");
        System.out.println("heap (gc): the largest heap in use after a garbage collection during the run (live data"
                + " and what the collector kept; '<' without a collection: the heap in use at the end)");
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "| %-10s | %9s | %-30s | %12s | %8s | %10s | %12s | %-17s | %-17s |",
                "database", "rows", "path", "rows/s", "vs loader", "heap (gc)", "JVM CPU/100k", "load before",
                "load after"));
        for (String db : databases.split(",")) {
            String url = db.trim().equals("postgresql") ? Databases.postgresUrl() : Databases.mariaDbUrl();
            for (int size : sizes) {
                run(db.trim(), url, size, rounds, table);
            }
        }
        System.out.println();
        table.forEach(System.out::println);
    }

    private static void run(String db, String url, int size, int rounds, List<String> table) throws Exception {
        NativeLoader loader = new NativeLoader(url);
        Path file = Files.createTempFile("bench-bulk-write-", ".tsv");
        try (EmployeeStore store = EmployeeStores.open(url + (url.contains("?") ? "&" : "?") + "table=" + TABLE
                + "&poolSize=4&nameSearch=" + Boolean.getBoolean("bench.bulk.nameSearch"))) {
            store.schema().drop();
            store.schema().create();
            NativeLoader.writeFile(SampleData.employees(0, size), file);
            String truncate = "empty " + TABLE;
            boolean createFits = Runtime.getRuntime().maxMemory() > (long) size * CREATE_BYTES_PER_ROW;
            double bestNative = 0;
            double bestImport = 0;
            double bestCreate = 0;
            String[] last = new String[3];
            for (int round = 0; round < rounds; round++) {
                truncate(store, truncate);
                String before = load();
                HeapWatch heap = new HeapWatch();
                long cpu0 = cpuNanos();
                double seconds = loader.load(file, TABLE);
                long cpu = cpuNanos() - cpu0;
                double rate = size / seconds;
                bestNative = Math.max(bestNative, rate);
                require(store, size, loader.name());
                last[0] = row(db, size, loader.name(), rate, 1.0, heap, cpu, before, load());
                printProgress(last[0]);

                truncate(store, truncate);
                before = load();
                heap = new HeapWatch();
                cpu0 = cpuNanos();
                long t0 = System.nanoTime();
                ImportResult imported = store.importAll(SampleData.employees(0, size));
                seconds = (System.nanoTime() - t0) / 1e9;
                cpu = cpuNanos() - cpu0;
                if (!imported.isComplete()) {
                    throw new IllegalStateException("importAll left " + imported.failures().size() + " unwritten");
                }
                rate = size / seconds;
                bestImport = Math.max(bestImport, rate);
                require(store, size, "importAll");
                last[1] = row(db, size, "importAll", rate, rate / bestNative, heap, cpu, before, load());
                printProgress(last[1]);

                if (createFits) {
                    truncate(store, truncate);
                    before = load();
                    heap = new HeapWatch();
                    cpu0 = cpuNanos();
                    t0 = System.nanoTime();
                    CreateAllResult created = store.createAll(SampleData.employees(0, size));
                    seconds = (System.nanoTime() - t0) / 1e9;
                    cpu = cpuNanos() - cpu0;
                    if (!created.isComplete()) {
                        throw new IllegalStateException("createAll left " + created.failures().size() + " uncreated");
                    }
                    created = null;
                    rate = size / seconds;
                    bestCreate = Math.max(bestCreate, rate);
                    require(store, size, "createAll");
                    last[2] = row(db, size, "createAll", rate, rate / bestNative, heap, cpu, before, load());
                    printProgress(last[2]);
                }
            }
            table.add(best(db, size, loader.name() + " (best)", bestNative, 1.0));
            table.add(best(db, size, "importAll (best)", bestImport, bestImport / bestNative));
            if (createFits) {
                table.add(best(db, size, "createAll (best)", bestCreate, bestCreate / bestNative)
                        + String.format(Locale.ROOT, " createAll/importAll %.2fx", bestCreate / bestImport));
            } else {
                table.add(String.format(Locale.ROOT, "| %-10s | %9d | %-30s | skipped: createAll returns every"
                        + " created employee; %d MiB of heap is too little for %d", db, size, "createAll",
                        Runtime.getRuntime().maxMemory() >> 20, size));
            }
            for (String l : last) {
                if (l != null) {
                    table.add(l + " (last round)");
                }
            }
            store.schema().drop();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void printProgress(String row) {
        System.out.println(row);
    }

    /** A measured row; the heap figure is read (and the watch closed) here, after the work. */
    private static String row(String db, int size, String path, double rate, double vsLoader, HeapWatch heap,
                              long cpuNanos, String before, String after) {
        String heapFigure;
        try (heap) {
            heapFigure = heap.figure();
        }
        return String.format(Locale.ROOT, "| %-10s | %9d | %-30s | %,12.0f | %8.2fx | %10s | %10.2f s | %-17s | %-17s |",
                db, size, path, rate, vsLoader, heapFigure, cpuNanos / 1e9 * 100_000 / size, before, after);
    }

    private static String best(String db, int size, String path, double rate, double vsLoader) {
        return String.format(Locale.ROOT, "| %-10s | %9d | %-30s | %,12.0f | %8.2fx | %10s | %12s | %-17s | %-17s |",
                db, size, path, rate, vsLoader, "", "", "", "");
    }

    /** @return the CPU time of this JVM (every thread, the collector's and compiler's too), in nanoseconds */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Empties the table by dropping and creating it again: the same columns and indexes, no rows. */
    private static void truncate(EmployeeStore store, String why) {
        store.schema().drop();
        store.schema().create();
    }

    private static void require(EmployeeStore store, int size, String path) {
        long count = store.count();
        if (count != size) {
            throw new IllegalStateException(path + " wrote " + count + " rows, not " + size);
        }
    }

    /** @return the load average (1, 5, 15 minutes) as the system reports it */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

}
