package io.github.employeestore.directory.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.employeestore.EmployeeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The directory's HTTP server: the JDK's built-in {@link HttpServer} with a small pool of worker threads, serving the
 * pages ({@link WebUi}), the JSON API ({@link JsonApi}) and the style sheet. Logs one line per request at DEBUG
 * (method, path, status, time; never a query string or a body).
 *
 * <p>Thread-safe; {@link #stop()} is idempotent.
 */
public final class DirectoryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryServer.class);
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;
    private boolean stopped;

    private DirectoryServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving.
     *
     * @param store   the store
     * @param backend what the page footer says about the backend
     * @param address where to listen; port 0 for a free port
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static DirectoryServer start(EmployeeStore store, String backend, InetSocketAddress address) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "directory-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        Filter log = new RequestLog();
        add(server, "/", new WebUi(store, backend), log);
        add(server, JsonApi.PATH, new JsonApi(store), log);
        add(server, "/static/", DirectoryServer::stylesheet, log);
        server.start();
        return new DirectoryServer(server, executor);
    }

    private static void add(HttpServer server, String path, com.sun.net.httpserver.HttpHandler handler, Filter log) {
        HttpContext context = server.createContext(path, handler);
        context.getFilters().add(log);
    }

    private static void stylesheet(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals("/static/style.css")) {
            Http.send(ex, 404, "text/plain; charset=utf-8", "not found".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        byte[] css;
        try (InputStream in = DirectoryServer.class.getResourceAsStream("style.css")) {
            css = in == null ? new byte[0] : in.readAllBytes();
        }
        Http.send(ex, 200, "text/css; charset=utf-8", css);
    }

    /** @return the port the server listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests, lets running ones finish (up to 2 seconds), and stops the workers; idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        server.stop(2);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static final class RequestLog extends Filter {
        @Override
        public void doFilter(HttpExchange ex, Chain chain) throws IOException {
            long start = System.nanoTime();
            try {
                chain.doFilter(ex);
            } finally {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} {} -> {} in {} ms", ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                            ex.getResponseCode(), (System.nanoTime() - start) / 1_000_000);
                }
            }
        }

        @Override
        public String description() {
            return "one DEBUG line per request";
        }
    }
}
