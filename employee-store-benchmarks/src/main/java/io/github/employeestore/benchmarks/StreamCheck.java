package io.github.employeestore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * The child JVM of the streaming check: streams every employee of one store, counts them, and prints one line
 * {@code STREAM-RESULT backend count peakHeapBytes maxHeapBytes millis}. The runner starts it with {@code -Xmx64m};
 * the peak heap is the sum of the peak usages of the heap memory pools ({@link MemoryPoolMXBean#getPeakUsage()}),
 * an upper bound of the heap ever in use at once. Not for use as a library.
 */
public final class StreamCheck {
    private StreamCheck() {
    }

    /**
     * @param args backend ({@code h2}, {@code mariadb}, {@code dynamodb}), JDBC URL or DynamoDB endpoint, table
     * @throws Exception on failure (the exit code is then not 0)
     */
    public static void main(String[] args) throws Exception {
        String backend = args[0];
        String where = args[1];
        String table = args[2];
        long start = System.nanoTime();
        long count;
        switch (backend) {
            case "h2", "mariadb" -> {
                try (HikariDataSource pool = Databases.pool(where, 2, "stream-" + backend);
                     EmployeeStore store = JdbcEmployeeStore.builder().dataSource(pool).table(table).build()) {
                    count = store.stream().count();
                }
            }
            case "dynamodb" -> {
                System.setProperty(LocalDynamoDb.ENDPOINT_PROPERTY, where);
                try (DynamoDbClient client = LocalDynamoDb.client();
                     EmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(table).build()) {
                    count = store.stream().count();
                }
            }
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println(String.format(Locale.ROOT, "STREAM-RESULT %s %d %d %d %d", backend, count, peak,
                Runtime.getRuntime().maxMemory(), millis));
    }
}
