package io.github.employeestore.spring.autoconfigure;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.micrometer.EmployeeStoreObservationConvention;
import io.github.employeestore.micrometer.ObservedEmployeeStore;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * What every way of making the store bean shares: schema creation, the observation wrapper, and closing what was
 * opened when start-up fails. Stateless.
 */
final class StoreBeans {
    private StoreBeans() {
    }

    /**
     * @param open         opens or builds the store
     * @param backend      the derived backend tag
     * @param properties   the bound properties
     * @param registry     the application's observation registry, if any
     * @param conventions  the application's observation convention, if any
     * @return the store bean: created schema if asked, observed when a registry exists
     */
    static EmployeeStore finish(Supplier<EmployeeStore> open, String backend, EmployeeStoreProperties properties,
                                ObjectProvider<ObservationRegistry> registry,
                                ObjectProvider<EmployeeStoreObservationConvention> conventions) {
        EmployeeStore store = open.get();
        try {
            if (properties.isCreateSchema()) {
                store.schema().create();
            }
            ObservationRegistry observations = registry.getIfAvailable();
            if (observations == null) {
                return store;
            }
            String tag = properties.getBackendTag() != null ? properties.getBackendTag() : backend;
            return ObservedEmployeeStore.builder(store, observations).backend(tag)
                    .convention(conventions.getIfUnique()).build();
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    /**
     * @param url a store URL
     * @return its backend's short name: {@code h2}, {@code mysql}, {@code mariadb}, {@code postgresql},
     *         {@code dynamodb}, {@code memory}, else the scheme
     */
    static String backendOfUrl(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:")) {
            lower = lower.substring("jdbc:".length());
        }
        int colon = lower.indexOf(':');
        String scheme = colon > 0 ? lower.substring(0, colon) : lower;
        return scheme.isEmpty() ? "unknown" : scheme;
    }
}
