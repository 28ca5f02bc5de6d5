package io.github.employeestore.directory.internal.web;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.directory.internal.EmployeeJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON list page bounded by bytes as well as by count: employees are read from the store in small chunks and
 * written until the count or the byte budget is reached, so neither the response nor the heap grows with the size
 * of the employees. When the budget cuts a chunk, the page ends after the last employee that fit (at least one) and
 * its next cursor is the store's cursor after that employee. Stored employees the store cannot read take their place
 * in the count like any other and are listed in {@code "unreadable"} by id, attribute and problem (never dropped
 * silently). Stateless and thread-safe.
 */
final class BoundedPages {
    /** Employees read from the store at a time. */
    static final int CHUNK = 25;

    private BoundedPages() {
    }

    /**
     * @param store     the store
     * @param query     the filter, or {@code null} to list
     * @param cursor    the cursor to continue from, or {@code null}
     * @param limit     the most employees
     * @param maxBytes  the byte budget of the items
     * @return the JSON of {@code {"items":[...],"nextCursor":...,"unreadable":[{"id","attribute","problem"}]}}
     */
    static byte[] page(EmployeeStore store, EmployeeQuery query, String cursor, int limit, int maxBytes) {
        // validates limit and cursor as the store does
        PageRequest first = cursor == null ? PageRequest.first(limit) : PageRequest.after(cursor, limit);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        List<UnreadableEmployeeException> unreadable = new ArrayList<>();
        try (JsonGenerator g = EmployeeJson.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            int written = 0;
            // places of the listing read so far: unreadable employees take their place like any other
            int places = 0;
            String next = first.cursor().orElse(null);
            boolean more = true;
            while (more && places < limit) {
                int want = Math.min(CHUNK, limit - places);
                Page<Employee> chunk = fetch(store, query, next, want);
                int taken = 0;
                for (Employee e : chunk.items()) {
                    byte[] json = EmployeeJson.MAPPER.writeValueAsBytes(EmployeeJson.toJson(e));
                    if (written > 0 && out.size() + json.length > maxBytes) {
                        break;
                    }
                    g.writeRawValue(new String(json, java.nio.charset.StandardCharsets.UTF_8));
                    g.flush();
                    written++;
                    taken++;
                }
                if (taken < chunk.items().size()) {
                    // cut by the budget: the cursor after the last employee written, and the unreadable ones before it
                    Page<Employee> upTo = taken == 0 ? null : upTo(store, query, next, taken);
                    if (upTo != null) {
                        next = upTo.nextCursor().orElse(null);
                        unreadable.addAll(upTo.unreadable());
                    }
                    g.writeEndArray();
                    g.writeStringField("nextCursor", next);
                    g.writeBooleanField("truncated", true);
                    writeUnreadable(g, unreadable);
                    g.writeEndObject();
                    g.flush();
                    return out.toByteArray();
                }
                unreadable.addAll(chunk.unreadable());
                places += chunk.items().size() + chunk.unreadable().size();
                next = chunk.nextCursor().orElse(null);
                more = next != null;
            }
            g.writeEndArray();
            g.writeStringField("nextCursor", more ? next : null);
            writeUnreadable(g, unreadable);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code "unreadable":[{"id","attribute","problem"}]}: never the stored value. */
    private static void writeUnreadable(JsonGenerator g, List<UnreadableEmployeeException> unreadable)
            throws IOException {
        g.writeArrayFieldStart("unreadable");
        for (UnreadableEmployeeException u : unreadable) {
            g.writeStartObject();
            g.writeStringField("id", u.id());
            g.writeStringField("attribute", u.attribute());
            g.writeStringField("problem", u.problem());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * @return the page from {@code cursor} whose items are the first {@code items} readable employees (unreadable ones
     *         between them take places, so the size grows until that many are readable)
     */
    private static Page<Employee> upTo(EmployeeStore store, EmployeeQuery query, String cursor, int items) {
        int size = items;
        while (true) {
            Page<Employee> p = fetch(store, query, cursor, size);
            if (p.items().size() >= items || p.nextCursor().isEmpty()) {
                return p;
            }
            size += items - p.items().size();
        }
    }

    private static Page<Employee> fetch(EmployeeStore store, EmployeeQuery query, String cursor, int size) {
        PageRequest request = cursor == null ? PageRequest.first(size) : PageRequest.after(cursor, size);
        return query == null ? store.list(request) : store.find(query, request);
    }
}
