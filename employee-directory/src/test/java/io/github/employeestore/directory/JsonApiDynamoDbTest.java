package io.github.employeestore.directory;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/** The JSON API on a DynamoDB endpoint (a moto server over real HTTP), opened by {@code dynamodb:} URL. */
class JsonApiDynamoDbTest extends AbstractJsonApiTest {
    private DynamoDbClient downClient;

    @Override
    protected String storeUrl() {
        return "dynamodb:" + TestSupport.uniqueTable("Api") + "?region=us-east-1&endpoint="
                + MotoServer.shared().endpoint();
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
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return DynamoDbEmployeeStore.builder().client(downClient).tableName("Employees").build();
    }
}
