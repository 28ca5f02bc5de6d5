package io.github.employeestore.spring.sample;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** PostgreSQL by {@code employee-store.url}, with the table as an option. */
@EnabledIfEnvironmentVariable(named = ServerDatabases.POSTGRES, matches = ServerDatabases.SET,
        disabledReason = ServerDatabases.POSTGRES + ServerDatabases.NOT_SET)
@SpringBootTest(classes = SampleApplication.class)
class PostgresSampleApplicationTest extends AbstractSampleApplicationTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("employee-store.url", () -> ServerDatabases.url(ServerDatabases.POSTGRES));
        registry.add("employee-store.options.table", () -> uniqueTable("starter"));
        registry.add("employee-store.create-schema", () -> "true");
    }

    @Override
    String expectedBackend() {
        return "postgresql";
    }
}
