package io.github.employeestore.dynamodb;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Amazon DynamoDB Local, started in this JVM as an HTTP server on a free loopback port, once per test JVM, and
 * stopped when the JVM exits. Tests reach it through the real SDK HTTP path. Its sqlite4java native libraries are
 * copied by the build into {@code target/native-libs} ({@code sqlite4java.library.path}).
 */
public final class DynamoDbLocal {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static URI endpoint;

    private DynamoDbLocal() {
    }

    /** @return the endpoint of the running server, starting it on first use */
    public static synchronized URI endpoint() {
        if (endpoint == null) {
            try {
                int port = freePort();
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[]{"-inMemory", "-port", Integer.toString(port)});
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // the JVM is exiting
                    }
                }));
                endpoint = URI.create("http://127.0.0.1:" + port);
            } catch (Exception e) {
                throw new IllegalStateException("could not start DynamoDB Local (is sqlite4java.library.path set to "
                        + "the copied native libraries?)", e);
            }
        }
        return endpoint;
    }

    /**
     * @param interceptors interceptors to add to the client (request counting, fault injection)
     * @return a new client of the running server; the caller closes it
     */
    public static DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return client(0, interceptors);
    }

    /**
     * @param maxAttempts  how many HTTP attempts the SDK makes per call, retries included; 0 for the SDK's default
     * @param interceptors interceptors to add to the client
     * @return a new client of the running server; the caller closes it
     */
    public static DynamoDbClient client(int maxAttempts, ExecutionInterceptor... interceptors) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .executionInterceptors(List.of(interceptors));
        if (maxAttempts > 0) {
            override.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(maxAttempts).build());
        }
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("dummyKeyForLocal", "dummySecretForLocal")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(override.build())
                .build();
    }

    /**
     * @param prefix a readable prefix
     * @return a table name not used before in this JVM
     */
    public static String uniqueTableName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + TABLES.incrementAndGet();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
