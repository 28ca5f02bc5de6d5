package io.github.employeestore.spi;

import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.UnreadableEmployeeException;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy stream over a paged listing, for every backend's {@code stream()}: it holds one page at a time and reads
 * the next when the current one is used up, so memory stays constant however many items there are.
 *
 * <p>The returned stream is sequential and not thread-safe, as streams are.
 */
public final class PagedStream {
    private PagedStream() {
    }

    /**
     * @param pages    reads one page
     * @param pageSize the size of each page read
     * @param <T>      the item type
     * @return a lazy stream of every item of every page
     */
    public static <T> Stream<T> of(Function<PageRequest, Page<T>> pages, int pageSize) {
        return of(pages, pageSize, unreadable -> { });
    }

    /**
     * @param pages      reads one page
     * @param pageSize   the size of each page read
     * @param unreadable receives each page's {@link Page#unreadable()} employees, when the stream reaches the page
     * @param <T>        the item type
     * @return a lazy stream of every readable item of every page
     */
    public static <T> Stream<T> of(Function<PageRequest, Page<T>> pages, int pageSize,
                                   Consumer<? super UnreadableEmployeeException> unreadable) {
        Objects.requireNonNull(unreadable, "unreadable");
        Iterator<T> iterator = new Iterator<>() {
            private Iterator<T> current;
            private String cursor;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (current == null || !current.hasNext()) {
                    if (last) {
                        return false;
                    }
                    Page<T> page = pages.apply(cursor == null ? PageRequest.first(pageSize)
                            : PageRequest.after(cursor, pageSize));
                    page.unreadable().forEach(unreadable);
                    current = page.items().iterator();
                    cursor = page.nextCursor().orElse(null);
                    last = cursor == null;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
