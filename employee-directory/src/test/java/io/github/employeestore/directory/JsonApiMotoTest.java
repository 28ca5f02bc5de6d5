package io.github.employeestore.directory;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/**
 * The JSON API on DynamoDB: the app opens a {@code dynamodb:} URL on the test JVM's shared moto server (real HTTP)
 * through the starter, on a table of its own.
 */
@MotoTest
class JsonApiMotoTest extends AbstractJsonApiTest {
    private DynamoDbClient downClient;

    @Override
    protected String storeUrl() {
        return TestSupport.dynamoDbUrl(TestSupport.uniqueTable("Api"));
    }

    @Override
    protected void cleanUp() {
        if (downClient != null) {
            downClient.close();
        }
    }

    @Override
    protected EmployeeStore unavailableStore() {
        // a DynamoDB endpoint where nothing listens
        downClient = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + TestSupport.freePort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        MotoDynamoDb.ACCESS_KEY, MotoDynamoDb.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return DynamoDbEmployeeStore.builder().client(downClient).tableName("Employees").build();
    }
}
