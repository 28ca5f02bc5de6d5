package io.github.employeestore;

/**
 * The progress of {@link SchemaAdmin#backfillSearchIndex(java.util.function.Consumer)}, reported after each batch.
 *
 * @param examined employees looked at by this run so far (readable or not)
 * @param indexed  employees whose search entries this run wrote (those already indexed are not written again)
 * @param skipped  stored items this run could not index because they have no full name (or it cannot be read);
 *                 such an item is never found by a search, as for {@code find} (§4.10)
 * @param done     whether the backfill is complete and searches now answer
 */
public record BackfillProgress(long examined, long indexed, long skipped, boolean done) {
    /**
     * @throws IllegalArgumentException if a count is negative
     */
    public BackfillProgress {
        if (examined < 0 || indexed < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }
}
