package io.github.employeestore.testsupport.internal;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Lock;

/**
 * An SDK HTTP client that lets one request at a time reach the server: each HTTP exchange (until the response's
 * status and headers are in, by which time the server has applied the request) runs under a lock shared by every
 * client of the same server. moto serves requests on threads without locking its tables, so two concurrent
 * conditional writes of one item can both pass their condition there, which DynamoDB never allows; with this client
 * each request is applied atomically, as on DynamoDB, while the races between a caller's reads and writes (the
 * interleavings an optimistic-concurrency test needs) still happen. Not API.
 */
public final class OneRequestAtATime implements SdkHttpClient {
    private final SdkHttpClient delegate;
    private final Lock lock;

    /**
     * @param delegate the client that sends the requests; closed with this one
     * @param lock     the lock of the server, shared by all its clients
     */
    public OneRequestAtATime(SdkHttpClient delegate, Lock lock) {
        this.delegate = delegate;
        this.lock = lock;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                try {
                    lock.lockInterruptibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the server");
                }
                try {
                    return prepared.call();
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
