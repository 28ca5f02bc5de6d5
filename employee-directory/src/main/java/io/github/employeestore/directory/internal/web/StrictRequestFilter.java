package io.github.employeestore.directory.internal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounds the URL ({@link #MAX_URL_BYTES}, else 414) and the headers ({@link #MAX_HEADER_BYTES}, else 431) in the
 * app's error shape (Tomcat's own buffer is larger, so that these answers can name the URL they refuse). Reads every
 * request's parameters itself, strictly ({@link StrictParameters}): the query string, and the body of a
 * form post (at most {@code directory.max-request-bytes}, else 413). A malformed percent-escape or invalid UTF-8 is
 * answered 400 before any controller runs, instead of reaching the store as U+FFFD or as a missing field; the
 * servlet container's own lenient parser is never used. Thread-safe.
 */
public class StrictRequestFilter extends OncePerRequestFilter {
    private final int maxRequestBytes;

    /** @param maxRequestBytes the most bytes of a form body */
    public StrictRequestFilter(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    /** The longest URL (path and query) taken: longer is 414. */
    public static final int MAX_URL_BYTES = 8 * 1024;
    /** The most bytes of all request headers together: more is 431. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (request.getRequestURI().length() + (query == null ? 0 : query.length() + 1) > MAX_URL_BYTES) {
            reject(request, response, 414, "the URL is longer than " + MAX_URL_BYTES + " bytes");
            return;
        }
        if (headerBytes(request) > MAX_HEADER_BYTES) {
            reject(request, response, 431, "the request headers are larger than " + MAX_HEADER_BYTES + " bytes");
            return;
        }
        Map<String, List<String>> parameters = StrictParameters.newMap();
        byte[] body = null;
        try {
            if (query != null) {
                StrictParameters.parse(query.getBytes(StandardCharsets.ISO_8859_1), parameters);
            }
            if (isForm(request)) {
                body = RequestBodies.read(request, maxRequestBytes);
                StrictParameters.parse(body, parameters);
            }
        } catch (StrictParameters.MalformedException e) {
            reject(request, response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        } catch (RequestBodies.TooLargeException e) {
            reject(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, e.getMessage());
            return;
        } catch (IOException e) {
            reject(request, response, HttpServletResponse.SC_BAD_REQUEST, "the request body could not be read");
            return;
        }
        chain.doFilter(new Parsed(request, parameters, body), response);
    }

    /** Runs on the dispatch that follows {@link BodyBufferingFilter}'s non-blocking read of the body. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    private static long headerBytes(HttpServletRequest request) {
        long total = 0;
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                total += name.length() + values.nextElement().length() + 4;
            }
        }
        return total;
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !"POST".equals(request.getMethod()) && !"PUT".equals(request.getMethod())) {
            return false;
        }
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type));
        } catch (RuntimeException e) {
            return false;
        }
    }

    static void reject(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        ErrorBodies.write(request.getRequestURI(), response, status, message);
    }

    /** The request with the strictly parsed parameters. */
    private static final class Parsed extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters = new LinkedHashMap<>();
        private final byte[] body;

        Parsed(HttpServletRequest request, Map<String, List<String>> parsed, byte[] body) {
            super(request);
            parsed.forEach((k, v) -> parameters.put(k, v.toArray(String[]::new)));
            this.body = body;
        }

        @Override
        public String getParameter(String name) {
            String[] v = parameters.get(name);
            return v == null || v.length == 0 ? null : v[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] v = parameters.get(name);
            return v == null ? null : v.clone();
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            return body == null ? super.getInputStream() : new BytesInputStream(body);
        }
    }
}
