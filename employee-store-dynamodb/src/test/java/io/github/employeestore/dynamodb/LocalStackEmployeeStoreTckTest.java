package io.github.employeestore.dynamodb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;


/**
 * The TCK against LocalStack's DynamoDB in a Testcontainers container. Runs only when asked for, with
 * {@code -Demployee.store.localstack=true} or {@code EMPLOYEE_STORE_LOCALSTACK=true}, and when Docker is available;
 * otherwise it is skipped with the reason. The image is {@code localstack/localstack:4.4} unless
 * {@code EMPLOYEE_STORE_LOCALSTACK_IMAGE} names another; {@code LOCALSTACK_AUTH_TOKEN} is passed on when set (newer
 * LocalStack images need one).
 */
@ExtendWith(LocalStackEmployeeStoreTckTest.WhenAskedAndDockerIsAvailable.class)
class LocalStackEmployeeStoreTckTest extends SharedTablesTck {
    private static LocalStackContainer container;

    /** Disables the class, with the reason, unless LocalStack was asked for and Docker is available. */
    static final class WhenAskedAndDockerIsAvailable implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean asked = Boolean.getBoolean("employee.store.localstack")
                    || "true".equalsIgnoreCase(System.getenv("EMPLOYEE_STORE_LOCALSTACK"));
            if (!asked) {
                return ConditionEvaluationResult.disabled("LocalStack tests not asked for: set "
                        + "-Demployee.store.localstack=true or EMPLOYEE_STORE_LOCALSTACK=true");
            }
            if (!dockerAvailable()) {
                return ConditionEvaluationResult.disabled("LocalStack tests asked for, but Docker is not available");
            }
            return ConditionEvaluationResult.enabled("LocalStack asked for and Docker available");
        }
    }

    @BeforeAll
    static void startLocalStack() {
        String image = System.getenv().getOrDefault("EMPLOYEE_STORE_LOCALSTACK_IMAGE", "localstack/localstack:4.4");
        container = new LocalStackContainer(DockerImageName.parse(image)).withServices("dynamodb");
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        container.start();
        client = DynamoDbClient.builder()
                .endpointOverride(container.getEndpoint())
                .region(Region.of(container.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        createTables();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @AfterAll
    static void stopLocalStack() {
        try {
            dropTables();
        } finally {
            if (container != null) {
                container.stop();
            }
        }
    }
}
