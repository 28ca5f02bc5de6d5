package io.github.employeestore.benchmarks;

import io.github.employeestore.Capability;
import io.github.employeestore.ConsumedCapacity;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.spi.CapacityMeter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Name search on DynamoDB (moto): the requests and the consumed capacity of each search page, counted by an SDK
 * interceptor and by {@link CapacityMeter} around the call, on tables of two sizes with real name frequencies
 * ({@link RealNames}), so that a cost that grows with the table shows; and the write cost of the search index:
 * {@code importAll} of the same employees into a table whose store keeps the index. Not thread-safe.
 */
final class SearchDynamoDbBenchmark {
    private static final int PAGE = 25;

    private final int[] sizes;
    private final List<BenchmarkRunner.Row> rows;
    private final Map<String, Object> figures;

    SearchDynamoDbBenchmark(int[] sizes, List<BenchmarkRunner.Row> rows, Map<String, Object> figures) {
        this.sizes = sizes;
        this.rows = rows;
        this.figures = figures;
    }

    void run() {
        System.out.println();
        System.out.println("-- name search on DynamoDB (moto): requests and consumed capacity per page --");
        BenchmarkRunner.RequestCounter counter = new BenchmarkRunner.RequestCounter();
        Map<String, Object> f = new LinkedHashMap<>();
        try (DynamoDbClient client = LocalDynamoDb.client(counter)) {
            for (int size : sizes) {
                DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client)
                        .tableName(LocalDynamoDb.uniqueTableName("bench_search")).build();
                if (!store.capabilities().contains(Capability.SEARCH)) {
                    rows.add(new BenchmarkRunner.Row("search page, DynamoDB (moto)", "n/a", "", "", "(none)",
                            "NOT RUN", "this DynamoDB backend does not declare Capability.SEARCH"));
                    f.put("notRun", "no Capability.SEARCH");
                    break;
                }
                store.schema().create();
                long writes0 = counter.total();
                long t0 = System.nanoTime();
                BulkLoadComparison.requireComplete(store.importAll(RealNames.get().employees(0, size)), size);
                double seconds = BulkLoadComparison.seconds(t0);
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("employees", size);
                g.put("importSeconds", ResultTable.round(seconds));
                g.put("importRequests", counter.total() - writes0);
                System.out.printf(Locale.ROOT, "%,d employees imported in %.1f s, %d requests%n", size, seconds,
                        counter.total() - writes0);
                Map<String, Object> pages = new LinkedHashMap<>();
                for (String q : SearchBenchmark.SEARCHES) {
                    pages.put(q, measure(counter, q, () -> store.find(EmployeeQuery.byName(q),
                            PageRequest.first(PAGE)), c -> store.find(EmployeeQuery.byName(q),
                            PageRequest.after(c, PAGE))));
                }
                pages.put("(listByName)", measure(counter, "(listByName)", () -> store.listByName(
                        PageRequest.first(PAGE)), c -> store.listByName(PageRequest.after(c, PAGE))));
                g.put("pages", pages);
                f.put(Integer.toString(size), g);
                store.schema().drop();
            }
        }
        figures.put("name search, DynamoDB (moto)", f);
        summarize(f);
    }

    private static Map<String, Object> measure(BenchmarkRunner.RequestCounter counter, String q,
                                               Supplier<Page<Employee>> first,
                                               java.util.function.Function<String, Page<Employee>> after) {
        Map<String, Object> m = new LinkedHashMap<>();
        Page<Employee> p = null;
        for (String which : List.of("page 1", "page 2")) {
            if (p != null && p.nextCursor().isEmpty()) {
                break;
            }
            Map<String, Integer> before = counter.snapshot();
            ConsumedCapacity used;
            Page<Employee> page;
            try (CapacityMeter.Scope scope = CapacityMeter.start()) {
                page = p == null ? first.get() : after.apply(p.nextCursor().get());
                used = scope.total();
            }
            Map<String, Integer> requests = counter.since(before);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("items", page.items().size());
            r.put("requests", new TreeMap<>(requests));
            r.put("requestCount", requests.values().stream().mapToInt(Integer::intValue).sum());
            r.put("readUnits", ResultTable.round(used.readUnits()));
            m.put(which, r);
            System.out.printf(Locale.ROOT, "  %-16s %s: %2d items, %d requests %s, %.1f RCU%n", q, which,
                    page.items().size(), r.get("requestCount"), requests, used.readUnits());
            p = page;
        }
        return m;
    }

    /** One row per table size: the most requests and read units any search page took. */
    @SuppressWarnings("unchecked")
    private void summarize(Map<String, Object> f) {
        for (Map.Entry<String, Object> e : f.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> g) || !g.containsKey("pages")) {
                continue;
            }
            int maxRequests = 0;
            double maxUnits = 0;
            double sumRequests = 0;
            int n = 0;
            for (Object pages : ((Map<String, Object>) g.get("pages")).values()) {
                for (Object page : ((Map<String, Object>) pages).values()) {
                    Map<String, Object> r = (Map<String, Object>) page;
                    maxRequests = Math.max(maxRequests, (Integer) r.get("requestCount"));
                    maxUnits = Math.max(maxUnits, (Double) r.get("readUnits"));
                    sumRequests += (Integer) r.get("requestCount");
                    n++;
                }
            }
            rows.add(new BenchmarkRunner.Row("search page of " + PAGE + ", DynamoDB (moto), " + String.format(
                    Locale.ROOT, "%,d", Integer.parseInt(e.getKey())) + " employees",
                    String.format(Locale.ROOT, "%.1f requests on average, at most %d; at most %.1f RCU", sumRequests / n,
                            maxRequests, maxUnits), "", "", "(none)", "",
                    n + " pages (first and second of each search, and listByName); requests counted by an SDK"
                            + " interceptor, read units from the store's consumed-capacity reports"));
        }
    }
}
