package io.github.employeestore.benchmarks;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.github.employeestore.testsupport.MotoServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The DynamoDB endpoint of the benchmarks: a moto server ({@code moto_server}, the open-source AWS mock of the Python
 * package {@code moto}) started as a child process on a free loopback port (once per JVM, stopped when the JVM exits,
 * also when it is killed: see {@link MotoServer}), and clients of it that go through the real SDK HTTP path.
 *
 * <p>Thread-safe.
 */
public final class LocalDynamoDb {
    /** System property that points a JVM at an already running DynamoDB endpoint instead of starting one. */
    public static final String ENDPOINT_PROPERTY = "employeestore.bench.dynamodb.endpoint";

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static URI endpoint;

    private LocalDynamoDb() {
    }

    /**
     * @return the endpoint: the one given by {@value #ENDPOINT_PROPERTY}, or a moto server started here on first use
     * @throws IllegalStateException when {@code moto_server} is not installed (the message says how to install it)
     *                               or does not start
     */
    public static synchronized URI endpoint() {
        if (endpoint != null) {
            return endpoint;
        }
        String given = System.getProperty(ENDPOINT_PROPERTY);
        if (given != null && !given.isBlank()) {
            endpoint = URI.create(given);
            return endpoint;
        }
        MotoServer server = MotoServer.start();
        endpoint = server.endpoint();
        return endpoint;
    }

    /**
     * @param interceptors interceptors to add (request counting, fault injection)
     * @return a new client of the running server; the caller closes it
     */
    public static DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return client(endpoint(), b -> { }, interceptors);
    }

    /**
     * @param uri          the endpoint
     * @param override     further client configuration (timeouts, retries)
     * @param interceptors interceptors to add
     * @return a new client; the caller closes it
     */
    public static DynamoDbClient client(URI uri, Consumer<ClientOverrideConfiguration.Builder> override,
                                        ExecutionInterceptor... interceptors) {
        ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder()
                .executionInterceptors(List.of(interceptors));
        override.accept(config);
        return DynamoDbClient.builder()
                .endpointOverride(uri)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config.build())
                .build();
    }

    /**
     * @param prefix a readable prefix
     * @return a table name not used before in this JVM
     */
    public static String uniqueTableName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + TABLES.incrementAndGet();
    }

    /**
     * @return a loopback port that was free a moment ago
     * @throws IOException if no port could be bound
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
