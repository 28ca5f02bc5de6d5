package io.github.employeestore.directory.internal;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon DynamoDB Local running in this JVM as an HTTP server on a free loopback port, in memory or in a folder.
 *
 * <p>DynamoDB Local keeps its tables in SQLite through sqlite4java, which needs its native library: the build copies
 * it into {@code lib/native} next to the application's jar (and next to {@code target/classes} for the tests), and
 * {@link #start(Path)} points the system property {@code sqlite4java.library.path} there unless it is already set.
 *
 * <p>Thread-safe: {@link #stop()} is idempotent.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    /** The dummy credentials DynamoDB Local accepts (it checks only that some are given). */
    public static final String ACCESS_KEY = "dummyKeyForLocal";
    /** See {@link #ACCESS_KEY}. */
    public static final String SECRET_KEY = "dummySecretForLocal";

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private boolean stopped;

    private DynamoDbLocalServer(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts DynamoDB Local on a free loopback port.
     *
     * @param dbPath a folder for its database file, or {@code null} to keep everything in memory
     * @return the running server
     * @throws IllegalStateException if it cannot start (for example when the native library is missing)
     */
    public static DynamoDbLocalServer start(Path dbPath) {
        configureNativeLibraryPath();
        try {
            int port = freePort();
            List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
            if (dbPath == null) {
                args.add("-inMemory");
            } else {
                Files.createDirectories(dbPath);
                args.add("-dbPath");
                args.add(dbPath.toAbsolutePath().toString());
            }
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new DynamoDbLocalServer(server, URI.create("http://127.0.0.1:" + port));
        } catch (Exception e) {
            throw new IllegalStateException("could not start DynamoDB Local (sqlite4java.library.path="
                    + System.getProperty("sqlite4java.library.path") + ")", e);
        }
    }

    /** @return the endpoint, e.g. {@code http://127.0.0.1:41234} */
    public URI endpoint() {
        return endpoint;
    }

    /** @return a new client of this server with dummy credentials in {@code us-east-1}; the caller closes it */
    public DynamoDbClient newClient() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Stops the server; idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort: the process is usually exiting
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void configureNativeLibraryPath() {
        if (System.getProperty("sqlite4java.library.path") != null) {
            return;
        }
        Path nativeDir = codeLocationParent().resolve("lib").resolve("native");
        System.setProperty("sqlite4java.library.path", nativeDir.toString());
    }

    /** The folder holding this application's jar (or {@code target/} when run from {@code target/classes}). */
    private static Path codeLocationParent() {
        try {
            Path location = Path.of(DynamoDbLocalServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path parent = location.getParent();
            return parent == null ? Path.of(".") : parent;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of(".");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
