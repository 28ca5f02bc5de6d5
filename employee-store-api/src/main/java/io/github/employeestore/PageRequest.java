package io.github.employeestore;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page to read: the first one, or the one after a cursor, and how many items at most.
 *
 * <p>Immutable and thread-safe. A cursor may be continued with a different page size than the one that produced it.
 *
 * @see Page
 */
public final class PageRequest {
    private final String cursor;
    private final int size;

    private PageRequest(String cursor, int size) {
        if (size < 1 || size > Limits.MAX_PAGE_SIZE) {
            throw InvalidInputException.of("page.size", "must be between 1 and " + Limits.MAX_PAGE_SIZE);
        }
        this.cursor = cursor;
        this.size = size;
    }

    /**
     * @param size the page size, 1&ndash;1,000
     * @return a request for the first page
     * @throws InvalidInputException if the size is out of range
     */
    public static PageRequest first(int size) {
        return new PageRequest(null, size);
    }

    /**
     * @param cursor a {@link Page#nextCursor()} of the same query on the same store
     * @param size   the page size, 1&ndash;1,000
     * @return a request for the page after the cursor
     * @throws InvalidInputException if the cursor is null, empty or longer than {@link Limits#MAX_CURSOR_LENGTH},
     *                               or the size is out of range. Whether the cursor is genuine and belongs to the
     *                               query is checked by the store.
     */
    public static PageRequest after(String cursor, int size) {
        if (cursor == null || cursor.isEmpty()) {
            throw InvalidInputException.of("cursor", "must not be empty");
        }
        if (cursor.length() > Limits.MAX_CURSOR_LENGTH) {
            throw InvalidInputException.of("cursor", "must be at most " + Limits.MAX_CURSOR_LENGTH + " characters");
        }
        return new PageRequest(cursor, size);
    }

    /** @return the cursor to continue from, empty for the first page */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    /** @return the maximum number of items */
    public int size() {
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PageRequest other && size == other.size && Objects.equals(cursor, other.cursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cursor, size);
    }

    @Override
    public String toString() {
        return "PageRequest[size=" + size + (cursor == null ? ", first" : ", after cursor") + "]";
    }
}
