package io.github.employeestore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of results. A page holds exactly the requested number of items unless it is the last page; only the last
 * page has no {@link #nextCursor()}. (A last page may also be full, and then the next page is empty.)
 *
 * <p>Stored employees that cannot be read (written by other code, see {@link UnreadableEmployeeException}) take their
 * place in the order like any other, but are reported in {@link #unreadable()} instead of {@link #items()}: so
 * {@code items().size() + unreadable().size()} is the requested size on every page but the last, and the listing
 * continues past them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the item type
 */
public final class Page<T> {
    private final List<T> items;
    private final String nextCursor;
    private final List<UnreadableEmployeeException> unreadable;

    private Page(List<T> items, String nextCursor, List<UnreadableEmployeeException> unreadable) {
        this.items = List.copyOf(items);
        this.nextCursor = nextCursor;
        this.unreadable = List.copyOf(unreadable);
    }

    /**
     * @param items      the items, in order
     * @param nextCursor the cursor of the next page, or {@code null} on the last page
     * @param <T>        the item type
     * @return a page
     */
    public static <T> Page<T> of(List<T> items, String nextCursor) {
        return new Page<>(Objects.requireNonNull(items, "items"), nextCursor, List.of());
    }

    /**
     * @param items      the readable items, in order
     * @param nextCursor the cursor of the next page, or {@code null} on the last page
     * @param unreadable the stored employees of this page that cannot be read, in order
     * @param <T>        the item type
     * @return a page
     */
    public static <T> Page<T> of(List<T> items, String nextCursor, List<UnreadableEmployeeException> unreadable) {
        return new Page<>(Objects.requireNonNull(items, "items"), nextCursor,
                Objects.requireNonNull(unreadable, "unreadable"));
    }

    /**
     * @return the stored employees of this page that cannot be read, each with its id and attribute, in list
     *         order; usually empty
     */
    public List<UnreadableEmployeeException> unreadable() {
        return unreadable;
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
        return o instanceof Page<?> other && items.equals(other.items) && Objects.equals(nextCursor, other.nextCursor)
                && ids(unreadable).equals(ids(other.unreadable));
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, nextCursor, ids(unreadable));
    }

    private static List<String> ids(List<UnreadableEmployeeException> unreadable) {
        return unreadable.stream().map(UnreadableEmployeeException::id).toList();
    }

    @Override
    public String toString() {
        return "Page[" + items.size() + " items" + (unreadable.isEmpty() ? "" : ", " + unreadable.size()
                + " unreadable") + (nextCursor == null ? ", last" : "") + "]";
    }
}
