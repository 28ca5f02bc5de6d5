package io.github.employeestore.directory.internal.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Slow clients cannot hold the request threads: a request body is read without a thread, with the Servlet API's
 * non-blocking input ({@link ReadListener}), into memory (at most {@code directory.max-request-bytes}, else 413),
 * within a total time ({@code directory.max-body-seconds}, else 408 and the connection is closed), and only then is
 * the request dispatched to the rest of the chain, which reads the body from memory. A client trickling its body
 * one byte every few seconds therefore costs a connection and a buffer, never a thread, and is cut at the deadline
 * whatever its pace. Thread-safe (stateless; per-request state lives in the request).
 */
public class BodyBufferingFilter implements Filter {
    private static final String BODY = BodyBufferingFilter.class.getName() + ".body";

    private final int maxBytes;
    private final long maxMillis;

    /**
     * @param maxBytes  the most bytes of a body
     * @param maxMillis the most time a client may take to send its body
     */
    public BodyBufferingFilter(int maxBytes, long maxMillis) {
        this.maxBytes = maxBytes;
        this.maxMillis = maxMillis;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Object buffered = request.getAttribute(BODY);
        if (buffered instanceof byte[] body && request.getDispatcherType() == DispatcherType.ASYNC) {
            request.removeAttribute(BODY);
            chain.doFilter(new Buffered(request, body), response);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)
                || !request.isAsyncSupported()) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            StrictRequestFilter.reject(request, response, 413, "the request body is larger than " + maxBytes
                    + " bytes");
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(maxMillis);
        AtomicBoolean done = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (done.compareAndSet(false, true)) {
                    response.setHeader("Connection", "close");
                    StrictRequestFilter.reject(request, response, 408, "the request body did not arrive within "
                            + maxMillis / 1000 + " s");
                    async.complete();
                }
            }

            @Override
            public void onError(AsyncEvent event) {
                done.set(true);
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, Math.min(maxBytes,
                request.getContentLengthLong())));
        in.setReadListener(new ReadListener() {
            private final byte[] chunk = new byte[8192];

            @Override
            public void onDataAvailable() throws IOException {
                while (in.isReady() && !in.isFinished()) {
                    int n = in.read(chunk);
                    if (n < 0) {
                        break;
                    }
                    if (out.size() + n > maxBytes) {
                        if (done.compareAndSet(false, true)) {
                            response.setHeader("Connection", "close");
                            StrictRequestFilter.reject(request, response, 413, "the request body is larger than "
                                    + maxBytes + " bytes");
                            async.complete();
                        }
                        return;
                    }
                    out.write(chunk, 0, n);
                }
            }

            @Override
            public void onAllDataRead() {
                if (done.compareAndSet(false, true)) {
                    request.setAttribute(BODY, out.toByteArray());
                    async.dispatch();
                }
            }

            @Override
            public void onError(Throwable t) {
                if (done.compareAndSet(false, true)) {
                    try {
                        response.setHeader("Connection", "close");
                        StrictRequestFilter.reject(request, response, 400, "the request body could not be read");
                    } catch (IOException | IllegalStateException e) {
                        // the client is gone
                    }
                    async.complete();
                }
            }
        });
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** The request with its body in memory. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BytesInputStream(body);
        }

        /**
         * The request the client sent, now with its body: the rest of the chain (Spring Security's authentication,
         * the parameter parser, Spring MVC) handles it as the request it is, not as an asynchronous re-dispatch that
         * per-request filters would skip.
         */
        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
