package io.github.employeestore.spring.sample;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * MariaDB through the application's own Spring Boot {@code DataSource} ({@code spring.datasource.url}): the store is
 * built on it and never closes it.
 */
@EnabledIfEnvironmentVariable(named = ServerDatabases.MYSQL, matches = ServerDatabases.SET,
        disabledReason = ServerDatabases.MYSQL + ServerDatabases.NOT_SET)
@SpringBootTest(classes = SampleApplication.class)
class MariaDbSampleApplicationTest extends AbstractSampleApplicationTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = ServerDatabases.url(ServerDatabases.MYSQL);
        registry.add("spring.datasource.url", () -> "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()));
        registry.add("employee-store.table", () -> uniqueTable("starter"));
        registry.add("employee-store.create-schema", () -> "true");
    }

    @Override
    String expectedBackend() {
        return "mariadb";
    }
}
