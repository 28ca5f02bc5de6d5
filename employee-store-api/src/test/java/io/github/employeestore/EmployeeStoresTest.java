package io.github.employeestore;

import io.github.employeestore.memory.InMemoryEmployeeStore;
import io.github.employeestore.spi.StoreUrl;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmployeeStoresTest {
    @Test
    @DisplayName("§6.1 EmployeeStores.open finds the provider of the URL through the ServiceLoader")
    void opensMemoryStoresThroughTheServiceLoader() {
        Clock fixed = Clock.fixed(Instant.parse("2030-01-01T00:00:00.123456Z"), ZoneOffset.UTC);
        try (EmployeeStore store = EmployeeStores.open("memory:staff", StoreOptions.builder().clock(fixed).build())) {
            assertThat(store).isInstanceOf(InMemoryEmployeeStore.class);
            assertThat(store.description()).contains("staff");
            assertThat(store.create(Employee.builder().fullName("A").build()).createdAt())
                    .isEqualTo(Instant.parse("2030-01-01T00:00:00.123Z"));
        }
        assertThat(EmployeeStores.providers()).extracting(p -> p.name()).contains("memory");
    }

    @Test
    @DisplayName("§6.1, §5.5 an unknown scheme is a StoreConfigurationException that repeats no credentials")
    void unknownSchemesAreConfigurationErrorsWithoutCredentials() {
        assertThatThrownBy(() -> EmployeeStores.open("mongodb://admin:hunter2@host/db"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("mongodb:")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> EmployeeStores.open("")).isInstanceOf(StoreConfigurationException.class);
        assertThatThrownBy(() -> EmployeeStores.open(null)).isInstanceOf(StoreConfigurationException.class);
    }

    @Test
    void urlOptionsAreParsedAndOverridden() {
        StoreUrl url = StoreUrl.parse("dynamodb:Employees?region=us-east-1&endpoint=http%3A%2F%2Flocalhost%3A8000",
                StoreOptions.builder().option("region", "eu-west-1").build());
        assertThat(url.scheme()).isEqualTo("dynamodb");
        assertThat(url.path()).isEqualTo("Employees");
        assertThat(url.option("region")).contains("eu-west-1");
        assertThat(url.option("endpoint")).contains("http://localhost:8000");
        assertThat(StoreUrl.describe("jdbc:mysql://u:p@h/db")).isEqualTo("jdbc:mysql:");
        assertThatThrownBy(() -> StoreUrl.parse("dynamodb:T?novalue", StoreOptions.defaults()))
                .isInstanceOf(StoreConfigurationException.class);
    }

    @Test
    void pagedStreamIsLazy() {
        InMemoryEmployeeStore store = InMemoryEmployeeStore.create();
        for (int i = 0; i < 25; i++) {
            store.create(Employee.builder().id("e" + i).fullName("N").build());
        }
        int[] calls = new int[1];
        var stream = io.github.employeestore.spi.PagedStream.of(p -> {
            calls[0]++;
            return store.list(p);
        }, 10);
        assertThat(calls[0]).isZero();
        assertThat(stream.limit(5).count()).isEqualTo(5);
        assertThat(calls[0]).isEqualTo(1);
    }
}
