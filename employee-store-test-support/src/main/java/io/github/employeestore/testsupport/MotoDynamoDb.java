package io.github.employeestore.testsupport;

import io.github.employeestore.testsupport.internal.MotoContainer;
import io.github.employeestore.testsupport.internal.OneRequestAtATime;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The DynamoDB endpoint the tests of this build run against: one moto server per test JVM, started on first use and
 * stopped when the JVM exits (see {@link MotoServer} for how nothing is left behind). It is a {@code moto_server}
 * child process when one is installed, else a {@code motoserver/moto} container when Docker is available
 * (Testcontainers); otherwise the tests that need it are skipped with the install hint ({@link MotoServerExtension}),
 * except on CI ({@code CI=true}), where that is a failure.
 *
 * <p>Tests share the server and stay out of each other's way by using tables of their own
 * ({@link #uniqueTableName(String)}), which they drop afterwards; {@link #reset()} empties the whole server.
 *
 * <p>Thread-safe.
 */
public final class MotoDynamoDb {
    /** The region clients use. */
    public static final Region REGION = Region.US_EAST_1;
    /** The access key clients send; moto accepts any. */
    public static final String ACCESS_KEY = "testing";
    /** The secret key clients send; moto accepts any. */
    public static final String SECRET_KEY = "testing";
    /** Environment variable naming the moto image for the container path; {@value #DEFAULT_IMAGE} by default. */
    public static final String IMAGE_ENV = "EMPLOYEE_STORE_MOTO_IMAGE";
    /** The moto image of the container path. */
    public static final String DEFAULT_IMAGE = "motoserver/moto:5.2.1";

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static Availability availability;
    private static MotoDynamoDb shared;
    private static RuntimeException startFailure;

    private final URI endpoint;
    private final ReentrantLock oneRequestAtATime = new ReentrantLock(true);
    private final String description;
    private final MotoServer process;

    /** Where the moto server of this JVM comes from. */
    public enum Source {
        /** a {@code moto_server} child process */
        PROCESS,
        /** a {@code motoserver/moto} container */
        CONTAINER,
        /** nowhere: neither is available */
        NONE
    }

    /**
     * Whether a moto server can be had, and why (or why not).
     *
     * @param source where it comes from
     * @param reason a sentence for test reports: what runs, or what is missing and how to install it
     */
    public record Availability(Source source, String reason) {
        /** @return whether a server can be had */
        public boolean available() {
            return source != Source.NONE;
        }
    }

    private MotoDynamoDb(URI endpoint, String description, MotoServer process) {
        this.endpoint = endpoint;
        this.description = description;
        this.process = process;
    }

    /** @return whether the environment says this is a CI run ({@code CI=true}) */
    public static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && ci.strip().toLowerCase(Locale.ROOT).equals("true");
    }

    /**
     * Looks for {@code moto_server}, then for Docker; the answer is kept for the JVM.
     *
     * @return where the server comes from, or why there is none
     */
    public static synchronized Availability availability() {
        if (availability == null) {
            availability = MotoServer.findExecutable()
                    .map(p -> new Availability(Source.PROCESS, "moto_server at " + p))
                    .orElseGet(() -> {
                        String docker = MotoContainer.dockerUnavailableReason();
                        return docker == null
                                ? new Availability(Source.CONTAINER, "moto_server not found; using a "
                                + image() + " container (Docker)")
                                : new Availability(Source.NONE, MotoServer.notFoundMessage()
                                + " (or make Docker available: " + docker + ")");
                    });
        }
        return availability;
    }

    /**
     * @return the moto server of this JVM, started on first call
     * @throws IllegalStateException when there is none (the message says how to install it) or it did not start
     */
    public static synchronized MotoDynamoDb shared() {
        if (shared != null) {
            return shared;
        }
        if (startFailure != null) {
            throw new IllegalStateException(startFailure.getMessage(), startFailure);
        }
        Availability a = availability();
        try {
            switch (a.source()) {
                case PROCESS -> {
                    MotoServer server = MotoServer.start();
                    shared = new MotoDynamoDb(server.endpoint(), server.toString(), server);
                }
                case CONTAINER -> {
                    URI endpoint = MotoContainer.start(image());
                    shared = new MotoDynamoDb(endpoint, image() + " container at " + endpoint, null);
                }
                default -> throw new IllegalStateException("DynamoDB tests need a moto server: " + a.reason());
            }
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
        return shared;
    }

    private static String image() {
        String image = System.getenv(IMAGE_ENV);
        return image == null || image.isBlank() ? DEFAULT_IMAGE : image.strip();
    }

    /** @return the endpoint, e.g. {@code http://127.0.0.1:41234} */
    public URI endpoint() {
        return endpoint;
    }

    /** @return what runs the server, for logs */
    public String description() {
        return description;
    }

    /**
     * A client of this server over real HTTP (url-connection client, dummy credentials). Its requests reach moto one
     * at a time across all clients of this class ({@link OneRequestAtATime}): moto does not lock an item between a
     * write's condition and the write, so concurrent conditional writes could both succeed there, which DynamoDB
     * never allows; the races between a caller's reads and writes still happen.
     *
     * @param interceptors interceptors to add (request counting, fault injection)
     * @return a new client; the caller closes it
     */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return client(0, interceptors);
    }

    /**
     * @param maxAttempts  HTTP attempts per call, retries included; 0 for the SDK's default
     * @param interceptors interceptors to add
     * @return a new client of this server; the caller closes it
     */
    public DynamoDbClient client(int maxAttempts, ExecutionInterceptor... interceptors) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .executionInterceptors(List.of(interceptors));
        if (maxAttempts > 0) {
            override.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(maxAttempts).build());
        }
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                // moto deep-copies every table a TransactWriteItems touches before applying it, which takes tens of
                // seconds for tables of thousands of items on a loaded machine; the SDK's default 30 s read timeout
                // would then send the transaction again while moto still applies the first (moto ignores the
                // idempotency token DynamoDB honours), and the retry fails on the first's write
                .httpClient(new OneRequestAtATime(UrlConnectionHttpClient.builder()
                        .socketTimeout(java.time.Duration.ofMinutes(3)).build(), oneRequestAtATime))
                .overrideConfiguration(override.build())
                .build();
    }

    /**
     * @param prefix a readable prefix, e.g. {@code "tck"}
     * @return a table name not used before on this server by this JVM
     */
    public String uniqueTableName(String prefix) {
        return prefix + "_" + RUN + "_" + TABLES.incrementAndGet();
    }

    /**
     * Empties the whole server (every table of every test). Only for a test JVM that runs one test class at a time.
     */
    public void reset() {
        MotoServer.reset(endpoint);
    }

    /** @return the server's process when it runs as a child process; {@code null} for a container */
    public MotoServer process() {
        return process;
    }
}
