package io.github.employeestore.directory.internal.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.Violation;
import io.github.employeestore.directory.internal.EmployeeJson;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON API's errors: invalid input 400 with {@code {"error":...,"violations":[{"field":...,"rule":...}]}}, a body
 * over the limit 413, an unavailable store 503 (with {@code Retry-After} when retrying may help), Spring MVC's own
 * errors (405, 406, 415, ...) with their status, anything else 500. Bodies and logs carry no stack trace and no
 * request value. Thread-safe.
 */
@RestControllerAdvice(assignableTypes = {EmployeeApiController.class, EmployeeBatchController.class})
public class ApiErrors {
    /** The API's content type. */
    static final MediaType JSON = new MediaType("application", "json", StandardCharsets.UTF_8);
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(EmployeeJson.JsonInputException.class)
    ResponseEntity<byte[]> json(EmployeeJson.JsonInputException e) {
        return invalid(e.violations());
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<byte[]> invalid(InvalidInputException e) {
        return invalid(e.violations());
    }

    @ExceptionHandler(RequestBodies.TooLargeException.class)
    ResponseEntity<byte[]> tooLarge(RequestBodies.TooLargeException e) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(EmployeeNotFoundException.class)
    ResponseEntity<byte[]> notFound(EmployeeNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, "employee not found");
    }

    /** A stored employee written by other code that cannot be read: named, never its values. */
    @ExceptionHandler(io.github.employeestore.UnreadableEmployeeException.class)
    ResponseEntity<byte[]> unreadable(io.github.employeestore.UnreadableEmployeeException e) {
        ObjectNode body = EmployeeJson.MAPPER.createObjectNode();
        body.put("error", "the stored employee cannot be read");
        body.put("id", e.id());
        body.put("attribute", e.attribute());
        body.put("problem", e.problem());
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(JSON).body(bytes(body));
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<byte[]> unavailable(StoreUnavailableException e) {
        LOG.warn("store unavailable: {}", e.getMessage());
        ResponseEntity<byte[]> r = error(HttpStatus.SERVICE_UNAVAILABLE, "the store is unavailable; try again later");
        return e.isRetryable() ? ResponseEntity.status(r.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(JSON).body(r.getBody()) : r;
    }

    @ExceptionHandler(StoreConfigurationException.class)
    ResponseEntity<byte[]> configuration(StoreConfigurationException e) {
        LOG.error("store misconfigured: {}", e.getMessage());
        return error(HttpStatus.SERVICE_UNAVAILABLE, "the store is not available (configuration)");
    }

    @ExceptionHandler(java.io.IOException.class)
    ResponseEntity<byte[]> io(java.io.IOException e) {
        // the client stopped sending or was slower than the read timeout
        return error(HttpStatus.BAD_REQUEST, "the request body could not be read");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse spring) {
            HttpStatusCode status = spring.getStatusCode();
            ResponseEntity.BodyBuilder b = ResponseEntity.status(status).headers(spring.getHeaders())
                    .contentType(JSON);
            return b.body(bytes(message(status.value())));
        }
        // the type only: messages of parsers and drivers may repeat request values
        LOG.error("internal error on {} {}: {}", request.getMethod(), EmployeeApiController.PATH,
                e.getClass().getName());
        LOG.debug("internal error", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    private static ObjectNode message(int status) {
        ObjectNode body = EmployeeJson.MAPPER.createObjectNode();
        body.put("error", ErrorBodies.reason(status));
        return body;
    }

    static ResponseEntity<byte[]> invalid(List<Violation> violations) {
        ObjectNode body = EmployeeJson.MAPPER.createObjectNode();
        body.put("error", "invalid input");
        ArrayNode list = body.putArray("violations");
        for (Violation v : violations) {
            list.addObject().put("field", v.field()).put("rule", v.rule());
        }
        return ResponseEntity.badRequest().contentType(JSON).body(bytes(body));
    }

    static ResponseEntity<byte[]> error(HttpStatus status, String message) {
        ObjectNode body = EmployeeJson.MAPPER.createObjectNode();
        body.put("error", message);
        return ResponseEntity.status(status).contentType(JSON).body(bytes(body));
    }

    static ResponseEntity<byte[]> json(HttpStatus status, byte[] body) {
        return ResponseEntity.status(status).contentType(JSON).body(body);
    }

    static byte[] bytes(Object body) {
        try {
            return EmployeeJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
