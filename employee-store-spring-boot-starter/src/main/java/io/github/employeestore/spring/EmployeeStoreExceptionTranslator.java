package io.github.employeestore.spring;

import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.VersionConflictException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Translates the store's exceptions into Spring's {@link DataAccessException} hierarchy, so that
 * {@code @Repository} translation, {@code @Retryable} on {@link OptimisticLockingFailureException} and
 * {@code @ExceptionHandler(DataAccessException.class)} see them. The store's exception is always the cause (and its
 * message the message), so nothing it says is lost:
 *
 * <table>
 *   <caption>Translations</caption>
 *   <tr><th>store exception</th><th>Spring exception</th></tr>
 *   <tr><td>{@link VersionConflictException}</td><td>{@link OptimisticLockingFailureException}</td></tr>
 *   <tr><td>{@link EmployeeAlreadyExistsException}</td><td>{@link DuplicateKeyException}</td></tr>
 *   <tr><td>{@link EmployeeNotFoundException}</td><td>{@link EmptyResultDataAccessException} (expected 1)</td></tr>
 *   <tr><td>{@link InvalidInputException}</td><td>{@link InvalidDataAccessApiUsageException}</td></tr>
 *   <tr><td>{@link StoreUnavailableException}, retryable</td><td>{@link TransientDataAccessResourceException}</td></tr>
 *   <tr><td>{@link StoreUnavailableException}, not retryable</td>
 *       <td>{@link DataAccessResourceFailureException}</td></tr>
 *   <tr><td>{@link StoreConfigurationException}</td><td>{@link InvalidDataAccessResourceUsageException}</td></tr>
 *   <tr><td>{@link UnreadableEmployeeException}</td><td>{@link DataRetrievalFailureException}</td></tr>
 *   <tr><td>any other {@link EmployeeStoreException}</td><td>{@link UncategorizedEmployeeStoreException}</td></tr>
 * </table>
 *
 * <p>Other exceptions (an {@link UnsupportedOperationException} of an optional capability, a programming error) are
 * not translated. The Spring Boot starter registers one as a bean, which Spring's
 * {@code PersistenceExceptionTranslationPostProcessor} applies to {@code @Repository} beans; a plain call site can use
 * {@link #translate(EmployeeStoreException)}. Thread-safe (stateless).
 */
public final class EmployeeStoreExceptionTranslator implements PersistenceExceptionTranslator {
    /**
     * @param ex any runtime exception
     * @return its translation if it is an {@link EmployeeStoreException}, else {@code null}
     */
    @Override
    public DataAccessException translateExceptionIfPossible(RuntimeException ex) {
        return ex instanceof EmployeeStoreException e ? translate(e) : null;
    }

    /**
     * @param e a store exception
     * @return its Spring translation, with {@code e} as the cause
     */
    public static DataAccessException translate(EmployeeStoreException e) {
        String message = e.getMessage();
        if (e instanceof VersionConflictException) {
            return new OptimisticLockingFailureException(message, e);
        }
        if (e instanceof EmployeeAlreadyExistsException) {
            return new DuplicateKeyException(message, e);
        }
        if (e instanceof EmployeeNotFoundException) {
            return new EmptyResultDataAccessException(message, 1, e);
        }
        if (e instanceof InvalidInputException) {
            return new InvalidDataAccessApiUsageException(message, e);
        }
        if (e instanceof StoreUnavailableException unavailable) {
            return unavailable.isRetryable() ? new TransientDataAccessResourceException(message, e)
                    : new DataAccessResourceFailureException(message, e);
        }
        if (e instanceof StoreConfigurationException) {
            return new InvalidDataAccessResourceUsageException(message, e);
        }
        if (e instanceof UnreadableEmployeeException) {
            return new DataRetrievalFailureException(message, e);
        }
        return new UncategorizedEmployeeStoreException(message, e);
    }

    /** A store exception of no more specific kind, as a {@link DataAccessException}. */
    public static final class UncategorizedEmployeeStoreException extends UncategorizedDataAccessException {
        private static final long serialVersionUID = 1L;

        /**
         * @param message the store exception's message
         * @param cause   the store exception
         */
        public UncategorizedEmployeeStoreException(String message, EmployeeStoreException cause) {
            super(message, cause);
        }
    }
}
