package io.github.employeestore.benchmarks;

import io.github.employeestore.Employee;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DynamoDB's {@code importAll} (BatchWriteItem) and {@code createAll} (conditional PutItems) with one sending thread
 * and with the default four ({@code importConcurrency}), on the moto server (or the endpoint given by
 * {@value LocalDynamoDb#ENDPOINT_PROPERTY}), each into a new table, best of two rounds; prints the rates and the
 * speed-up. Run: {@code java -cp benchmarks.jar io.github.employeestore.benchmarks.DynamoDbBulkThreads
 * [-Dbench.dynamodb.bulk.rows=5000]}.
 */
public final class DynamoDbBulkThreads {
    private DynamoDbBulkThreads() {
    }

    /**
     * @param args unused
     */
    public static void main(String[] args) {
        int rows = Integer.getInteger("bench.dynamodb.bulk.rows", 5_000);
        List<Employee> employees = SampleData.employees(0, rows);
        List<Employee> drafts = new ArrayList<>(rows);
        for (Employee e : employees) {
            drafts.add(e.toBuilder().version(0).createdAt(null).updatedAt(null).build());
        }
        System.out.println("DynamoDB bulk writes, " + rows + " employees, load average before " + BulkWriteBenchmark.load());
        try (DynamoDbClient client = LocalDynamoDb.client()) {
            double[][] best = new double[2][2];
            for (int round = 0; round < 2; round++) {
                for (int t = 0; t < 2; t++) {
                    int threads = t == 0 ? 1 : 4;
                    best[t][0] = Math.max(best[t][0], rate(client, threads, true, employees));
                    best[t][1] = Math.max(best[t][1], rate(client, threads, false, drafts));
                }
            }
            System.out.printf(Locale.ROOT, "importAll: 1 thread %,.0f items/s, 4 threads %,.0f items/s: %.2fx%n",
                    best[0][0], best[1][0], best[1][0] / best[0][0]);
            System.out.printf(Locale.ROOT, "createAll: 1 thread %,.0f items/s, 4 threads %,.0f items/s: %.2fx%n",
                    best[0][1], best[1][1], best[1][1] / best[0][1]);
            System.out.printf(Locale.ROOT, "createAll/importAll at 4 threads: %.2fx; load average after %s%n",
                    best[1][1] / best[1][0], BulkWriteBenchmark.load());
        }
    }

    private static double rate(DynamoDbClient client, int threads, boolean importAll, List<Employee> rows) {
        DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(client)
                .tableName(LocalDynamoDb.uniqueTableName("bench_bulk_threads")).importConcurrency(threads).build();
        store.schema().create();
        try {
            long t0 = System.nanoTime();
            boolean complete = importAll ? store.importAll(rows).isComplete() : store.createAll(rows).isComplete();
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!complete) {
                throw new IllegalStateException((importAll ? "importAll" : "createAll") + " was not complete");
            }
            return rows.size() / seconds;
        } finally {
            store.schema().drop();
        }
    }
}
