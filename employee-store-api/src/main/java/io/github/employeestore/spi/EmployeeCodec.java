package io.github.employeestore.spi;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.Limits;
import io.github.employeestore.UnreadableEmployeeException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one mapping between an {@link Employee} and its stored form, for every backend: as an <em>item</em> (a map of
 * storage name to {@link AttributeValue}, the form of a DynamoDB item, which any key-value store can keep) and as
 * JSON. Reading checks every rule of "data written by others": a stored form that cannot be mapped to the model gets
 * an {@link UnreadableEmployeeException} naming the id and the attribute, never the value.
 *
 * <h2>The item</h2>
 * <table>
 *   <caption>Storage names and the kinds they hold</caption>
 *   <tr><th>name</th><th>kind</th><th>when absent</th></tr>
 *   <tr><td>{@code id}</td><td>text</td><td>unreadable</td></tr>
 *   <tr><td>{@code full_name}</td><td>text</td><td>unreadable</td></tr>
 *   <tr><td>{@code job_title}, {@code location}</td><td>text</td><td>{@code null}</td></tr>
 *   <tr><td>{@code badges}</td><td>text set (written only when not empty); the
 *       {@link Layout#EMPLOYEE_DIRECTORY_SAMPLE sample layout} also reads a list of texts and writes a list, or over
 *       a stored value in that value's order and type ({@link #badgesValue(Collection, AttributeValue)})</td>
 *       <td>no badges</td></tr>
 *   <tr><td>{@code photo_key} ({@code object_key} in the sample layout)</td><td>text</td><td>{@code null}</td></tr>
 *   <tr><td>{@code version}</td><td>number: an integer from 0 to {@link Long#MAX_VALUE}</td><td>0 (see
 *       below)</td></tr>
 *   <tr><td>{@code created_at}, {@code updated_at}</td><td>text in {@link Timestamps#format(Instant)} form exactly
 *       (e.g. {@code 2026-11-23T18:47:16.120Z}); any other form, or a number, is unreadable, because it could not be
 *       written back unchanged</td><td>{@code null}</td></tr>
 *   <tr><td>any other name</td><td>a flexible attribute of any kind, under its own name</td><td></td></tr>
 * </table>
 * A core field holding another kind is unreadable. An item without {@code version} was written by other code: it
 * reads as version 0, and a store's first write of it is conditioned on the version being still absent.
 *
 * <h2>JSON</h2>
 * An employee is one JSON object with the item's members: {@code badges} an array of strings, {@code version} a
 * number, timestamps strings, flexible attributes in the JSON form of their kind. The SQL backend keeps the
 * flexible attributes as such an object in its {@code attributes} column ({@link #attributesToJson(Map)}) and the
 * badges as an array ({@link #badgesToJson(Collection)}). Attribute values map to JSON as follows; what JSON lacks
 * is a <em>tagged value</em>, an object with exactly one member whose name is one of five tags:
 * <table>
 *   <caption>JSON form of each kind</caption>
 *   <tr><th>kind</th><th>JSON</th></tr>
 *   <tr><td>text, boolean, null</td><td>string, {@code true}/{@code false}, {@code null}</td></tr>
 *   <tr><td>number</td><td>number, exact (written by {@link BigDecimal#toString()}, read without rounding)</td></tr>
 *   <tr><td>list</td><td>array</td></tr>
 *   <tr><td>map</td><td>object; a map whose only name is one of the five tags is written
 *       {@code {"$m": {...}}}</td></tr>
 *   <tr><td>binary</td><td>{@code {"$b": "<base64>"}} (RFC 4648 base64 with padding)</td></tr>
 *   <tr><td>text set</td><td>{@code {"$ss": ["a", "b"]}}</td></tr>
 *   <tr><td>number set</td><td>{@code {"$ns": [1, 2.5]}}</td></tr>
 *   <tr><td>binary set</td><td>{@code {"$bs": ["<base64>", ...]}}</td></tr>
 * </table>
 * An object whose only member is named {@code $b}, {@code $ss}, {@code $ns}, {@code $bs} or {@code $m} is always read
 * as that tag, and is malformed if its content does not fit; every other object is a map. So each JSON value has one
 * meaning, and every attribute value one JSON form.
 *
 * <p>Immutable and thread-safe.
 */
public final class EmployeeCodec {
    /** Storage name of the id. */
    public static final String ID = "id";
    /** Storage name of {@code fullName}. */
    public static final String FULL_NAME = "full_name";
    /** Storage name of {@code jobTitle}. */
    public static final String JOB_TITLE = "job_title";
    /** Storage name of {@code location}. */
    public static final String LOCATION = "location";
    /** Storage name of {@code badges}. */
    public static final String BADGES = "badges";
    /** Storage name of {@code photoKey} in the standard layout. */
    public static final String PHOTO_KEY = "photo_key";
    /** Storage name of {@code photoKey} in the sample layout (the original Employee Directory's name). */
    public static final String OBJECT_KEY = "object_key";
    /** Storage name of {@code version}. */
    public static final String VERSION = "version";
    /** Storage name of {@code createdAt}. */
    public static final String CREATED_AT = "created_at";
    /** Storage name of {@code updatedAt}. */
    public static final String UPDATED_AT = "updated_at";

    /**
     * Where an item keeps the photo key and in which form it keeps badges.
     */
    public enum Layout {
        /** The library's own layout: {@code photo_key}; {@code badges} a text set. */
        STANDARD,
        /**
         * The layout of the original Employee Directory sample app's {@code Employees} table: the photo key in
         * {@code object_key}; {@code badges} read from a text set or a list of texts (the sample writes a list). A
         * new item's badges are written as a list in code-point order; over a stored value they are written as
         * {@link #badgesValue(Collection, AttributeValue)} says, which keeps the stored order and type.
         */
        EMPLOYEE_DIRECTORY_SAMPLE
    }

    private static final EmployeeCodec STANDARD = new EmployeeCodec(Layout.STANDARD);
    private static final EmployeeCodec SAMPLE = new EmployeeCodec(Layout.EMPLOYEE_DIRECTORY_SAMPLE);

    private final Layout layout;
    private final String photoName;
    private final Set<String> coreNames;

    private EmployeeCodec(Layout layout) {
        this.layout = layout;
        this.photoName = layout == Layout.STANDARD ? PHOTO_KEY : OBJECT_KEY;
        this.coreNames = Set.of(ID, FULL_NAME, JOB_TITLE, LOCATION, BADGES, photoName, VERSION, CREATED_AT,
                UPDATED_AT);
    }

    /** @return the codec of the standard layout */
    public static EmployeeCodec standard() {
        return STANDARD;
    }

    /**
     * @param layout a layout
     * @return the codec of that layout
     */
    public static EmployeeCodec of(Layout layout) {
        return layout == Layout.STANDARD ? STANDARD : SAMPLE;
    }

    /** @return this codec's layout */
    public Layout layout() {
        return layout;
    }

    /** @return the storage name of the photo key in this layout */
    public String photoName() {
        return photoName;
    }

    /** @return the storage names of the core fields in this layout */
    public Set<String> coreNames() {
        return coreNames;
    }

    // ------------------------------------------------------------------------------------------------ item form

    /**
     * @param e an employee (its id set)
     * @return its item: core fields under their storage names (absent when {@code null}; {@code badges} absent when
     *         empty; timestamps when set), then every flexible attribute under its own name
     */
    public SortedMap<String, AttributeValue> toItem(Employee e) {
        TreeMap<String, AttributeValue> item = new TreeMap<>(CodePointOrder.COMPARATOR);
        item.putAll(e.attributes());
        putText(item, ID, e.id());
        putText(item, FULL_NAME, e.fullName());
        putText(item, JOB_TITLE, e.jobTitle());
        putText(item, LOCATION, e.location());
        if (!e.badges().isEmpty()) {
            item.put(BADGES, badgesValue(e.badges()));
        }
        putText(item, photoName, e.photoKey());
        item.put(VERSION, AttributeValue.of(e.version()));
        if (e.createdAt() != null) {
            item.put(CREATED_AT, AttributeValue.of(Timestamps.format(e.createdAt())));
        }
        if (e.updatedAt() != null) {
            item.put(UPDATED_AT, AttributeValue.of(Timestamps.format(e.updatedAt())));
        }
        return item;
    }

    /**
     * @param badges badges
     * @return their stored value in this layout (a text set, or in the sample layout a list of texts)
     */
    public AttributeValue badgesValue(Collection<String> badges) {
        if (layout == Layout.STANDARD) {
            return AttributeValue.textSet(badges);
        }
        TreeSet<String> sorted = new TreeSet<>(CodePointOrder.COMPARATOR);
        sorted.addAll(badges);
        List<AttributeValue> list = new ArrayList<>(sorted.size());
        sorted.forEach(b -> list.add(AttributeValue.of(b)));
        return AttributeValue.of(list);
    }

    /**
     * The value of {@code badges} to store over a stored value, so that a write that does not change the badges
     * leaves them as they are stored. In the {@link Layout#EMPLOYEE_DIRECTORY_SAMPLE sample layout}:
     * <ul>
     *   <li>the stored value itself when it holds the same badges as the model reads them (the same texts, in any
     *       order; a list that repeats a badge reads as that badge once), so its order and type (list or text set)
     *       are kept;</li>
     *   <li>otherwise, when the stored value is a text set, a text set of {@code badges};</li>
     *   <li>when it is a list of texts, a list: the badges it still holds in their stored order (each once), then
     *       the added ones in code-point order;</li>
     *   <li>when nothing readable is stored, {@link #badgesValue(Collection)}.</li>
     * </ul>
     * In the standard layout always {@link #badgesValue(Collection)} (a text set has no order to keep).
     *
     * @param badges the badges to store
     * @param stored the stored value of {@code badges}, or {@code null} when the item has none
     * @return the value to store, or {@code null} when {@code badges} is empty and the attribute is to be absent
     *         (in the sample layout, a stored empty list is kept as it is)
     */
    public AttributeValue badgesValue(Collection<String> badges, AttributeValue stored) {
        TreeSet<String> wanted = new TreeSet<>(CodePointOrder.COMPARATOR);
        wanted.addAll(badges);
        List<String> storedBadges = null;
        if (layout == Layout.EMPLOYEE_DIRECTORY_SAMPLE && stored != null) {
            try {
                storedBadges = badges("", stored);
            } catch (UnreadableEmployeeException notBadges) {
                storedBadges = null;    // not a value this layout reads as badges: written in the new item's form
            }
        }
        if (storedBadges == null) {
            return wanted.isEmpty() ? null : badgesValue(wanted);
        }
        TreeSet<String> held = new TreeSet<>(CodePointOrder.COMPARATOR);
        held.addAll(storedBadges);
        if (held.equals(wanted)) {
            return stored;
        }
        if (wanted.isEmpty()) {
            return null;
        }
        if (stored instanceof AttributeValue.TextSetValue) {
            return AttributeValue.textSet(wanted);
        }
        TreeSet<String> written = new TreeSet<>(CodePointOrder.COMPARATOR);
        List<AttributeValue> list = new ArrayList<>(wanted.size());
        for (String badge : storedBadges) {
            if (wanted.contains(badge) && written.add(badge)) {
                list.add(AttributeValue.of(badge));
            }
        }
        for (String badge : wanted) {
            if (written.add(badge)) {
                list.add(AttributeValue.of(badge));
            }
        }
        return AttributeValue.of(list);
    }

    /**
     * Reads an item: the core fields by their storage names, every other member as a flexible attribute.
     *
     * @param item the stored item
     * @return the employee
     * @throws UnreadableEmployeeException if the item cannot be mapped to the model
     */
    public Employee fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        item.forEach((name, value) -> {
            if (!coreNames.contains(name)) {
                attributes.put(name, value);
            }
        });
        return fromParts(item, attributes);
    }

    /**
     * Reads an employee whose core fields and flexible attributes are stored apart (as the SQL backend's columns
     * and its {@code attributes} JSON).
     *
     * @param core       the core fields by storage name (other names are ignored)
     * @param attributes the flexible attributes by name
     * @return the employee
     * @throws UnreadableEmployeeException if the core fields cannot be mapped to the model
     */
    public Employee fromParts(Map<String, AttributeValue> core, Map<String, AttributeValue> attributes) {
        return fromParts(core, attributes, (id, name) -> timestamp(id, name, core.get(name)));
    }

    /**
     * Reads an employee as {@link #fromParts(Map, Map)}, for a backend that stores the two timestamps as instants
     * (the SQL backend's epoch-millisecond columns) and has checked them against {@code Limits}: they are taken as
     * given, not formatted and parsed again; the core map's entries for them are ignored.
     *
     * @param core       the core fields by storage name (other names and the timestamps are ignored)
     * @param attributes the flexible attributes by name
     * @param createdAt  the creation time, or {@code null} if none is stored
     * @param updatedAt  the time of the last write, or {@code null} if none is stored
     * @return the employee
     * @throws UnreadableEmployeeException if the core fields cannot be mapped to the model
     */
    public Employee fromParts(Map<String, AttributeValue> core, Map<String, AttributeValue> attributes,
                              Instant createdAt, Instant updatedAt) {
        return fromParts(core, attributes, (id, name) -> name.equals(CREATED_AT) ? createdAt : updatedAt);
    }

    /**
     * Reads an employee stored as typed columns (the SQL backend's row), by the rules of
     * {@link #fromParts(Map, Map, Instant, Instant)} without building an item first: the id and the full name are
     * required, a version is checked as a stored version ({@code Versions.stored}: negative or above
     * {@link Limits#MAX_VERSION}, unreadable), the timestamps are taken as given (checked by the caller).
     *
     * @param id         the stored id
     * @param fullName   the stored full name
     * @param jobTitle   the job title, or {@code null}
     * @param location   the location, or {@code null}
     * @param badges     the badges in any order (duplicates merge), or {@code null} for none
     * @param photoKey   the photo key, or {@code null}
     * @param attributes the flexible attributes by name
     * @param version    the stored version, or {@code null} if none is stored (read as 0)
     * @param createdAt  the creation time, or {@code null} if none is stored
     * @param updatedAt  the time of the last write, or {@code null} if none is stored
     * @return the employee
     * @throws UnreadableEmployeeException if the id or the full name is missing or the version is out of range
     */
    public Employee fromColumns(String id, String fullName, String jobTitle, String location,
                                Collection<String> badges, String photoKey, Map<String, AttributeValue> attributes,
                                Long version, Instant createdAt, Instant updatedAt) {
        if (id == null) {
            throw unreadable("?", ID, null);
        }
        if (fullName == null) {
            throw unreadable(id, FULL_NAME, null);
        }
        return employee(id, fullName, jobTitle, location, photoKey, badges,
                version == null ? 0 : Versions.stored(id, version), createdAt, updatedAt, attributes);
    }

    /** The employee of fields already read and checked, by both reading paths. */
    private static Employee employee(String id, String fullName, String jobTitle, String location, String photoKey,
                                     Collection<String> badges, long version, Instant createdAt, Instant updatedAt,
                                     Map<String, AttributeValue> attributes) {
        return Employee.builder()
                .id(id)
                .fullName(fullName)
                .jobTitle(jobTitle)
                .location(location)
                .photoKey(photoKey)
                .badges(badges)
                .version(version)
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .attributes(attributes)
                .build();
    }

    /** The stored timestamps of an employee: (id, storage name) to the instant, or {@code null} for none. */
    @FunctionalInterface
    private interface Timestamp {
        Instant of(String id, String name);
    }

    private Employee fromParts(Map<String, AttributeValue> core, Map<String, AttributeValue> attributes,
                               Timestamp timestamps) {
        AttributeValue idValue = core.get(ID);
        String id = idValue instanceof AttributeValue.TextValue t ? t.value() : "?";
        if (!(idValue instanceof AttributeValue.TextValue)) {
            throw unreadable(id, ID, idValue);
        }
        AttributeValue fullName = core.get(FULL_NAME);
        if (!(fullName instanceof AttributeValue.TextValue)) {
            throw unreadable(id, FULL_NAME, fullName);
        }
        // read in this order, so that of several unreadable fields the first is the one reported
        String jobTitle = optionalText(id, JOB_TITLE, core);
        String location = optionalText(id, LOCATION, core);
        String photoKey = optionalText(id, photoName, core);
        List<String> badges = badges(id, core.get(BADGES));
        long version = version(id, core.get(VERSION));
        Instant createdAt = timestamps.of(id, CREATED_AT);
        Instant updatedAt = timestamps.of(id, UPDATED_AT);
        return employee(id, ((AttributeValue.TextValue) fullName).value(), jobTitle, location, photoKey, badges,
                version, createdAt, updatedAt, attributes);
    }

    private static String optionalText(String id, String name, Map<String, AttributeValue> core) {
        AttributeValue v = core.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof AttributeValue.TextValue t) {
            return t.value();
        }
        throw unreadable(id, name, v);
    }

    private List<String> badges(String id, AttributeValue v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof AttributeValue.TextSetValue set) {
            return new ArrayList<>(set.values());
        }
        if (v instanceof AttributeValue.ListValue list) {
            if (layout == Layout.STANDARD) {
                throw new UnreadableEmployeeException(id, BADGES, "is a list, not a text set (the "
                        + "EMPLOYEE_DIRECTORY_SAMPLE layout reads and writes lists)", null);
            }
            List<String> out = new ArrayList<>(list.values().size());
            for (AttributeValue element : list.values()) {
                if (!(element instanceof AttributeValue.TextValue t)) {
                    throw new UnreadableEmployeeException(id, BADGES, "holds a " + kindName(element)
                            + ", not only text", null);
                }
                out.add(t.value());
            }
            return out;
        }
        throw unreadable(id, BADGES, v);
    }

    private static long version(String id, AttributeValue v) {
        if (v == null) {
            return 0;
        }
        if (!(v instanceof AttributeValue.NumberValue n)) {
            throw unreadable(id, VERSION, v);
        }
        try {
            return Versions.stored(id, n.value().longValueExact());
        } catch (ArithmeticException e) {
            throw new UnreadableEmployeeException(id, VERSION, "is not an integer of at most 19 digits", e);
        }
    }

    private static Instant timestamp(String id, String name, AttributeValue v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof AttributeValue.TextValue t)) {
            throw unreadable(id, name, v);
        }
        return Timestamps.parseStored(id, name, t.value());
    }

    /**
     * @param text stored text
     * @return the instant if the text is exactly in {@link Timestamps#format(Instant)} form within the limits,
     *         otherwise {@code null}
     */
    static Instant parseTimestamp(String text) {
        return Timestamps.parseOrNull(text);
    }

    private static UnreadableEmployeeException unreadable(String id, String name, AttributeValue v) {
        return new UnreadableEmployeeException(id, name, v == null ? "is missing"
                : "is a " + kindName(v) + ", not " + (name.equals(VERSION) ? "a number" : name.equals(BADGES)
                ? "a text set" : "text"), null);
    }

    private static String kindName(AttributeValue v) {
        return v.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static void putText(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.of(value));
        }
    }

    // ------------------------------------------------------------------------------------------------ JSON form

    /**
     * @param e an employee
     * @return the employee as one JSON object (see the type's documentation); {@code badges} is always present
     */
    public String toJson(Employee e) {
        StringBuilder sb = new StringBuilder(256).append('{');
        boolean first = true;
        for (Map.Entry<String, AttributeValue> m : toItem(e).entrySet()) {
            if (m.getKey().equals(BADGES)) {
                continue;
            }
            first = AttributeValueJson.member(sb, first, m.getKey());
            AttributeValueJson.writeValue(sb, m.getValue());
        }
        AttributeValueJson.member(sb, first, BADGES);
        sb.append(badgesToJson(e.badges()));
        return sb.append('}').toString();
    }

    /**
     * @param id   the id the JSON was stored under (named in errors; must equal the JSON's {@code id})
     * @param json an employee's JSON written by {@link #toJson(Employee)} or by other code
     * @return the employee
     * @throws UnreadableEmployeeException if the JSON is malformed or does not map to the model
     */
    public Employee fromJson(String id, String json) {
        Object tree;
        try {
            tree = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEmployeeException(id, "(document)", "is not well-formed JSON", e);
        }
        if (!(tree instanceof Map<?, ?> object)) {
            throw new UnreadableEmployeeException(id, "(document)", "is not a JSON object", null);
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (Map.Entry<?, ?> m : object.entrySet()) {
            String name = (String) m.getKey();
            try {
                if (name.equals(BADGES) && m.getValue() instanceof List<?>) {
                    item.put(name, AttributeValue.textSet(AttributeValueJson.stringArray(m.getValue(), BADGES)));
                } else {
                    item.put(name, AttributeValueJson.toValue(m.getValue(), name));
                }
            } catch (IllegalArgumentException e) {
                throw new UnreadableEmployeeException(id, name, e.getMessage(), e);
            }
        }
        Employee e = fromItem(item);
        if (!id.equals(e.id())) {
            throw new UnreadableEmployeeException(id, ID, "differs from the key it is stored under", null);
        }
        return e;
    }

    /**
     * @param badges badges
     * @return a JSON array of strings
     */
    public static String badgesToJson(Collection<String> badges) {
        return AttributeValueJson.stringsToJson(badges);
    }

    /**
     * @param json a JSON array of strings
     * @return the strings
     * @throws IllegalArgumentException if the text is not such an array (the message names no value)
     */
    public static List<String> badgesFromJson(String json) {
        return AttributeValueJson.stringArray(Json.parse(json), "badges");
    }

    /**
     * @param attributes flexible attributes
     * @return a JSON object of name to the JSON form of each value
     */
    public static String attributesToJson(Map<String, AttributeValue> attributes) {
        StringBuilder sb = new StringBuilder(64).append('{');
        boolean first = true;
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            first = AttributeValueJson.member(sb, first, e.getKey());
            AttributeValueJson.writeValue(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    /**
     * @param json a JSON object of name to value (possibly re-serialised by a database)
     * @return the attributes, sorted by name
     * @throws IllegalArgumentException if the text is not such an object; the message names the attribute (and
     *                                  the path inside it), never a value
     */
    public static SortedMap<String, AttributeValue> attributesFromJson(String json) {
        Object tree = Json.parse(json);
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("is not a JSON object");
        }
        TreeMap<String, AttributeValue> out = new TreeMap<>(CodePointOrder.COMPARATOR);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put((String) e.getKey(), AttributeValueJson.toValue(e.getValue(), (String) e.getKey()));
        }
        return out;
    }

    /**
     * @param value an attribute value
     * @return its JSON form
     */
    public static String valueToJson(AttributeValue value) {
        StringBuilder sb = new StringBuilder();
        AttributeValueJson.writeValue(sb, value);
        return sb.toString();
    }

    /**
     * @param json the JSON form of an attribute value
     * @return the value
     * @throws IllegalArgumentException if the JSON is malformed or a tagged value does not fit its tag
     */
    public static AttributeValue valueFromJson(String json) {
        return AttributeValueJson.toValue(Json.parse(json), "value");
    }
}
