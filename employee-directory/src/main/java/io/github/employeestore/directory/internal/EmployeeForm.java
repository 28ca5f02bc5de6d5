package io.github.employeestore.directory.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.Violation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the add and edit forms hold: the text the user typed, exactly, plus the errors found for each field, so that
 * an invalid form is shown again as it was typed with each violation next to its field.
 *
 * <p>Attribute rows have a name, a type ({@code text}, {@code number}, {@code boolean}, or {@code json} for lists and
 * maps) and a value. Numbers are exact ({@link BigDecimal}). Rows with neither name nor value are ignored.
 *
 * <p>Mutable and not thread-safe: one per request.
 */
public final class EmployeeForm {
    /** The attribute types a row can have. */
    public static final List<String> TYPES = List.of("text", "number", "boolean", "json");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** One attribute row as typed. */
    public record Row(String name, String type, String value) {
        boolean blank() {
            return name.isBlank() && value.isBlank();
        }
    }

    String id;
    String fullName = "";
    String jobTitle = "";
    String location = "";
    String badges = "";
    String photoKey = "";
    long version;
    final List<Row> rows = new ArrayList<>();
    /** Errors by field key: {@code fullName}, ..., {@code attr.N} for row N, {@code attributes}, {@code form}. */
    final Map<String, List<String>> errors = new LinkedHashMap<>();

    /** @return an empty form for a new employee */
    public static EmployeeForm empty() {
        return new EmployeeForm();
    }

    /**
     * @param e a stored employee
     * @return a form showing it
     */
    public static EmployeeForm of(Employee e) {
        EmployeeForm f = new EmployeeForm();
        f.id = e.id();
        f.fullName = e.fullName();
        f.jobTitle = nz(e.jobTitle());
        f.location = nz(e.location());
        f.badges = String.join(", ", e.badges());
        f.photoKey = nz(e.photoKey());
        f.version = e.version();
        e.attributes().forEach((name, value) -> f.rows.add(row(name, value)));
        return f;
    }

    private static Row row(String name, AttributeValue value) {
        if (value instanceof AttributeValue.TextValue t) {
            return new Row(name, "text", t.value());
        } else if (value instanceof AttributeValue.NumberValue n) {
            return new Row(name, "number", displayNumber(n.value()));
        } else if (value instanceof AttributeValue.BooleanValue b) {
            return new Row(name, "boolean", Boolean.toString(b.value()));
        }
        try {
            return new Row(name, "json", EmployeeJson.MAPPER.writeValueAsString(EmployeeJson.toJson(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param n a number
     * @return its plain form unless that would be very long, then its scientific form
     */
    public static String displayNumber(BigDecimal n) {
        String plain = n.toPlainString();
        return plain.length() <= 48 ? plain : n.toString();
    }

    /**
     * @param data the posted form
     * @param id   the id of the employee edited, or {@code null} for a new one
     * @return the form as typed
     */
    public static EmployeeForm parse(FormData data, String id) {
        EmployeeForm f = new EmployeeForm();
        f.id = id;
        f.fullName = data.get("fullName");
        f.jobTitle = data.get("jobTitle");
        f.location = data.get("location");
        f.badges = data.get("badges");
        f.photoKey = data.get("photoKey");
        try {
            f.version = data.get("version").isEmpty() ? 0 : Long.parseLong(data.get("version"));
        } catch (NumberFormatException e) {
            f.version = 0;
        }
        List<String> names = data.all("attrName");
        List<String> types = data.all("attrType");
        List<String> values = data.all("attrValue");
        for (int i = 0; i < names.size(); i++) {
            String type = i < types.size() && TYPES.contains(types.get(i)) ? types.get(i) : "text";
            String value = i < values.size() ? values.get(i) : "";
            f.rows.add(new Row(names.get(i), type, value));
        }
        return f;
    }

    /** Adds an empty attribute row. */
    public void addRow() {
        rows.add(new Row("", "text", ""));
    }

    /** @param index the row to remove; ignored when out of range */
    public void removeRow(int index) {
        if (index >= 0 && index < rows.size()) {
            rows.remove(index);
        }
    }

    /** Makes sure the last row is an empty one, for typing a new attribute. */
    public void ensureBlankRow() {
        if (rows.isEmpty() || !rows.get(rows.size() - 1).blank()) {
            addRow();
        }
    }

    /** @return whether any error was recorded */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    void error(String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    /**
     * Converts the typed text into an employee, recording an error for each row that cannot be one.
     *
     * @return the employee (with this form's id and version) without the malformed rows; check {@link #hasErrors()}
     */
    public Employee toEmployee() {
        Employee.Builder b = Employee.builder()
                .id(id)
                .fullName(fullName.strip())
                .jobTitle(jobTitle.strip())
                .location(location.strip())
                .photoKey(photoKey.strip())
                .version(version);
        Set<String> badgeSet = new LinkedHashSet<>();
        for (String badge : badges.split(",")) {
            if (!badge.isBlank()) {
                badgeSet.add(badge.strip());
            }
        }
        b.badges(badgeSet);
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.blank()) {
                continue;
            }
            String key = "attr." + i;
            String name = r.name().strip();
            if (name.isEmpty()) {
                error(key, "the name is required");
                continue;
            }
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                error(key, "the name must start with a letter or _ and have only letters, digits and _ (at most 64)");
                continue;
            }
            if (!seen.add(name)) {
                error(key, "the name is used twice");
                continue;
            }
            AttributeValue value = value(r, key);
            if (value != null) {
                b.attribute(name, value);
            }
        }
        return b.build();
    }

    private AttributeValue value(Row r, String key) {
        String v = r.value();
        switch (r.type()) {
            case "number" -> {
                try {
                    return AttributeValue.of(new BigDecimal(v.strip()));
                } catch (NumberFormatException e) {
                    error(key, "the value must be a number, such as 42 or -3.75");
                    return null;
                }
            }
            case "boolean" -> {
                String s = v.strip().toLowerCase(Locale.ROOT);
                if (s.equals("true") || s.equals("yes")) {
                    return AttributeValue.of(true);
                } else if (s.equals("false") || s.equals("no")) {
                    return AttributeValue.of(false);
                }
                error(key, "the value must be true or false");
                return null;
            }
            case "json" -> {
                List<Violation> violations = new ArrayList<>();
                try {
                    JsonNode node = EmployeeJson.MAPPER.readTree(v);
                    AttributeValue value = node == null ? null : EmployeeJson.attribute(node, "value", violations);
                    if (value != null && violations.isEmpty()) {
                        return value;
                    }
                } catch (JsonProcessingException e) {
                    // reported below
                }
                error(key, "the value must be JSON, such as [\"a\", 1] or {\"floor\": 3}");
                return null;
            }
            default -> {
                return AttributeValue.of(v);
            }
        }
    }

    /**
     * Converts the form and checks it against the model's rules as the store would, recording every error.
     *
     * @return the employee if the form is valid, otherwise {@code null} (and the errors are recorded)
     */
    public Employee validated() {
        Employee e = toEmployee();
        if (hasErrors()) {
            addViolations(io.github.employeestore.spi.EmployeeValidator.violations(e, false));
            return null;
        }
        return e;
    }

    /**
     * Records the store's violations next to the fields they are about.
     *
     * @param violations the violations of an {@link io.github.employeestore.InvalidInputException}
     */
    public void addViolations(List<Violation> violations) {
        for (Violation v : violations) {
            String field = v.field();
            if (Set.of("fullName", "jobTitle", "location", "photoKey").contains(field)) {
                error(field, v.rule());
            } else if (field.startsWith("badges")) {
                error("badges", (field.equals("badges") ? "" : "each badge ") + v.rule());
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
                int row = -1;
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i).name().strip().equals(name)) {
                        row = i;
                        break;
                    }
                }
                String message = (end < rest.length() ? rest.substring(end) + ": " : "") + v.rule();
                error(row >= 0 ? "attr." + row : "attributes", row >= 0 ? message : name + ": " + message);
            } else if (field.equals("attributes")) {
                error("attributes", v.rule());
            } else {
                error("form", field + " " + v.rule());
            }
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
