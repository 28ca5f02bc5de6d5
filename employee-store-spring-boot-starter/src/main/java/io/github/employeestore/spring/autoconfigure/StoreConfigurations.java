package io.github.employeestore.spring.autoconfigure;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import io.github.employeestore.micrometer.EmployeeStoreObservationConvention;
import io.github.employeestore.spring.SpringTransactionBinding;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.sql.DataSource;
import java.util.Locale;

/**
 * The ways of making the store bean, imported by {@link EmployeeStoreAutoConfiguration} in this order (the first
 * that applies wins). Not a configuration class itself, so that the order is the import's.
 */
abstract class StoreConfigurations {
    /** Whether Spring's JDBC transactions are on the class path, for the store to join them. */
    private static final boolean SPRING_JDBC = ClassUtils.isPresent(
            "org.springframework.jdbc.datasource.DataSourceUtils", StoreConfigurations.class.getClassLoader());

    private StoreConfigurations() {
    }

    /** The store of {@code employee-store.url}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "employee-store", name = "url")
    @ConditionalOnMissingBean(EmployeeStore.class)
    static class FromUrl {
        @Bean(destroyMethod = "close")
        EmployeeStore employeeStore(EmployeeStoreProperties properties, ObjectProvider<ObservationRegistry> registry,
                                    ObjectProvider<EmployeeStoreObservationConvention> conventions) {
            String url = properties.getUrl();
            StoreOptions.Builder options = StoreOptions.builder();
            properties.getOptions().forEach(options::option);
            return StoreBeans.finish(() -> EmployeeStores.open(url, options.build()), StoreBeans.backendOfUrl(url),
                    properties, registry, conventions);
        }
    }

    /**
     * A JDBC store on the application's {@code DataSource}, joining Spring-managed transactions on it (with
     * spring-jdbc on the class path).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({JdbcEmployeeStore.class, DataSource.class})
    @ConditionalOnSingleCandidate(DataSource.class)
    @ConditionalOnMissingBean(EmployeeStore.class)
    static class FromDataSource {
        @Bean(destroyMethod = "close")
        EmployeeStore employeeStore(DataSource dataSource, EmployeeStoreProperties properties,
                                    ObjectProvider<ObservationRegistry> registry,
                                    ObjectProvider<EmployeeStoreObservationConvention> conventions) {
            JdbcEmployeeStore.Builder builder = JdbcEmployeeStore.builder().dataSource(dataSource);
            if (SPRING_JDBC) {
                builder.transactionBinding(SpringTransactionBinding.INSTANCE);
            }
            if (properties.getTable() != null) {
                builder.table(properties.getTable());
            }
            JdbcEmployeeStore store = builder.build();
            return StoreBeans.finish(() -> store, store.dialect().name().toLowerCase(Locale.ROOT), properties,
                    registry, conventions);
        }
    }

    /** A DynamoDB store on the application's {@code DynamoDbClient}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({DynamoDbEmployeeStore.class, DynamoDbClient.class})
    @ConditionalOnSingleCandidate(DynamoDbClient.class)
    @ConditionalOnMissingBean(EmployeeStore.class)
    static class FromDynamoDbClient {
        @Bean(destroyMethod = "close")
        EmployeeStore employeeStore(DynamoDbClient client, EmployeeStoreProperties properties,
                                    ObjectProvider<ObservationRegistry> registry,
                                    ObjectProvider<EmployeeStoreObservationConvention> conventions) {
            DynamoDbEmployeeStore.Builder builder = DynamoDbEmployeeStore.builder().client(client);
            if (properties.getTable() != null) {
                builder.tableName(properties.getTable());
            }
            return StoreBeans.finish(builder::build, "dynamodb", properties, registry, conventions);
        }
    }
}
