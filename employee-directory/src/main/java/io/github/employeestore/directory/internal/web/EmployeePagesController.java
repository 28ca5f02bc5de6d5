package io.github.employeestore.directory.internal.web;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.Violation;
import io.github.employeestore.directory.internal.EmployeeJson;
import io.github.employeestore.spi.EmployeeValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The directory's pages: the list (25 at a time, in alphabetical order when the store can search, a search by name
 * ({@code ?q=}) and filters by location and job title, see {@link Listings}; next and previous through
 * {@link PageTrail}), the add and edit forms (Spring binding of {@link EmployeeForm}, each violation shown next to its
 * field), and the delete confirmation. Forms redirect after success. Edits carry the version they read and the form
 * as it was shown ({@code baseline}), and are saved as a patch of only what the user changed: when someone else
 * changed the employee's version meanwhile nothing is overwritten; a field another program changed without a
 * version is kept unless the user changed it too; an edit form sent back untouched writes nothing.
 *
 * <p>Thread-safe (stateless besides the thread-safe store and trail).
 */
@Controller
public class EmployeePagesController {
    /** Employees per page. */
    public static final int PAGE_SIZE = 25;
    private static final Logger LOG = LoggerFactory.getLogger(EmployeePagesController.class);
    private static final Set<String> FIELDS = Set.of("fullName", "jobTitle", "location", "photoKey");

    private static final IdUrls IDS = new IdUrls();

    private final EmployeeStore store;
    private final PageTrail trail;

    /**
     * @param store      the store
     * @param properties the directory's settings
     */
    public EmployeePagesController(EmployeeStore store, DirectoryProperties properties) {
        this.store = store;
        this.trail = new PageTrail(properties.getPageTrailCapacity());
    }

    @InitBinder("form")
    void binder(WebDataBinder binder) {
        binder.setAllowedFields("fullName", "jobTitle", "location", "photoKey", "badges", "badges[*]", "version",
                "rows", "rows[*].name", "rows[*].type", "rows[*].value", "addRow", "removeRow", "baseline");
        // at most the model's 100 attributes and 50 badges, plus room for blank inputs
        binder.setAutoGrowCollectionLimit(128);
    }

    @ModelAttribute("ids")
    IdUrls ids() {
        return IDS;
    }

    @ModelAttribute("backend")
    String backend() {
        return store.description();
    }

    // ----------------------------------------------------------------------------------------------------- list

    @GetMapping("/")
    String list(@RequestParam(name = "q", defaultValue = "") String q,
                @RequestParam(name = "location", defaultValue = "") String location,
                @RequestParam(name = "jobTitle", defaultValue = "") String jobTitle,
                @RequestParam(name = "page", required = false) String token,
                @RequestParam(name = "notice", defaultValue = "") String notice, Model model) {
        if (token != null && !token.matches("[A-Za-z0-9_-]{22}")) {
            throw InvalidInputException.of("page", "must be a page link of this directory");
        }
        // a search of only spaces is no search: the form was sent empty
        String search = q.isBlank() ? "" : q;
        String filter = search + '\u0000' + location + '\u0000' + jobTitle;
        Optional<PageTrail.Entry> here = token == null ? Optional.empty()
                : trail.find(token).filter(e -> e.filter().equals(filter));
        if (token != null && here.isEmpty()) {
            notice = "expired";
        }
        PageRequest request = here.isEmpty() ? PageRequest.first(PAGE_SIZE)
                : PageRequest.after(here.get().cursor(), PAGE_SIZE);
        Listings.Listing listing = Listings.page(store, search, location, jobTitle, request);
        Page<Employee> page = listing.page();
        int number = here.map(PageTrail.Entry::number).orElse(1);
        model.addAttribute("employees", page.items());
        model.addAttribute("unreadable", page.unreadable().stream()
                .map(io.github.employeestore.UnreadableEmployeeException::id).toList());
        model.addAttribute("q", search);
        model.addAttribute("searchable", Listings.searchable(store));
        model.addAttribute("alphabetical", listing.alphabetical());
        model.addAttribute("indexPending", listing.indexPending());
        model.addAttribute("location", location);
        model.addAttribute("jobTitle", jobTitle);
        model.addAttribute("pageNumber", number);
        // "about N": the backend's cheap estimate (DynamoDB's item count, SQL statistics), never a full count
        model.addAttribute("estimatedCount", store.estimatedCount());
        model.addAttribute("notice", notice);
        model.addAttribute("display", new AttributeDisplay());
        model.addAttribute("previousToken", here.map(PageTrail.Entry::previous).orElse(null));
        model.addAttribute("hasPrevious", here.isPresent());
        model.addAttribute("nextToken", page.nextCursor().map(c -> trail.remember(
                new PageTrail.Entry(c, token, number + 1, filter))).orElse(null));
        return "list";
    }

    // ---------------------------------------------------------------------------------------------------- forms

    @GetMapping("/employees/new")
    String newForm(Model model) {
        EmployeeForm form = new EmployeeForm();
        form.ensureBlankInputs();
        model.addAttribute("form", form);
        return formView(model, null, null);
    }

    @PostMapping("/employees/new")
    String create(@ModelAttribute("form") EmployeeForm form, BindingResult result, Model model,
                  HttpServletResponse response) {
        if (rowAction(form)) {
            return formView(model, null, null);
        }
        Employee draft = form.toEmployee(null, null, result);
        if (result.hasErrors()) {
            reject(result, form, EmployeeValidator.violations(draft, false));
        } else {
            try {
                Employee created = store.create(draft.toBuilder().version(0).build());
                LOG.debug("created employee {}", created.id());
                return "redirect:/?notice=created";
            } catch (InvalidInputException e) {
                reject(result, form, e.violations());
            } catch (EmployeeAlreadyExistsException e) {
                result.reject("exists", "An employee with this id exists already.");
                response.setStatus(HttpStatus.CONFLICT.value());
                return formView(model, null, null);
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        form.ensureBlankInputs();
        return formView(model, null, null);
    }

    @GetMapping("/employees/edit")
    String editForm(HttpServletRequest request, Model model) {
        String id = id(request);
        Employee stored = existing(id);
        EmployeeForm form = EmployeeForm.of(stored);
        form.ensureBlankInputs();
        model.addAttribute("form", form);
        return formView(model, stored, null);
    }

    @PostMapping("/employees/edit")
    String update(HttpServletRequest request, @ModelAttribute("form") EmployeeForm form, BindingResult result,
                  Model model, HttpServletResponse response) {
        String id = id(request);
        Employee stored = existing(id);
        if (rowAction(form)) {
            return formView(model, stored, null);
        }
        Employee changed = form.toEmployee(id, stored, result);
        if (result.hasErrors()) {
            reject(result, form, EmployeeValidator.violations(changed, false));
        } else {
            // only what the user changed is written: the difference between the form as shown and as sent (a form
            // without its baseline is compared with the stored employee)
            Employee shown = form.shown().map(f -> f.toEmployee(id, stored, new org.springframework.validation
                    .BeanPropertyBindingResult(f, "shown"))).orElse(stored);
            EmployeePatch patch = EmployeePatch.between(shown, changed);
            try {
                Employee updated = store.patch(id, form.getVersion(), patch);
                if (patch.isEmpty() || updated.version() == form.getVersion()) {
                    return "redirect:/?notice=unchanged";
                }
                LOG.debug("patched employee {} to version {}", updated.id(), updated.version());
                return "redirect:/?notice=updated";
            } catch (InvalidInputException e) {
                reject(result, form, e.violations());
            } catch (VersionConflictException e) {
                Employee now = existing(id);
                EmployeeForm current = EmployeeForm.of(now);
                current.ensureBlankInputs();
                model.addAttribute("form", current);
                model.addAttribute("readVersion", form.getVersion());
                response.setStatus(HttpStatus.CONFLICT.value());
                return formView(model, now, "conflict");
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        form.ensureBlankInputs();
        return formView(model, stored, null);
    }

    /** "Add attribute" and "Remove": the form is shown again, nothing is saved. */
    private static boolean rowAction(EmployeeForm form) {
        if (form.getAddRow() != null) {
            form.getRows().add(new EmployeeForm.AttributeRow());
        } else if (form.getRemoveRow() != null) {
            int i = form.getRemoveRow();
            if (i >= 0 && i < form.getRows().size()) {
                form.getRows().remove(i);
            }
            form.ensureBlankInputs();
        } else {
            return false;
        }
        return true;
    }

    private static void reject(BindingResult result, EmployeeForm form, java.util.List<Violation> violations) {
        for (Violation v : violations) {
            String field = v.field();
            if (FIELDS.contains(field)) {
                result.rejectValue(field, "invalid", v.rule());
            } else if (field.startsWith("badges")) {
                result.rejectValue("badges", "invalid", (field.equals("badges") ? "" : "each badge ") + v.rule());
            } else if (field.startsWith("attributes.")) {
                String rest = field.substring("attributes.".length());
                int end = rest.length();
                for (char c : new char[]{'.', '['}) {
                    int i = rest.indexOf(c);
                    if (i >= 0 && i < end) {
                        end = i;
                    }
                }
                String name = rest.substring(0, end);
                String message = (end < rest.length() ? rest.substring(end) + ": " : "") + v.rule();
                int row = -1;
                for (int i = 0; i < form.getRows().size(); i++) {
                    if (EmployeeForm.nz(form.getRows().get(i).getName()).equals(name)) {
                        row = i;
                        break;
                    }
                }
                if (row >= 0) {
                    result.rejectValue("rows[" + row + "].value", "invalid", message);
                } else {
                    result.reject("invalid", name + ": " + message);
                }
            } else {
                result.reject("invalid", field + " " + v.rule());
            }
        }
    }

    private String formView(Model model, Employee stored, String banner) {
        model.addAttribute("stored", stored);
        model.addAttribute("banner", banner);
        model.addAttribute("types", EmployeeForm.TYPES);
        Map<String, String> readOnly = new LinkedHashMap<>();
        if (stored != null) {
            AttributeDisplay display = new AttributeDisplay();
            stored.attributes().forEach((name, value) -> {
                if (!EmployeeForm.editable(value)) {
                    readOnly.put(name, display.show(value));
                }
            });
        }
        model.addAttribute("readOnlyAttributes", readOnly);
        return "form";
    }

    // --------------------------------------------------------------------------------------------------- delete

    @GetMapping("/employees/delete")
    String deleteForm(HttpServletRequest request, Model model) {
        String id = id(request);
        model.addAttribute("employee", existing(id));
        return "delete";
    }

    @PostMapping("/employees/delete")
    String delete(HttpServletRequest request, @RequestParam(name = "version", defaultValue = "0") long version,
                  Model model, HttpServletResponse response) {
        String id = id(request);
        try {
            store.delete(id, version);
            LOG.debug("deleted employee {}", id);
            return "redirect:/?notice=deleted";
        } catch (VersionConflictException e) {
            model.addAttribute("employee", existing(id));
            model.addAttribute("conflict", true);
            response.setStatus(HttpStatus.CONFLICT.value());
            return "delete";
        } catch (EmployeeNotFoundException e) {
            return "redirect:/?notice=gone";
        }
    }

    /**
     * The employee's id of a page request: exactly one {@code id} parameter, decoded once by the strict parameter
     * parser; never joined with another value (a form body cannot add a second id).
     */
    private static String id(HttpServletRequest request) {
        String[] values = request.getParameterValues("id");
        if (values == null || values.length != 1 || values[0].isEmpty()) {
            throw InvalidInputException.of("id", "must be given once");
        }
        return values[0];
    }

    private Employee existing(String id) {
        return store.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "This employee does not exist (any more)."));
    }

    /** Attribute values as the pages show them. Stateless. */
    public static final class AttributeDisplay {
        /**
         * @param v a value
         * @return its text for people
         */
        public String show(AttributeValue v) {
            if (v instanceof AttributeValue.TextValue t) {
                return t.value();
            } else if (v instanceof AttributeValue.NumberValue n) {
                String plain = n.value().toPlainString();
                return plain.length() <= 48 ? plain : n.value().toString();
            } else if (v instanceof AttributeValue.BooleanValue b) {
                return b.value() ? "yes" : "no";
            }
            return EmployeeJson.toJson(v).toString();
        }
    }
}
