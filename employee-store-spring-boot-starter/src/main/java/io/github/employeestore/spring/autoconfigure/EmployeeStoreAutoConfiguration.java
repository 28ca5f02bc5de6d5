package io.github.employeestore.spring.autoconfigure;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import io.github.employeestore.micrometer.EmployeeStoreObservationConvention;
import io.github.employeestore.spring.EmployeeStoreExceptionTranslator;
import io.github.employeestore.spring.SpringTransactionBinding;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.sql.DataSource;

/**
 * Auto-configuration of one {@link EmployeeStore} bean, unless the application defines its own. In this order:
 * <ol>
 *   <li>{@code employee-store.url} set: the store is opened from it with {@code employee-store.options.*}
 *       ({@link EmployeeStores#open(String, StoreOptions)}); it owns its pool or client and is closed with the
 *       context;</li>
 *   <li>else a single {@link DataSource} bean and {@code employee-store-jdbc} on the class path: a
 *       {@link JdbcEmployeeStore} on it;</li>
 *   <li>else a single {@link DynamoDbClient} bean and {@code employee-store-dynamodb} on the class path: a
 *       {@link DynamoDbEmployeeStore} on it.</li>
 * </ol>
 * A store built on the application's {@code DataSource} or client never closes it (closing the store releases only
 * what the store made). With {@code employee-store.create-schema=true} the table and indexes are created at
 * start-up. When an {@link io.micrometer.observation.ObservationRegistry} bean exists (Spring Boot's Actuator makes one) the store is wrapped
 * in {@link io.github.employeestore.micrometer.ObservedEmployeeStore}, with the application's
 * {@link EmployeeStoreObservationConvention} bean if it has one.
 *
 * <p>The JDBC store built on the application's {@code DataSource} joins Spring-managed transactions on it
 * ({@link SpringTransactionBinding}); an {@link EmployeeStoreExceptionTranslator} bean translates the store's
 * exceptions into Spring's {@code DataAccessException}s for {@code @Repository} beans.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass(EmployeeStore.class)
@EnableConfigurationProperties(EmployeeStoreProperties.class)
@Import({StoreConfigurations.FromUrl.class, StoreConfigurations.FromDataSource.class,
        StoreConfigurations.FromDynamoDbClient.class})
public class EmployeeStoreAutoConfiguration {
    /**
     * The translation of the store's exceptions into Spring's {@code DataAccessException}s, applied to
     * {@code @Repository} beans by Spring's {@code PersistenceExceptionTranslationPostProcessor}; only with spring-tx
     * on the class path (a nested class, so that nothing of it is introspected without).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.dao.support.PersistenceExceptionTranslator")
    static class ExceptionTranslation {
        @Bean
        @ConditionalOnMissingBean
        static EmployeeStoreExceptionTranslator employeeStoreExceptionTranslator() {
            return new EmployeeStoreExceptionTranslator();
        }
    }
}
