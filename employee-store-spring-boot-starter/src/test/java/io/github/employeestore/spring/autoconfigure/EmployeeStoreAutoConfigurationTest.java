package io.github.employeestore.spring.autoconfigure;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import io.github.employeestore.memory.InMemoryEmployeeStore;
import io.github.employeestore.micrometer.DefaultEmployeeStoreObservationConvention;
import io.github.employeestore.micrometer.EmployeeStoreObservationConvention;
import io.github.employeestore.micrometer.ObservedEmployeeStore;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import io.github.employeestore.spring.EmployeeStoreExceptionTranslator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each condition of the auto-configuration, on a context runner (no application started). */
class EmployeeStoreAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmployeeStoreAutoConfiguration.class,
                    EmployeeStoreHealthContributorAutoConfiguration.class));

    private static String h2() {
        return "jdbc:h2:mem:starter_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void noUrlNoDataSourceNoClientMeansNoStore() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EmployeeStore.class));
    }

    @Test
    void aUrlAloneGivesAStore() {
        runner.withPropertyValues("employee-store.url=memory:").run(context -> {
            assertThat(context).hasSingleBean(EmployeeStore.class);
            assertThat(context.getBean(EmployeeStore.class)).isInstanceOf(InMemoryEmployeeStore.class);
        });
    }

    @Test
    void optionsReachTheStoreOpenedByUrl() {
        runner.withPropertyValues("employee-store.url=" + h2(), "employee-store.options.table=staff",
                "employee-store.create-schema=true").run(context -> {
            EmployeeStore store = context.getBean(EmployeeStore.class);
            assertThat(store).isInstanceOf(JdbcEmployeeStore.class);
            assertThat(((JdbcEmployeeStore) store).table()).isEqualTo("staff");
            assertThat(store.schema().exists()).isTrue();
        });
    }

    @Test
    void withoutCreateSchemaTheTableIsLeftAlone() {
        runner.withPropertyValues("employee-store.url=" + h2())
                .run(context -> assertThat(context.getBean(EmployeeStore.class).schema().exists()).isFalse());
    }

    @Test
    void aBadUrlFailsStartUpWithATypedError() {
        runner.withPropertyValues("employee-store.url=nosuchdb://x").run(context ->
                assertThat(context).getFailure().hasRootCauseInstanceOf(StoreConfigurationException.class));
    }

    @Test
    void theStoreOpenedByUrlIsClosedWithTheContext() {
        AtomicReferenceStore holder = new AtomicReferenceStore();
        runner.withPropertyValues("employee-store.url=" + h2(), "employee-store.create-schema=true")
                .run(context -> {
                    holder.store = context.getBean(EmployeeStore.class);
                    assertThat(holder.store.count()).isZero();
                });
        // its HikariCP pool is gone with the context
        assertThatThrownBy(() -> holder.store.count()).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aDataSourceBeanGivesAJdbcStoreThatNeverClosesIt() throws Exception {
        HikariDataSource ds = pool(h2());
        runner.withBean(DataSource.class, () -> ds, d -> d.setDestroyMethodName(""))
                .withPropertyValues("employee-store.create-schema=true", "employee-store.table=people")
                .run(context -> {
                    EmployeeStore store = context.getBean(EmployeeStore.class);
                    assertThat(store).isInstanceOf(JdbcEmployeeStore.class);
                    assertThat(((JdbcEmployeeStore) store).table()).isEqualTo("people");
                    store.create(Employee.builder().fullName("Ada").build());
                });
        // the context and the store are closed; the application's DataSource still works
        assertThat(ds.isClosed()).isFalse();
        try (Connection c = ds.getConnection()) {
            assertThat(c.createStatement().executeQuery("select count(*) from \"people\"").next()).isTrue();
        }
        ds.close();
    }

    @Test
    void theUrlWinsOverADataSource() {
        runner.withBean(DataSource.class, () -> pool(h2()))
                .withPropertyValues("employee-store.url=memory:")
                .run(context -> assertThat(context.getBean(EmployeeStore.class))
                        .isInstanceOf(InMemoryEmployeeStore.class));
    }

    @Test
    void aDynamoDbClientBeanGivesADynamoDbStoreThatNeverClosesIt() {
        AtomicInteger closed = new AtomicInteger();
        DynamoDbClient client = new DynamoDbClient() {
            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        runner.withBean(DynamoDbClient.class, () -> client, d -> d.setDestroyMethodName(""))
                .withPropertyValues("employee-store.table=Staff")
                .run(context -> {
                    EmployeeStore store = context.getBean(EmployeeStore.class);
                    assertThat(store).isInstanceOf(DynamoDbEmployeeStore.class);
                    assertThat(store.description()).contains("Staff");
                });
        assertThat(closed).hasValue(0);
    }

    @Test
    void withoutTheDynamoDbBackendOnTheClassPathAClientIsIgnored() {
        runner.withClassLoader(new FilteredClassLoader(DynamoDbEmployeeStore.class))
                .withBean(DynamoDbClient.class, () -> DynamoDbClient.builder()
                        .region(software.amazon.awssdk.regions.Region.US_EAST_1).build())
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EmployeeStore.class));
    }

    @Test
    void withoutJdbcOnTheClassPathAUrlStillWorks() {
        runner.withClassLoader(new FilteredClassLoader(JdbcEmployeeStore.class, DynamoDbClient.class))
                .withPropertyValues("employee-store.url=memory:")
                .run(context -> assertThat(context).hasSingleBean(EmployeeStore.class));
    }

    @Test
    void theApplicationsOwnStoreWins() {
        InMemoryEmployeeStore own = InMemoryEmployeeStore.create();
        runner.withBean(EmployeeStore.class, () -> own).withPropertyValues("employee-store.url=" + h2())
                .run(context -> assertThat(context.getBean(EmployeeStore.class)).isSameAs(own));
    }

    @Test
    void anObservationRegistryWrapsTheStore() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        runner.withBean(io.micrometer.observation.ObservationRegistry.class, () -> registry)
                .withPropertyValues("employee-store.url=" + h2(), "employee-store.create-schema=true")
                .run(context -> {
                    EmployeeStore store = context.getBean(EmployeeStore.class);
                    assertThat(store).isInstanceOf(ObservedEmployeeStore.class);
                    store.count();
                    TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("employee.store")
                            .that().hasLowCardinalityKeyValue("employee.store.backend", "h2")
                            .hasLowCardinalityKeyValue("employee.store.operation", "count");
                });
    }

    @Test
    void healthChecksAreNotObservedAsStoreCalls() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        runner.withBean(io.micrometer.observation.ObservationRegistry.class, () -> registry)
                .withPropertyValues("employee-store.url=" + h2(), "employee-store.create-schema=true")
                .run(context -> {
                    assertThat(context.getBean(EmployeeStoreHealthIndicator.class).health(true).getStatus())
                            .isEqualTo(Status.UP);
                    TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
                });
    }

    @Test
    void theApplicationsConventionIsUsed() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        runner.withBean(io.micrometer.observation.ObservationRegistry.class, () -> registry)
                .withBean(EmployeeStoreObservationConvention.class, () -> new DefaultEmployeeStoreObservationConvention() {
                    @Override
                    public String getName() {
                        return "hr.store";
                    }
                })
                .withPropertyValues("employee-store.url=memory:", "employee-store.backend-tag=primary")
                .run(context -> {
                    context.getBean(EmployeeStore.class).get("x");
                    TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("hr.store")
                            .that().hasLowCardinalityKeyValue("employee.store.backend", "primary");
                });
    }

    @Test
    void withoutARegistryTheStoreIsNotWrapped() {
        runner.withPropertyValues("employee-store.url=memory:").run(context ->
                assertThat(context.getBean(EmployeeStore.class)).isNotInstanceOf(ObservedEmployeeStore.class));
    }

    @Test
    void theHealthIndicatorIsUpOnAWorkingStoreAndDownOnAMissingTable() {
        runner.withPropertyValues("employee-store.url=" + h2(), "employee-store.create-schema=true").run(context -> {
            Health health = context.getBean(EmployeeStoreHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKey("backend");
        });
        runner.withPropertyValues("employee-store.url=" + h2()).run(context -> {
            Health health = context.getBean(EmployeeStoreHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("error").toString()).contains("StoreConfigurationException");
        });
    }

    @Test
    void theHealthIndicatorCanBeTurnedOff() {
        runner.withPropertyValues("employee-store.url=memory:", "management.health.employeestore.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EmployeeStoreHealthIndicator.class));
    }

    @Test
    void theHealthIndicatorNeedsSpringBootHealth() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .withPropertyValues("employee-store.url=memory:")
                .run(context -> assertThat(context).hasSingleBean(EmployeeStore.class)
                        .doesNotHaveBean(EmployeeStoreHealthIndicator.class));
    }

    @Test
    void theExceptionTranslatorIsRegisteredWithSpringTxAndTheAppsOwnWins() {
        runner.withPropertyValues("employee-store.url=memory:").run(context ->
                assertThat(context).hasSingleBean(EmployeeStoreExceptionTranslator.class));
        EmployeeStoreExceptionTranslator own = new EmployeeStoreExceptionTranslator();
        runner.withBean(EmployeeStoreExceptionTranslator.class, () -> own).run(context ->
                assertThat(context.getBean(EmployeeStoreExceptionTranslator.class)).isSameAs(own));
    }

    @Test
    void withoutSpringTxOrSpringJdbcTheStoreStillStarts() {
        // an application without JDBC (the directory on DynamoDB, say) has neither
        runner.withClassLoader(new FilteredClassLoader("org.springframework.dao", "org.springframework.transaction",
                        "org.springframework.jdbc"))
                .withPropertyValues("employee-store.url=memory:")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(EmployeeStore.class)
                        .doesNotHaveBean(EmployeeStoreExceptionTranslator.class));
        HikariDataSource ds = pool(h2());
        runner.withClassLoader(new FilteredClassLoader("org.springframework.jdbc"))
                .withBean(DataSource.class, () -> ds, d -> d.setDestroyMethodName(""))
                .withPropertyValues("employee-store.create-schema=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(EmployeeStore.class).create(Employee.builder().fullName("Ada").build());
                });
        ds.close();
    }

    @Test
    void propertiesHaveMetadataForIdes() throws Exception {
        try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).contains("\"employee-store.url\"", "\"employee-store.options\"",
                    "\"employee-store.create-schema\"", "\"employee-store.table\"");
            assertThat(json).contains("\"management.health.employeestore.enabled\"",
                    "\"employee-store.options.keys\"", "\"accessKeyId\"", "\"password\"");
        }
    }

    private static final class AtomicReferenceStore {
        EmployeeStore store;
    }

    /** An application's pooled DataSource (H2), to prove the store does not close it. */
    private static HikariDataSource pool(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        return ds;
    }
}
