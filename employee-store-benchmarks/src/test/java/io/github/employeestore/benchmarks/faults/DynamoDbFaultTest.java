package io.github.employeestore.benchmarks.faults;

import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.benchmarks.LocalDynamoDb;
import io.github.employeestore.benchmarks.SampleData;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * DynamoDB on a moto server: sustained throttling beyond the SDK's retries, injected into real calls by an
 * {@link ExecutionInterceptor} that turns each request into a harmless one (so that nothing is applied, as with real
 * throttling) and replaces DynamoDB's answer with {@code ProvisionedThroughputExceededException} (HTTP 400), surfaces
 * as a {@link StoreUnavailableException} with the SDK exception as its cause (and in
 * {@code importAll}'s result, every employee reported with it); a store whose endpoint is down, refusing connections or
 * accepting them and never answering, answers within the client's configured API call timeout with a
 * {@link StoreUnavailableException}.
 */
@MotoTest
class DynamoDbFaultTest {
    private static final byte[] THROTTLED = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
            + "ProvisionedThroughputExceededException\",\"message\":\"injected by the test\"}")
            .getBytes(StandardCharsets.UTF_8);

    /** While switched on, answers every request as throttled, and counts the attempts per operation. */
    static final class Throttling implements ExecutionInterceptor {
        final AtomicBoolean on = new AtomicBoolean();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        /** A throttled request is not applied: while on, the request is turned into a harmless DescribeLimits. */
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            if (!on.get()) {
                return context.httpRequest();
            }
            return context.httpRequest().toBuilder()
                    .putHeader("X-Amz-Target", "DynamoDB_20120810.DescribeLimits")
                    .build();
        }

        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            if (!on.get()) {
                return context.httpResponse();
            }
            attempts.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    k -> new AtomicInteger()).incrementAndGet();
            return context.httpResponse().toBuilder()
                    .statusCode(400)
                    .statusText("Bad Request")
                    .headers(Map.of(
                            "Content-Type", List.of("application/x-amz-json-1.0"),
                            "Content-Length", List.of(Integer.toString(THROTTLED.length)),
                            "x-amzn-ErrorType", List.of("ProvisionedThroughputExceededException")))
                    .build();
        }

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                               ExecutionAttributes attributes) {
            if (!on.get()) {
                return context.responseBody();
            }
            return Optional.of(new ByteArrayInputStream(THROTTLED));
        }

        int attempts(String operation) {
            AtomicInteger n = attempts.get(operation);
            return n == null ? 0 : n.get();
        }
    }

    private final Throttling throttling = new Throttling();
    private DynamoDbClient client;
    private DynamoDbEmployeeStore store;

    @BeforeEach
    void setUp() {
        // the SDK's standard retry mode: 3 attempts with backoff, so that "beyond the SDK's retries" comes soon
        client = LocalDynamoDb.client(MotoDynamoDb.shared().endpoint(), b -> b.retryStrategy(RetryMode.STANDARD),
                throttling);
        store = DynamoDbEmployeeStore.builder().client(client).tableName(MotoDynamoDb.shared().uniqueTableName("fault"))
                .importDeadline(Duration.ofSeconds(3)).build();
        store.schema().create();
    }

    @AfterEach
    void tearDown() {
        throttling.on.set(false);
        store.schema().drop();
        client.close();
    }

    @Test
    @DisplayName("§5.4 sustained throttling: StoreUnavailableException after the retries, retryable, with the SDK"
            + " cause")
    void sustainedThrottlingIsStoreUnavailableWithTheCause() {
        Employee stored = store.create(SampleData.employee(1).toBuilder().version(0).build());
        throttling.on.set(true);

        Throwable get = catchThrowable(() -> store.get(stored.id()));
        assertThat(get).isInstanceOf(StoreUnavailableException.class);
        assertThat(((StoreUnavailableException) get).isRetryable()).isTrue();
        assertThat(get.getCause()).isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(throttling.attempts("GetItem")).as("the SDK retried before giving up").isGreaterThan(1);

        Throwable put = catchThrowable(() -> store.put(stored.toBuilder().jobTitle("Changed").build()));
        assertThat(put).isInstanceOf(StoreUnavailableException.class);
        assertThat(put.getCause()).isInstanceOf(ProvisionedThroughputExceededException.class);

        ImportResult result = store.importAll(SampleData.employees(10, 60));
        assertThat(result.written()).isZero();
        assertThat(result.failures()).hasSize(60);
        for (ImportResult.Failure failure : result.failures()) {
            assertThat(failure.error()).get().isInstanceOf(StoreUnavailableException.class);
            assertThat(failure.error().get().getCause()).isInstanceOf(ProvisionedThroughputExceededException.class);
        }

        throttling.on.set(false);
        assertThat(store.get(stored.id())).contains(stored);
        assertThat(store.importAll(SampleData.employees(10, 60)).isComplete()).isTrue();
        assertThat(store.count()).isEqualTo(61);
    }

    @Test
    @DisplayName("§5.4 an endpoint refusing connections: StoreUnavailableException within the timeout")
    void endpointRefusingConnectionsAnswersWithinTheTimeout() throws Exception {
        int port = LocalDynamoDb.freePort();
        // refused at once: the SDK retries with backoff until its attempts or the API call timeout run out
        assertDownAnswersWithin(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2), ConnectException.class,
                ApiCallTimeoutException.class);
    }

    @Test
    void endpointThatNeverAnswersAnswersWithinTheTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // read nothing, answer nothing
                    }
                } catch (Exception ignored) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            assertDownAnswersWithin(URI.create("http://127.0.0.1:" + silent.getLocalPort()), Duration.ofSeconds(2),
                    ApiCallTimeoutException.class);
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    /**
     * The store answers with a retryable StoreUnavailableException caused by what cut the call short: the refused
     * connection, or the client's API call timeout. The cause, not a stopwatch, shows which limit ended the call; the
     * time is only checked against a hang (ten times the timeout).
     */
    @SafeVarargs
    private static void assertDownAnswersWithin(URI endpoint, Duration timeout,
                                                Class<? extends Throwable>... cause) {
        try (DynamoDbClient down = LocalDynamoDb.client(endpoint, b -> b.apiCallTimeout(timeout))) {
            DynamoDbEmployeeStore downStore = DynamoDbEmployeeStore.builder().client(down).tableName("Employees")
                    .build();
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> downStore.get("some-id"));
            assertThat(thrown).isInstanceOf(StoreUnavailableException.class);
            assertThat(((StoreUnavailableException) thrown).isRetryable()).isTrue();
            assertThat(causes(thrown)).as("causes").anySatisfy(c -> assertThat(c).isInstanceOfAny(cause));

            thrown = catchThrowable(() -> downStore.put(SampleData.employee(1)));
            assertThat(thrown).isInstanceOf(StoreUnavailableException.class);
            assertThat(causes(thrown)).as("causes").anySatisfy(c -> assertThat(c).isInstanceOfAny(cause));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no hang").isLessThan(timeout.multipliedBy(10));
        }
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable c = t; c != null && !all.contains(c); c = c.getCause()) {
            all.add(c);
        }
        return all;
    }
}
