package io.github.employeestore.memory;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.spi.CursorCodec;
import io.github.employeestore.spi.EmployeeStoreProvider;
import io.github.employeestore.spi.StoreUrl;

/**
 * Opens {@code memory:} and {@code memory:NAME} URLs: each open makes a new, empty {@link InMemoryEmployeeStore}
 * (stores are never shared between opens). Thread-safe.
 */
public final class InMemoryEmployeeStoreProvider implements EmployeeStoreProvider {
    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public InMemoryEmployeeStoreProvider() {
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public boolean supports(String url) {
        return url.regionMatches(true, 0, "memory:", 0, 7);
    }

    @Override
    public EmployeeStore open(String url, StoreOptions options) {
        StoreUrl parsed = StoreUrl.parse(url, options);
        String name = parsed.option("table").orElse(parsed.path().isEmpty() ? "employees" : parsed.path());
        return InMemoryEmployeeStore.builder().name(name).clock(options.clock())
                .cursorKey(parsed.option(CursorCodec.KEY_OPTION).orElse(null)).build();
    }
}
