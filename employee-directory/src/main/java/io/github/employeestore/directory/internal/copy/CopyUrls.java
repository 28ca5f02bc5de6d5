package io.github.employeestore.directory.internal.copy;

import java.util.Locale;

/** Adjusts store URLs for a copy. Thread-safe (stateless). */
public final class CopyUrls {
    private CopyUrls() {
    }

    /**
     * @param url a store URL
     * @return for an H2 URL, the URL with {@code DB_CLOSE_ON_EXIT=FALSE} (unless it sets it), so that H2's own
     *         shutdown hook does not close the database under a copy that is stopping on a signal; others unchanged
     */
    public static String withoutH2ShutdownHook(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") || lower.contains("db_close_on_exit")) {
            return url;
        }
        String trimmed = url.trim();
        int q = trimmed.indexOf('?');
        String base = q < 0 ? trimmed : trimmed.substring(0, q);
        String query = q < 0 ? "" : trimmed.substring(q);
        return base + ";DB_CLOSE_ON_EXIT=FALSE" + query;
    }
}
