package io.github.employeestore.spi;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.Violation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every rule of the model ({@link Limits}), in one place, for every backend to reuse. Each check collects all the
 * violations it finds and throws one {@link InvalidInputException} listing them; violations name fields and rules,
 * never values.
 *
 * <p>Thread-safe (stateless).
 */
public final class EmployeeValidator {
    /** {@code [A-Za-z_][A-Za-z0-9_]{0,63}}, checked by {@link #isAttributeNameSyntax(String)} without a regex. */
    private static final int MAX_NAME = 64;

    /** Names a flexible attribute cannot have: the core fields' storage and Java names. */
    public static final Set<String> RESERVED_ATTRIBUTE_NAMES = Set.of(
            "id", "full_name", "job_title", "location", "badges", "photo_key", "version", "created_at", "updated_at",
            "fullName", "jobTitle", "photoKey", "createdAt", "updatedAt", "attributes");

    private EmployeeValidator() {
    }

    /**
     * Checks a draft for {@code create}: every rule of the model; the id may be {@code null}.
     *
     * @param draft the draft
     * @throws InvalidInputException listing every violation
     */
    public static void validateDraft(Employee draft) {
        throwIfAny(violations(draft, draft == null || draft.id() != null));
    }

    /**
     * Checks an employee for {@code put} or {@code update}: every rule of the model, and an id is required.
     *
     * @param employee the employee
     * @throws InvalidInputException listing every violation
     */
    public static void validate(Employee employee) {
        throwIfAny(violations(employee, true));
    }

    /**
     * Checks an employee for {@code update}: as {@link #validate(Employee)}, and its version must not be negative
     * (it is the version it was read at: at least 1 for an employee the library wrote, 0 for an item written by other
     * code without a version).
     *
     * @param changed the employee
     * @throws InvalidInputException listing every violation
     */
    public static void validateForUpdate(Employee changed) {
        List<Violation> v = violations(changed, true);
        if (changed != null && !Versions.inRange(changed.version())) {
            v.add(new Violation("version", "must be between 0 and " + Limits.MAX_VERSION + ": the version the "
                    + "employee was read at (0 for a stored item that has no version)"));
        }
        throwIfAny(v);
    }

    /**
     * The violations of an employee given to {@code importAll}: every rule of the model, an id, a version of at
     * least 1, and both timestamps within {@link Limits#MIN_TIMESTAMP}..{@link Limits#MAX_TIMESTAMP} with at most
     * millisecond precision.
     *
     * @param employee the employee
     * @return the violations, empty if it can be imported
     */
    public static List<Violation> importViolations(Employee employee) {
        List<Violation> v = violations(employee, true);
        if (employee == null) {
            return v;
        }
        if (employee.version() < 1 || employee.version() > Limits.MAX_VERSION) {
            v.add(new Violation("version", "must be between 1 and " + Limits.MAX_VERSION));
        }
        timestamp("createdAt", employee.createdAt(), v);
        timestamp("updatedAt", employee.updatedAt(), v);
        return v;
    }

    private static void timestamp(String field, Instant t, List<Violation> v) {
        if (t == null) {
            v.add(new Violation(field, "is required"));
        } else if (t.isBefore(Limits.MIN_TIMESTAMP) || t.isAfter(Limits.MAX_TIMESTAMP)) {
            v.add(new Violation(field, "must be between " + Limits.MIN_TIMESTAMP + " and " + Limits.MAX_TIMESTAMP));
        } else if (t.getNano() % 1_000_000 != 0) {
            v.add(new Violation(field, "must have at most millisecond precision"));
        }
    }

    /**
     * Checks an id given to {@code get}, {@code delete} and the like.
     *
     * @param id the id
     * @throws InvalidInputException if it is null or not a valid id
     */
    public static void validateId(String id) {
        List<Violation> v = new ArrayList<>();
        id("id", id, v);
        throwIfAny(v);
    }

    /**
     * Checks the expected version of a versioned delete.
     *
     * @param expectedVersion the version
     * @throws InvalidInputException if it is negative or above {@link Limits#MAX_VERSION} (0 matches a stored item
     *                               that has no version)
     */
    public static void validateExpectedVersion(long expectedVersion) {
        if (!Versions.inRange(expectedVersion)) {
            throw InvalidInputException.of("expectedVersion", "must be between 0 and " + Limits.MAX_VERSION
                    + " (0 for a stored item that has no version)");
        }
    }

    /**
     * Checks the ids given to {@code getAll}.
     *
     * @param ids the ids
     * @throws InvalidInputException if there are more than {@link Limits#MAX_GET_ALL_IDS} or one is invalid
     */
    public static void validateIds(Collection<String> ids) {
        if (ids == null) {
            throw InvalidInputException.of("ids", "is required");
        }
        List<Violation> v = new ArrayList<>();
        if (ids.size() > Limits.MAX_GET_ALL_IDS) {
            v.add(new Violation("ids", "must be at most " + Limits.MAX_GET_ALL_IDS + " ids"));
        }
        int i = 0;
        for (String id : ids) {
            id("ids[" + i++ + "]", id, v);
        }
        throwIfAny(v);
    }

    /**
     * Checks the criteria of a query.
     *
     * @param location the location, or {@code null}
     * @param jobTitle the job title, or {@code null}
     * @throws InvalidInputException if neither is given or one breaks the field's rules
     */
    public static void validateQuery(String location, String jobTitle) {
        List<Violation> v = new ArrayList<>();
        if (location == null && jobTitle == null) {
            v.add(new Violation("query", "needs a location or a job title"));
        }
        if (location != null) {
            text("location", location, 1, Limits.MAX_LOCATION_LENGTH, v);
        }
        if (jobTitle != null) {
            text("jobTitle", jobTitle, 1, Limits.MAX_JOB_TITLE_LENGTH, v);
        }
        throwIfAny(v);
    }

    /**
     * Every violation of the model's rules by an employee.
     *
     * @param e          the employee
     * @param idRequired whether a missing id is a violation
     * @return the violations, in field order; a modifiable list
     */
    public static List<Violation> violations(Employee e, boolean idRequired) {
        List<Violation> v = new ArrayList<>();
        if (e == null) {
            v.add(new Violation("employee", "is required"));
            return v;
        }
        if (e.id() != null || idRequired) {
            id("id", e.id(), v);
        }
        if (e.fullName() == null) {
            v.add(new Violation("fullName", "is required"));
        } else {
            text("fullName", e.fullName(), 1, Limits.MAX_FULL_NAME_LENGTH, v);
            if (!e.fullName().isEmpty() && allSpace(e.fullName())) {
                v.add(new Violation("fullName", "must not be blank"));
            }
        }
        if (e.jobTitle() != null) {
            text("jobTitle", e.jobTitle(), 1, Limits.MAX_JOB_TITLE_LENGTH, v);
        }
        if (e.location() != null) {
            text("location", e.location(), 1, Limits.MAX_LOCATION_LENGTH, v);
        }
        if (e.photoKey() != null) {
            text("photoKey", e.photoKey(), 1, Limits.MAX_PHOTO_KEY_LENGTH, v);
        }
        if (e.badges().size() > Limits.MAX_BADGES) {
            v.add(new Violation("badges", "must be at most " + Limits.MAX_BADGES + " badges"));
        }
        int i = 0;
        for (String badge : e.badges()) {
            text("badges[" + i++ + "]", badge, 1, Limits.MAX_BADGE_LENGTH, v);
        }
        if (e.attributes().size() > Limits.MAX_ATTRIBUTES) {
            v.add(new Violation("attributes", "must be at most " + Limits.MAX_ATTRIBUTES + " attributes"));
        }
        for (Map.Entry<String, AttributeValue> a : e.attributes().entrySet()) {
            String name = a.getKey();
            if (!isAttributeNameSyntax(name)) {
                v.add(new Violation("attributes", "name must match [A-Za-z_][A-Za-z0-9_]{0,63}"));
                continue;
            }
            if (RESERVED_ATTRIBUTE_NAMES.contains(name)) {
                v.add(new Violation("attributes." + name, "name is reserved for a core field"));
            }
            value("attributes." + name, a.getValue(), 1, v);
        }
        if (v.isEmpty()) {
            long size = ItemSize.of(e);
            if (size > Limits.MAX_ITEM_BYTES) {
                v.add(new Violation("employee", "serialised size " + size + " bytes exceeds the limit of "
                        + Limits.MAX_ITEM_BYTES + " bytes"));
            }
        }
        return v;
    }

    private static void value(String path, AttributeValue value, int depth, List<Violation> v) {
        if (depth > Limits.MAX_ATTRIBUTE_DEPTH) {
            v.add(new Violation(path, "nesting must be at most " + Limits.MAX_ATTRIBUTE_DEPTH + " levels deep"));
            return;
        }
        if (value instanceof AttributeValue.TextValue t) {
            wellFormed(path, t.value(), v);
        } else if (value instanceof AttributeValue.NumberValue n) {
            number(path, n.value(), v);
        } else if (value instanceof AttributeValue.TextSetValue set) {
            nonEmptySet(path, set.values().size(), v);
            int i = 0;
            for (String element : set.values()) {
                wellFormed(path + "[" + i++ + "]", element, v);
            }
        } else if (value instanceof AttributeValue.NumberSetValue set) {
            nonEmptySet(path, set.values().size(), v);
            int i = 0;
            for (BigDecimal element : set.values()) {
                number(path + "[" + i++ + "]", element, v);
            }
        } else if (value instanceof AttributeValue.BinarySetValue set) {
            nonEmptySet(path, set.values().size(), v);
        } else if (value instanceof AttributeValue.ListValue l) {
            int i = 0;
            for (AttributeValue element : l.values()) {
                value(path + "[" + i++ + "]", element, depth + 1, v);
            }
        } else if (value instanceof AttributeValue.MapValue m) {
            int i = 0;
            for (Map.Entry<String, AttributeValue> entry : m.values().entrySet()) {
                String at = path + "{" + i++ + "}";
                text(at, entry.getKey(), 1, Limits.MAX_MAP_NAME_LENGTH, v);
                value(at, entry.getValue(), depth + 1, v);
            }
        }
    }

    private static void nonEmptySet(String path, int size, List<Violation> v) {
        if (size == 0) {
            v.add(new Violation(path, "a set must not be empty (DynamoDB has no empty sets)"));
        }
    }

    private static void number(String path, BigDecimal n, List<Violation> v) {
        if (n.signum() == 0) {
            return;
        }
        // stripping trailing zeros lowers precision and scale alike, so the exponent is the same either way; the
        // stripped number (a new object) is needed only when the digits as given are too many
        if (n.precision() > Limits.MAX_NUMBER_DIGITS
                && n.stripTrailingZeros().precision() > Limits.MAX_NUMBER_DIGITS) {
            v.add(new Violation(path, "number must have at most " + Limits.MAX_NUMBER_DIGITS + " significant digits"));
        }
        long exponent = (long) n.precision() - n.scale() - 1;
        if (exponent < Limits.MIN_NUMBER_EXPONENT || exponent > Limits.MAX_NUMBER_EXPONENT) {
            v.add(new Violation(path, "number magnitude must be between 1E" + Limits.MIN_NUMBER_EXPONENT
                    + " and 1E+" + (Limits.MAX_NUMBER_EXPONENT + 1) + " (exclusive)"));
        }
    }

    private static void id(String field, String id, List<Violation> v) {
        if (id == null) {
            v.add(new Violation(field, "is required"));
            return;
        }
        text(field, id, 1, Limits.MAX_ID_LENGTH, v);
        if (hasControl(id)) {
            v.add(new Violation(field, "must not contain control characters"));
        }
        if (!id.isEmpty() && (isSpace(id.codePointAt(0)) || isSpace(id.codePointBefore(id.length())))) {
            v.add(new Violation(field, "must not begin or end with whitespace"));
        }
    }

    /** Whitespace as the contract defines it: {@code Character.isWhitespace} or a Unicode space separator. */
    /**
     * @param name a flexible attribute name
     * @return whether it matches {@code [A-Za-z_][A-Za-z0-9_]{0,63}} and is not a reserved name (§3.1.5), so a
     *         write may name it (a patch removing it, say) without touching a core field
     */
    public static boolean isValidAttributeName(String name) {
        return name != null && isAttributeNameSyntax(name) && !RESERVED_ATTRIBUTE_NAMES.contains(name);
    }

    /**
     * Whether the name matches {@code [A-Za-z_][A-Za-z0-9_]{0,63}}: a loop, not a regex, since bulk writes check
     * every attribute name of every employee.
     */
    private static boolean isAttributeNameSyntax(String name) {
        int n = name.length();
        if (n == 0 || n > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** Whether every code point of the text is whitespace ({@link #isSpace(int)}). */
    private static boolean allSpace(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!isSpace(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** Whether any code point of the text is an ISO control character. */
    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isISOControl(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /**
     * Checks a text field: its length in code points and that it is well-formed Unicode without U+0000.
     *
     * @param field the field path
     * @param s     the text
     * @param min   the fewest code points
     * @param max   the most code points
     * @param v     receives the violations
     */
    public static void checkText(String field, String s, int min, int max, List<Violation> v) {
        text(field, s, min, max, v);
    }

    private static void text(String field, String s, int min, int max, List<Violation> v) {
        int length = s.codePointCount(0, s.length());
        if (length < min) {
            v.add(new Violation(field, "must not be empty"));
        } else if (length > max) {
            v.add(new Violation(field, "must be at most " + max + " characters"));
        }
        wellFormed(field, s, v);
    }

    private static void wellFormed(String field, String s, List<Violation> v) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                v.add(new Violation(field, "must not contain U+0000"));
                return;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                v.add(new Violation(field, "must be well-formed Unicode (unpaired surrogate)"));
                return;
            }
            if (Character.isLowSurrogate(c)) {
                v.add(new Violation(field, "must be well-formed Unicode (unpaired surrogate)"));
                return;
            }
        }
    }

    private static void throwIfAny(List<Violation> v) {
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
    }
}
