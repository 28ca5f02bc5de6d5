package io.github.employeestore;

import io.github.employeestore.spi.EmployeeStoreProvider;
import io.github.employeestore.spi.StoreUrl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens an {@link EmployeeStore} from a URL, so that the database is chosen by configuration:
 * <ul>
 *   <li>{@code memory:} &mdash; a new, empty in-memory store ({@code memory:NAME} names it)</li>
 *   <li>{@code jdbc:h2:...}, {@code jdbc:mysql://...}, {@code jdbc:mariadb://...}, {@code jdbc:postgresql://...}
 *       &mdash; needs {@code employee-store-jdbc} and the database's JDBC driver on the class path</li>
 *   <li>{@code dynamodb:TABLE?region=...} &mdash; needs {@code employee-store-dynamodb}</li>
 * </ul>
 * Backends are found with {@link ServiceLoader} as {@link EmployeeStoreProvider}s. The returned store owns what it
 * created (a pool, a client) and releases it on {@link EmployeeStore#close()}.
 *
 * <p>Thread-safe (stateless).
 */
public final class EmployeeStores {
    /** The environment variable {@link #fromEnvironment()} reads. */
    public static final String URL_VARIABLE = "EMPLOYEE_STORE_URL";
    private static final int MAX_BROKEN_PROVIDERS = 16;

    private EmployeeStores() {
    }

    /**
     * @param url the store URL
     * @return an open store
     * @throws StoreConfigurationException if the URL is malformed, no installed backend accepts it, or the backend
     *                                     cannot be set up (missing driver, bad option)
     * @throws StoreUnavailableException   if the database cannot be reached
     */
    public static EmployeeStore open(String url) {
        return open(url, StoreOptions.defaults());
    }

    /**
     * @param url     the store URL
     * @param options the clock and named options (added to those in the URL, overriding them)
     * @return an open store
     * @throws StoreConfigurationException if the URL is malformed, no installed backend accepts it, or the backend
     *                                     cannot be set up (missing driver, bad option)
     * @throws StoreUnavailableException   if the database cannot be reached
     */
    public static EmployeeStore open(String url, StoreOptions options) {
        if (url == null || url.isBlank()) {
            throw new StoreConfigurationException("no store URL given");
        }
        if (options == null) {
            throw new StoreConfigurationException("no store options given");
        }
        for (EmployeeStoreProvider provider : providers()) {
            if (provider.supports(url)) {
                return provider.open(url, options);
            }
        }
        List<String> schemes = providers().stream().flatMap(p -> p.schemes().stream()).distinct().toList();
        throw new StoreConfigurationException("no backend for URLs starting with '" + StoreUrl.describe(url)
                + "'; the installed backends open " + String.join(", ", schemes)
                + " (add the backend's jar, e.g. employee-store-jdbc or employee-store-dynamodb, to the class path)");
    }

    /**
     * Opens the store named by the environment variable {@value #URL_VARIABLE}.
     *
     * @return an open store
     * @throws StoreConfigurationException if the variable is not set, or as {@link #open(String)}
     */
    public static EmployeeStore fromEnvironment() {
        return fromEnvironment(StoreOptions.defaults());
    }

    /**
     * Opens the store named by the environment variable {@value #URL_VARIABLE}.
     *
     * @param options the clock and named options
     * @return an open store
     * @throws StoreConfigurationException if the variable is not set, or as {@link #open(String, StoreOptions)}
     */
    public static EmployeeStore fromEnvironment(StoreOptions options) {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new StoreConfigurationException("environment variable " + URL_VARIABLE + " is not set");
        }
        return open(url, options);
    }

    /**
     * The installed backends, found by {@link ServiceLoader} through the current thread's context class loader (so
     * that backends deployed with an application in an application server or a plugin class path are found) and
     * through this class's own class loader; a provider class seen by both is listed once, the context class
     * loader's first.
     *
     * @return the installed backends
     */
    public static List<EmployeeStoreProvider> providers() {
        Map<String, EmployeeStoreProvider> byClass = new LinkedHashMap<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = EmployeeStores.class.getClassLoader();
        for (ClassLoader loader : context != null && context != own ? List.of(context, own) : List.of(own)) {
            Iterator<EmployeeStoreProvider> it = ServiceLoader.load(EmployeeStoreProvider.class, loader).iterator();
            for (int errors = 0; errors < MAX_BROKEN_PROVIDERS; ) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    EmployeeStoreProvider p = it.next();
                    byClass.putIfAbsent(p.getClass().getName(), p);
                } catch (ServiceConfigurationError e) {
                    // a provider that cannot be loaded (e.g. built for another version of this API) must not hide
                    // the others: it is skipped
                    errors++;
                }
            }
        }
        return new ArrayList<>(byClass.values());
    }
}
