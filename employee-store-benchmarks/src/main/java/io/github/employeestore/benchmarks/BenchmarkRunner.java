package io.github.employeestore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every comparison in one process and prints one table, and writes the same figures to
 * {@code target/benchmark-results.json}:
 *
 * <ol>
 *   <li>get-by-id, library vs hand-written JDBC on the same HikariCP pool, on H2, MariaDB and PostgreSQL (JMH);</li>
 *   <li>DynamoDB (moto) get and put, library vs the raw client with hand-built attribute maps (JMH);</li>
 *   <li>bulk load into MariaDB and PostgreSQL: {@code importAll} vs a hand-written JDBC batch vs the database's own
 *       loader on a prepared file vs a naive loop of single-row upserts ({@link BulkLoadComparison});</li>
 *   <li>{@code importAll} into DynamoDB (moto): items per second and BatchWriteItem calls;</li>
 *   <li>the directory's {@code copy} pipeline (H2 to MariaDB, MariaDB to PostgreSQL, H2 to a DynamoDB endpoint)
 *       beside its source's {@code stream()} and its target's {@code importAll} ({@link CopyComparison});</li>
 *   <li>{@code stream()} over every employee of H2, MariaDB, PostgreSQL and DynamoDB (moto) in a child JVM with
 *       {@code -Xmx64m}, with the peak heap;</li>
 *   <li>name search: {@code byName} pages on 1,000,000 employees beside a hand-written query on the same index and a
 *       naive {@code LIKE} scan ({@link SearchBenchmark}), {@code importAll} with and without the search index
 *       ({@link SearchImportCost}), requests and capacity per search page on DynamoDB
 *       ({@link SearchDynamoDbBenchmark}).</li>
 * </ol>
 *
 * <p>Needs MariaDB reachable through {@code EMPLOYEE_STORE_MYSQL_URL} (default
 * {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}), PostgreSQL through {@code EMPLOYEE_STORE_POSTGRES_URL}, the
 * {@code psql} and {@code mariadb} clients and {@code moto_server} on the PATH, which it starts as its DynamoDB
 * endpoint. Sizes can be lowered for a quick look with {@code -Dbench.quick=true}. Not for use as a library.
 */
public final class BenchmarkRunner {
    private static final boolean QUICK = Boolean.getBoolean("bench.quick");
    private static final int BULK_ROWS = Integer.getInteger("bench.bulk.rows", QUICK ? 10_000 : 100_000);
    private static final int NAIVE_ROWS = Integer.getInteger("bench.naive.rows", QUICK ? 1_000 : 5_000);
    private static final int PUT_LOOP_ROWS = Integer.getInteger("bench.putloop.rows", QUICK ? 500 : 2_000);
    private static final int DYNAMO_IMPORT = Integer.getInteger("bench.dynamodb.import", QUICK ? 2_000 : 10_000);
    private static final int COPY_ROWS = Integer.getInteger("bench.copy.rows", QUICK ? 10_000 : 50_000);
    private static final int COPY_BATCH = Integer.getInteger("bench.copy.batch", 5_000);
    private static final int COPY_DYNAMO_ROWS = Integer.getInteger("bench.copy.dynamodb.rows", QUICK ? 2_000 : 5_000);
    private static final int STREAM_ROWS = Integer.getInteger("bench.stream.rows", QUICK ? 20_000 : 200_000);
    /**
     * Fewer on DynamoDB: moto reads its whole table for every Scan page, so streaming there takes time that grows
     * with the square of the table's size (200,000 employees would take hours); pages are 500 employees either way.
     */
    private static final int STREAM_ROWS_DYNAMODB = Integer.getInteger("bench.stream.dynamodb.rows",
            QUICK ? 5_000 : 20_000);

    private static final int SEARCH_ROWS = Integer.getInteger("bench.search.rows", QUICK ? 100_000 : 1_000_000);
    private static final int SEARCH_ROUNDS = Integer.getInteger("bench.search.rounds", QUICK ? 20 : 100);
    private static final int SEARCH_LIKE_ROUNDS = Integer.getInteger("bench.search.like.rounds", QUICK ? 2 : 5);
    private static final int SEARCH_IMPORT_ROWS = Integer.getInteger("bench.search.import.rows", QUICK ? 20_000
            : 100_000);

    /** One row of the results table. */
    record Row(String comparison, String library, String baseline, String ratio, String target, String verdict,
               String note) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Map<String, Double> interleavedRatios = new LinkedHashMap<>();

    private BenchmarkRunner() {
    }

    /**
     * @param name a part of the run: {@code get}, {@code bulk}, {@code copy}, {@code stream}, {@code search},
     *             {@code search-dynamodb}
     * @return whether it runs: all do, unless {@code -Dbench.only=} names some (for a quick look at one part)
     */
    static boolean part(String name) {
        String only = System.getProperty("bench.only", "");
        return only.isBlank() || List.of(only.split(",")).contains(name);
    }

    /**
     * @param args ignored
     * @throws Exception when a comparison cannot run
     */
    public static void main(String[] args) throws Exception {
        new BenchmarkRunner().run();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        Map<String, Object> machine = machine();
        System.out.println("== Employee Store benchmarks ==");
        machine.forEach((k, v) -> System.out.println(String.format(Locale.ROOT, "%-16s %s", k, v)));
        json.put("started", started.toString());
        json.put("machine", machine);

        String endpoint = LocalDynamoDb.endpoint().toString();
        System.out.println("DynamoDB         moto server at " + endpoint + " (child process)");

        // the interleaved cross-check runs first: it also warms up the endpoint before JMH measures against it
        if (part("get")) {
            interleaved();
            jmh(endpoint);
            addInterleaved("get-by-id, H2", "get-by-id h2");
            addInterleaved("get-by-id, MariaDB", "get-by-id mariadb");
            addInterleaved("get-by-id, PostgreSQL", "get-by-id postgresql");
            addInterleaved("get, DynamoDB (moto)", "get dynamodb");
            addInterleaved("put, DynamoDB (moto)", "put dynamodb");
        }
        if (part("bulk")) {
            BulkLoadComparison bulk = new BulkLoadComparison(BULK_ROWS, NAIVE_ROWS, PUT_LOOP_ROWS, rows, figures);
            bulk.run("MariaDB", Databases.mariaDbUrl(), targetDirectory());
            bulk.run("PostgreSQL", Databases.postgresUrl(), targetDirectory());
            importDynamoDb();
        }
        if (part("copy")) {
            copies();
        }
        if (part("search")) {   // name search on SQL: SearchBenchmark, SearchImportCost
            SearchBenchmark search = new SearchBenchmark(SEARCH_ROWS, SEARCH_ROUNDS, SEARCH_LIKE_ROUNDS, rows, figures);
            SearchImportCost cost = new SearchImportCost(SEARCH_IMPORT_ROWS, rows, figures);
            String only = System.getProperty("bench.search.databases", "PostgreSQL,MariaDB");
            for (String[] db : List.of(new String[] {"PostgreSQL", Databases.postgresUrl()},
                    new String[] {"MariaDB", Databases.mariaDbUrl()})) {
                if (!List.of(only.split(",")).contains(db[0])) {
                    continue;
                }
                search.run(db[0], db[1]);
                cost.run(db[0], db[1]);
            }
        }
        if (part("search-dynamodb")) {
            new SearchDynamoDbBenchmark(new int[] {1_000, 4_000}, rows, figures).run();
        }
        if (part("stream")) {
            streams(endpoint);
        }

        json.put("figures", figures);
        json.put("finished", Instant.now().toString());
        json.put("loadAverageAtEnd", loadAverage());
        System.out.println("load average at end " + loadAverage());
        ResultTable.print(rows);
        Path out = targetDirectory().resolve("benchmark-results.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(json) + "\n");
        System.out.println("figures written to " + out.toAbsolutePath());
        System.exit(0);
    }

    /** The module's {@code target} directory: where the jar (or the classes directory) lies. */
    private static Path targetDirectory() throws Exception {
        return Path.of(BenchmarkRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toAbsolutePath().getParent();
    }

    // ------------------------------------------------------------------------------------------------ machine

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            m.put("memory", (os.getTotalMemorySize() >> 20) + " MiB");
        }
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("mariadb", mariaDbVersion());
        m.put("postgresql", version(Databases.postgresUrl(), "SHOW server_version"));
        m.put("load average at start", loadAverage());
        m.put("dynamodb", "moto server (moto_server, child process, in memory)");
        m.put("quick", QUICK);
        return m;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String version(String url, String query) {
        try (HikariDataSource pool = Databases.pool(url, 1, "bench-version");
             Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1) + " at " + url.replaceAll("\\?.*", "");
        } catch (Exception e) {
            throw new IllegalStateException("not reachable: " + url.replaceAll("\\?.*", ""), e);
        }
    }

    /** @return the system load averages (1, 5, 15 minutes): other work on the machine skews the figures */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String mariaDbVersion() {
        try (HikariDataSource pool = Databases.pool(Databases.mariaDbUrl(), 1, "bench-version");
             Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1) + " at " + Databases.mariaDbUrl().replaceAll("\\?.*", "");
        } catch (Exception e) {
            throw new IllegalStateException("MariaDB is not reachable at " + Databases.mariaDbUrl().replaceAll(
                    "\\?.*", "") + " (set " + Databases.MYSQL_VARIABLE + ")", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ JMH

    private void jmh(String endpoint) throws Exception {
        System.out.println();
        System.out.println("-- JMH: get-by-id (H2, MariaDB, PostgreSQL) and DynamoDB (moto) get/put --");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(JdbcGetBenchmark.class.getName())
                .include(DynamoDbBenchmark.class.getName())
                .forks(1)
                .warmupIterations(QUICK ? 1 : 3)
                .warmupTime(TimeValue.seconds(QUICK ? 1 : 2))
                .measurementIterations(QUICK ? 2 : 5)
                .measurementTime(TimeValue.seconds(QUICK ? 1 : 2))
                .threads(1)
                .jvmArgsAppend("-D" + LocalDynamoDb.ENDPOINT_PROPERTY + "=" + endpoint, "-Xmx512m");
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            String db = r.getParams().getParam("database");
            String key = (db == null ? "dynamodb" : db) + "." + name;
            scores.put(key, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        figures.put("jmh", jmhJson(scores));
        ratioRow("get-by-id, H2", scores.get("h2.library"), scores.get("h2.handWrittenJdbc"), "hand-written JDBC",
                Double.NaN, "same HikariCP pool");
        ratioRow("get-by-id, MariaDB", scores.get("mariadb.library"), scores.get("mariadb.handWrittenJdbc"),
                "hand-written JDBC", 1.15, "same HikariCP pool, MariaDB Connector/J");
        ratioRow("get-by-id, PostgreSQL", scores.get("postgresql.library"), scores.get("postgresql.handWrittenJdbc"),
                "hand-written JDBC", 1.15, "same HikariCP pool, pgjdbc");
        ratioRow("get, DynamoDB (moto)", scores.get("dynamodb.getLibrary"), scores.get("dynamodb.getRawSdk"),
                "raw DynamoDbClient", 1.10, "consistent GetItem");
        ratioRow("put, DynamoDB (moto)", scores.get("dynamodb.putLibrary"), scores.get("dynamodb.putRawSdk"),
                "raw DynamoDbClient", Double.NaN, "conditional PutItem");
    }

    private static Map<String, Object> jmhJson(Map<String, double[]> scores) {
        Map<String, Object> out = new LinkedHashMap<>();
        scores.forEach((k, v) -> out.put(k, Map.of("usPerOp", ResultTable.round(v[0]), "error99", ResultTable.round(v[1]))));
        return out;
    }

    private void ratioRow(String comparison, double[] library, double[] baseline, String baselineName, double max,
                          String note) {
        if (library == null || baseline == null) {
            rows.add(new Row(comparison, "n/a", "n/a", "n/a", "", "NOT RUN", note));
            return;
        }
        double ratio = library[0] / baseline[0];
        String target = Double.isNaN(max) ? "(none)" : String.format(Locale.ROOT, "<= %.2fx", max);
        String verdict = Double.isNaN(max) ? "" : ratio <= max ? "met" : "MISSED";
        rows.add(new Row(comparison, fmtUs(library), baselineName + " " + fmtUs(baseline),
                String.format(Locale.ROOT, "%.2fx", ratio), target, verdict, note));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("libraryUsPerOp", ResultTable.round(library[0]));
        f.put("baselineUsPerOp", ResultTable.round(baseline[0]));
        f.put("ratio", ResultTable.round(ratio));
        if (!Double.isNaN(max)) {
            f.put("targetMax", max);
            f.put("met", ratio <= max);
        }
        figures.put(comparison, f);
    }

    private static String fmtUs(double[] score) {
        return String.format(Locale.ROOT, "%.1f ± %.1f us/op", score[0], score[1]);
    }

    // ------------------------------------------------------------------------------------------------ interleaved

    /**
     * A cross-check of the JMH ratios that the machine's drifting load cannot skew: in this JVM, after a warm-up,
     * blocks of library calls and of baseline calls alternate (library first in odd pairs, baseline first in even
     * ones), and the ratio is the median of the ratios of each pair of blocks.
     */
    private void interleaved() throws Exception {
        System.out.println();
        System.out.println("-- interleaved cross-check of the per-operation ratios --");
        Map<String, Object> f = new LinkedHashMap<>();
        for (String db : List.of("h2", "mariadb", "postgresql")) {
            JdbcGetBenchmark b = new JdbcGetBenchmark();
            b.database = db;
            b.setUp();
            try {
                f.put("get-by-id, " + db, pairedRatio("get-by-id " + db, b::library, b::handWrittenJdbc, 200, 20));
            } finally {
                b.tearDown();
            }
        }
        DynamoDbBenchmark d = new DynamoDbBenchmark();
        d.setUp();
        try {
            f.put("get, DynamoDB (moto)", pairedRatio("get dynamodb", d::getLibrary, d::getRawSdk, 40, 12));
            f.put("put, DynamoDB (moto)", pairedRatio("put dynamodb", d::putLibrary, d::putRawSdk, 40, 12));
        } finally {
            d.tearDown();
        }
        figures.put("interleaved", f);
    }

    private void addInterleaved(String comparison, String name) {
        Double ratio = interleavedRatios.get(name);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.comparison().equals(comparison) && ratio != null) {
                rows.set(i, new Row(r.comparison(), r.library(), r.baseline(),
                        r.ratio() + String.format(Locale.ROOT, " (interleaved %.2fx)", ratio), r.target(),
                        r.verdict(), r.note() + "; interleaved = median ratio of alternating blocks in one JVM"));
            }
        }
    }

    /** An operation of a comparison. */
    interface Op {
        Object run() throws Exception;
    }

    private Map<String, Object> pairedRatio(String name, Op library, Op baseline, int block, int pairs)
            throws Exception {
        for (int i = 0; i < block * 3; i++) {
            library.run();
            baseline.run();
        }
        double[] ratios = new double[pairs];
        double libraryTotal = 0;
        double baselineTotal = 0;
        for (int p = 0; p < pairs; p++) {
            double l;
            double b;
            if (p % 2 == 0) {
                l = timeBlock(library, block);
                b = timeBlock(baseline, block);
            } else {
                b = timeBlock(baseline, block);
                l = timeBlock(library, block);
            }
            ratios[p] = l / b;
            libraryTotal += l;
            baselineTotal += b;
        }
        java.util.Arrays.sort(ratios);
        double median = pairs % 2 == 1 ? ratios[pairs / 2] : (ratios[pairs / 2 - 1] + ratios[pairs / 2]) / 2;
        double libraryUs = libraryTotal / pairs / block / 1000;
        double baselineUs = baselineTotal / pairs / block / 1000;
        System.out.printf(Locale.ROOT, "%-16s library %.1f us/op, baseline %.1f us/op, median ratio of %d block"
                + " pairs %.2fx%n", name, libraryUs, baselineUs, pairs, median);
        interleavedRatios.put(name, median);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("libraryUsPerOp", ResultTable.round(libraryUs));
        f.put("baselineUsPerOp", ResultTable.round(baselineUs));
        f.put("medianRatio", ResultTable.round(median));
        f.put("blockSize", block);
        f.put("pairs", pairs);
        return f;
    }

    private static double timeBlock(Op op, int n) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        return System.nanoTime() - t0;
    }

    // ------------------------------------------------------------------------------------------------ bulk loads

    // ------------------------------------------------------------------------------------------------ copy

    /** The copy pipeline beside its source's stream() and its target's importAll ({@link CopyComparison}). */
    private void copies() throws Exception {
        CopyComparison copy = new CopyComparison(rows, figures);
        try (HikariDataSource h2 = Databases.pool("jdbc:h2:mem:bench_copy;DB_CLOSE_DELAY=-1", 4, "bench-copy-h2");
             HikariDataSource maria = Databases.pool(Databases.mariaDbUrl(), 4, "bench-copy-mariadb");
             HikariDataSource pg = Databases.pool(Databases.postgresUrl(), 4, "bench-copy-postgresql");
             DynamoDbClient dynamo = LocalDynamoDb.client()) {
            JdbcEmployeeStore h2Source = emptied(h2, "bench_copy_source");
            BulkLoadComparison.requireComplete(h2Source.importAll(SampleData.employees(0, COPY_ROWS)), COPY_ROWS);
            copy.run("H2 -> MariaDB", COPY_ROWS, h2Source, () -> emptied(maria, "bench_copy_target"), COPY_BATCH);

            JdbcEmployeeStore mariaSource = emptied(maria, "bench_copy_source");
            BulkLoadComparison.requireComplete(mariaSource.importAll(SampleData.employees(0, COPY_ROWS)), COPY_ROWS);
            copy.run("MariaDB -> PostgreSQL", COPY_ROWS, mariaSource, () -> emptied(pg, "bench_copy_target"),
                    COPY_BATCH);
            mariaSource.schema().drop();
            emptied(maria, "bench_copy_target").schema().drop();
            emptied(pg, "bench_copy_target").schema().drop();

            JdbcEmployeeStore small = emptied(h2, "bench_copy_small");
            BulkLoadComparison.requireComplete(small.importAll(SampleData.employees(0, COPY_DYNAMO_ROWS)),
                    COPY_DYNAMO_ROWS);
            List<DynamoDbEmployeeStore> tables = new ArrayList<>();
            copy.run("H2 -> DynamoDB endpoint", COPY_DYNAMO_ROWS, small, () -> {
                tables.forEach(t -> t.schema().drop());
                tables.clear();
                DynamoDbEmployeeStore t = DynamoDbEmployeeStore.builder().client(dynamo)
                        .tableName(LocalDynamoDb.uniqueTableName("bench_copy")).build();
                t.schema().create();
                tables.add(t);
                return t;
            }, 1_000);
            tables.forEach(t -> t.schema().drop());
        }
    }

    private static JdbcEmployeeStore emptied(HikariDataSource pool, String table) {
        JdbcEmployeeStore store = JdbcEmployeeStore.builder().dataSource(pool).table(table).build();
        store.schema().drop();
        store.schema().create();
        return store;
    }

    // ------------------------------------------------------------------------------------------------ DynamoDB

    /** Counts the requests of each operation name. */
    static final class RequestCounter implements ExecutionInterceptor {
        final Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            counts.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    k -> new AtomicInteger()).incrementAndGet();
        }

        int get(String operation) {
            AtomicInteger n = counts.get(operation);
            return n == null ? 0 : n.get();
        }

        long total() {
            return counts.values().stream().mapToLong(AtomicInteger::get).sum();
        }

        Map<String, Integer> snapshot() {
            Map<String, Integer> m = new LinkedHashMap<>();
            counts.forEach((k, v) -> m.put(k, v.get()));
            return m;
        }

        /** @return the requests of each operation since the snapshot, operations without any left out */
        Map<String, Integer> since(Map<String, Integer> snapshot) {
            Map<String, Integer> m = new LinkedHashMap<>();
            counts.forEach((k, v) -> {
                int n = v.get() - snapshot.getOrDefault(k, 0);
                if (n > 0) {
                    m.put(k, n);
                }
            });
            return m;
        }
    }

    private void importDynamoDb() {
        System.out.println();
        System.out.println("-- importAll into DynamoDB (moto): " + DYNAMO_IMPORT + " employees --");
        RequestCounter counter = new RequestCounter();
        try (DynamoDbClient client = LocalDynamoDb.client(counter)) {
            DynamoDbEmployeeStore warm = DynamoDbEmployeeStore.builder().client(client)
                    .tableName(LocalDynamoDb.uniqueTableName("bench_import_warm")).build();
            warm.schema().create();
            BulkLoadComparison.requireComplete(warm.importAll(SampleData.employees(0, 2_000)), 2_000);
            warm.schema().drop();

            DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client)
                    .tableName(LocalDynamoDb.uniqueTableName("bench_import")).build();
            store.schema().create();
            List<Employee> data = new ArrayList<>(SampleData.employees(0, DYNAMO_IMPORT));
            int before = counter.get("BatchWriteItem");
            long t0 = System.nanoTime();
            BulkLoadComparison.requireComplete(store.importAll(data), DYNAMO_IMPORT);
            double s = BulkLoadComparison.seconds(t0);
            int calls = counter.get("BatchWriteItem") - before;
            long stored = store.count();
            if (stored != DYNAMO_IMPORT) {
                throw new IllegalStateException("DynamoDB count " + stored + " after importing " + DYNAMO_IMPORT);
            }
            store.schema().drop();
            int minimum = (DYNAMO_IMPORT + 24) / 25;
            rows.add(new Row("importAll " + DYNAMO_IMPORT + ", DynamoDB (moto)",
                    String.format(Locale.ROOT, "%,.0f items/s", DYNAMO_IMPORT / s),
                    calls + " BatchWriteItem calls (minimum " + minimum + ")", "", "(none)", "",
                    "25 items a call, 4 calls in flight"));
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("items", DYNAMO_IMPORT);
            f.put("itemsPerSecond", ResultTable.round(DYNAMO_IMPORT / s));
            f.put("batchWriteItemCalls", calls);
            f.put("minimumCalls", minimum);
            figures.put("importAll, DynamoDB (moto)", f);
        }
    }

    // ------------------------------------------------------------------------------------------------ streams

    private void streams(String endpoint) throws Exception {
        System.out.println();
        System.out.println("-- stream() over " + STREAM_ROWS + " employees (" + STREAM_ROWS_DYNAMODB
                + " on DynamoDB) in a child JVM with -Xmx64m --");
        Map<String, Object> f = new LinkedHashMap<>();

        Path h2Dir = targetDirectory().resolve("bench-h2");
        deleteTree(h2Dir);
        String h2 = "jdbc:h2:file:" + h2Dir.resolve("stream");
        try (HikariDataSource pool = Databases.pool(h2, 2, "bench-stream-h2")) {
            JdbcEmployeeStore store = JdbcEmployeeStore.builder().dataSource(pool).table("bench_stream").build();
            store.schema().create();
            load(store, STREAM_ROWS);
        }
        f.put("h2", streamRow("H2 (embedded file)", "h2", h2, "bench_stream", STREAM_ROWS));

        try (HikariDataSource pool = Databases.pool(Databases.mariaDbUrl(), 4, "bench-stream-mariadb")) {
            JdbcEmployeeStore store = JdbcEmployeeStore.builder().dataSource(pool).table("bench_stream").build();
            store.schema().drop();
            store.schema().create();
            load(store, STREAM_ROWS);
            f.put("mariadb", streamRow("MariaDB", "mariadb", Databases.mariaDbUrl(), "bench_stream", STREAM_ROWS));
            store.schema().drop();
        }

        try (HikariDataSource pool = Databases.pool(Databases.postgresUrl(), 4, "bench-stream-postgresql")) {
            JdbcEmployeeStore store = JdbcEmployeeStore.builder().dataSource(pool).table("bench_stream").build();
            store.schema().drop();
            store.schema().create();
            load(store, STREAM_ROWS);
            f.put("postgresql", streamRow("PostgreSQL", "postgresql", Databases.postgresUrl(), "bench_stream",
                    STREAM_ROWS));
            store.schema().drop();
        }

        try (DynamoDbClient client = LocalDynamoDb.client()) {
            String table = LocalDynamoDb.uniqueTableName("bench_stream");
            DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(table)
                    .importConcurrency(8).build();
            store.schema().create();
            load(store, STREAM_ROWS_DYNAMODB);
            f.put("dynamodb", streamRow("DynamoDB (moto)", "dynamodb", endpoint, table, STREAM_ROWS_DYNAMODB));
            store.schema().drop();
        }
        deleteTree(h2Dir);
        figures.put("stream", f);
    }

    private static void load(io.github.employeestore.EmployeeStore store, int rows) {
        for (int from = 0; from < rows; from += 20_000) {
            int n = Math.min(20_000, rows - from);
            BulkLoadComparison.requireComplete(store.importAll(SampleData.employees(from, n)), n);
        }
    }

    private Map<String, Object> streamRow(String label, String backend, String where, String table, int rows)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                StreamCheck.class.getName(), backend, where, table);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("STREAM-RESULT ")) {
                    result = line;
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        int exit = p.waitFor();
        Map<String, Object> f = new LinkedHashMap<>();
        if (exit != 0 || result == null) {
            this.rows.add(new Row("stream " + rows + ", " + label, "FAILED (exit " + exit + ")", "", "",
                    "completes in -Xmx64m", "MISSED", lastLines(output.toString())));
            f.put("completed", false);
            f.put("exit", exit);
            return f;
        }
        String[] parts = result.split(" ");
        long count = Long.parseLong(parts[2]);
        long peak = Long.parseLong(parts[3]);
        long max = Long.parseLong(parts[4]);
        long millis = Long.parseLong(parts[5]);
        long live = Long.parseLong(parts[6]);
        boolean ok = count == rows;
        this.rows.add(new Row("stream " + rows + ", " + label,
                String.format(Locale.ROOT, "%,d employees in %.1f s", count, millis / 1000.0),
                String.format(Locale.ROOT, "peak heap %.1f MiB, live after GC %.1f MiB, of %.0f MiB",
                        peak / 1048576.0, live / 1048576.0, max / 1048576.0),
                "", "completes in -Xmx64m", ok ? "met" : "MISSED",
                "child JVM; peak heap = sum of the heap pools' peak usage (the collector lets garbage fill the"
                        + " heap before it runs), live after GC = the largest heap in use right after a collection"));
        f.put("completed", ok);
        f.put("count", count);
        f.put("peakHeapBytes", peak);
        f.put("maxLiveHeapAfterGcBytes", live);
        f.put("maxHeapBytes", max);
        f.put("seconds", ResultTable.round(millis / 1000.0));
        return f;
    }

    private static String lastLines(String text) {
        String[] lines = text.strip().split("\n");
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 3), lines.length));
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
