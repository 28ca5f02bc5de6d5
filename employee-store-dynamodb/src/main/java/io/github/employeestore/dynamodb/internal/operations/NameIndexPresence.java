package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Whether the name-index table of a store's employee table exists, for the writes: on a table made by an older
 * version of the library (or whose index table was removed), every write but a search works without the index
 * (CONTRACT §4.20.8), so a write whose index items name a missing table asks DescribeTable once, and when the index
 * table is missing it is written without them; for {@value #MISSING_MILLIS} ms after that, writes skip the index
 * without trying, unless this store's {@code schema()} has created the index table (or dropped the tables) since. {@code schema().create()} waits that long after adding the index table to an existing table, so
 * that every write that starts once it returns maintains the index, and a backfill started then misses none.
 * Thread-safe.
 */
final class NameIndexPresence {
    /** How long a missing index table is remembered. */
    static final long MISSING_MILLIS = NameIndexKeys.MISSING_TABLE_MEMORY_MILLIS;

    private final StoreContext ctx;
    private final String indexTable;
    private volatile long missingUntil;
    private volatile boolean missingKnown;
    private volatile long missingSince;

    NameIndexPresence(StoreContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.indexTable = NameIndexKeys.indexTable(ctx.tableName());
    }

    /** @return whether the index table was found missing less than {@value #MISSING_MILLIS} ms ago */
    boolean knownMissing() {
        return missingKnown && ctx.ticker().getAsLong() - missingUntil < 0
                && missingSince == ctx.searchIndex().tablesChanged();
    }

    /** @return whether the index table is missing (one DescribeTable), remembered as above */
    boolean missing() {
        try {
            ctx.client().describeTable(b -> b.tableName(indexTable));
            missingKnown = false;
            return false;
        } catch (ResourceNotFoundException e) {
            missingSince = ctx.searchIndex().tablesChanged();
            missingUntil = ctx.ticker().getAsLong() + TimeUnit.MILLISECONDS.toNanos(MISSING_MILLIS);
            missingKnown = true;
            ctx.log().debug("search index table={} does not exist: writing without it", indexTable);
            return true;
        }
    }
}
