package io.github.employeestore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.jdbc.JdbcEmployeeStore;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Name search (CONTRACT §4.20) on one SQL database with {@code bench.search.rows} employees (1,000,000 by default)
 * whose names follow real name frequencies ({@link RealNames}), side by side in one run:
 * <ol>
 *   <li>{@code importAll} of every employee into the emptied table with its search index, in chunks of
 *       {@value #LOAD_CHUNK}: rows per second; and, beside it, the same first {@code bench.search.import.rows}
 *       employees imported into a table with the search index and into one without it, alternating, best of two
 *       ({@link SearchImportCost});</li>
 *   <li>page latency (median and 95th percentile) of {@code find(EmployeeQuery.byName(q))} for a set of searches of
 *       different selectivity, first pages and the page after, beside a hand-written JDBC query on the same index
 *       ({@link HandWrittenSearch}), the two alternating call by call so the machine's load drifts over both
 *       alike;</li>
 *   <li>the naive way to search without an index: {@code LOWER(full_name) LIKE '%word%'} per word, ordered by name,
 *       on the same table: a scan.</li>
 * </ol>
 * Not thread-safe.
 */
final class SearchBenchmark {
    /** Employees per {@code importAll} call while loading. */
    static final int LOAD_CHUNK = 50_000;
    /** Searches of different selectivity among names drawn by real frequencies. */
    static final List<String> SEARCHES = List.of("smi", "john", "garcia", "m", "emma wil", "jo sm", "xav",
            "olivia johnson", "lee");
    /** The searches the naive scan runs (it takes a second or more each). */
    static final List<String> LIKE_SEARCHES = List.of("smi", "emma wil", "xav");
    private static final int PAGE = 25;

    private final int employees;
    private final int rounds;
    private final int likeRounds;
    private final List<BenchmarkRunner.Row> rows;
    private final Map<String, Object> figures;

    SearchBenchmark(int employees, int rounds, int likeRounds, List<BenchmarkRunner.Row> rows,
                    Map<String, Object> figures) {
        this.employees = employees;
        this.rounds = rounds;
        this.likeRounds = likeRounds;
        this.rows = rows;
        this.figures = figures;
    }

    /**
     * @param label the database's name in the table
     * @param url   its JDBC URL
     * @throws Exception when a step fails or answers wrongly
     */
    void run(String label, String url) throws Exception {
        System.out.println();
        System.out.println("-- name search on " + label + ": " + String.format(Locale.ROOT, "%,d", employees)
                + " employees with real name frequencies --");
        Map<String, Object> f = new LinkedHashMap<>();
        try (HikariDataSource pool = Databases.pool(url, 4, "bench-search")) {
            JdbcEmployeeStore store = JdbcEmployeeStore.builder().dataSource(pool).table("bench_search").build();
            f.put("load", load(label, store, pool));
            HandWrittenSearch raw = new HandWrittenSearch(pool, store);
            f.put("pages", pages(label, store, raw));
            f.put("naiveLike", naive(label, store, raw));
            if (!Boolean.getBoolean("bench.search.keep")) {
                store.schema().drop();
            }
        }
        figures.put("name search, " + label, f);
    }

    /**
     * Loads the table, or keeps it when {@code -Dbench.search.keep=true} and it holds every employee already. The
     * employees go in by {@code importAll} into the table without its search structures (as the version before
     * search left it; {@code importAll} with the index is measured on its own by {@link SearchImportCost}), then
     * {@code schema().create()} adds the structures, the index rows the library computes
     * ({@code NameIndex.rows}) are bulk-loaded by the database's own loader, and {@code backfillSearchIndex}
     * checks every employee against them and marks the index complete.
     */
    private Map<String, Object> load(String label, JdbcEmployeeStore store, javax.sql.DataSource pool)
            throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        if (Boolean.getBoolean("bench.search.keep") && store.schema().exists() && store.count() == employees) {
            // a run stopped during the backfill left the index not ready: the backfill resumes where it stopped
            long t = System.nanoTime();
            io.github.employeestore.BackfillProgress done = store.schema().backfillSearchIndex(p -> { });
            System.out.printf(Locale.ROOT, "kept the loaded table (bench.search.keep); the backfill checked %,d"
                    + " employees and indexed %,d in %.1f s%n", done.examined(), done.indexed(),
                    BulkLoadComparison.seconds(t));
            f.put("kept", true);
            return f;
        }
        store.schema().drop();
        store.schema().create();
        String q = store.dialect().isMySqlFamily() ? "`" : "\"";
        Databases.execute(pool, "DROP TABLE " + q + store.table() + "_name_prefixes" + q);
        Databases.execute(pool, "DROP TABLE " + q + store.table() + "_search_state" + q);
        JdbcEmployeeStore plain = JdbcEmployeeStore.builder().dataSource(pool).table(store.table()).build();
        long t0 = System.nanoTime();
        for (int from = 0; from < employees; from += LOAD_CHUNK) {
            int n = Math.min(LOAD_CHUNK, employees - from);
            BulkLoadComparison.requireComplete(plain.importAll(RealNames.get().employees(from, n)), n);
        }
        double importSeconds = BulkLoadComparison.seconds(t0);
        plain.schema().create();   // adds the search structures: not ready until the backfill
        long t1 = System.nanoTime();
        long indexRows = 0;
        for (int from = 0; from < employees; from += LOAD_CHUNK) {
            indexRows += IndexRowsLoader.load(pool, store, RealNames.get().employees(from,
                    Math.min(LOAD_CHUNK, employees - from)));
        }
        double indexSeconds = BulkLoadComparison.seconds(t1);
        // statistics after a bulk load, as a DBA takes them: without them PostgreSQL plans the backfill's look-up of
        // 500 ids as a scan of the 13,000,000 index rows (about 1 s per batch instead of a few milliseconds)
        Databases.execute(pool, (store.dialect().isMySqlFamily() ? "ANALYZE TABLE " : "ANALYZE ") + q
                + store.table() + "_name_prefixes" + q);
        long t2 = System.nanoTime();
        io.github.employeestore.BackfillProgress done = plain.schema().backfillSearchIndex(p -> { });
        double backfillSeconds = BulkLoadComparison.seconds(t2);
        if (store.count() != employees || done.indexed() != 0) {
            throw new IllegalStateException(label + ": " + store.count() + " employees after loading " + employees
                    + ", the backfill wrote " + done.indexed() + " (expected none)");
        }
        System.out.printf(Locale.ROOT, "loaded %,d employees in %.1f s, their %,d index rows in %.1f s; the backfill"
                + " checked %,d employees in %.1f s%n", employees, importSeconds, indexRows, indexSeconds,
                done.examined(), backfillSeconds);
        f.put("employees", employees);
        f.put("importSecondsWithoutIndex", ResultTable.round(importSeconds));
        f.put("indexRows", indexRows);
        f.put("indexRowsLoadSeconds", ResultTable.round(indexSeconds));
        f.put("backfillCheckSeconds", ResultTable.round(backfillSeconds));
        f.put("backfillExamined", done.examined());
        return f;
    }

    /** Library and hand-written pages, alternating call by call (which goes first alternates too). */
    private Map<String, Object> pages(String label, JdbcEmployeeStore store, HandWrittenSearch raw)
            throws SQLException {
        Map<String, Object> f = new LinkedHashMap<>();
        // the same answers first: the hand-written query is a fair baseline only if it returns the same pages
        for (String q : SEARCHES) {
            Page<Employee> first = store.find(EmployeeQuery.byName(q), PageRequest.first(PAGE));
            HandWrittenSearch.Result mine = raw.firstPage(q, PAGE);
            requireSame(label, q, first.items(), mine.items());
            if (first.nextCursor().isPresent() != (mine.last() != null)) {
                throw new IllegalStateException(label + ", search '" + q + "': the library and the hand-written"
                        + " query disagree on whether a second page exists");
            }
            if (first.nextCursor().isPresent()) {
                Page<Employee> second = store.find(EmployeeQuery.byName(q),
                        PageRequest.after(first.nextCursor().get(), PAGE));
                requireSame(label, q + " (page 2)", second.items(), raw.nextPage(q, mine, PAGE).items());
            }
            f.put("matches on page 1, " + q, first.items().size());
        }
        Latencies library = new Latencies();
        Latencies handWritten = new Latencies();
        // the client's CPU time per call (this thread's): under a shared machine's load, wall time multiplies each
        // millisecond of CPU by the wait for a core, so the client's share is seen better here
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Latencies libraryCpu = new Latencies();
        Latencies handWrittenCpu = new Latencies();
        Map<String, Latencies[]> bySearch = new LinkedHashMap<>();
        SEARCHES.forEach(q -> bySearch.put(q, new Latencies[] {new Latencies(), new Latencies()}));
        for (int round = -Math.max(3, rounds / 10); round < rounds; round++) {   // negative rounds warm up
            for (String q : SEARCHES) {
                boolean libraryFirst = (round + q.length()) % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    if ((k == 0) == libraryFirst) {
                        long c0 = threads.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        Page<Employee> p = store.find(EmployeeQuery.byName(q), PageRequest.first(PAGE));
                        long t1 = System.nanoTime();
                        long c1 = threads.getCurrentThreadCpuTime();
                        if (p.nextCursor().isPresent()) {
                            store.find(EmployeeQuery.byName(q), PageRequest.after(p.nextCursor().get(), PAGE));
                        }
                        long t2 = System.nanoTime();
                        long c2 = threads.getCurrentThreadCpuTime();
                        if (round >= 0) {
                            libraryCpu.add(c1 - c0);
                            if (p.nextCursor().isPresent()) {
                                libraryCpu.add(c2 - c1);
                            }
                            library.add(t1 - t0);
                            bySearch.get(q)[0].add(t1 - t0);
                            if (p.nextCursor().isPresent()) {
                                library.add(t2 - t1);
                            }
                        }
                    } else {
                        long c0 = threads.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        HandWrittenSearch.Result p = raw.firstPage(q, PAGE);
                        long t1 = System.nanoTime();
                        long c1 = threads.getCurrentThreadCpuTime();
                        if (p.last() != null) {
                            raw.nextPage(q, p, PAGE);
                        }
                        long t2 = System.nanoTime();
                        long c2 = threads.getCurrentThreadCpuTime();
                        if (round >= 0) {
                            handWrittenCpu.add(c1 - c0);
                            if (p.last() != null) {
                                handWrittenCpu.add(c2 - c1);
                            }
                            handWritten.add(t1 - t0);
                            bySearch.get(q)[1].add(t1 - t0);
                            if (p.last() != null) {
                                handWritten.add(t2 - t1);
                            }
                        }
                    }
                }
            }
        }
        double ratio = library.median() / handWritten.median();
        System.out.printf(Locale.ROOT, "byName page of %d: library %s; hand-written %s; ratio of medians"
                + " %.2fx%n", PAGE, library.describe(), handWritten.describe(), ratio);
        rows.add(new BenchmarkRunner.Row("byName page, " + label, library.describe(),
                "hand-written JDBC " + handWritten.describe(), String.format(Locale.ROOT, "%.2fx", ratio),
                "<= 1.20x", ratio <= 1.2 ? "met" : "MISSED",
                SEARCHES.size() + " searches (" + String.join(", ", SEARCHES) + "), each a first page of " + PAGE
                        + " and the page after it, " + rounds + " rounds, library and hand-written alternating call"
                        + " by call; same pool, same index (" + raw.describe() + ")"));
        System.out.printf(Locale.ROOT, "  client CPU per page (this thread): library %s; hand-written %s%n",
                libraryCpu.describe(), handWrittenCpu.describe());
        f.put("library", library.json());
        f.put("handWritten", handWritten.json());
        f.put("libraryClientCpu", libraryCpu.json());
        f.put("handWrittenClientCpu", handWrittenCpu.json());
        f.put("ratioOfMedians", ResultTable.round(ratio));
        f.put("targetMax", 1.2);
        f.put("met", ratio <= 1.2);
        Map<String, Object> perSearch = new LinkedHashMap<>();
        bySearch.forEach((q, l) -> {
            System.out.printf(Locale.ROOT, "  '%s' first page: library %s, hand-written %s%n", q, l[0].describe(),
                    l[1].describe());
            perSearch.put(q, Map.of("libraryFirstPage", l[0].json(), "handWrittenFirstPage", l[1].json()));
        });
        f.put("perSearch", perSearch);
        return f;
    }

    private Map<String, Object> naive(String label, JdbcEmployeeStore store, HandWrittenSearch raw)
            throws SQLException {
        Latencies like = new Latencies();
        Latencies library = new Latencies();
        raw.likePage(LIKE_SEARCHES.get(0), PAGE);   // warm-up
        for (int round = 0; round < likeRounds; round++) {
            for (String q : LIKE_SEARCHES) {
                long t0 = System.nanoTime();
                raw.likePage(q, PAGE);
                like.add(System.nanoTime() - t0);
                t0 = System.nanoTime();
                store.find(EmployeeQuery.byName(q), PageRequest.first(PAGE));
                library.add(System.nanoTime() - t0);
            }
        }
        double ratio = like.median() / library.median();
        System.out.printf(Locale.ROOT, "naive LIKE scan, first page: %s; byName first page %s; %.0fx%n",
                like.describe(), library.describe(), ratio);
        rows.add(new BenchmarkRunner.Row("byName vs naive LIKE scan, " + label, "first page: " + library.describe(),
                "LIKE '%word%' " + like.describe(), String.format(Locale.ROOT, "%.0fx faster", ratio), "(none)", "",
                "LOWER(full_name) LIKE '%w%' for each word, ORDER BY full_name, id LIMIT " + PAGE + ": a scan of"
                        + " the table (and not the same rule: substrings, no folding); searches "
                        + String.join(", ", LIKE_SEARCHES) + ", " + likeRounds + " rounds"));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("like", like.json());
        f.put("byNameFirstPage", library.json());
        f.put("speedup", ResultTable.round(ratio));
        return f;
    }

    private static void requireSame(String label, String q, List<Employee> library, List<Employee> handWritten) {
        if (!Objects.equals(library, handWritten)) {
            List<String> ids = new ArrayList<>();
            library.forEach(e -> ids.add(e.id()));
            List<String> mine = new ArrayList<>();
            handWritten.forEach(e -> mine.add(e.id()));
            throw new IllegalStateException(label + ", search '" + q + "': the library returned " + ids
                    + " but the hand-written query " + mine);
        }
    }
}
