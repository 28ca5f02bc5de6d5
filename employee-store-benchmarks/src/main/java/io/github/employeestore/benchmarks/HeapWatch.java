package io.github.employeestore.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap a piece of work needs, as a figure comparable with {@code -Xmx}: the largest heap in use right after a
 * garbage collection while the work ran (the live data and what the collector kept, summed over the heap pools from
 * each collection's notification). The sum of the pools' peak usages
 * is no such figure: it adds peaks reached at different moments, garbage included, and can exceed {@code -Xmx}. The
 * figure is an upper bound of the live data, never above {@code -Xmx}: after G1's young collections the old
 * generation's garbage is still counted (a 1,000,000-row {@code importAll} showed 249 MiB here under {@code -Xmx256m},
 * while a full collection in a smaller heap left 120 MiB). A work that ran without a collection reports the heap in
 * use at its end instead (a bound: garbage included).
 * Not thread-safe: one watch at a time.
 */
final class HeapWatch implements NotificationListener, AutoCloseable {
    private final Set<String> heapPools = new HashSet<>();
    private final AtomicLong maxAfterGc = new AtomicLong(-1);
    private final Set<NotificationEmitter> emitters = new HashSet<>();

    HeapWatch() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        System.gc();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        maxAfterGc.accumulateAndGet(used, Math::max);
    }

    /**
     * @return "N MiB" the largest heap in use after a collection during the work, or, without a collection, the heap
     *         in use now marked as such
     */
    String figure() {
        try {
            Thread.sleep(200); // collection notifications arrive on another thread, shortly after the collection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long max = maxAfterGc.get();
        if (max >= 0) {
            return String.format(java.util.Locale.ROOT, "%d MiB", max >> 20);
        }
        return String.format(java.util.Locale.ROOT, "<%d MiB", ManagementFactory.getMemoryMXBean()
                .getHeapMemoryUsage().getUsed() >> 20);
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (javax.management.ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}
