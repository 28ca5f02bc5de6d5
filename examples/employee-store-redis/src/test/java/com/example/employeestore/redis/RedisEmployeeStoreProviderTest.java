package com.example.employeestore.redis;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening the Redis backend by URL through {@link EmployeeStores}, as an application would. */
class RedisEmployeeStoreProviderTest {
    @Test
    void opensByUrlAndClosesTheClientItCreated() {
        RedisTestSupport.client();   // skipped with the reason (failed on CI) when Redis is unreachable
        String table = System.getenv().getOrDefault("EMPLOYEE_STORE_REDIS_PREFIX", "test") + "-provider-"
                + UUID.randomUUID();
        String url = "redis://" + RedisTestSupport.HOST + ":" + RedisTestSupport.PORT + "/0?table=" + table;
        EmployeeStore store = EmployeeStores.open(url, StoreOptions.builder()
                .option("cursorKey", "a deployment secret for cursors").build());
        try {
            assertThat(store).isInstanceOf(RedisEmployeeStore.class);
            assertThat(store.description()).contains(table);
            store.schema().create();
            Employee ada = store.create(Employee.builder().fullName("Ada").location("London").build());
            assertThat(store.get(ada.id())).contains(ada);
        } finally {
            store.schema().drop();
            store.close();
        }
        assertThatThrownBy(() -> store.count()).isInstanceOf(io.github.employeestore.EmployeeStoreException.class);
    }

    @Test
    void badUrlsAreConfigurationErrorsAndAnUnreachableServerIsUnavailable() throws IOException {
        assertThatThrownBy(() -> EmployeeStores.open("redis://127.0.0.1:6379/0?tabel=x"))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("tabel");
        assertThatThrownBy(() -> EmployeeStores.open("redis://127.0.0.1:6379/zero"))
                .isInstanceOf(StoreConfigurationException.class);
        assertThatThrownBy(() -> EmployeeStores.open("redis://127.0.0.1:6379/0?table=no%20spaces"))
                .isInstanceOf(StoreConfigurationException.class);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> EmployeeStores.open("redis://127.0.0.1:" + closedPort))
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue());
        assertThatThrownBy(() -> EmployeeStores.open("rediss-cluster://h"))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("redis:");
    }
}
