package io.github.employeestore;

/**
 * Creates, checks and drops the store's table and indexes. Thread-safe.
 */
public interface SchemaAdmin {
    /**
     * Indexes for name search (CONTRACT §4.20.8) every employee stored without search entries: those written by an
     * older version of the library or by another program. Run it after {@link #create()} has added the search
     * structures to an existing table; until it completes, name searches throw {@link SearchIndexNotReadyException}.
     *
     * <p>Resumable and idempotent: it works in batches, each committed on its own; an interrupted run leaves what
     * it indexed in place, and the next run goes on (re-indexing an employee writes the same entries). Writes made
     * by the library while it runs are indexed by the writes themselves. Once it completes, searches answer; a
     * later run finds nothing to do and completes at once.
     *
     * <p>The default implementation does nothing and reports completion: right for a backend whose index cannot
     * lack entries (the in-memory store) or that does not declare {@link Capability#SEARCH}.
     *
     * @param progress receives the progress after each batch, on the calling thread; the last report has
     *                 {@code done == true}
     * @return the final progress ({@code done == true})
     * @throws StoreConfigurationException if the table or its search structures are missing (call {@link #create()})
     * @throws StoreUnavailableException   if the database cannot be reached; run it again to resume
     */
    default BackfillProgress backfillSearchIndex(java.util.function.Consumer<? super BackfillProgress> progress) {
        BackfillProgress done = new BackfillProgress(0, 0, 0, true);
        progress.accept(done);
        return done;
    }

    /**
     * Creates the table and its indexes if they are missing, and waits until they can be used. Idempotent: calling
     * it on an existing, well-formed schema does nothing. On a table created by an older version it adds what is
     * missing (for name search, CONTRACT §4.20.8: the structures, then {@link #backfillSearchIndex} fills them).
     *
     * @throws StoreConfigurationException if a table of that name exists with the wrong shape, or the caller lacks
     *                                     the permission
     * @throws StoreUnavailableException   if the database cannot be reached
     */
    void create();

    /**
     * @return whether the table exists
     * @throws StoreUnavailableException if the database cannot be reached
     */
    boolean exists();

    /**
     * Drops the table and its indexes, with every employee in it. Does nothing if the table does not exist.
     *
     * @throws StoreUnavailableException if the database cannot be reached
     */
    void drop();
}
