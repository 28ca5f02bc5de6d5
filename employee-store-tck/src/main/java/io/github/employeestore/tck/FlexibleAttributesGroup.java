package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.PageRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCK group "flexible attributes"; run through {@link EmployeeStoreTck}. */
abstract class FlexibleAttributesGroup extends TckGroup {
    FlexibleAttributesGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§3.3.1 attributes: every kind round-trips exactly")
    void everyKind() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("text", AttributeValue.of("plain"));
        attributes.put("emptyText", AttributeValue.of(""));
        attributes.put("unicode", AttributeValue.of("naïve 中文 \uD83D\uDE00 \u05E9\u05DC\u05D5\u05DD\ttab\nline"));
        attributes.put("quotes", AttributeValue.of("'\"\\ {\"json\": [1]} $n ${x}"));
        attributes.put("zero", AttributeValue.of(0));
        attributes.put("negative", AttributeValue.of(-42));
        attributes.put("decimal", AttributeValue.number("-1234.5678"));
        attributes.put("big", AttributeValue.number("9.9999999999999999999999999999999999999E+125"));
        attributes.put("small", AttributeValue.number("1E-130"));
        attributes.put("long", AttributeValue.of(Long.MAX_VALUE));
        attributes.put("digits38", AttributeValue.number("12345678901234567890.123456789012345678"));
        attributes.put("yes", AttributeValue.of(true));
        attributes.put("no", AttributeValue.of(false));
        attributes.put("emptyList", AttributeValue.of(List.of()));
        attributes.put("emptyMap", AttributeValue.of(Map.of()));
        attributes.put("mixedList", AttributeValue.ofList(AttributeValue.of("a"), AttributeValue.of(1),
                AttributeValue.of(true), AttributeValue.ofList(), AttributeValue.of(Map.of("k", AttributeValue.of("v"))),
                AttributeValue.of("a")));
        attributes.put("map", AttributeValue.of(Map.of(
                "with space", AttributeValue.of(1),
                "#hash", AttributeValue.of(2),
                ":colon", AttributeValue.of(3),
                "dotted.name", AttributeValue.of(4),
                "中文", AttributeValue.of(5),
                "nested", AttributeValue.of(Map.of("deeper", AttributeValue.ofList(AttributeValue.of(false)))))));
        Employee given = draft("attrs", "Attr").attributes(attributes).build();
        store.create(given);
        Employee read = store.get("attrs").orElseThrow();
        assertThat(read.attributes()).isEqualTo(given.attributes());
        // numbers are equal by numeric value (AttributeValue's equality), so the comparison above covers digits38 and
        // long exactly
        assertThat(store.list(PageRequest.first(1)).items().get(0).attributes()).isEqualTo(given.attributes());
    }

    @Test
    @DisplayName("§3.3.2 attributes: numbers keep their value exactly, normalized (1.50 equals 1.5)")
    void numbersNormalized() {
        store.create(draft("n", "N").attribute("price", AttributeValue.number("1.50"))
                .attribute("round", AttributeValue.number("100")).build());
        Employee read = store.get("n").orElseThrow();
        assertThat(read.attribute("price")).contains(AttributeValue.number("1.5"));
        assertThat(((AttributeValue.NumberValue) read.attribute("round").orElseThrow()).value())
                .isEqualByComparingTo("100");
    }

    @Test
    @DisplayName("§3.3.3 attributes: nesting depth 16 is accepted, 17 rejected (lists and maps)")
    void nestingDepth() {
        store.create(draft("deep-list", "D").attribute("v", nestedList(16)).build());
        store.create(draft("deep-map", "D").attribute("v", nestedMap(16)).build());
        assertThat(store.get("deep-list").orElseThrow().attribute("v")).contains(nestedList(16));
        assertThat(store.get("deep-map").orElseThrow().attribute("v")).contains(nestedMap(16));
        assertRejected("attributes.v", () -> store.create(draft("too-deep", "D")
                .attribute("v", nestedList(17)).build()));
        assertRejected("attributes.v", () -> store.create(draft("too-deep", "D")
                .attribute("v", nestedMap(17)).build()));
    }

    private AttributeValue nestedList(int depth) {
        AttributeValue v = AttributeValue.of("leaf");
        for (int i = 1; i < depth; i++) {
            v = AttributeValue.ofList(v);
        }
        return v;
    }

    private AttributeValue nestedMap(int depth) {
        AttributeValue v = AttributeValue.of(1);
        for (int i = 1; i < depth; i++) {
            v = AttributeValue.of(Map.of("k" + i, v));
        }
        return v;
    }

    @Test
    @DisplayName("§3.3.2 attributes: a 38-digit number is exact, 39 digits and out-of-range magnitudes are rejected")
    void numberLimits() {
        String digits38 = "12345678901234567890123456789012345678";
        store.create(draft("n38", "N").attribute("n", AttributeValue.number(digits38)).build());
        store.create(draft("n38f", "N").attribute("n", AttributeValue.number("0." + digits38)).build());
        store.create(draft("n38e", "N").attribute("n", AttributeValue.number("-" + digits38 + "E+50")).build());
        assertThat(((AttributeValue.NumberValue) store.get("n38").orElseThrow().attribute("n").orElseThrow())
                .value()).isEqualByComparingTo(digits38);
        assertThat(((AttributeValue.NumberValue) store.get("n38f").orElseThrow().attribute("n").orElseThrow())
                .value()).isEqualByComparingTo("0." + digits38);
        assertThat(((AttributeValue.NumberValue) store.get("n38e").orElseThrow().attribute("n").orElseThrow())
                .value()).isEqualByComparingTo("-" + digits38 + "E+50");
        assertRejected("attributes.n", () -> store.create(draft("n39", "N")
                .attribute("n", AttributeValue.number(digits38 + "9")).build()));
        assertRejected("attributes.n", () -> store.create(draft("nbig", "N")
                .attribute("n", AttributeValue.number("1E+126")).build()));
        assertRejected("attributes.n", () -> store.create(draft("nsmall", "N")
                .attribute("n", AttributeValue.number("1E-131")).build()));
        assertRejected("attributes.n", () -> store.create(draft("nlist", "N")
                .attribute("n", AttributeValue.ofList(AttributeValue.number(digits38 + "1"))).build()));
    }

    @Test
    @DisplayName("§3.3.4 flexible schema: employees with different attribute sets live side by side")
    void differentSets() {
        Employee a = store.create(draft("a", "A").attribute("shirtSize", AttributeValue.of("M")).build());
        Employee b = store.create(draft("b", "B").attribute("parkingSpot", AttributeValue.of(12))
                .attribute("vegan", AttributeValue.of(true)).build());
        Employee c = store.create(draft("c", "C").build());
        assertThat(store.getAll(List.of("a", "b", "c"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("a", a, "b", b, "c", c));
        assertThat(store.get("a").orElseThrow().attributes()).containsOnlyKeys("shirtSize");
        assertThat(store.get("b").orElseThrow().attributes()).containsOnlyKeys("parkingSpot", "vegan");
        assertThat(store.get("c").orElseThrow().attributes()).isEmpty();
    }

    @Test
    @DisplayName("§3.3.4 attributes: removing an attribute by update or put removes it; adding one adds it")
    void removeAttribute() {
        Employee e = store.create(draft("r", "R").attribute("keep", AttributeValue.of(1))
                .attribute("drop", AttributeValue.of(2)).attribute("drop2", AttributeValue.of(3)).build());
        Employee updated = store.update(e.toBuilder().removeAttribute("drop")
                .attribute("added", AttributeValue.of("x")).build());
        assertThat(store.get("r").orElseThrow().attributes()).containsOnlyKeys("keep", "drop2", "added");
        store.put(updated.toBuilder().removeAttribute("drop2").build());
        assertThat(store.get("r").orElseThrow().attributes()).containsOnlyKeys("keep", "added");
        store.put(updated.toBuilder().attributes(Map.of()).build());
        assertThat(store.get("r").orElseThrow().attributes()).isEmpty();
    }

    @Test
    @DisplayName("§3.1.5 attributes: names follow [A-Za-z_][A-Za-z0-9_]{0,63}, are case-sensitive, and may be database reserved words; every reserved name is rejected")
    void attributeNames() {
        Map<String, AttributeValue> names = new LinkedHashMap<>();
        for (String name : List.of("name", "status", "size", "data", "timestamp", "count", "select", "order",
                "KEY", "Version", "ID", "_", "a" + "b".repeat(63), "x1", "_private")) {
            names.put(name, AttributeValue.of(name.length()));
        }
        store.create(draft("names", "N").attributes(names).build());
        assertThat(store.get("names").orElseThrow().attributes()).isEqualTo(new java.util.TreeMap<>(names));
        for (String bad : List.of("1abc", "a-b", "a b", "a.b", "#a", ":a", "", "ä", "a" + "b".repeat(64))) {
            assertRejected("attributes", () -> store.create(draft("bad-name", "N")
                    .attribute(bad, AttributeValue.of(1)).build()));
        }
        for (String core : List.of("id", "full_name", "job_title", "location", "badges", "photo_key", "version",
                "created_at", "updated_at", "fullName")) {
            assertRejected("attributes", () -> store.create(draft("core-name", "N")
                    .attribute(core, AttributeValue.of(1)).build()));
        }
    }

    @Test
    @DisplayName("§3.3.1, §3.1.7 attributes: null, binary and the three sets, at the top and nested in lists and maps, read back exactly after create, update, put, importAll and transact, through get, getAll and list")
    void kindsWithoutJsonEquivalent() {
        Map<String, AttributeValue> first = kinds(0);
        Map<String, AttributeValue> second = kinds(1);
        Map<String, Map<String, AttributeValue>> expected = new LinkedHashMap<>();

        Employee created = store.create(draft("k-create", "K").attributes(first).build());
        assertThat(created.attributes()).as(at("create returns the attributes as given")).isEqualTo(first);
        assertThat(store.get("k-create").orElseThrow().attributes()).as(at("get after create")).isEqualTo(first);
        Employee updated = store.update(created.toBuilder().attributes(second).build());
        assertThat(updated.attributes()).as(at("update returns the attributes as given")).isEqualTo(second);
        expected.put("k-create", second);

        store.put(draft("k-put", "K").attributes(first).build());
        expected.put("k-put", first);
        Instant when = Instant.parse("2031-05-17T09:41:12.345Z");
        assertThat(store.importAll(List.of(draft("k-import", "K").attributes(second).version(7).createdAt(when)
                .updatedAt(when).build())).isComplete()).as(at("importAll writes the employee")).isTrue();
        expected.put("k-import", second);
        if (capabilities().contains(Capability.TRANSACTIONS)) {
            store.transact(w -> w.create(draft("k-tx", "K").attributes(first).build()));
            expected.put("k-tx", first);
        }

        for (Map.Entry<String, Map<String, AttributeValue>> e : expected.entrySet()) {
            assertThat(store.get(e.getKey()).orElseThrow().attributes()).as(at("get(%s)", e.getKey()))
                    .isEqualTo(e.getValue());
        }
        Map<String, Employee> all = store.getAll(expected.keySet());
        assertThat(all.keySet()).as(at("getAll finds every employee")).containsExactlyElementsOf(expected.keySet());
        all.forEach((id, read) -> assertThat(read.attributes()).as(at("getAll: %s", id)).isEqualTo(expected.get(id)));
        List<Employee> listed = store.list(PageRequest.first(100)).items();
        assertThat(listed).as(at("list returns every employee")).hasSize(expected.size());
        listed.forEach(read -> assertThat(read.attributes()).as(at("list: %s", read.id()))
                .isEqualTo(expected.get(read.id())));
    }

    /** Every kind a JSON document cannot hold as such, at the top, in a list and in a map; {@code variant} changes each. */
    private static Map<String, AttributeValue> kinds(int variant) {
        byte[] bytes = {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF, (byte) variant};
        AttributeValue binary = AttributeValue.of(bytes);
        AttributeValue texts = AttributeValue.textSet("b", "a", "\u4e2d\u6587", "\uD83D\uDE00", "v" + variant);
        AttributeValue numbers = AttributeValue.numberSet(List.of(new BigDecimal("1.50"), new BigDecimal("-3"),
                new BigDecimal("1E+100"), BigDecimal.ZERO, BigDecimal.valueOf(variant + 10)));
        AttributeValue binaries = AttributeValue.binarySet(List.of(new byte[] {1, 2}, new byte[] {(byte) 0xFF},
                new byte[] {0}, new byte[] {(byte) variant, 9}));
        Map<String, AttributeValue> kinds = new LinkedHashMap<>();
        kinds.put("nothing", AttributeValue.ofNull());
        kinds.put("bytes", binary);
        kinds.put("tags", texts);
        kinds.put("numbers", numbers);
        kinds.put("blobs", binaries);
        kinds.put("list", AttributeValue.ofList(AttributeValue.ofNull(), binary, texts, numbers, binaries,
                AttributeValue.ofList(AttributeValue.ofNull()), AttributeValue.of(Map.of("set", texts))));
        kinds.put("map", AttributeValue.of(Map.of("nothing", AttributeValue.ofNull(), "bytes", binary, "tags", texts,
                "numbers", numbers, "blobs", binaries, "deep",
                AttributeValue.of(Map.of("list", AttributeValue.ofList(numbers, AttributeValue.ofNull()))))));
        return kinds;
    }

    @Test
    @DisplayName("§3.3.1 attributes: an empty text, number or binary set is rejected with InvalidInputException naming its path, at the top and nested; a valid set beside it changes nothing")
    void emptySetsRejected() {
        List<AttributeValue> empties = List.of(AttributeValue.textSet(List.of()),
                AttributeValue.numberSet(List.of()), AttributeValue.binarySet(List.of()));
        AttributeValue valid = AttributeValue.textSet("x");
        for (AttributeValue empty : empties) {
            String kind = empty.getClass().getSimpleName();
            assertRejected("attributes.s", "create with an empty " + kind,
                    () -> store.create(draft("empty-set", "E").attribute("ok", valid).attribute("s", empty).build()));
            assertRejected("attributes.l[1]", "put with an empty " + kind + " in a list",
                    () -> store.put(draft("empty-set", "E").attribute("l", AttributeValue.ofList(valid, empty))
                            .build()));
            assertRejected("attributes.m{0}", "put with an empty " + kind + " in a map",
                    () -> store.put(draft("empty-set", "E").attribute("m", AttributeValue.of(Map.of("k", empty)))
                            .build()));
        }
        Employee stored = store.create(draft("set-ok", "E").attribute("s", valid).build());
        assertRejected("attributes.s", "update with an empty set",
                () -> store.update(stored.toBuilder().attribute("s", empties.get(1)).build()));
        assertThat(store.get("set-ok").orElseThrow()).as(at("a rejected update changes nothing")).isEqualTo(stored);
    }

    @Test
    @DisplayName("§3.3.1, §3.2.2, §3.2.3, §3.3.2 attributes: each element of a text set follows the rules of text and each element of a number set those of numbers; the violation names the element")
    void setElements() {
        String digits39 = "1".repeat(39);
        for (String bad : List.of("b\uD800", "b\u0000")) {
            assertRejected("attributes.s[1]", "a text set whose second element is " + bad.codePointAt(1),
                    () -> store.create(draft("set-text", "S").attribute("s", AttributeValue.textSet("a", bad, "c"))
                            .build()));
        }
        for (String bad : List.of(digits39, "1E+126", "1E-131")) {
            assertRejected("attributes.n[1]", "a number set whose second element is " + bad,
                    () -> store.create(draft("set-number", "S").attribute("n", AttributeValue.numberSet(List.of(
                            new BigDecimal(bad), new BigDecimal("-5")))).build()));
        }
    }
}
