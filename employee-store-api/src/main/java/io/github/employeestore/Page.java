package io.github.employeestore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of results. A page holds exactly the requested number of items unless it is the last page; only the last
 * page has no {@link #nextCursor()}. (A last page may also be full, and then the next page is empty.)
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the item type
 */
public final class Page<T> {
    private final List<T> items;
    private final String nextCursor;

    private Page(List<T> items, String nextCursor) {
        this.items = List.copyOf(items);
        this.nextCursor = nextCursor;
    }

    /**
     * @param items      the items, in order
     * @param nextCursor the cursor of the next page, or {@code null} on the last page
     * @param <T>        the item type
     * @return a page
     */
    public static <T> Page<T> of(List<T> items, String nextCursor) {
        return new Page<>(Objects.requireNonNull(items, "items"), nextCursor);
    }

    /** @return the items, unmodifiable */
    public List<T> items() {
        return items;
    }

    /** @return an opaque URL-safe cursor for {@link PageRequest#after(String, int)}; empty on the last page */
    public Optional<String> nextCursor() {
        return Optional.ofNullable(nextCursor);
    }

    /** @return whether a next page may hold items */
    public boolean hasNext() {
        return nextCursor != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Page<?> other && items.equals(other.items) && Objects.equals(nextCursor, other.nextCursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, nextCursor);
    }

    @Override
    public String toString() {
        return "Page[" + items.size() + " items" + (nextCursor == null ? ", last" : "") + "]";
    }
}
