package io.github.employeestore.directory;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.directory.internal.MotoMode;
import io.github.employeestore.directory.internal.OpenedStore;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.testsupport.MotoTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/**
 * The JSON API on DynamoDB, through {@code dynamodb-moto:} exactly as the app opens it: a moto server started for the
 * store and stopped with it.
 */
@MotoTest
class JsonApiMotoTest extends AbstractJsonApiTest {
    private OpenedStore opened;
    private DynamoDbClient downClient;

    @Override
    protected EmployeeStore openStore() {
        opened = OpenedStore.open(MotoMode.SCHEME, true);
        return opened.store();
    }

    @Override
    protected void closeStore() {
        if (opened != null) {
            opened.close();
        }
        if (downClient != null) {
            downClient.close();
        }
    }

    @Override
    protected EmployeeStore unavailableStore() {
        // a DynamoDB endpoint where nothing listens
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + TestSupport.freePort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        MotoMode.ACCESS_KEY, MotoMode.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        downClient = client;
        return DynamoDbEmployeeStore.builder().client(client).tableName("Employees").build();
    }
}
