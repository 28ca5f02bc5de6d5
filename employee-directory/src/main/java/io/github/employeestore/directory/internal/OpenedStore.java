package io.github.employeestore.directory.internal;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.StoreOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A store opened from a URL by the directory, with whatever it started for it (a moto server and its client for
 * {@code dynamodb-moto:}), all released by {@link #close()}.
 *
 * <p>URLs: every URL of {@link EmployeeStores#open(String, StoreOptions)}; {@code jdbc:h2:file:} paths and
 * {@code jdbc:h2:./} paths resolved against the working directory; and {@code dynamodb-moto:[TABLE]}, which starts a
 * moto server for this process ({@link MotoMode}) with table {@code Employees} by default.
 *
 * <p>Thread-safe as the store is; {@link #close()} is idempotent.
 */
public final class OpenedStore implements AutoCloseable {
    /** The store used when no URL is given: an H2 file in {@code data/} under the working directory. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/employee-directory";

    private final EmployeeStore store;
    private final String label;
    private final List<AutoCloseable> resources;
    private boolean closed;

    OpenedStore(EmployeeStore store, String label, List<AutoCloseable> resources) {
        this.store = store;
        this.label = label;
        this.resources = resources;
    }

    /**
     * Opens the store of a URL.
     *
     * @param url          the URL, or {@code null}/blank for {@link #DEFAULT_URL}
     * @param createSchema whether to create the table and indexes if missing
     * @return the opened store
     * @throws io.github.employeestore.EmployeeStoreException if the store cannot be opened
     */
    public static OpenedStore open(String url, boolean createSchema) {
        String effective = url == null || url.isBlank() ? DEFAULT_URL : url.trim();
        OpenedStore opened;
        if (effective.toLowerCase(Locale.ROOT).startsWith(MotoMode.SCHEME)) {
            opened = MotoMode.open(effective.substring(MotoMode.SCHEME.length()));
        } else {
            String resolved = resolveH2(effective);
            EmployeeStore store = EmployeeStores.open(resolved, StoreOptions.defaults());
            opened = new OpenedStore(store, store.description(), new ArrayList<>());
        }
        if (createSchema) {
            try {
                opened.store.schema().create();
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        }
        return opened;
    }

    /**
     * Resolves the path of an H2 file URL against the working directory, so that the directory's data lands in a
     * predictable place and H2 accepts it.
     *
     * @param url a store URL
     * @return the URL, with an absolute path if it was an H2 file URL with a relative one
     */
    public static String resolveH2(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        String prefix;
        if (lower.startsWith("jdbc:h2:file:")) {
            prefix = url.substring(0, "jdbc:h2:file:".length());
        } else if (lower.startsWith("jdbc:h2:./") || lower.startsWith("jdbc:h2:../")) {
            prefix = url.substring(0, "jdbc:h2:".length());
        } else {
            return url;
        }
        String rest = url.substring(prefix.length());
        int end = rest.length();
        for (char c : new char[]{';', '?'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String path = rest.substring(0, end);
        if (path.startsWith("~") || Path.of(path).isAbsolute()) {
            return url;
        }
        return prefix + Path.of(path).toAbsolutePath().normalize() + rest.substring(end);
    }

    /**
     * @param url a store URL as given by the user
     * @return the H2 database file it opens, when it is an H2 file URL; otherwise {@code null}
     */
    public static Path h2File(String url) {
        String resolved = resolveH2(url == null || url.isBlank() ? DEFAULT_URL : url);
        if (!resolved.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:") || resolved.toLowerCase(Locale.ROOT)
                .startsWith("jdbc:h2:mem:")) {
            return null;
        }
        String rest = resolved.substring(resolved.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:file:")
                ? "jdbc:h2:file:".length() : "jdbc:h2:".length());
        int end = rest.length();
        for (char c : new char[]{';', '?'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        try {
            return Path.of(rest.substring(0, end) + ".mv.db");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @return the store */
    public EmployeeStore store() {
        return store;
    }

    /** @return a short description of the backend for people (no credentials) */
    public String label() {
        return label;
    }

    /** Closes the store, then what was started for it; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            store.close();
        } finally {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    // best effort on the way out
                }
            }
        }
    }
}
