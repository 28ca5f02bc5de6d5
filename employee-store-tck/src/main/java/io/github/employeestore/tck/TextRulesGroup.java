package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.Limits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TCK group "text rules on every field": each rule of CONTRACT.md §3.2 applied to every text an employee has
 * (and to query criteria), with characters outside the Basic Multilingual Plane, combining marks and the whitespace
 * that is not a space.
 */
abstract class TextRulesGroup extends TckGroup {
    /** One character, two UTF-16 units: a grinning face. */
    static final String ASTRAL = "\uD83D\uDE00";
    /** Two characters that show as one: e and a combining acute accent. */
    static final String COMBINING = "e\u0301";
    /** Whitespace that is not U+0020: no-break spaces, ideographic space, line and paragraph separators, ... */
    static final List<String> EXOTIC_WHITESPACE = List.of("\u00A0", "\u2007", "\u202F", "\u3000", "\u2028", "\u2029",
            "\u1680", "\u2003", "\t", "\n");

    TextRulesGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    /**
     * A text of an employee: the field a violation names, its maximum length in characters (0: none but the item
     * size), and how to build an employee (id {@code t}) whose field is the given text.
     */
    record Field(String name, int max, Function<String, Employee> with) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Field> fields() {
        return List.of(
                new Field("id", Limits.MAX_ID_LENGTH, s -> draft(s, "N").build()),
                new Field("fullName", Limits.MAX_FULL_NAME_LENGTH, s -> draft("t", s).build()),
                new Field("jobTitle", Limits.MAX_JOB_TITLE_LENGTH, s -> draft("t", "N").jobTitle(s).build()),
                new Field("location", Limits.MAX_LOCATION_LENGTH, s -> draft("t", "N").location(s).build()),
                new Field("badges", Limits.MAX_BADGE_LENGTH, s -> draft("t", "N").badge(s).build()),
                new Field("photoKey", Limits.MAX_PHOTO_KEY_LENGTH, s -> draft("t", "N").photoKey(s).build()),
                new Field("attributes.text", 0, s -> draft("t", "N").attribute("text", AttributeValue.of(s)).build()),
                new Field("attributes.nested", 0, s -> draft("t", "N").attribute("nested",
                        AttributeValue.ofList(AttributeValue.of(Map.of("k", AttributeValue.of(s))))).build()),
                new Field("attributes.map", Limits.MAX_MAP_NAME_LENGTH, s -> draft("t", "N").attribute("map",
                        AttributeValue.of(Map.of(s, AttributeValue.of(1)))).build()));
    }

    /** @return an employee with every text field set from {@code text(field)} */
    static Employee everyField(String id, Function<Field, String> text) {
        Employee.Builder b = draft(id, "N");
        Map<String, AttributeValue> attributes = new java.util.LinkedHashMap<>();
        for (Field field : fields().subList(1, fields().size())) {
            Employee one = field.with().apply(text.apply(field));
            switch (field.name()) {
                case "fullName" -> b.fullName(one.fullName());
                case "jobTitle" -> b.jobTitle(one.jobTitle());
                case "location" -> b.location(one.location());
                case "badges" -> b.badges(one.badges());
                case "photoKey" -> b.photoKey(one.photoKey());
                default -> attributes.putAll(one.attributes());
            }
        }
        return b.attributes(attributes).build();
    }

    private void roundTripsEverywhere(Employee given, String what) {
        Employee written = store.put(given);
        assertThat(written).as(at("put of an employee with %s in every text field reads back as given", what))
                .usingRecursiveComparison().ignoringFields("version", "createdAt", "updatedAt").isEqualTo(given);
        assertThat(store.get(given.id())).as(at("get of an employee with %s in every text field", what))
                .contains(written);
    }

    private void roundTrips(Field field, String text, String what) {
        store.delete("t");
        if (field.name().equals("id")) {
            store.delete(text);
        }
        Employee given = field.with().apply(text);
        Employee written = store.put(given);
        assertThat(store.get(given.id())).as(at("%s: get after put of %s", field, what)).contains(written);
        assertThat(written).as(at("%s: put of %s reads back as given", field, what))
                .usingRecursiveComparison().ignoringFields("version", "createdAt", "updatedAt").isEqualTo(given);
        store.delete(given.id());
    }

    @Test
    @DisplayName("§3.2.1, §3.1.1, §3.1.2, §3.1.3, §3.1.4, §3.3.3 text: every limited text counts characters — its limit in astral characters or combining marks is accepted, one more rejected")
    void lengthsCountCharactersInEveryField() {
        roundTripsEverywhere(everyField("astral", f -> ASTRAL.repeat(f.max() == 0 ? 300 : f.max())),
                "its limit in astral characters");
        roundTripsEverywhere(everyField("combining", f -> f.max() == 0 ? COMBINING.repeat(100)
                : COMBINING.repeat(f.max() / 2) + "x".repeat(f.max() % 2)), "its limit in characters, half combining");
        roundTrips(fields().get(0), ASTRAL.repeat(Limits.MAX_ID_LENGTH), "an id of 128 astral characters");
        roundTrips(fields().get(0), COMBINING.repeat(Limits.MAX_ID_LENGTH / 2), "an id of 128 characters, half "
                + "combining");
        for (Field field : fields()) {
            if (field.max() == 0) {
                continue;
            }
            assertRejected(field.name(), field + " of " + (field.max() + 1) + " astral characters",
                    () -> store.put(field.with().apply(ASTRAL.repeat(field.max() + 1))));
            String combining = COMBINING.repeat(field.max() / 2) + "x".repeat(field.max() % 2);
            assertRejected(field.name(), field + " of " + (field.max() + 1) + " characters with combining marks",
                    () -> store.put(field.with().apply(combining + "\u0301")));
        }
    }

    @Test
    @DisplayName("§3.2.2, §3.1.5 text: an unpaired surrogate — high, low, or a reversed pair — is rejected in every text, at any position")
    void unpairedSurrogatesInEveryField() {
        List<String> malformed = List.of("ab\uD83D", "\uDE00ab", "a\uDE00\uD83Db", "\uD800");
        for (Field field : fields()) {
            for (String text : malformed) {
                String what = field + " with " + escape(text);
                assertRejected(field.name(), what, () -> store.put(field.with().apply(text)));
            }
        }
        assertRejected("attributes", "an attribute name with an unpaired surrogate",
                () -> store.put(draft("t", "N").attribute("a\uD800", AttributeValue.of(1)).build()));
    }

    @Test
    @DisplayName("§3.2.3 text: U+0000 is rejected in every text, at any position")
    void nulInEveryField() {
        for (Field field : fields()) {
            for (String text : List.of("a\u0000b", "\u0000", "ab\u0000")) {
                assertRejected(field.name(), field + " with " + escape(text),
                        () -> store.put(field.with().apply(text)));
            }
        }
    }

    @Test
    @DisplayName("§3.2.4, §3.1.1, §3.1.2 whitespace: a full name of only exotic whitespace is blank; an id may not begin or end with it; inside any text it is kept")
    void exoticWhitespace() {
        for (String ws : EXOTIC_WHITESPACE) {
            String what = escape(ws);
            assertRejected("fullName", "fullName of only " + what, () -> store.put(draft("t", ws).build()));
            assertRejected("fullName", "fullName of only " + what + " × 3",
                    () -> store.put(draft("t", ws.repeat(3)).build()));
            boolean control = Character.isISOControl(ws.charAt(0));
            if (!control) {
                assertRejected("id", "id beginning with " + what, () -> store.put(draft(ws + "id", "N").build()));
                assertRejected("id", "id ending with " + what, () -> store.put(draft("id" + ws, "N").build()));
            }
            roundTripsEverywhere(everyField(control ? "ws-" + (int) ws.charAt(0) : "in" + ws + "side",
                    f -> ws + "x" + ws), what + " around and inside");
        }
    }

    @Test
    @DisplayName("§3.2.5, §3.5.2 text: stored as given — precomposed and combining forms are different texts, both round-trip and match only themselves")
    void noNormalization() {
        String composed = "Caf\u00E9";
        String decomposed = "Cafe\u0301";
        store.create(draft("composed", composed).location(composed).jobTitle(composed).build());
        store.create(draft("decomposed", decomposed).location(decomposed).jobTitle(decomposed).build());
        assertThat(store.get("composed").orElseThrow().fullName()).as(at("full name of composed"))
                .isEqualTo(composed);
        assertThat(store.get("decomposed").orElseThrow().fullName()).as(at("full name of decomposed"))
                .isEqualTo(decomposed);
        if (capabilities().contains(Capability.QUERIES)) {
            assertThat(ids(findAll(EmployeeQuery.byLocation(composed), 10)))
                    .as(at("find(location=Caf\\u00E9)")).containsExactly("composed");
            assertThat(ids(findAll(EmployeeQuery.byJobTitle(decomposed), 10)))
                    .as(at("find(jobTitle=Cafe\\u0301)")).containsExactly("decomposed");
            assertThat(ids(findAll(EmployeeQuery.byLocation(composed + "\u00A0"), 10)))
                    .as(at("find(location=Caf\\u00E9\\u00A0)")).isEmpty();
        }
    }

    @Test
    @DisplayName("§4.10.4, §3.2.1 find: criteria follow the rules of their field — a location and a job title of 200"
            + " astral characters (400 UTF-16 units) are matched in full")
    void queryCriteria() {
        requireCapability(Capability.QUERIES);
        String longest = ASTRAL.repeat(200);
        store.create(draft("q", "Q").location(longest).jobTitle(longest).build());
        assertThat(ids(findAll(EmployeeQuery.byLocation(longest), 10))).as(at("find(location=200 astral)"))
                .containsExactly("q");
        assertThat(ids(findAll(EmployeeQuery.byJobTitle(longest), 10))).as(at("find(jobTitle=200 astral)"))
                .containsExactly("q");
        // criteria that break their field's rule (201 characters, U+0000, an unpaired surrogate, empty) cannot reach a
        // store: EmployeeQuery rejects them when it is built (EmployeeQueryTest in employee-store-api)
    }

    /** @return the text with every non-ASCII or control character as \\uXXXX, shortened, for messages */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return "\"" + (b.length() > 40 ? b.substring(0, 40) + "…(" + s.length() + " chars)" : b) + "\"";
    }
}
