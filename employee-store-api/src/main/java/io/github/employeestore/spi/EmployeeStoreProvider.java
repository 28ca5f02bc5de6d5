package io.github.employeestore.spi;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.StoreOptions;

/**
 * A backend that {@link io.github.employeestore.EmployeeStores#open(String)} can find with
 * {@link java.util.ServiceLoader}. Register an implementation in
 * {@code META-INF/services/io.github.employeestore.spi.EmployeeStoreProvider}.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface EmployeeStoreProvider {
    /** @return a short name of the backend, e.g. {@code "jdbc"} */
    String name();

    /**
     * @return the URL prefixes this provider opens, for messages that list what is installed (e.g.
     *         {@code ["jdbc:h2:", "jdbc:mysql:"]}); by default {@link #name()} followed by {@code ':'}
     */
    default java.util.List<String> schemes() {
        return java.util.List.of(name() + ":");
    }

    /**
     * @param url a store URL
     * @return whether this provider opens URLs like this one (decided by the scheme only, without connecting)
     */
    boolean supports(String url);

    /**
     * @param url     a URL this provider {@linkplain #supports(String) supports}
     * @param options the clock and named options, which override options given in the URL
     * @return an open store that owns and closes whatever it created
     * @throws io.github.employeestore.StoreConfigurationException if the URL or an option is invalid, or a
     *                                                             driver is missing
     * @throws io.github.employeestore.StoreUnavailableException   if the database cannot be reached
     */
    EmployeeStore open(String url, StoreOptions options);
}
