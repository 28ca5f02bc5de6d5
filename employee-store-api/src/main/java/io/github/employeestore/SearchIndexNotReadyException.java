package io.github.employeestore;

/**
 * A name search ({@link EmployeeQuery#byName(String)}, {@link EmployeeStore#listByName(PageRequest)}) cannot be
 * answered because the backend's search index does not yet cover every employee of the table: the table was created
 * by an older version of the library, or filled by another program, and has not been backfilled. A search never
 * answers partial results; run {@link SchemaAdmin#create()} and then
 * {@link SchemaAdmin#backfillSearchIndex(java.util.function.Consumer)} (CONTRACT §4.20.8). Retrying without that
 * will not help.
 */
public class SearchIndexNotReadyException extends EmployeeStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing and what to run (no credentials, no personal data)
     */
    public SearchIndexNotReadyException(String message) {
        super(message);
    }

    /**
     * @param message what is missing and what to run
     * @param cause   the driver or SDK exception, or {@code null}
     */
    public SearchIndexNotReadyException(String message, Throwable cause) {
        super(message, cause);
    }
}
