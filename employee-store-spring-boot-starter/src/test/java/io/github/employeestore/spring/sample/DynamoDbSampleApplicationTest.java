package io.github.employeestore.spring.sample;

import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB endpoint (a moto server over real HTTP) through the application's own {@link DynamoDbClient} bean: the
 * store is built on it and never closes it.
 */
@MotoTest
@SpringBootTest(classes = SampleApplication.class, properties =
        // the test class path has H2 and spring-boot-jdbc, whose embedded DataSource would be chosen first
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@Import(DynamoDbSampleApplicationTest.ClientConfiguration.class)
class DynamoDbSampleApplicationTest extends AbstractSampleApplicationTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MotoDynamoDb.shared();
        registry.add("employee-store.table", () -> uniqueTable("Starter"));
        registry.add("employee-store.create-schema", () -> "true");
    }

    @Override
    String expectedBackend() {
        return "dynamodb";
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClientConfiguration {
        @Bean
        DynamoDbClient dynamoDbClient() {
            return DynamoDbClient.builder().endpointOverride(MotoDynamoDb.shared().endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoDynamoDb.ACCESS_KEY,
                            MotoDynamoDb.SECRET_KEY)))
                    .httpClient(UrlConnectionHttpClient.create()).build();
        }
    }
}
