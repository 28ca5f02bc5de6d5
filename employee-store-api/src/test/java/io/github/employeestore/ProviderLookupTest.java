package io.github.employeestore;

import io.github.employeestore.memory.InMemoryEmployeeStore;
import io.github.employeestore.spi.EmployeeStoreProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Providers visible only to the thread's context class loader (as in an application server) are found. */
class ProviderLookupTest {
    /** A provider that is not registered in this module's own service file. */
    public static final class PluginProvider implements EmployeeStoreProvider {
        /** For the service loader. */
        public PluginProvider() {
        }

        @Override
        public String name() {
            return "plugin";
        }

        @Override
        public List<String> schemes() {
            return List.of("plugin:", "plugin+tls:");
        }

        @Override
        public boolean supports(String url) {
            return url.startsWith("plugin:");
        }

        @Override
        public EmployeeStore open(String url, StoreOptions options) {
            return InMemoryEmployeeStore.builder().name("plugin").build();
        }
    }

    @Test
    void findsProvidersThroughTheContextClassLoaderAndListsTheAvailableSchemes(@TempDir Path dir)
            throws IOException {
        assertThatThrownBy(() -> EmployeeStores.open("plugin:x"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("'plugin:'")
                .hasMessageContaining("memory:")
                .hasMessageNotContaining("plugin+tls:");
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(EmployeeStoreProvider.class.getName()),
                PluginProvider.class.getName() + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(new URL[]{dir.toUri().toURL()}, getClass().getClassLoader())) {
            thread.setContextClassLoader(plugin);
            try (EmployeeStore store = EmployeeStores.open("plugin:x")) {
                assertThat(store.description()).contains("plugin");
            }
            assertThat(EmployeeStores.providers()).extracting(EmployeeStoreProvider::name)
                    .containsOnlyOnce("memory").contains("plugin");
            assertThatThrownBy(() -> EmployeeStores.open("nosuch:x"))
                    .hasMessageContaining("plugin+tls:").hasMessageContaining("memory:");
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
