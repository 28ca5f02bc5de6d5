package io.github.employeestore.spring.slices;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.jdbc.Dialect;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Testcontainers path: a {@code PostgreSQLContainer} as a {@code @ServiceConnection} gives the test its
 * {@code DataSource}, and the store is built on it. Needs Docker; without it the class is skipped with the reason.
 */
@Testcontainers(disabledWithoutDocker = true)
@JdbcTest(properties = "employee-store.create-schema=true")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class PostgresServiceConnectionTest {
    @Container
    @ServiceConnection
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine");

    @Autowired
    EmployeeStore store;

    @Test
    void theStoreIsOnTheContainersDatabase() {
        assertThat(((JdbcEmployeeStore) store).dialect()).isEqualTo(Dialect.POSTGRESQL);
        Employee ada = store.create(Employee.builder().fullName("Ada Lovelace").build());
        assertThat(store.get(ada.id())).contains(ada);
    }
}
