package io.github.employeestore.directory.internal;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A store opened from a URL by the directory, with whatever it started for it (DynamoDB Local and its client for
 * {@code dynamodb-local:}), all released by {@link #close()}.
 *
 * <p>URLs: every URL of {@link EmployeeStores#open(String, StoreOptions)}; {@code jdbc:h2:file:} paths and
 * {@code jdbc:h2:./} paths resolved against the working directory; and {@code dynamodb-local:[TABLE][?dbPath=DIR]},
 * which starts Amazon DynamoDB Local in this JVM (in memory unless {@code dbPath} is given) with table
 * {@code Employees} by default.
 *
 * <p>Thread-safe as the store is; {@link #close()} is idempotent.
 */
public final class OpenedStore implements AutoCloseable {
    /** The store used when no URL is given: an H2 file in {@code data/} under the working directory. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/employee-directory";
    /** The scheme that starts DynamoDB Local in-process. */
    public static final String DYNAMODB_LOCAL = "dynamodb-local:";

    private final EmployeeStore store;
    private final String label;
    private final List<AutoCloseable> resources;
    private boolean closed;

    private OpenedStore(EmployeeStore store, String label, List<AutoCloseable> resources) {
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
        if (effective.toLowerCase(Locale.ROOT).startsWith(DYNAMODB_LOCAL)) {
            opened = openDynamoDbLocal(effective.substring(DYNAMODB_LOCAL.length()));
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

    private static OpenedStore openDynamoDbLocal(String rest) {
        String table = rest;
        Path dbPath = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            table = rest.substring(0, q);
            for (String option : rest.substring(q + 1).split("&")) {
                if (option.startsWith("dbPath=")) {
                    dbPath = Path.of(option.substring("dbPath=".length())).toAbsolutePath().normalize();
                } else if (!option.isEmpty()) {
                    throw new StoreConfigurationException("dynamodb-local: knows only the option dbPath", null);
                }
            }
        }
        if (table.isEmpty()) {
            table = "Employees";
        }
        DynamoDbLocalServer server = DynamoDbLocalServer.start(dbPath);
        DynamoDbClient client = null;
        try {
            client = server.newClient();
            EmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(table).build();
            List<AutoCloseable> resources = new ArrayList<>(List.of(client, server));
            String where = dbPath == null ? "in memory" : "in " + dbPath;
            return new OpenedStore(store, store.description() + " (DynamoDB Local " + where + ")", resources);
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            server.stop();
            throw e;
        }
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

    /** @return an endpoint URI for tests and logs, when the store runs on DynamoDB Local; otherwise {@code null} */
    public URI dynamoDbLocalEndpoint() {
        for (AutoCloseable r : resources) {
            if (r instanceof DynamoDbLocalServer s) {
                return s.endpoint();
            }
        }
        return null;
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
