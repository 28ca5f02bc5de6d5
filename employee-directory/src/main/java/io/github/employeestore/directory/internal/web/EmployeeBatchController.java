package io.github.employeestore.directory.internal.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Violation;
import io.github.employeestore.directory.internal.EmployeeJson;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/employees:batch}: creates many employees in one request through
 * {@link EmployeeStore#createAll(java.util.Collection)}. The body is a JSON array of employees in the form
 * {@code POST /api/employees} takes (at most {@code directory.max-batch-employees}, 1,000 by default, and at most
 * {@code directory.max-request-bytes} like every body: 400 or 413 in the API's error shape beyond). The answer:
 * <ul>
 *   <li>201 when every employee was created, 200 when some were not;</li>
 *   <li>body {@code {"attempted":N,"created":[employees as stored],"failures":[{"index":i,"id":"..."|null,
 *       "status":409|400|503,"error":"...","violations":[{"field":..,"rule":..}]}]}}: an id that exists is 409 and
 *       is never replaced, an invalid element 400 with its violations, one the store refused 503.</li>
 * </ul>
 * A body that is not a JSON array, or is too long, is refused whole (nothing is created). Thread-safe.
 */
@RestController
public class EmployeeBatchController {
    /** The path of the batch endpoint. */
    public static final String PATH = EmployeeApiController.PATH + ":batch";

    private final EmployeeStore store;
    private final DirectoryProperties properties;

    /**
     * @param store      the store
     * @param properties the directory's settings
     */
    public EmployeeBatchController(EmployeeStore store, DirectoryProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @PostMapping(PATH)
    ResponseEntity<byte[]> createAll(HttpServletRequest request) throws IOException {
        List<Object> entries = EmployeeJson.batchFromJson(RequestBodies.read(request,
                properties.getMaxRequestBytes()), properties.getMaxBatchEmployees());
        List<Employee> drafts = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        ArrayNode failures = EmployeeJson.MAPPER.createArrayNode();
        List<ObjectNode> unreadable = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Employee e) {
                drafts.add(e);
                positions.add(i);
            } else {
                @SuppressWarnings("unchecked")
                List<Violation> violations = (List<Violation>) entries.get(i);
                unreadable.add(failure(i, null, 400, "invalid input", violations));
            }
        }
        CreateAllResult result = store.createAll(drafts);
        List<ObjectNode> reported = new ArrayList<>(unreadable);
        for (ImportResult.Failure f : result.failures()) {
            int status = f.cause() instanceof EmployeeAlreadyExistsException ? 409 : f.cause() == null ? 400 : 503;
            String error = status == 409 ? "an employee with this id exists" : status == 400 ? "invalid input"
                    : "not created: the store refused it; try again later";
            reported.add(failure(positions.get(f.index()), f.id(), status, error, f.violations()));
        }
        reported.sort(java.util.Comparator.comparingInt(n -> n.get("index").intValue()));
        reported.forEach(failures::add);
        ObjectNode body = EmployeeJson.MAPPER.createObjectNode();
        body.put("attempted", entries.size());
        ArrayNode created = body.putArray("created");
        result.created().forEach(e -> created.add(EmployeeJson.toJson(e)));
        body.set("failures", failures);
        return ApiErrors.json(failures.isEmpty() ? HttpStatus.CREATED : HttpStatus.OK, ApiErrors.bytes(body));
    }

    private static ObjectNode failure(int index, String id, int status, String error, List<Violation> violations) {
        ObjectNode f = EmployeeJson.MAPPER.createObjectNode();
        f.put("index", index);
        f.put("id", id);
        f.put("status", status);
        f.put("error", error);
        ArrayNode list = f.putArray("violations");
        for (Violation v : violations) {
            list.addObject().put("field", v.field()).put("rule", v.rule());
        }
        return f;
    }
}
