package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;

import java.util.Map;

/**
 * The hook of the optional TCK group "data written by others": it writes and reads a backend's storage directly,
 * bypassing the store, as another application (or a person in a database console) would.
 *
 * <p>Items are described in backend-neutral terms, as an item of the
 * {@link io.github.employeestore.spi.EmployeeCodec} layout: storage names ({@code id}, {@code full_name},
 * {@code version}, ...) to {@link AttributeValue}s of any kind, whether or not the model allows that kind there (a
 * {@code created_at} that is a number, a {@code version} that is text, no {@code full_name}). A backend stores each
 * attribute in its own natural form (DynamoDB: the attribute of the same type; SQL: the column of that name, other
 * names in the {@code attributes} JSON). When its storage cannot hold what is described at all (a SQL
 * {@code BIGINT} column cannot hold text, a column is shorter than the text), {@link #plant} returns {@code false}
 * and that case is skipped; it decides so from the item, before it writes. Any other failure to plant (the database
 * refusing the write) throws, and fails the test: it is never a silent skip.
 *
 * <p>Implementations need not be thread-safe.
 */
public interface ForeignItems {
    /**
     * Writes an item directly into the table of the store under test, replacing any with the same id.
     *
     * @param item the item; always has {@code id} as text
     * @return {@code true} if planted, {@code false} if this backend's storage cannot hold such an item
     */
    boolean plant(Map<String, AttributeValue> item);

    /**
     * Reads an item directly, as stored.
     *
     * @param id the id
     * @return the stored item in the same terms as {@link #plant}, or an empty map if there is none
     */
    Map<String, AttributeValue> read(String id);
}
