package io.github.employeestore.spring.transactions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Spring transactions with the store on the application's embedded H2 {@code DataSource}. */
@SpringBootTest(classes = TransactionsApplication.class)
class H2SpringTransactionsTest extends AbstractSpringTransactionsTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String database = uniqueTable();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        String table = uniqueTable();
        registry.add("employee-store.table", () -> table);
        registry.add("employee-store.create-schema", () -> "true");
    }
}
