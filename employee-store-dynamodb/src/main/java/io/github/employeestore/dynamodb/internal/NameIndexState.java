package io.github.employeestore.dynamodb.internal;

import io.github.employeestore.spi.NameFolding;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether a table's name-search index is complete, told by a marker item in the index table (partition
 * {@value NameIndexKeys#META}, sort key {@value NameIndexKeys#META_STATE}): {@code state = READY} and the
 * {@code folding} version it was built with ({@link NameFolding#VERSION}; an index of another folding version is not
 * ready). The marker is written by {@code schema().create()} when it creates the table (nothing to index), and by the
 * backfill when it has indexed every employee; while it runs, the marker holds the backfill's checkpoint.
 *
 * <p>A search asks {@link #isReady()}, which reads the marker (one consistent GetItem) only the first time and then
 * at most once a second while the index is not ready: once ready, it stays ready for the life of the store (until
 * this store's {@code schema().drop()}). Thread-safe.
 */
public final class NameIndexState {
    /** The marker's state attribute. */
    public static final String STATE = "state";
    /** The marker's folding version attribute. */
    public static final String FOLDING = "folding";
    /** The state of a complete index. */
    public static final String READY = "READY";
    /** The state of an index being backfilled. */
    public static final String BACKFILLING = "BACKFILLING";
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DynamoDbClient client;
    private final String indexTable;
    private final LongSupplier ticker;
    private volatile boolean ready;
    private final AtomicLong nextCheck;
    private final AtomicLong tablesChanged = new AtomicLong();

    /**
     * @param client the client
     * @param table  the employee table
     * @param ticker the time source, in nanoseconds
     */
    public NameIndexState(DynamoDbClient client, String table, LongSupplier ticker) {
        this.client = Objects.requireNonNull(client, "client");
        this.indexTable = NameIndexKeys.indexTable(table);
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.nextCheck = new AtomicLong(ticker.getAsLong());
    }

    /** @return whether the index is complete (cached as described above) */
    public boolean isReady() {
        if (ready) {
            return true;
        }
        long now = ticker.getAsLong();
        long due = nextCheck.get();
        if (now - due < 0 || !nextCheck.compareAndSet(due, now + RECHECK_NANOS)) {
            return false;
        }
        Optional<Map<String, AttributeValue>> marker = read();
        if (marker.isPresent() && isReady(marker.get())) {
            ready = true;
        }
        return ready;
    }

    /**
     * @param marker a marker item
     * @return whether it says the index is complete for this version's folding
     */
    public static boolean isReady(Map<String, AttributeValue> marker) {
        AttributeValue state = marker.get(STATE);
        AttributeValue folding = marker.get(FOLDING);
        return state != null && READY.equals(state.s()) && folding != null
                && NameFolding.VERSION.equals(folding.s());
    }

    /** @return the marker item, empty when there is none or no index table */
    public Optional<Map<String, AttributeValue>> read() {
        try {
            GetItemResponse r = client.getItem(b -> b.tableName(indexTable).key(key()).consistentRead(true));
            return r.hasItem() && !r.item().isEmpty() ? Optional.of(r.item()) : Optional.empty();
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes the marker with {@code attributes} (state, checkpoint, counts).
     *
     * @param attributes the marker's attributes besides its key and folding version
     */
    public void write(Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key());
        item.put(FOLDING, AttributeValue.fromS(NameFolding.VERSION));
        item.putAll(attributes);
        client.putItem(b -> b.tableName(indexTable).item(item));
        if (READY.equals(attributes.get(STATE) == null ? null : attributes.get(STATE).s())) {
            ready = true;
        }
    }

    /** Remembers that the index is complete (its marker was read and says so). */
    public void sawReady() {
        ready = true;
    }

    /** Forgets that the index was ready (the tables were dropped, or the index table was created). */
    public void forget() {
        ready = false;
        nextCheck.set(ticker.getAsLong());
        tablesChanged.incrementAndGet();
    }

    /**
     * @return a number that changes whenever this store's {@code schema()} drops the tables or creates the index
     *         table: a store's memory that the index table is missing holds only while it stays the same
     */
    public long tablesChanged() {
        return tablesChanged.get();
    }

    /** @return the marker's key */
    static Map<String, AttributeValue> key() {
        return Map.of(NameIndexKeys.PK, AttributeValue.fromS(NameIndexKeys.META),
                NameIndexKeys.SK, AttributeValue.fromS(NameIndexKeys.META_STATE));
    }
}
