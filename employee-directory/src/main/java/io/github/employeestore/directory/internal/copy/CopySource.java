package io.github.employeestore.directory.internal.copy;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;

import java.util.Optional;

/**
 * What a copy reads: anything that gives its employees page by page, each page with a cursor to continue after it,
 * in an order that the cursor keeps (so that a copy can resume after the last page it wrote). An
 * {@link EmployeeStore} is one ({@link #of(EmployeeStore)}, through {@code list}); other sources (a legacy database,
 * a file) implement the two methods. A page reports the stored employees it cannot read in
 * {@link Page#unreadable()}, and the copy reports them by id. Implementations must be safe to call from one reader
 * thread at a time.
 */
public interface CopySource extends AutoCloseable {
    /**
     * @param after the cursor of the page before, or empty for the first page
     * @param size  the page size
     * @return the page; a last page has no next cursor
     */
    Page<Employee> page(Optional<String> after, int size);

    /** @return how many employees the source holds now, or a negative number when unknown */
    long count();

    /** Releases what the source holds open (a connection); the default holds nothing. */
    @Override
    default void close() {
    }

    /**
     * @param store a store
     * @return the store as a source, read with {@link EmployeeStore#list(PageRequest)}
     */
    static CopySource of(EmployeeStore store) {
        return new CopySource() {
            @Override
            public Page<Employee> page(Optional<String> after, int size) {
                return store.list(after.map(c -> PageRequest.after(c, size)).orElseGet(() -> PageRequest.first(size)));
            }

            @Override
            public long count() {
                return store.count();
            }
        };
    }
}
