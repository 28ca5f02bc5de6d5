package io.github.employeestore.directory.internal.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the list pages' "Previous" links lead, kept on the server so that a page URL has a constant size whatever the
 * page number: {@code /?page=TOKEN}, a token of 22 characters naming (the cursor of that page, the token of the page
 * before it, the page number). Bounded: the least recently used of at most {@code capacity} entries is forgotten,
 * and its link then leads back to the first page with a note.
 *
 * <p>Thread-safe.
 */
public final class PageTrail {
    /** One page of a trail. */
    public record Entry(String cursor, String previous, int number, String filter) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> entries;

    /** @param capacity how many pages are remembered */
    public PageTrail(int capacity) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @param entry a page to remember
     * @return its token
     */
    public String remember(Entry entry) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        synchronized (entries) {
            entries.put(token, entry);
        }
        return token;
    }

    /**
     * @param token a token from a page URL
     * @return the page, if still remembered
     */
    public Optional<Entry> find(String token) {
        if (token == null || token.length() != 22) {
            return Optional.empty();
        }
        synchronized (entries) {
            return Optional.ofNullable(entries.get(token));
        }
    }
}
