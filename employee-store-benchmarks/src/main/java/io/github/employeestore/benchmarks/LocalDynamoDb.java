package io.github.employeestore.benchmarks;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Amazon DynamoDB Local, started in this JVM as an HTTP server on a free loopback port (once per JVM, stopped when
 * the JVM exits), and clients of it that go through the real SDK HTTP path. DynamoDB Local needs the sqlite4java
 * native libraries: the build copies them to {@code target/native-libs}; when the system property
 * {@code sqlite4java.library.path} is not set, that directory next to the running jar or classes is used.
 *
 * <p>Thread-safe.
 */
public final class LocalDynamoDb {
    /** System property that points a JVM at an already running DynamoDB Local instead of starting one. */
    public static final String ENDPOINT_PROPERTY = "employeestore.bench.dynamodb.endpoint";

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static URI endpoint;

    private LocalDynamoDb() {
    }

    /** @return the endpoint: the one given by {@value #ENDPOINT_PROPERTY}, or a server started here on first use */
    public static synchronized URI endpoint() {
        if (endpoint != null) {
            return endpoint;
        }
        String given = System.getProperty(ENDPOINT_PROPERTY);
        if (given != null && !given.isBlank()) {
            endpoint = URI.create(given);
            return endpoint;
        }
        try {
            if (System.getProperty("sqlite4java.library.path") == null) {
                System.setProperty("sqlite4java.library.path", nativeLibraries().toString());
            }
            int port = freePort();
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-port", Integer.toString(port)});
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }));
            endpoint = URI.create("http://127.0.0.1:" + port);
            return endpoint;
        } catch (Exception e) {
            throw new IllegalStateException("could not start DynamoDB Local (sqlite4java.library.path="
                    + System.getProperty("sqlite4java.library.path") + ")", e);
        }
    }

    /** The {@code native-libs} directory next to the jar or the classes directory this class was loaded from. */
    private static Path nativeLibraries() throws Exception {
        Path location = Path.of(LocalDynamoDb.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path candidate = location.getParent().resolve("native-libs");
        if (!Files.isDirectory(candidate)) {
            throw new IllegalStateException("no sqlite4java native libraries at " + candidate
                    + "; build with mvn package first");
        }
        return candidate;
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
                        AwsBasicCredentials.create("dummyKeyForLocal", "dummySecretForLocal")))
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
