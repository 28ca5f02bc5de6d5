package io.github.employeestore.directory.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.Violation;
import io.github.employeestore.spi.EmployeeCodec;


import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Employees as JSON, for the JSON API. Flexible attributes are in the library's JSON form of each kind, written and
 * read by {@link EmployeeCodec#valueToJson(AttributeValue)} and {@link EmployeeCodec#valueFromJson(String)} (no
 * second encoding here): text as strings, numbers as JSON numbers read and written exactly ({@link BigDecimal}, so
 * 38 significant digits survive; the API writes them in plain notation, {@code 1000}, not {@code 1E+3}), booleans,
 * {@code null}, arrays and objects, and tagged values for what JSON lacks: {@code {"$b":"<base64>"}} (binary),
 * {@code {"$ss":[...]}}, {@code {"$ns":[...]}}, {@code {"$bs":[...]}} (text, number and binary sets) and
 * {@code {"$m":{...}}} (a map whose only name is one of the tags). Timestamps are ISO-8601 strings.
 *
 * <pre>{"id":"e1","fullName":"Ada Lovelace","jobTitle":"Engineer","location":"London","badges":["mentor"],
 *  "photoKey":null,"attributes":{"shirtSize":"M","desk":12.5},"version":3,
 *  "createdAt":"2026-11-23T10:00:00Z","updatedAt":"2026-11-23T11:00:00Z"}</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class EmployeeJson {
    /** The mapper: exact numbers in both directions. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"id":"a","id":"b"} is refused, never read as its last value
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final Set<String> FIELDS = Set.of("id", "fullName", "jobTitle", "location", "badges", "photoKey",
            "attributes", "version", "createdAt", "updatedAt");

    private EmployeeJson() {
    }

    /**
     * @param e an employee
     * @return its JSON object
     */
    public static ObjectNode toJson(Employee e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", e.id());
        o.put("fullName", e.fullName());
        o.put("jobTitle", e.jobTitle());
        o.put("location", e.location());
        ArrayNode badges = o.putArray("badges");
        e.badges().forEach(badges::add);
        o.put("photoKey", e.photoKey());
        ObjectNode attributes = o.putObject("attributes");
        e.attributes().forEach((name, value) -> attributes.set(name, toJson(value)));
        o.put("version", e.version());
        o.put("createdAt", e.createdAt() == null ? null : e.createdAt().toString());
        o.put("updatedAt", e.updatedAt() == null ? null : e.updatedAt().toString());
        return o;
    }

    /**
     * @param v an attribute value
     * @return its JSON form, exactly as {@link EmployeeCodec#valueToJson(AttributeValue)} writes it (the one
     *         encoding of the library: natural JSON, and tagged values for binary, sets and tag-like maps)
     */
    public static JsonNode toJson(AttributeValue v) {
        try {
            return MAPPER.readTree(EmployeeCodec.valueToJson(v));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the codec wrote malformed JSON", e);
        }
    }

    /**
     * Reads an employee from a request body. Server-managed fields ({@code version}, timestamps) are read when given
     * so that the caller can decide what to do with them.
     *
     * @param body the JSON text
     * @return the employee
     * @throws JsonInputException with every problem found, by field
     */
    public static Employee fromJson(String body) {
        return fromJson((body == null ? "" : body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Reads an employee from a request body's bytes, which must be well-formed UTF-8 (bytes that are not are a
     * violation, never a U+FFFD). Nesting deeper than Jackson's limit and numbers longer than its limit are
     * violations too.
     *
     * @param body the JSON bytes
     * @return the employee
     * @throws JsonInputException with every problem found, by field
     */
    public static Employee fromJson(byte[] body) {
        JsonNode root = parseObject(body);
        List<Violation> v = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                v.add(new Violation(name, "is not a field of an employee"));
            }
        }
        return employee(root, v);
    }

    /**
     * Reads the body of a batch: a JSON array of employees' JSON forms, each read as {@link #fromJson(byte[])} reads
     * one. An element that cannot be read does not fail the others: it is returned as its violations, with field
     * paths as {@code fromJson} gives them.
     *
     * @param body       the JSON bytes
     * @param maxEntries the most elements the array may have
     * @return one entry per element, in order: an employee, or the violations that kept it from being one
     * @throws JsonInputException if the body is not a JSON array, or has more than {@code maxEntries} elements
     */
    public static List<Object> batchFromJson(byte[] body, int maxEntries) {
        JsonNode root = parse(body, "must be a JSON array");
        if (!root.isArray()) {
            throw new JsonInputException(List.of(new Violation("body", "must be a JSON array")));
        }
        if (root.size() > maxEntries) {
            throw new JsonInputException(List.of(new Violation("body", "must have at most " + maxEntries
                    + " employees")));
        }
        List<Object> entries = new ArrayList<>(root.size());
        for (JsonNode element : root) {
            if (!element.isObject()) {
                entries.add(List.of(new Violation("employee", "must be a JSON object")));
                continue;
            }
            List<Violation> v = new ArrayList<>();
            for (Iterator<String> it = element.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!FIELDS.contains(name)) {
                    v.add(new Violation(name, "is not a field of an employee"));
                }
            }
            try {
                entries.add(employee(element, v));
            } catch (JsonInputException e) {
                entries.add(e.violations());
            } catch (io.github.employeestore.InvalidInputException e) {
                entries.add(e.violations());
            }
        }
        return entries;
    }

    /**
     * Reads a JSON Merge Patch (RFC 7386) of an employee's JSON form: each member present is a change, each absent
     * one is left as stored. {@code fullName}, {@code jobTitle}, {@code location}, {@code photoKey}: a string sets
     * the field, {@code null} removes it; {@code badges}: an array replaces every badge, {@code null} removes them;
     * {@code attributes}: an object whose members set (replacing the whole value: a map value is not merged member
     * by member, since the JSON form of a set or binary value is an object too) or, when {@code null}, remove one
     * attribute each. {@code "attributes": null} removes every attribute ({@link MergePatch#removeAllAttributes()}).
     * A {@code null} attribute value cannot be set by a merge patch, where {@code null} means "remove" (use
     * {@code PUT}). {@code id} may be given if it is the employee's; {@code version} and the timestamps are the
     * store's (the version goes in {@code If-Match}).
     *
     * @param body the patch's bytes
     * @param id   the id of the employee patched
     * @return the patch
     * @throws JsonInputException with every problem found, by field
     */
    public static MergePatch mergePatch(byte[] body, String id) {
        JsonNode root = parseObject(body);
        List<Violation> v = new ArrayList<>();
        EmployeePatch.Builder p = EmployeePatch.builder();
        boolean removeAll = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            JsonNode value = member.getValue();
            switch (name) {
                case "fullName" -> p.fullName(text(root, name, v));
                case "jobTitle" -> p.jobTitle(text(root, name, v));
                case "location" -> p.location(text(root, name, v));
                case "photoKey" -> p.photoKey(text(root, name, v));
                case "badges" -> p.badges(value.isNull() ? List.of() : badges(value, v));
                case "attributes" -> {
                    if (value.isNull()) {
                        removeAll = true;
                    } else if (!value.isObject()) {
                        v.add(new Violation("attributes", "must be an object or null"));
                    } else {
                        value.properties().forEach(en -> {
                            if (en.getValue().isNull()) {
                                p.removeAttribute(en.getKey());
                            } else {
                                AttributeValue a = attribute(en.getValue(), "attributes." + en.getKey(), v);
                                if (a != null) {
                                    p.attribute(en.getKey(), a);
                                }
                            }
                        });
                    }
                }
                case "id" -> {
                    if (!value.isTextual() || !value.asText().equals(id)) {
                        v.add(new Violation("id", "must be the id of the URL (or absent)"));
                    }
                }
                case "version", "createdAt", "updatedAt" -> v.add(new Violation(name, "is set by the store; send the"
                        + " version you read in If-Match"));
                default -> v.add(new Violation(name, "is not a field of an employee"));
            }
        }
        if (!v.isEmpty()) {
            throw new JsonInputException(v);
        }
        return new MergePatch(p.build(), removeAll);
    }

    /**
     * A JSON Merge Patch read by {@link #mergePatch(byte[], String)}.
     *
     * @param patch               the changes it names
     * @param removeAllAttributes whether it removes every attribute ({@code "attributes": null}), which the caller
     *                            turns into the removal of each stored one
     */
    public record MergePatch(EmployeePatch patch, boolean removeAllAttributes) {
    }

    private static JsonNode parseObject(byte[] body) {
        JsonNode root = parse(body, "must be a JSON object");
        if (root == null || !root.isObject()) {
            throw new JsonInputException(List.of(new Violation("body", "must be a JSON object")));
        }
        return root;
    }

    private static JsonNode parse(byte[] body, String expected) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new JsonInputException(List.of(new Violation("body", "is nested too deeply or has a value that is "
                    + "too long")));
        } catch (java.io.CharConversionException e) {
            throw new JsonInputException(List.of(new Violation("body", "must be well-formed UTF-8")));
        } catch (java.io.IOException e) {
            com.fasterxml.jackson.core.JsonLocation at = e instanceof JsonProcessingException j ? j.getLocation()
                    : null;
            String message = e.getMessage() == null ? "" : e.getMessage();
            String rule = message.startsWith("Duplicate field") ? "must not repeat a key of an object"
                    : message.contains("UTF-8") ? "must be well-formed UTF-8" : expected + " (malformed JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")";
            throw new JsonInputException(List.of(new Violation("body", rule)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonInputException(List.of(new Violation("body", "has a number that cannot be read")));
        }
        if (root == null || root.isMissingNode()) {
            throw new JsonInputException(List.of(new Violation("body", expected)));
        }
        return root;
    }

    private static Set<String> badges(JsonNode badges, List<Violation> v) {
        Set<String> set = new TreeSet<>();
        if (!badges.isArray()) {
            v.add(new Violation("badges", "must be an array of strings"));
            return set;
        }
        for (int i = 0; i < badges.size(); i++) {
            if (badges.get(i).isTextual()) {
                set.add(badges.get(i).asText());
            } else {
                v.add(new Violation("badges[" + i + "]", "must be a string"));
            }
        }
        return set;
    }

    private static Employee employee(JsonNode root, List<Violation> v) {
        Employee.Builder b = Employee.builder();
        b.id(text(root, "id", v));
        b.fullName(text(root, "fullName", v));
        b.jobTitle(text(root, "jobTitle", v));
        b.location(text(root, "location", v));
        b.photoKey(text(root, "photoKey", v));
        JsonNode badges = root.get("badges");
        if (badges != null && !badges.isNull()) {
            b.badges(badges(badges, v));
        }
        JsonNode attributes = root.get("attributes");
        if (attributes != null && !attributes.isNull()) {
            if (!attributes.isObject()) {
                v.add(new Violation("attributes", "must be an object"));
            } else {
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                attributes.properties().forEach(en -> {
                    AttributeValue value = attribute(en.getValue(), "attributes." + en.getKey(), v);
                    if (value != null) {
                        map.put(en.getKey(), value);
                    }
                });
                b.attributes(map);
            }
        }
        JsonNode version = root.get("version");
        if (version != null && !version.isNull()) {
            if (!version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 0) {
                v.add(new Violation("version", "must be a non-negative integer"));
            } else {
                b.version(version.longValue());
            }
        }
        b.createdAt(instant(root, "createdAt", v));
        b.updatedAt(instant(root, "updatedAt", v));
        if (!v.isEmpty()) {
            throw new JsonInputException(v);
        }
        return b.build();
    }

    /**
     * Reads an attribute value from its JSON form through {@link EmployeeCodec#valueFromJson(String)}, so the API
     * reads exactly what it writes: every kind, {@code null} included.
     *
     * @param node  the JSON form of a value
     * @param path  the field path for violations
     * @param v     where violations go
     * @return the attribute value, or {@code null} if the node is not a valid value
     */
    public static AttributeValue attribute(JsonNode node, String path, List<Violation> v) {
        try {
            // toString() writes numbers as BigDecimal.toString() does: exact, and never a 400-digit plain form
            return EmployeeCodec.valueFromJson(node.toString());
        } catch (IllegalArgumentException e) {
            // the codec's message names the place inside the value ("value.$b is not valid base64"), never the value
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("value.") || message.startsWith("value[") || message.startsWith("value ")) {
                String rest = message.substring("value".length());
                int space = rest.indexOf(' ');
                if (rest.startsWith(" ")) {
                    v.add(new Violation(path, rest.strip()));
                } else if (space > 0) {
                    v.add(new Violation(path + rest.substring(0, space), rest.substring(space + 1)));
                } else {
                    v.add(new Violation(path, "is not a valid attribute value"));
                }
            } else {
                v.add(new Violation(path, message.isEmpty() ? "is not a valid attribute value" : message));
            }
            return null;
        }
    }

    private static String text(JsonNode root, String field, List<Violation> v) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            v.add(new Violation(field, "must be a string"));
            return null;
        }
        return n.asText();
    }

    private static Instant instant(JsonNode root, String field, List<Violation> v) {
        String s = text(root, field, v);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            v.add(new Violation(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    /**
     * A request body that is not an employee's JSON. Carries the violations by field, like
     * {@link io.github.employeestore.InvalidInputException}.
     */
    public static final class JsonInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Violation> violations;

        /** @param violations what is wrong, by field */
        public JsonInputException(List<Violation> violations) {
            super("invalid JSON input: " + violations.size() + " violation(s)");
            this.violations = List.copyOf(violations);
        }

        /** @return what is wrong, by field */
        public List<Violation> violations() {
            return violations;
        }
    }
}
