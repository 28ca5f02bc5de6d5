package io.github.employeestore.tck;

/**
 * The hook of the TCK's tests of the search backfill rule (CONTRACT §4.20.8): it turns the store's table into one
 * written before the backend indexed names, as a table created by an older version of the library (or filled by
 * another program) is: every employee stays, the search index and its structures are gone. The TCK then checks that
 * every other operation still works on it without {@code schema().create()}, that a name search answers
 * {@link io.github.employeestore.SearchIndexNotReadyException} rather than partial results, and that
 * {@code schema().create()} followed by {@code schema().backfillSearchIndex(...)} makes every employee findable.
 *
 * <p>Implementations need not be thread-safe.
 */
public interface UnindexedTable {
    /**
     * Removes the search index of the store's table directly in the database (not through the store), keeping
     * every employee as stored.
     */
    void removeSearchIndex();
}
