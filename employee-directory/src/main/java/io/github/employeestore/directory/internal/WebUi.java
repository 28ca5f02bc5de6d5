package io.github.employeestore.directory.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.employeestore.AttributeValue;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directory's pages: the list (25 at a time, filters by location and job title, next/previous), the add and
 * edit forms (with attribute rows to add and remove), and the delete confirmation. Server-rendered HTML, every value
 * escaped with {@link Html}; forms post {@code application/x-www-form-urlencoded} and redirect after success.
 *
 * <p>Previous pages: the list URL carries the cursors of the pages before it ({@code ?c=C1&c=C2}); the page after
 * the last of them is shown, "Next" appends the page's next cursor and "Previous" drops the last one.
 *
 * <p>Edits carry the version they read. When someone else changed the employee meanwhile, nothing is overwritten:
 * the form says so and shows the current data.
 *
 * <p>Thread-safe (stateless besides the thread-safe store).
 */
public final class WebUi implements HttpHandler {
    /** Employees per page. */
    public static final int PAGE_SIZE = 25;
    private static final Logger LOG = LoggerFactory.getLogger(WebUi.class);

    private final EmployeeStore store;
    private final String backend;

    /**
     * @param store   the store
     * @param backend what the footer says about the backend
     */
    public WebUi(EmployeeStore store, String backend) {
        this.store = store;
        this.backend = backend;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            route(ex);
        } catch (Http.BodyTooLargeException e) {
            Http.html(ex, 413, page("Too large", "<p>The form was too large.</p>"));
        } catch (StoreUnavailableException | StoreConfigurationException e) {
            LOG.warn("store unavailable: {}", e.getMessage());
            Http.html(ex, 503, page("Store unavailable", "<div class=\"alert error\">The employee store is not "
                    + "available right now. Please try again in a moment.</div>"));
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("internal error on {}", ex.getRequestMethod(), e);
            Http.html(ex, 500, page("Something went wrong", "<div class=\"alert error\">Something went wrong. "
                    + "Please try again.</div>"));
        }
    }

    private void route(HttpExchange ex) throws IOException {
        List<String> s = Http.segmentsAfter(ex, "");
        String method = ex.getRequestMethod();
        boolean get = method.equals("GET") || method.equals("HEAD");
        boolean post = method.equals("POST");
        if (post && !Http.sameOrigin(ex)) {
            Http.html(ex, 403, page("Forbidden", "<div class=\"alert error\">This form was sent from another site."
                    + "</div>"));
            return;
        }
        if (s.isEmpty() && get) {
            list(ex);
        } else if (s.size() == 2 && s.get(0).equals("employees") && s.get(1).equals("new") && (get || post)) {
            if (get) {
                EmployeeForm form = EmployeeForm.empty();
                form.ensureBlankRow();
                Http.html(ex, 200, formPage(form, null, null));
            } else {
                submitNew(ex);
            }
        } else if (s.size() == 3 && s.get(0).equals("employees") && s.get(2).equals("edit") && (get || post)) {
            if (get) {
                editForm(ex, s.get(1));
            } else {
                submitEdit(ex, s.get(1));
            }
        } else if (s.size() == 3 && s.get(0).equals("employees") && s.get(2).equals("delete") && (get || post)) {
            if (get) {
                deleteForm(ex, s.get(1));
            } else {
                submitDelete(ex, s.get(1));
            }
        } else {
            notFound(ex, "There is no such page.");
        }
    }

    // ---------------------------------------------------------------------------------------------------- list

    private void list(HttpExchange ex) throws IOException {
        FormData q = Http.query(ex);
        String location = q.get("location").strip();
        String jobTitle = q.get("jobTitle").strip();
        List<String> trail = new ArrayList<>(q.all("c"));
        trail.removeIf(String::isEmpty);
        PageRequest request = trail.isEmpty() ? PageRequest.first(PAGE_SIZE)
                : PageRequest.after(trail.get(trail.size() - 1), PAGE_SIZE);
        Page<Employee> page;
        try {
            if (location.isEmpty() && jobTitle.isEmpty()) {
                page = store.list(request);
            } else {
                page = store.find(EmployeeQuery.builder()
                        .location(location.isEmpty() ? null : location)
                        .jobTitle(jobTitle.isEmpty() ? null : jobTitle).build(), request);
            }
        } catch (InvalidInputException e) {
            Http.html(ex, 400, page("Invalid page link", "<div class=\"alert error\">This page link is not valid "
                    + "(it may belong to another filter). <a href=\"/\">Go to the first page</a>.</div>"));
            return;
        }
        StringBuilder b = new StringBuilder();
        notice(b, q.get("notice"));
        b.append("<form class=\"filters\" method=\"get\" action=\"/\" id=\"filters\">")
                .append("<label>Location <input type=\"text\" name=\"location\" id=\"filter-location\" value=\"")
                .append(Html.text(location)).append("\"></label>")
                .append("<label>Job title <input type=\"text\" name=\"jobTitle\" id=\"filter-jobTitle\" value=\"")
                .append(Html.text(jobTitle)).append("\"></label>")
                .append("<button type=\"submit\" id=\"filter-apply\">Filter</button>");
        if (!location.isEmpty() || !jobTitle.isEmpty()) {
            b.append(" <a href=\"/\" id=\"filter-clear\">Clear filters</a>");
        }
        b.append("<span class=\"hint\">exact match</span></form>");
        if (page.items().isEmpty()) {
            b.append("<p class=\"empty\" id=\"empty\">").append(trail.isEmpty()
                    ? (location.isEmpty() && jobTitle.isEmpty() ? "No employees yet. <a href=\"/employees/new\">Add "
                    + "the first one</a>." : "No employee matches these filters.")
                    : "No more employees.").append("</p>");
        } else {
            b.append("<table class=\"employees\" id=\"employees\"><thead><tr><th>Name</th><th>Job title</th>"
                    + "<th>Location</th><th>Badges</th><th>Attributes</th><th></th></tr></thead><tbody>");
            for (Employee e : page.items()) {
                String path = "/employees/" + Html.url(e.id());
                b.append("<tr class=\"employee\" data-id=\"").append(Html.text(e.id())).append("\">")
                        .append("<td class=\"name\"><a href=\"").append(path).append("/edit\">")
                        .append(Html.text(e.fullName())).append("</a></td>")
                        .append("<td class=\"jobTitle\">").append(Html.text(e.jobTitle())).append("</td>")
                        .append("<td class=\"location\">").append(Html.text(e.location())).append("</td>")
                        .append("<td class=\"badges\">");
                for (String badge : e.badges()) {
                    b.append("<span class=\"badge\">").append(Html.text(badge)).append("</span> ");
                }
                b.append("</td><td class=\"attributes\">");
                if (!e.attributes().isEmpty()) {
                    b.append("<dl>");
                    for (Map.Entry<String, AttributeValue> a : e.attributes().entrySet()) {
                        b.append("<dt>").append(Html.text(a.getKey())).append("</dt><dd>")
                                .append(Html.text(display(a.getValue()))).append("</dd>");
                    }
                    b.append("</dl>");
                }
                b.append("</td><td class=\"actions\"><a href=\"").append(path).append("/edit\">Edit</a> ")
                        .append("<a href=\"").append(path).append("/delete\" class=\"danger\">Delete</a></td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("<nav class=\"pager\">");
        String filters = (location.isEmpty() ? "" : "&location=" + Html.url(location))
                + (jobTitle.isEmpty() ? "" : "&jobTitle=" + Html.url(jobTitle));
        if (!trail.isEmpty()) {
            b.append("<a rel=\"prev\" id=\"prev\" href=\"").append(Html.text(listUrl(trail.subList(0, trail.size() - 1),
                    filters))).append("\">&larr; Previous</a>");
        }
        b.append("<span class=\"page-number\" id=\"page-number\">Page ").append(trail.size() + 1).append("</span>");
        if (page.nextCursor().isPresent()) {
            List<String> next = new ArrayList<>(trail);
            next.add(page.nextCursor().get());
            b.append("<a rel=\"next\" id=\"next\" href=\"").append(Html.text(listUrl(next, filters)))
                    .append("\">Next &rarr;</a>");
        }
        b.append("</nav>");
        Http.html(ex, 200, page("Employees", b.toString()));
    }

    private static String listUrl(List<String> trail, String filters) {
        StringBuilder u = new StringBuilder("/?");
        for (String c : trail) {
            u.append("c=").append(Html.url(c)).append('&');
        }
        u.append(filters.isEmpty() ? "" : filters.substring(1));
        String s = u.toString();
        while (s.endsWith("&") || s.endsWith("?")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? "/" : s;
    }

    private static String display(AttributeValue v) {
        if (v instanceof AttributeValue.TextValue t) {
            return t.value();
        } else if (v instanceof AttributeValue.NumberValue n) {
            return EmployeeForm.displayNumber(n.value());
        } else if (v instanceof AttributeValue.BooleanValue bv) {
            return bv.value() ? "yes" : "no";
        }
        return EmployeeJson.toJson(v).toString();
    }

    private static void notice(StringBuilder b, String notice) {
        String text = switch (notice) {
            case "created" -> "The employee was added.";
            case "updated" -> "The changes were saved.";
            case "deleted" -> "The employee was deleted.";
            case "gone" -> "That employee no longer exists.";
            default -> null;
        };
        if (text != null) {
            b.append("<div class=\"alert ok\" id=\"notice\">").append(text).append("</div>");
        }
    }

    // ---------------------------------------------------------------------------------------------------- forms

    private void submitNew(HttpExchange ex) throws IOException {
        FormData data = FormData.parse(Http.body(ex));
        EmployeeForm form = EmployeeForm.parse(data, null);
        if (rowAction(ex, data, form, null)) {
            return;
        }
        Employee draft = form.validated();
        if (draft == null) {
            Http.html(ex, 400, formPage(form, null, null));
            return;
        }
        try {
            Employee created = store.create(draft.toBuilder().version(0).build());
            LOG.debug("created employee {}", created.id());
            Http.seeOther(ex, "/?notice=created");
        } catch (InvalidInputException e) {
            form.addViolations(e.violations());
            Http.html(ex, 400, formPage(form, null, null));
        } catch (EmployeeAlreadyExistsException e) {
            form.error("form", "An employee with this id exists already.");
            Http.html(ex, 409, formPage(form, null, null));
        }
    }

    private void editForm(HttpExchange ex, String id) throws IOException {
        Optional<Employee> e = findOrNull(id);
        if (e.isEmpty()) {
            notFound(ex, "This employee does not exist (any more).");
            return;
        }
        EmployeeForm form = EmployeeForm.of(e.get());
        form.ensureBlankRow();
        Http.html(ex, 200, formPage(form, e.get(), null));
    }

    private void submitEdit(HttpExchange ex, String id) throws IOException {
        FormData data = FormData.parse(Http.body(ex));
        EmployeeForm form = EmployeeForm.parse(data, id);
        Optional<Employee> stored = findOrNull(id);
        if (stored.isEmpty()) {
            notFound(ex, "This employee was deleted meanwhile; your changes were not saved.");
            return;
        }
        if (rowAction(ex, data, form, stored.get())) {
            return;
        }
        Employee changed = form.validated();
        if (changed == null) {
            Http.html(ex, 400, formPage(form, stored.get(), null));
            return;
        }
        try {
            Employee updated = store.update(changed);
            LOG.debug("updated employee {} to version {}", updated.id(), updated.version());
            Http.seeOther(ex, "/?notice=updated");
        } catch (InvalidInputException e) {
            form.addViolations(e.violations());
            Http.html(ex, 400, formPage(form, stored.get(), null));
        } catch (VersionConflictException e) {
            conflict(ex, id, form);
        } catch (EmployeeNotFoundException e) {
            notFound(ex, "This employee was deleted meanwhile; your changes were not saved.");
        }
    }

    private void conflict(HttpExchange ex, String id, EmployeeForm typed) throws IOException {
        Optional<Employee> current = store.get(id);
        if (current.isEmpty()) {
            notFound(ex, "This employee was deleted meanwhile; your changes were not saved.");
            return;
        }
        Employee now = current.get();
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"alert conflict\" id=\"conflict\"><strong>Someone else changed this employee while you "
                        + "were editing.</strong> You read version ").append(typed.version)
                .append("; version ").append(now.version()).append(" is stored now. Your changes were <em>not</em> "
                        + "saved. The form below shows the current data: make your changes again and save.");
        List<String[]> typedFields = new ArrayList<>();
        addIfDifferent(typedFields, "Full name", typed.fullName, now.fullName());
        addIfDifferent(typedFields, "Job title", typed.jobTitle, now.jobTitle());
        addIfDifferent(typedFields, "Location", typed.location, now.location());
        addIfDifferent(typedFields, "Badges", typed.badges, String.join(", ", now.badges()));
        if (!typedFields.isEmpty()) {
            b.append("<details id=\"your-changes\"><summary>What you had typed</summary><ul>");
            for (String[] f : typedFields) {
                b.append("<li>").append(Html.text(f[0])).append(": ").append(Html.text(f[1])).append("</li>");
            }
            b.append("</ul></details>");
        }
        b.append("</div>");
        EmployeeForm form = EmployeeForm.of(now);
        form.ensureBlankRow();
        Http.html(ex, 409, formPage(form, now, b.toString()));
    }

    private static void addIfDifferent(List<String[]> out, String label, String typed, String current) {
        String t = typed == null ? "" : typed.strip();
        String c = current == null ? "" : current;
        if (!t.equals(c)) {
            out.add(new String[]{label, t});
        }
    }

    /** Handles "add attribute" and "remove" buttons: the form is shown again, nothing is saved. */
    private boolean rowAction(HttpExchange ex, FormData data, EmployeeForm form, Employee stored) throws IOException {
        if (data.has("addRow")) {
            form.addRow();
        } else if (data.has("removeRow")) {
            try {
                form.removeRow(Integer.parseInt(data.get("removeRow")));
            } catch (NumberFormatException e) {
                // ignore a malformed index
            }
            form.ensureBlankRow();
        } else {
            return false;
        }
        Http.html(ex, 200, formPage(form, stored, null));
        return true;
    }

    private String formPage(EmployeeForm f, Employee stored, String banner) {
        boolean edit = f.id != null;
        String action = edit ? "/employees/" + Html.url(f.id) + "/edit" : "/employees/new";
        StringBuilder b = new StringBuilder();
        if (banner != null) {
            b.append(banner);
        }
        if (f.hasErrors()) {
            b.append("<div class=\"alert error\" id=\"errors\">Please correct the fields marked below.");
            for (String m : f.errors.getOrDefault("form", List.of())) {
                b.append("<br>").append(Html.text(m));
            }
            b.append("</div>");
        }
        b.append("<form method=\"post\" action=\"").append(Html.text(action))
                .append("\" class=\"employee-form\" id=\"employee-form\" novalidate>")
                // the first submit button is the one Enter presses: make it "Save", not a row's "Remove"
                .append("<button type=\"submit\" name=\"save\" value=\"1\" class=\"default-submit\" tabindex=\"-1\" "
                        + "aria-hidden=\"true\">Save</button>");
        if (edit) {
            b.append("<input type=\"hidden\" name=\"version\" id=\"version\" value=\"").append(f.version).append("\">");
        }
        field(b, f, "fullName", "Full name", f.fullName, "required");
        field(b, f, "jobTitle", "Job title", f.jobTitle, null);
        field(b, f, "location", "Location", f.location, null);
        field(b, f, "badges", "Badges", f.badges, "separate with commas");
        field(b, f, "photoKey", "Photo key", f.photoKey, "object-store key, optional");
        b.append("<fieldset class=\"attributes\" id=\"attributes\"><legend>Custom attributes</legend>")
                .append("<p class=\"hint\">Any employee can have its own attributes: a name, a type and a value.</p>");
        errors(b, f, "attributes");
        b.append("<table><thead><tr><th>Name</th><th>Type</th><th>Value</th><th></th></tr></thead><tbody>");
        for (int i = 0; i < f.rows.size(); i++) {
            EmployeeForm.Row r = f.rows.get(i);
            b.append("<tr class=\"attr-row\" id=\"attr-row-").append(i).append("\">")
                    .append("<td><input type=\"text\" name=\"attrName\" aria-label=\"Attribute name\" value=\"")
                    .append(Html.text(r.name())).append("\"></td><td><select name=\"attrType\" "
                            + "aria-label=\"Attribute type\">");
            for (String t : EmployeeForm.TYPES) {
                b.append("<option value=\"").append(t).append('"').append(t.equals(r.type()) ? " selected" : "")
                        .append('>').append(t.equals("json") ? "list/map (JSON)" : t).append("</option>");
            }
            b.append("</select></td><td><input type=\"text\" name=\"attrValue\" aria-label=\"Attribute value\" "
                            + "value=\"").append(Html.text(r.value())).append("\">");
            errors(b, f, "attr." + i);
            b.append("</td><td><button type=\"submit\" name=\"removeRow\" value=\"").append(i)
                    .append("\" class=\"secondary remove-row\">Remove</button></td></tr>");
        }
        b.append("</tbody></table><button type=\"submit\" name=\"addRow\" value=\"1\" class=\"secondary\" "
                + "id=\"add-row\">Add attribute</button></fieldset>");
        b.append("<div class=\"buttons\"><button type=\"submit\" name=\"save\" value=\"1\" id=\"save\">")
                .append(edit ? "Save changes" : "Add employee").append("</button> <a href=\"/\">Cancel</a>");
        if (edit) {
            b.append(" <a class=\"danger\" id=\"delete\" href=\"/employees/").append(Html.url(f.id))
                    .append("/delete\">Delete…</a>");
        }
        b.append("</div></form>");
        if (stored != null) {
            b.append("<p class=\"meta\" id=\"meta\">Id ").append(Html.text(stored.id())).append(" · version ")
                    .append(stored.version()).append(" · created ").append(stored.createdAt())
                    .append(" · updated ").append(stored.updatedAt()).append("</p>");
        }
        return page(edit ? "Edit employee" : "Add employee", b.toString());
    }

    private static void field(StringBuilder b, EmployeeForm f, String name, String label, String value, String hint) {
        boolean bad = f.errors.containsKey(name);
        b.append("<div class=\"field").append(bad ? " invalid" : "").append("\"><label for=\"").append(name)
                .append("\">").append(label).append("</label><input type=\"text\" id=\"").append(name)
                .append("\" name=\"").append(name).append("\" value=\"").append(Html.text(value)).append('"')
                .append(bad ? " aria-invalid=\"true\" aria-describedby=\"" + name + "-error\"" : "").append('>');
        if (hint != null) {
            b.append("<span class=\"hint\">").append(Html.text(hint)).append("</span>");
        }
        errors(b, f, name);
        b.append("</div>");
    }

    private static void errors(StringBuilder b, EmployeeForm f, String key) {
        List<String> messages = f.errors.get(key);
        if (messages == null) {
            return;
        }
        b.append("<p class=\"field-error\" id=\"").append(Html.text(key.replace('.', '-'))).append("-error\">");
        for (int i = 0; i < messages.size(); i++) {
            b.append(i > 0 ? "<br>" : "").append(Html.text(messages.get(i)));
        }
        b.append("</p>");
    }

    // ---------------------------------------------------------------------------------------------------- delete

    private void deleteForm(HttpExchange ex, String id) throws IOException {
        Optional<Employee> e = findOrNull(id);
        if (e.isEmpty()) {
            notFound(ex, "This employee does not exist (any more).");
            return;
        }
        Http.html(ex, 200, deletePage(e.get(), null));
    }

    private String deletePage(Employee e, String banner) {
        StringBuilder b = new StringBuilder();
        if (banner != null) {
            b.append(banner);
        }
        b.append("<form method=\"post\" action=\"/employees/").append(Html.url(e.id()))
                .append("/delete\" class=\"confirm\" id=\"delete-form\"><p>Delete <strong>")
                .append(Html.text(e.fullName())).append("</strong>")
                .append(e.jobTitle() == null ? "" : ", " + Html.text(e.jobTitle()))
                .append("? This cannot be undone.</p><input type=\"hidden\" name=\"version\" value=\"")
                .append(e.version()).append("\"><button type=\"submit\" class=\"danger\" id=\"confirm-delete\">Delete"
                        + "</button> <a href=\"/\">Cancel</a></form>");
        return page("Delete employee", b.toString());
    }

    private void submitDelete(HttpExchange ex, String id) throws IOException {
        FormData data = FormData.parse(Http.body(ex));
        long version;
        try {
            version = Long.parseLong(data.get("version"));
        } catch (NumberFormatException e) {
            version = -1;
        }
        try {
            if (version < 1) {
                throw InvalidInputException.of("version", "is required");
            }
            store.delete(id, version);
            LOG.debug("deleted employee {}", id);
            Http.seeOther(ex, "/?notice=deleted");
        } catch (EmployeeNotFoundException e) {
            Http.seeOther(ex, "/?notice=gone");
        } catch (VersionConflictException | InvalidInputException e) {
            Optional<Employee> now = findOrNull(id);
            if (now.isEmpty()) {
                Http.seeOther(ex, "/?notice=gone");
                return;
            }
            Http.html(ex, 409, deletePage(now.get(), "<div class=\"alert conflict\" id=\"conflict\">Someone else "
                    + "changed this employee meanwhile, so it was not deleted. Here is the current data: delete it "
                    + "anyway?</div>"));
        }
    }

    // ---------------------------------------------------------------------------------------------------- common

    /** Reads an employee; an id the store rejects as invalid is simply not found. */
    private Optional<Employee> findOrNull(String id) {
        try {
            return store.get(id);
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    private void notFound(HttpExchange ex, String message) throws IOException {
        Http.html(ex, 404, page("Not found", "<div class=\"alert error\" id=\"not-found\">" + Html.text(message)
                + " <a href=\"/\">Back to the list</a>.</div>"));
    }

    private String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.text(title) + " · Employee Directory</title>"
                + "<link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>"
                + "<header><a class=\"brand\" href=\"/\">Employee Directory</a>"
                + "<a class=\"button\" id=\"add\" href=\"/employees/new\">Add employee</a></header>"
                + "<main><h1>" + Html.text(title) + "</h1>" + body + "</main>"
                + "<footer id=\"footer\">Backend: <span id=\"backend\">" + Html.text(backend) + "</span>"
                + " · <a href=\"/api/employees\">JSON API</a> · Employee Store</footer></body></html>";
    }
}
