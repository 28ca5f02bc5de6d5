package io.github.employeestore.spring.test.autoconfigure;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds the {@code EmployeeStore} auto-configuration
 * ({@link io.github.employeestore.spring.autoconfigure.EmployeeStoreAutoConfiguration}) to a test whose context does
 * not have it: a test slice that leaves it out, or a test with a hand-picked configuration. The store is then made
 * as in the application (from {@code employee-store.url}, else the test's {@code DataSource}, else its
 * {@code DynamoDbClient}); a store on the test's {@code DataSource} takes part in the test's transaction, so what a
 * transactional test writes is rolled back with it.
 *
 * <p>{@code @JdbcTest} and {@code @DataJdbcTest} include the auto-configuration already; {@code @SpringBootTest}
 * has every auto-configuration.
 *
 * <pre>{@code
 * @WebMvcTest(EmployeeController.class)
 * @AutoConfigureEmployeeStore
 * @TestPropertySource(properties = "employee-store.url=memory:")
 * class EmployeeControllerTest { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureEmployeeStore {
}
