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
 * {@code STREAM-RESULT backend count peakHeapBytes maxHeapBytes millis liveHeapBytes}. The runner starts it with
 * {@code -Xmx64m}; the peak heap is the sum of the peak usages of the heap memory pools
 * ({@link MemoryPoolMXBean#getPeakUsage()}), an upper bound of the heap ever in use at once (garbage included); the
 * live heap is the largest heap in use right after a garbage collection, what the program actually retained. Not for use as a library.
 */
public final class StreamCheck {
    private StreamCheck() {
    }

    /** The largest heap in use right after any garbage collection, from the collectors' notifications. */
    static final class LiveHeap {
        private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();

        LiveHeap() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter emitter) {
                    emitter.addNotificationListener((notification, handback) -> {
                        if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                                .equals(notification.getType())) {
                            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                                    (javax.management.openmbean.CompositeData) notification.getUserData());
                            long used = 0;
                            for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                                if (isHeap(entry.getKey())) {
                                    used += entry.getValue().getUsed();
                                }
                            }
                            max.accumulateAndGet(used, Math::max);
                        }
                    }, null, null);
                }
            }
        }

        private static boolean isHeap(String pool) {
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getName().equals(pool)) {
                    return p.getType() == MemoryType.HEAP;
                }
            }
            return false;
        }

        long max() {
            return max.get();
        }
    }

    /**
     * @param args backend ({@code h2}, {@code mariadb}, {@code dynamodb}), JDBC URL or DynamoDB endpoint, table
     * @throws Exception on failure (the exit code is then not 0)
     */
    public static void main(String[] args) throws Exception {
        LiveHeap live = new LiveHeap();
        String backend = args[0];
        String where = args[1];
        String table = args[2];
        long start = System.nanoTime();
        long count;
        switch (backend) {
            case "h2", "mariadb", "postgresql" -> {
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
        System.out.println(String.format(Locale.ROOT, "STREAM-RESULT %s %d %d %d %d %d", backend, count, peak,
                Runtime.getRuntime().maxMemory(), millis, live.max()));
    }
}
