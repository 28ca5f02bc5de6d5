package io.github.employeestore.spring.transactions;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Spring transactions with the store on the application's PostgreSQL {@code DataSource}. */
@EnabledIfEnvironmentVariable(named = "EMPLOYEE_STORE_POSTGRES_URL", matches = ".*\\S.*",
        disabledReason = "EMPLOYEE_STORE_POSTGRES_URL is not set: skipped, no server to run against (CI sets it)")
@SpringBootTest(classes = TransactionsApplication.class)
class PostgresSpringTransactionsTest extends AbstractSpringTransactionsTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> System.getenv("EMPLOYEE_STORE_POSTGRES_URL"));
        String table = uniqueTable();
        registry.add("employee-store.table", () -> table);
        registry.add("employee-store.create-schema", () -> "true");
    }
}
