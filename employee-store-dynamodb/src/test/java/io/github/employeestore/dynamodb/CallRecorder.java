package io.github.employeestore.dynamodb;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the SDK calls a client makes, by operation name (one per API call, however many HTTP attempts it took),
 * the HTTP attempts, and keeps every request and response, so that tests can assert what an operation cost.
 */
final class CallRecorder implements ExecutionInterceptor {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<SdkResponse> responses = new CopyOnWriteArrayList<>();
    private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.computeIfAbsent(operation(attributes), k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.computeIfAbsent(operation(attributes), k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        requests.add(context.request());
        responses.add(context.response());
    }

    private static String operation(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    /** @param operation e.g. {@code "BatchWriteItem"} @return how many calls of it were made */
    int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /** @param operation e.g. {@code "BatchWriteItem"} @return how many HTTP attempts of it were made */
    int attempts(String operation) {
        AtomicInteger n = attempts.get(operation);
        return n == null ? 0 : n.get();
    }

    /** @return every call by operation */
    Map<String, Integer> calls() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        calls.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** @param type a response type @param <T> the type @return the responses of that type, in order */
    <T extends SdkResponse> List<T> responses(Class<T> type) {
        return responses.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** @param type a request type @param <T> the type @return the requests of that type as sent, in order */
    <T extends SdkRequest> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets everything recorded so far. */
    void reset() {
        calls.clear();
        attempts.clear();
        responses.clear();
        requests.clear();
    }
}
