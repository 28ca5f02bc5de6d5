package io.github.employeestore.directory.internal;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.testsupport.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.List;

/**
 * The directory's local DynamoDB mode, {@code dynamodb-moto:[TABLE]}: a moto server (the open-source AWS mock of the
 * Python package {@code moto}, found as {@code moto_server} on the PATH) started for this process on a free loopback
 * port, in memory, with table {@code Employees} by default, and stopped with the store (also when the JVM is killed:
 * see {@link MotoServer}). Without {@code moto_server} it fails with one line saying how to install it. Not API.
 */
public final class MotoMode {
    /** The scheme of this mode. */
    public static final String SCHEME = "dynamodb-moto:";
    /** The credentials the client sends; moto accepts any. */
    public static final String ACCESS_KEY = "testing";
    /** See {@link #ACCESS_KEY}. */
    public static final String SECRET_KEY = "testing";

    private MotoMode() {
    }

    /**
     * Starts a moto server and opens a store on it.
     *
     * @param rest what follows the scheme: a table name, or nothing for {@code Employees}
     * @return the store, owning the server and its client
     * @throws StoreConfigurationException when {@code moto_server} is not installed or the URL has options
     * @throws IllegalStateException       when the server does not start
     */
    static OpenedStore open(String rest) {
        if (rest.contains("?")) {
            throw new StoreConfigurationException(SCHEME + " takes no options (moto keeps its data in memory); for a "
                    + "server you run yourself use dynamodb:TABLE?endpoint=http://127.0.0.1:PORT&region=us-east-1",
                    null);
        }
        String table = rest.isEmpty() ? "Employees" : rest;
        if (MotoServer.findExecutable().isEmpty()) {
            throw new StoreConfigurationException(SCHEME + " needs a moto server: " + MotoServer.notFoundMessage(),
                    null);
        }
        MotoServer server = MotoServer.start();
        DynamoDbClient client = null;
        try {
            client = DynamoDbClient.builder()
                    .endpointOverride(server.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            EmployeeStore store = DynamoDbEmployeeStore.builder().client(client).tableName(table).build();
            List<AutoCloseable> resources = new ArrayList<>(List.of(client, server));
            return new OpenedStore(store, io.github.employeestore.spi.StoreUrl.withoutCredentials(
                    store.description() + " (moto server at " + server.endpoint() + ", in memory)"), resources);
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            server.close();
            throw e;
        }
    }
}
