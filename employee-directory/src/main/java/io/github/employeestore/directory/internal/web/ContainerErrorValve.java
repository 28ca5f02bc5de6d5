package io.github.employeestore.directory.internal.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;

/**
 * The host's error report valve: the errors Tomcat answers itself, before any servlet runs (a URL it cannot
 * decode or normalise, {@code %00}, a request line or headers too long), get the app's one error shape
 * ({@link ErrorBodies}) instead of Tomcat's HTML page; when not even the URL could be read, the JSON shape. Thread-safe (stateless).
 */
public class ContainerErrorValve extends ErrorReportValve {
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.resetBuffer();
            String uri = request.getCoyoteRequest() == null ? null : request.getCoyoteRequest().requestURI()
                    .toString();
            String message = switch (status) {
                case 400 -> "the request is malformed (its URL, headers or body)";
                case 413 -> "the request body is too large";
                case 414 -> "the URL is too long";
                case 431 -> "the request headers are too large";
                default -> ErrorBodies.reason(status);
            };
            // a request line Tomcat could not read whole (past its 32 KB buffer) has no URI: answered as the API
            // answers, the shape a program can parse
            ErrorBodies.write(uri == null || uri.isEmpty() ? EmployeeApiController.PATH : uri, response, status,
                    message);
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the answer was committed meanwhile
        }
    }
}
