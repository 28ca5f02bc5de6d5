package io.github.employeestore.directory.internal.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.directory.internal.EmployeeJson;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.Optional;

/**
 * The JSON API under {@code /api/employees}:
 * <ul>
 *   <li>{@code GET /api/employees?limit=25&cursor=C&q=Q&location=L&jobTitle=T} &rarr; 200
 *       {@code {"items":[...],"nextCursor":"..."|null}}, at most {@code limit} employees and at most
 *       {@code directory.max-response-bytes} of them ({@code "truncated":true} when the budget cut the page);
 *       {@code q} searches by name (every word the start of a word of the name, in the store's name order) and
 *       combines with the filters (see {@link Listings}); 503 while the store's search index is being built, 501
 *       for a search on a store that cannot search</li>
 *   <li>{@code GET /api/employees/ID} &rarr; 200 with an {@code ETag} of the version, or 404</li>
 *   <li>{@code POST /api/employees} &rarr; 201 with {@code Location} and {@code ETag}; 409 if the id exists</li>
 *   <li>{@code PUT /api/employees/ID} with {@code If-Match: "VERSION"} (or {@code "version"} in the body) &rarr; 200;
 *       412 (with {@code If-Match}) or 409 (version in the body) when someone else changed it; 428 without either;
 *       404 if absent</li>
 *   <li>{@code PATCH /api/employees/ID} with a JSON Merge Patch (RFC 7386, {@code application/merge-patch+json};
 *       see {@link EmployeeJson#mergePatch(byte[], String)}) and {@code If-Match: "VERSION"} (required; {@code "0"}
 *       for an employee written by other code without a version) &rarr; 200 with the stored employee and its
 *       {@code ETag}: only the members given are written, so what another program changed meanwhile in other fields
 *       is kept; 412 when the version differs; 428 without {@code If-Match}; 415 for another media type; 404</li>
 *   <li>{@code DELETE /api/employees/ID}, optionally with {@code If-Match} &rarr; 204; 404; 412</li>
 * </ul>
 * {@code ID} is the id percent-encoded as {@link IdUrls#segment(String)} writes it, decoded once by Spring MVC.
 * Errors are mapped by {@link ApiErrors}. Thread-safe.
 */
@RestController
@RequestMapping(EmployeeApiController.PATH)
public class EmployeeApiController {
    /** The path of the API. */
    public static final String PATH = "/api/employees";
    private static final int DEFAULT_LIMIT = 25;
    /** The media type of a JSON Merge Patch (RFC 7386). */
    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final MediaType MERGE_PATCH_TYPE = MediaType.parseMediaType(MERGE_PATCH);

    private final EmployeeStore store;
    private final DirectoryProperties properties;

    /**
     * @param store      the store
     * @param properties the directory's settings
     */
    public EmployeeApiController(EmployeeStore store, DirectoryProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @GetMapping
    ResponseEntity<byte[]> list(@RequestParam(name = "limit", required = false) String limitText,
                                @RequestParam(name = "cursor", required = false) String cursor,
                                @RequestParam(name = "q", defaultValue = "") String q,
                                @RequestParam(name = "location", defaultValue = "") String location,
                                @RequestParam(name = "jobTitle", defaultValue = "") String jobTitle) {
        int limit = DEFAULT_LIMIT;
        if (limitText != null && !limitText.isEmpty()) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("limit", "must be an integer between 1 and 1000");
            }
        }
        // "q" given but blank is a search with no word: the store's 400, as for any other search without a word
        EmployeeQuery query = Listings.query(store, q, location, jobTitle);
        byte[] body = BoundedPages.page(store, query, cursor == null || cursor.isEmpty() ? null : cursor, limit,
                properties.getMaxResponseBytes());
        return ApiErrors.json(HttpStatus.OK, body);
    }

    @GetMapping("/{id}")
    ResponseEntity<byte[]> get(@PathVariable("id") String id) {
        Optional<Employee> e = store.get(id);
        return e.map(employee -> employee(HttpStatus.OK, employee))
                .orElseGet(() -> ApiErrors.error(HttpStatus.NOT_FOUND, "employee not found"));
    }

    @PostMapping
    ResponseEntity<byte[]> create(HttpServletRequest request) throws IOException {
        Employee draft = EmployeeJson.fromJson(RequestBodies.read(request, properties.getMaxRequestBytes()));
        try {
            Employee created = store.create(draft);
            return ResponseEntity.status(HttpStatus.CREATED)
                    .header(HttpHeaders.LOCATION, IdUrls.api(created.id()))
                    .eTag(etag(created.version())).contentType(ApiErrors.JSON)
                    .body(EmployeeJson.MAPPER.writeValueAsBytes(EmployeeJson.toJson(created)));
        } catch (EmployeeAlreadyExistsException e) {
            return ApiErrors.error(HttpStatus.CONFLICT, "an employee with this id exists");
        }
    }

    @PutMapping("/{id}")
    ResponseEntity<byte[]> update(@PathVariable("id") String id,
                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                  HttpServletRequest request) throws IOException {
        Employee given = EmployeeJson.fromJson(RequestBodies.read(request, properties.getMaxRequestBytes()));
        if (given.id() != null && !given.id().equals(id)) {
            throw InvalidInputException.of("id", "must be the id of the URL (or absent)");
        }
        long version;
        boolean fromHeader = ifMatch != null;
        if (fromHeader) {
            version = parseEtag(ifMatch);
        } else if (given.version() > 0) {
            version = given.version();
        } else {
            return ApiErrors.error(HttpStatus.PRECONDITION_REQUIRED,
                    "send the version you read: an If-Match header with the ETag, or \"version\" in the body");
        }
        try {
            return employee(HttpStatus.OK, store.update(given.toBuilder().id(id).version(version).build()));
        } catch (VersionConflictException e) {
            return conflict(fromHeader ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT, id, version);
        }
    }

    @PatchMapping("/{id}")
    ResponseEntity<byte[]> patch(@PathVariable("id") String id,
                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                 HttpServletRequest request) throws IOException {
        if (!isMergePatch(request.getContentType())) {
            return ApiErrors.error(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "send a JSON Merge Patch (RFC 7386) as " + MERGE_PATCH);
        }
        EmployeeJson.MergePatch merge = EmployeeJson.mergePatch(RequestBodies.read(request,
                properties.getMaxRequestBytes()), id);
        if (ifMatch == null) {
            return ApiErrors.error(HttpStatus.PRECONDITION_REQUIRED,
                    "send the version you read: an If-Match header with the ETag");
        }
        long version = parseEtag(ifMatch, 0);
        EmployeePatch patch = merge.patch();
        if (merge.removeAllAttributes()) {
            // "attributes": null removes every attribute the employee has (those it sets are set)
            Employee current = store.get(id).orElseThrow(() -> new EmployeeNotFoundException(id));
            EmployeePatch.Builder all = patch.toBuilder();
            current.attributes().keySet().stream().filter(n -> !merge.patch().attributes().containsKey(n))
                    .forEach(all::removeAttribute);
            patch = all.build();
        }
        try {
            return employee(HttpStatus.OK, store.patch(id, version, patch));
        } catch (VersionConflictException e) {
            return conflict(HttpStatus.PRECONDITION_FAILED, id, version);
        }
    }

    private static boolean isMergePatch(String contentType) {
        try {
            return contentType != null && MediaType.parseMediaType(contentType).isCompatibleWith(MERGE_PATCH_TYPE)
                    && !MediaType.parseMediaType(contentType).isWildcardSubtype();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @DeleteMapping("/{id}")
    ResponseEntity<byte[]> delete(@PathVariable("id") String id,
                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if (ifMatch == null) {
            return store.delete(id) ? ResponseEntity.noContent().build()
                    : ApiErrors.error(HttpStatus.NOT_FOUND, "employee not found");
        }
        long version = parseEtag(ifMatch);
        try {
            store.delete(id, version);
            return ResponseEntity.noContent().build();
        } catch (VersionConflictException e) {
            return conflict(HttpStatus.PRECONDITION_FAILED, id, version);
        }
    }

    private ResponseEntity<byte[]> conflict(HttpStatus status, String id, long expected) throws RuntimeException {
        ObjectNode body = EmployeeJson.MAPPER.createObjectNode();
        body.put("error", "the employee was changed by someone else; read it again and retry");
        body.put("expectedVersion", expected);
        Optional<Employee> current = store.get(id);
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(ApiErrors.JSON);
        if (current.isPresent()) {
            body.set("current", EmployeeJson.toJson(current.get()));
            builder.eTag(etag(current.get().version()));
        }
        return builder.body(ApiErrors.bytes(body));
    }

    /**
     * @param header an {@code If-Match} value such as {@code "3"} or {@code W/"3"}
     * @return the version
     * @throws InvalidInputException if it is not one of this API's ETags
     */
    static long parseEtag(String header) {
        return parseEtag(header, 1);
    }

    /**
     * @param header an {@code If-Match} value
     * @param least  the least version accepted (0 where an employee written by other code without a version may be
     *               meant)
     * @return the version
     * @throws InvalidInputException if it is not one of this API's ETags
     */
    static long parseEtag(String header, long least) {
        String s = header.trim();
        if (s.startsWith("W/")) {
            s = s.substring(2);
        }
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        try {
            long v = Long.parseLong(s);
            if (v >= least) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw InvalidInputException.of("If-Match", "must be the ETag of the employee, e.g. \"3\"");
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static ResponseEntity<byte[]> employee(HttpStatus status, Employee e) {
        return ResponseEntity.status(status).eTag(etag(e.version())).contentType(ApiErrors.JSON)
                .body(ApiErrors.bytes(EmployeeJson.toJson(e)));
    }
}
