package io.github.employeestore.directory.internal.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.Violation;
import io.github.employeestore.directory.internal.EmployeeJson;
import org.springframework.validation.Errors;

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
 * The add and edit forms as Spring binds them: every text exactly as typed (nothing is stripped or split, so a form
 * sent back untouched describes the stored employee exactly), one input per badge, and attribute rows of a name, a
 * type ({@code text}, {@code number}, {@code boolean}, or {@code json} for lists and maps, in the JSON form of
 * {@link io.github.employeestore.spi.EmployeeCodec}) and a value. Attributes the form cannot edit (null, binary,
 * sets, lists or maps holding those, text with a line break) are not rows: they are shown read-only and kept exactly
 * as stored.
 *
 * <p>Mutable and not thread-safe: one per request.
 */
public class EmployeeForm {
    /** The attribute types a row can have. */
    public static final List<String> TYPES = List.of("text", "number", "boolean", "json");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private String fullName = "";
    private String jobTitle = "";
    private String location = "";
    private String photoKey = "";
    private List<String> badges = new ArrayList<>();
    private long version;
    private List<AttributeRow> rows = new ArrayList<>();
    private String addRow;
    private Integer removeRow;
    private String baseline;

    /** One attribute row as typed. Mutable. */
    public static class AttributeRow {
        private String name = "";
        private String type = "text";
        private String value = "";

        /** A blank row. */
        public AttributeRow() {
        }

        AttributeRow(String name, String type, String value) {
            this.name = name;
            this.type = type;
            this.value = value;
        }

        boolean blank() {
            return nz(name).isEmpty() && nz(value).isEmpty();
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getValue() {
            return value;
        }

        public void setValue(String value) {
            this.value = value;
        }
    }

    /**
     * @param e a stored employee
     * @return a form showing it, exactly
     */
    public static EmployeeForm of(Employee e) {
        EmployeeForm f = new EmployeeForm();
        f.fullName = e.fullName();
        f.jobTitle = nz(e.jobTitle());
        f.location = nz(e.location());
        f.photoKey = nz(e.photoKey());
        f.badges = new ArrayList<>(e.badges());
        f.version = e.version();
        e.attributes().forEach((name, value) -> {
            AttributeRow row = row(name, value);
            if (row != null) {
                f.rows.add(row);
            }
        });
        f.baseline = f.state();
        return f;
    }

    /** @return what this form shows, as JSON: the baseline an edit of it is compared with */
    private String state() {
        var o = io.github.employeestore.directory.internal.EmployeeJson.MAPPER.createObjectNode();
        o.put("fullName", fullName).put("jobTitle", jobTitle).put("location", location).put("photoKey", photoKey);
        badges.forEach(o.putArray("badges")::add);
        var r = o.putArray("rows");
        rows.forEach(row -> r.addObject().put("name", row.name).put("type", row.type).put("value", row.value));
        return o.toString();
    }

    /**
     * The form as it was shown, from its hidden {@code baseline} field: an edit is saved as the patch of what
     * differs between it and this form, so the fields the user did not touch are never written (a change another
     * program made to them meanwhile is kept).
     *
     * @return the form as it was first shown, or empty when the baseline is missing or malformed
     */
    public java.util.Optional<EmployeeForm> shown() {
        if (baseline == null || baseline.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            var o = io.github.employeestore.directory.internal.EmployeeJson.MAPPER.readTree(baseline);
            EmployeeForm f = new EmployeeForm();
            f.fullName = o.path("fullName").asText("");
            f.jobTitle = o.path("jobTitle").asText("");
            f.location = o.path("location").asText("");
            f.photoKey = o.path("photoKey").asText("");
            o.path("badges").forEach(b -> f.badges.add(b.asText()));
            o.path("rows").forEach(r -> f.rows.add(new AttributeRow(r.path("name").asText(""),
                    r.path("type").asText("text"), r.path("value").asText(""))));
            f.version = version;
            return java.util.Optional.of(f);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * @param value an attribute value
     * @return whether the form shows it as an editable row (otherwise it is shown read-only and kept): text without
     *         line breaks (a one-line input drops them), numbers, booleans, and lists and maps of those (at any
     *         depth, as JSON); never null, binary or sets
     */
    static boolean editable(AttributeValue value) {
        if (value instanceof AttributeValue.TextValue t) {
            return t.value().indexOf('\n') < 0 && t.value().indexOf('\r') < 0;
        }
        return value instanceof AttributeValue.NumberValue || value instanceof AttributeValue.BooleanValue
                || jsonEditable(value);
    }

    private static boolean jsonEditable(AttributeValue value) {
        if (value instanceof AttributeValue.ListValue l) {
            return l.values().stream().allMatch(EmployeeForm::inJson);
        } else if (value instanceof AttributeValue.MapValue m) {
            return m.values().values().stream().allMatch(EmployeeForm::inJson);
        }
        return false;
    }

    private static boolean inJson(AttributeValue value) {
        return value instanceof AttributeValue.TextValue || value instanceof AttributeValue.NumberValue
                || value instanceof AttributeValue.BooleanValue || jsonEditable(value);
    }

    private static AttributeRow row(String name, AttributeValue value) {
        if (!editable(value)) {
            return null;
        } else if (value instanceof AttributeValue.TextValue t) {
            return new AttributeRow(name, "text", t.value());
        } else if (value instanceof AttributeValue.NumberValue n) {
            return new AttributeRow(name, "number", n.value().toString().contains("E") && n.value().toPlainString()
                    .length() > 48 ? n.value().toString() : n.value().toPlainString());
        } else if (value instanceof AttributeValue.BooleanValue b) {
            return new AttributeRow(name, "boolean", Boolean.toString(b.value()));
        }
        return new AttributeRow(name, "json", EmployeeJson.toJson(value).toString());
    }

    /** Makes sure there are three empty badge inputs and an empty last row, for typing new ones. */
    public void ensureBlankInputs() {
        int blanks = 0;
        for (int i = badges.size() - 1; i >= 0 && nz(badges.get(i)).isEmpty(); i--) {
            blanks++;
        }
        for (; blanks < 3 && badges.size() < 53; blanks++) {
            badges.add("");
        }
        if (rows.isEmpty() || !rows.get(rows.size() - 1).blank()) {
            rows.add(new AttributeRow());
        }
    }

    /**
     * Converts what was typed into an employee, rejecting each field or row that cannot be one on {@code errors}.
     *
     * @param id     the employee's id, or {@code null} for a new one
     * @param stored the stored employee being edited, or {@code null}: its attributes the form cannot edit are kept
     * @param errors where problems go, by field ({@code rows[N].value}, ...)
     * @return the employee; check {@code errors} before using it
     */
    public Employee toEmployee(String id, Employee stored, Errors errors) {
        Employee.Builder b = Employee.builder().id(id).fullName(fullName).jobTitle(emptyToNull(jobTitle))
                .location(emptyToNull(location)).photoKey(emptyToNull(photoKey)).version(version);
        Set<String> badgeSet = new LinkedHashSet<>();
        for (String badge : badges) {
            if (badge != null && !badge.isEmpty()) {
                badgeSet.add(badge);
            }
        }
        b.badges(badgeSet);
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        if (stored != null) {
            stored.attributes().forEach((name, value) -> {
                if (!editable(value)) {
                    attributes.put(name, value);
                }
            });
        }
        for (int i = 0; i < rows.size(); i++) {
            AttributeRow r = rows.get(i);
            if (r == null || r.blank()) {
                continue;
            }
            String field = "rows[" + i + "].value";
            String name = nz(r.name);
            if (name.isEmpty()) {
                errors.rejectValue(field, "attribute.name.required", "the name is required");
            } else if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                errors.rejectValue(field, "attribute.name.pattern",
                        "the name must start with a letter or _ and have only letters, digits and _ (at most 64)");
            } else if (attributes.containsKey(name)) {
                errors.rejectValue(field, "attribute.name.twice", "the name is used twice");
            } else {
                AttributeValue value = value(r, field, errors);
                if (value != null) {
                    attributes.put(name, value);
                }
            }
        }
        b.attributes(attributes);
        return b.build();
    }

    private static AttributeValue value(AttributeRow r, String field, Errors errors) {
        String v = nz(r.value);
        switch (nz(r.type)) {
            case "number" -> {
                try {
                    return AttributeValue.of(new BigDecimal(v.strip()));
                } catch (NumberFormatException | ArithmeticException e) {
                    errors.rejectValue(field, "attribute.number", "the value must be a number, such as 42 or -3.75");
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
                errors.rejectValue(field, "attribute.boolean", "the value must be true or false");
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
                } catch (JacksonException | RuntimeException e) {
                    // reported below
                }
                errors.rejectValue(field, "attribute.json", "the value must be JSON, such as [\"a\", 1] or {\"floor\": 3}");
                return null;
            }
            case "text" -> {
                return AttributeValue.of(v);
            }
            default -> {
                errors.rejectValue(field, "attribute.type", "the type must be one of " + TYPES);
                return null;
            }
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    public String getFullName() {
        return fullName;
    }

    public void setFullName(String fullName) {
        this.fullName = nz(fullName);
    }

    public String getJobTitle() {
        return jobTitle;
    }

    public void setJobTitle(String jobTitle) {
        this.jobTitle = nz(jobTitle);
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = nz(location);
    }

    public String getPhotoKey() {
        return photoKey;
    }

    public void setPhotoKey(String photoKey) {
        this.photoKey = nz(photoKey);
    }

    public List<String> getBadges() {
        return badges;
    }

    public void setBadges(List<String> badges) {
        this.badges = badges == null ? new ArrayList<>() : badges;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }

    public List<AttributeRow> getRows() {
        return rows;
    }

    public void setRows(List<AttributeRow> rows) {
        this.rows = rows == null ? new ArrayList<>() : rows;
    }

    public String getAddRow() {
        return addRow;
    }

    public void setAddRow(String addRow) {
        this.addRow = addRow;
    }

    public String getBaseline() {
        return baseline;
    }

    public void setBaseline(String baseline) {
        this.baseline = baseline;
    }

    public Integer getRemoveRow() {
        return removeRow;
    }

    public void setRemoveRow(Integer removeRow) {
        this.removeRow = removeRow;
    }
}
