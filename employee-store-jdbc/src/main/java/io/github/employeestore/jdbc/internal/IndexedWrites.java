package io.github.employeestore.jdbc.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * The writes of one employee that keep the search index in step (CONTRACT §4.20.6): when the table has the search
 * structures ({@link NameIndex#present()}), the write and the rewrite of the employee's name rows run in one
 * transaction, retried after a deadlock or a serialization failure; when it has none (a table of an older version),
 * the write runs exactly as it always did. Should the structures vanish under the store, the write is rolled back
 * and runs again without them. Thread-safe.
 */
public final class IndexedWrites {
    private static final Logger LOG = LoggerFactory.getLogger(IndexedWrites.class);

    private final StoreCalls calls;
    private final NameIndex names;

    /**
     * @param calls the store's connection handling
     * @param names the search index
     */
    public IndexedWrites(StoreCalls calls, NameIndex names) {
        this.calls = calls;
        this.names = names;
    }

    /**
     * @param operation the operation, for messages
     * @param id        the id written
     * @param retry     whether the write without the index is retried as {@link StoreCalls#writeWithRetry} does
     *                  (else it runs as {@link StoreCalls#write})
     * @param work      the write
     * @param fullName  the full name stored by the write's result, or {@code null} for a delete
     * @param <T>       the write's result
     * @return the write's result
     */
    public <T> T write(String operation, String id, boolean retry, SqlWork<T> work, Function<T, String> fullName) {
        if (names.present()) {
            SqlWork<T> both = c -> {
                T result = work.run(c);
                names.reindex(c, id, fullName.apply(result));
                return result;
            };
            try {
                return calls.inTransactionWithRetry(operation, id, both);
            } catch (NameIndex.Missing e) {
                LOG.debug("{} id={}: the search structures are gone; written without them", operation, id);
            }
        }
        return retry ? calls.writeWithRetry(operation, id, work) : calls.write(operation, id, work);
    }
}
