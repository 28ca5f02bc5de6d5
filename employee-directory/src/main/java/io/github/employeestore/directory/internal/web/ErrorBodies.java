package io.github.employeestore.directory.internal.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.employeestore.directory.internal.EmployeeJson;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one shape of every error the app answers outside its controllers: filters' rejections, the servlet
 * container's own (a malformed URL, a request line or headers too long, a body too large), unknown routes and
 * methods. Under {@code /api/} and {@code /actuator/} the documented JSON {@code {"error":"..."}} (with
 * {@code application/json}); elsewhere the app's own small HTML page. Both carry the security headers of
 * {@link SecurityHeadersFilter}. Messages are fixed texts, never request values. Thread-safe (stateless).
 */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    /**
     * @param requestUri the raw request URI, {@code null} when the container could not read one
     * @return whether the answer is JSON
     */
    static boolean wantsJson(String requestUri) {
        return requestUri != null && (requestUri.startsWith("/api/") || requestUri.equals("/api")
                || requestUri.startsWith("/actuator"));
    }

    /**
     * @param status a status
     * @return its reason phrase in lower case ("not found"), or "error NNN"
     */
    static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "error " + status : known.getReasonPhrase().toLowerCase(Locale.ROOT);
    }

    /**
     * Writes the error answer (status, headers, body); the response must not be committed.
     *
     * @param requestUri the raw request URI, or {@code null}
     * @param response   the response
     * @param status     the status
     * @param message    a fixed text for people (no request value)
     * @throws IOException if the client is gone
     */
    static void write(String requestUri, HttpServletResponse response, int status, String message)
            throws IOException {
        response.setStatus(status);
        SecurityHeadersFilter.set(response);
        byte[] body;
        if (wantsJson(requestUri)) {
            ObjectNode json = EmployeeJson.MAPPER.createObjectNode();
            json.put("error", message);
            body = ApiErrors.bytes(json);
            response.setContentType("application/json;charset=UTF-8");
        } else {
            String reason = reason(status);
            String title = status + " " + Character.toUpperCase(reason.charAt(0)) + reason.substring(1);
            body = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                    + " · Employee Directory</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body>"
                    + "<header><a href=\"/\" class=\"brand\">Employee Directory</a></header><main><h1>" + title
                    + "</h1><div class=\"alert error\" id=\"problem\">" + HtmlUtils.htmlEscape(message)
                    + "</div><p><a href=\"/\">Back to the directory</a></p></main></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/html;charset=UTF-8");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
