package io.github.employeestore.directory.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The JSON API under {@code /api/employees}:
 * <ul>
 *   <li>{@code GET /api/employees?limit=25&cursor=C&location=L&jobTitle=T} &rarr; 200
 *       {@code {"items":[...],"nextCursor":"..."|null}} (with a location and/or job title, ordered by name)</li>
 *   <li>{@code GET /api/employees/ID} &rarr; 200 with an {@code ETag} of the version, or 404</li>
 *   <li>{@code POST /api/employees} &rarr; 201 with {@code Location} and {@code ETag}; 409 if the id exists</li>
 *   <li>{@code PUT /api/employees/ID} with {@code If-Match: "VERSION"} (or {@code "version"} in the body) &rarr; 200;
 *       412 (with {@code If-Match}) or 409 (version in the body) when someone else changed it; 428 without either;
 *       404 if absent</li>
 *   <li>{@code DELETE /api/employees/ID}, optionally with {@code If-Match} &rarr; 204; 404; 412</li>
 * </ul>
 * Invalid input is 400 with {@code {"error":...,"violations":[{"field":...,"rule":...}]}}; an unavailable store 503
 * (with {@code Retry-After} when retrying may help); a write from another site's page (its {@code Origin}) 403.
 * Errors never carry a stack trace or personal data.
 *
 * <p>Thread-safe (stateless besides the thread-safe store).
 */
public final class JsonApi implements HttpHandler {
    /** The path this API is served under. */
    public static final String PATH = "/api/employees";
    private static final Logger LOG = LoggerFactory.getLogger(JsonApi.class);
    private static final int DEFAULT_LIMIT = 25;

    private final EmployeeStore store;

    /** @param store the store to serve */
    public JsonApi(EmployeeStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            List<String> segments = Http.segmentsAfter(ex, PATH);
            if (segments == null || segments.size() > 1) {
                error(ex, 404, "not found");
                return;
            }
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD") && !Http.sameOrigin(ex)) {
                error(ex, 403, "cross-site requests are not accepted");
                return;
            }
            if (segments.isEmpty()) {
                switch (method) {
                    case "GET", "HEAD" -> list(ex);
                    case "POST" -> create(ex);
                    default -> methodNotAllowed(ex, "GET, HEAD, POST");
                }
            } else {
                String id = segments.get(0);
                switch (method) {
                    case "GET", "HEAD" -> get(ex, id);
                    case "PUT" -> update(ex, id);
                    case "DELETE" -> delete(ex, id);
                    default -> methodNotAllowed(ex, "GET, HEAD, PUT, DELETE");
                }
            }
        } catch (Http.BodyTooLargeException e) {
            error(ex, 413, "request body larger than " + Http.MAX_BODY_BYTES + " bytes");
        } catch (EmployeeJson.JsonInputException e) {
            invalid(ex, e.violations());
        } catch (InvalidInputException e) {
            invalid(ex, e.violations());
        } catch (EmployeeNotFoundException e) {
            error(ex, 404, "employee not found");
        } catch (StoreUnavailableException e) {
            LOG.warn("store unavailable: {}", e.getMessage());
            if (e.isRetryable()) {
                ex.getResponseHeaders().set("Retry-After", "1");
            }
            error(ex, 503, "the store is unavailable; try again later");
        } catch (StoreConfigurationException e) {
            LOG.error("store misconfigured: {}", e.getMessage());
            error(ex, 503, "the store is not available (configuration)");
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("internal error on {} {}", ex.getRequestMethod(), PATH, e);
            error(ex, 500, "internal error");
        }
    }

    private void list(HttpExchange ex) throws IOException {
        FormData q = Http.query(ex);
        int limit = DEFAULT_LIMIT;
        if (!q.get("limit").isEmpty()) {
            try {
                limit = Integer.parseInt(q.get("limit"));
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("limit", "must be an integer between 1 and 1000");
            }
        }
        PageRequest request = q.get("cursor").isEmpty() ? PageRequest.first(limit)
                : PageRequest.after(q.get("cursor"), limit);
        String location = q.get("location");
        String jobTitle = q.get("jobTitle");
        Page<Employee> page;
        if (location.isEmpty() && jobTitle.isEmpty()) {
            page = store.list(request);
        } else {
            page = store.find(EmployeeQuery.builder()
                    .location(location.isEmpty() ? null : location)
                    .jobTitle(jobTitle.isEmpty() ? null : jobTitle)
                    .build(), request);
        }
        ObjectNode body = EmployeeJson.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        page.items().forEach(e -> items.add(EmployeeJson.toJson(e)));
        body.put("nextCursor", page.nextCursor().orElse(null));
        json(ex, 200, body);
    }

    private void get(HttpExchange ex, String id) throws IOException {
        Optional<Employee> e = store.get(id);
        if (e.isEmpty()) {
            error(ex, 404, "employee not found");
            return;
        }
        employee(ex, 200, e.get());
    }

    private void create(HttpExchange ex) throws IOException {
        Employee draft = EmployeeJson.fromJson(Http.body(ex));
        try {
            Employee created = store.create(draft);
            ex.getResponseHeaders().set("Location", PATH + "/" + Html.url(created.id()));
            employee(ex, 201, created);
        } catch (EmployeeAlreadyExistsException e) {
            error(ex, 409, "an employee with this id exists");
        }
    }

    private void update(HttpExchange ex, String id) throws IOException {
        Employee given = EmployeeJson.fromJson(Http.body(ex));
        if (given.id() != null && !given.id().equals(id)) {
            invalid(ex, List.of(new Violation("id", "must be the id of the URL (or absent)")));
            return;
        }
        String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
        Long version;
        boolean fromHeader = ifMatch != null;
        if (fromHeader) {
            version = parseEtag(ifMatch);
            if (version == null) {
                invalid(ex, List.of(new Violation("If-Match", "must be the ETag of the employee, e.g. \"3\"")));
                return;
            }
        } else if (given.version() > 0) {
            version = given.version();
        } else {
            error(ex, 428, "send the version you read: an If-Match header with the ETag, or \"version\" in the body");
            return;
        }
        try {
            Employee updated = store.update(given.toBuilder().id(id).version(version).build());
            employee(ex, 200, updated);
        } catch (VersionConflictException e) {
            conflict(ex, fromHeader ? 412 : 409, id, version);
        }
    }

    private void delete(HttpExchange ex, String id) throws IOException {
        String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
        if (ifMatch == null) {
            if (store.delete(id)) {
                Http.send(ex, 204, null, null);
            } else {
                error(ex, 404, "employee not found");
            }
            return;
        }
        Long version = parseEtag(ifMatch);
        if (version == null) {
            invalid(ex, List.of(new Violation("If-Match", "must be the ETag of the employee, e.g. \"3\"")));
            return;
        }
        try {
            store.delete(id, version);
            Http.send(ex, 204, null, null);
        } catch (VersionConflictException e) {
            conflict(ex, 412, id, version);
        }
    }

    private void conflict(HttpExchange ex, int status, String id, long expected) throws IOException {
        ObjectNode body = EmployeeJson.MAPPER.createObjectNode();
        body.put("error", "the employee was changed by someone else; read it again and retry");
        body.put("expectedVersion", expected);
        Optional<Employee> current = store.get(id);
        if (current.isPresent()) {
            body.set("current", EmployeeJson.toJson(current.get()));
            ex.getResponseHeaders().set("ETag", etag(current.get().version()));
        }
        json(ex, status, body);
    }

    /**
     * @param header an {@code If-Match} value such as {@code "3"} or {@code W/"3"}
     * @return the version, or {@code null} if it is not one of our ETags
     */
    static Long parseEtag(String header) {
        String s = header.trim();
        if (s.startsWith("W/")) {
            s = s.substring(2);
        }
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        try {
            long v = Long.parseLong(s);
            return v >= 1 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static void employee(HttpExchange ex, int status, Employee e) throws IOException {
        ex.getResponseHeaders().set("ETag", etag(e.version()));
        json(ex, status, EmployeeJson.toJson(e));
    }

    private static void invalid(HttpExchange ex, List<Violation> violations) throws IOException {
        ObjectNode body = EmployeeJson.MAPPER.createObjectNode();
        body.put("error", "invalid input");
        ArrayNode list = body.putArray("violations");
        for (Violation v : violations) {
            list.addObject().put("field", v.field()).put("rule", v.rule());
        }
        json(ex, 400, body);
    }

    private static void methodNotAllowed(HttpExchange ex, String allow) throws IOException {
        ex.getResponseHeaders().set("Allow", allow);
        error(ex, 405, "method not allowed");
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode body = EmployeeJson.MAPPER.createObjectNode();
        body.put("error", message);
        json(ex, status, body);
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes;
        try {
            bytes = EmployeeJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            bytes = "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
            status = 500;
        }
        Http.send(ex, status, "application/json; charset=utf-8", bytes);
    }
}
