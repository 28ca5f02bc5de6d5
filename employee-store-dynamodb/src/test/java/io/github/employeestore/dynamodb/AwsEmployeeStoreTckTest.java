package io.github.employeestore.dynamodb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;


/**
 * The TCK against Amazon DynamoDB itself. Runs only when {@code EMPLOYEE_STORE_DYNAMODB_AWS_REGION} names a region
 * (credentials come from the SDK's default chain, e.g. {@code AWS_PROFILE} or {@code AWS_ACCESS_KEY_ID}); it creates
 * two uniquely named on-demand tables ({@code employee_store_tck_*}) and deletes them afterwards. Otherwise it is
 * skipped with the reason. Note that {@code find} reads global secondary indexes, which Amazon DynamoDB updates
 * asynchronously, so the query tests can see a write late.
 */
@ExtendWith(AwsEmployeeStoreTckTest.WhenAskedFor.class)
class AwsEmployeeStoreTckTest extends SharedTablesTck {

    /** Disables the class, with the reason, unless a region was given. */
    static final class WhenAskedFor implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String region = System.getenv("EMPLOYEE_STORE_DYNAMODB_AWS_REGION");
            return region != null && !region.isBlank()
                    ? ConditionEvaluationResult.enabled("Amazon DynamoDB asked for")
                    : ConditionEvaluationResult.disabled("Amazon DynamoDB tests not asked for: set "
                    + "EMPLOYEE_STORE_DYNAMODB_AWS_REGION (and AWS credentials) to run them");
        }
    }

    @BeforeAll
    static void connect() {
        String region = System.getenv("EMPLOYEE_STORE_DYNAMODB_AWS_REGION");
        client = DynamoDbClient.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        createTables();
    }

    @AfterAll
    static void cleanUp() {
        dropTables();
    }
}
