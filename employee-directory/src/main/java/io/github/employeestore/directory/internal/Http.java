package io.github.employeestore.directory.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Small helpers on {@link HttpExchange}: reading a bounded body, the path's segments, sending a response with the
 * security headers every response carries.
 *
 * <p>Stateless and thread-safe.
 */
public final class Http {
    /** The largest request body accepted (an employee is at most 350 KiB as a DynamoDB item). */
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private Http() {
    }

    /** A request body larger than {@link #MAX_BODY_BYTES}. */
    public static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException() {
            super("request body too large");
        }
    }

    /**
     * @param exchange the exchange
     * @return the request body as UTF-8 text
     * @throws IOException if it cannot be read, or is larger than {@link #MAX_BODY_BYTES}
     */
    public static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BODY_BYTES) {
                    throw new BodyTooLargeException();
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * @param exchange the exchange
     * @return the decoded query string
     */
    public static FormData query(HttpExchange exchange) {
        return FormData.parse(exchange.getRequestURI().getRawQuery());
    }

    /**
     * @param exchange the exchange
     * @param prefix   the context path to strip, e.g. {@code /api/employees}
     * @return the decoded path segments after the prefix, or {@code null} if the path does not continue the prefix
     *         with {@code /} or end there
     */
    public static List<String> segmentsAfter(HttpExchange exchange, String prefix) {
        String raw = exchange.getRequestURI().getRawPath();
        if (!raw.startsWith(prefix)) {
            return null;
        }
        String rest = raw.substring(prefix.length());
        if (!rest.isEmpty() && !rest.startsWith("/")) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    /**
     * Whether a request that changes data comes from a page of this server (or from a non-browser client, which sends
     * no {@code Origin}): a browser's cross-site form post or script request carries another site's {@code Origin}
     * and is refused.
     *
     * @param exchange the exchange
     * @return whether the request may change data
     */
    public static boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            return true;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        try {
            java.net.URI o = java.net.URI.create(origin);
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host != null && authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Sends a complete response. For {@code HEAD} only the headers are sent.
     *
     * @param exchange    the exchange
     * @param status      the status code
     * @param contentType the content type, or {@code null} when there is no body
     * @param body        the body, or {@code null}
     * @throws IOException if the client went away
     */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Headers h = exchange.getResponseHeaders();
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "same-origin");
        h.set("Cache-Control", "no-store");
        if (contentType != null) {
            h.set("Content-Type", contentType);
        }
        boolean noBody = body == null || body.length == 0 || status == 204 || status == 304
                || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /**
     * Sends a page.
     *
     * @param exchange the exchange
     * @param status   the status code
     * @param html     the page
     * @throws IOException if the client went away
     */
    public static void html(HttpExchange exchange, int status, String html) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'self'; style-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'");
        send(exchange, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Redirects with 303 See Other (after a form post).
     *
     * @param exchange the exchange
     * @param location where to
     * @throws IOException if the client went away
     */
    public static void seeOther(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(exchange, 303, null, null);
    }
}
