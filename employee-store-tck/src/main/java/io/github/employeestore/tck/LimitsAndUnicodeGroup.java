package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.Limits;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCK group "limits and Unicode"; run through {@link EmployeeStoreTck}. */
abstract class LimitsAndUnicodeGroup extends TckGroup {
    LimitsAndUnicodeGroup(EmployeeStoreTck kit) {
        super(kit);
    }
    /** A character outside the Basic Multilingual Plane: one character, two UTF-16 units, four UTF-8 bytes. */
    private static final String EMOJI = "\uD83D\uDE00";

    private void acceptedAndRejected(String field, java.util.function.IntFunction<Employee> build, int limit) {
        Employee atLimit = build.apply(limit);
        store.put(atLimit);
        assertThat(store.get(atLimit.id()).orElseThrow())
                .usingRecursiveComparison().ignoringFields("version", "createdAt", "updatedAt").isEqualTo(atLimit);
        assertRejected(field, () -> store.put(build.apply(limit + 1)));
    }

    @Test
    @DisplayName("§3.1.1, §3.2.1 limits: id of 128 characters accepted (ASCII and emoji), 129 rejected")
    void idLimit() {
        acceptedAndRejected("id", n -> draft("i".repeat(n), "N").build(), 128);
        acceptedAndRejected("id", n -> draft(EMOJI.repeat(n), "N").build(), 128);
    }

    @Test
    @DisplayName("§3.1.2, §3.1.3, §3.2.1 limits: fullName, jobTitle, location 200, photoKey 1024 characters, ASCII and astral; one more rejected")
    void textLimits() {
        acceptedAndRejected("fullName", n -> draft("f", "中".repeat(n)).build(), 200);
        acceptedAndRejected("fullName", n -> draft("f2", EMOJI.repeat(n)).build(), 200);
        acceptedAndRejected("jobTitle", n -> draft("j", "N").jobTitle("j".repeat(n)).build(), 200);
        acceptedAndRejected("location", n -> draft("l", "N").location(EMOJI.repeat(n)).build(), 200);
        acceptedAndRejected("photoKey", n -> draft("p", "N").photoKey("p/".repeat(n / 2) + "x".repeat(n % 2))
                .build(), 1024);
    }

    @Test
    @DisplayName("§3.1.4 limits: 50 badges of 64 characters accepted; 51 badges, or a 65-character badge, rejected")
    void badgeLimits() {
        acceptedAndRejected("badges", n -> draft("b", "N").badges(IntStream.range(0, n)
                .mapToObj(i -> String.format("%02d", i) + "b".repeat(62)).toList()).build(), 50);
        acceptedAndRejected("badges", n -> draft("b2", "N").badge(EMOJI.repeat(n)).build(), 64);
        assertRejected("badges", () -> store.create(draft("b3", "N").badge("").build()));
    }

    @Test
    @DisplayName("§3.1.5 limits: 100 attributes accepted, 101 rejected; names of 64 characters accepted, 65 rejected")
    void attributeLimits() {
        acceptedAndRejected("attributes", n -> {
            Employee.Builder b = draft("a", "N");
            IntStream.range(0, n).forEach(i -> b.attribute("attr" + i, AttributeValue.of(i)));
            return b.build();
        }, 100);
        acceptedAndRejected("attributes", n -> draft("a2", "N")
                .attribute("a".repeat(n), AttributeValue.of(1)).build(), 64);
    }

    @Test
    @DisplayName("§3.4.1 limits: an employee just under the 350 KiB item limit is stored; just over is rejected")
    void itemSizeLimit() {
        // Size by CONTRACT.md §3.4.1 and the ItemSize rules: names + values of id (2 + 9), full_name (9 + 9),
        // version (7 + 11, counted at its largest), created_at and updated_at (10 + 24 each), and blob (4 + n).
        int fixed = (2 + 9) + (9 + 9) + (7 + 11) + (10 + 24) + (10 + 24) + 4;
        int n = Limits.MAX_ITEM_BYTES - fixed;
        Employee atLimit = draft("size-test", "Size Test").attribute("blob", AttributeValue.of("x".repeat(n)))
                .build();
        store.create(atLimit);
        assertThat(store.get("size-test").orElseThrow().attributes()).isEqualTo(atLimit.attributes());
        assertRejected("employee", () -> store.create(draft("size-tes2", "Size Test")
                .attribute("blob", AttributeValue.of("x".repeat(n + 1))).build()));
        assertRejected("employee", () -> store.put(draft("size-test", "Size Test")
                .attribute("blob", AttributeValue.of("é".repeat(n / 2 + 1))).build()));
        assertThat(store.get("size-test").orElseThrow().attributes()).isEqualTo(atLimit.attributes());
    }

    @Test
    @DisplayName("§5.7, §3.5.2 injection: ids with quotes, backslashes, wildcards and SQL or DynamoDB metacharacters round-trip and match only themselves")
    void metacharacterIds() {
        List<String> ids = List.of("o'brien", "say \"hi\"", "back\\slash", "100%", "a_c", "abc", "a%c", "#name",
                ":value", "a:b#c", "attribute_not_exists(id)", "'; DROP TABLE employees; --", "x' OR '1'='1",
                "$1", "?", "*", "[0]", "a.b", "{}", "\\%", "N'unicode'", "é", EMOJI + "id", "中文", "a/b", "a&b=c");
        for (String id : ids) {
            store.create(draft(id, "N " + id).location(id).jobTitle(id).build());
        }
        for (String id : ids) {
            assertThat(store.get(id)).as(id).get().extracting(Employee::id).isEqualTo(id);
        }
        assertThat(store.getAll(ids)).hasSize(ids.size());
        assertThat(store.count()).isEqualTo(ids.size());
        assertThat(new HashSet<>(ids(listAll(store, 5)))).isEqualTo(new HashSet<>(ids));
        assertThat(store.get("a")).isEmpty();
        assertThat(store.get("%")).isEmpty();
        assertThat(store.get("a_")).isEmpty();
        if (capabilities().contains(Capability.QUERIES)) {
            for (String id : ids) {
                assertThat(ids(findAll(EmployeeQuery.byLocation(id), 10))).as(id).containsExactly(id);
                assertThat(ids(findAll(EmployeeQuery.byJobTitle(id), 10))).as(id).containsExactly(id);
            }
        }
        assertThat(store.delete("a_c")).isTrue();
        assertThat(store.get("abc")).isPresent();
    }

    @Test
    @DisplayName("§3.1.7, §3.2.5 Unicode: a seeded random round trip of 500 generated employees (random Unicode, random attribute trees)")
    void randomRoundTrip() {
        TckData data = new TckData(0x5EED);
        List<Employee> given = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            given.add(data.employee(data.id(i)));
        }
        Map<String, Employee> created = new HashMap<>();
        for (Employee e : given) {
            created.put(e.id(), store.create(e));
        }
        for (Employee e : given) {
            Employee expected = e.toBuilder().version(1).createdAt(now()).updatedAt(now()).build();
            assertThat(store.get(e.id())).as("seed 0x5EED, id %s", e.id()).get()
                    .usingRecursiveComparison().isEqualTo(expected);
            assertThat(created.get(e.id())).usingRecursiveComparison().isEqualTo(expected);
        }
        assertThat(listAll(store, 1000)).hasSize(500);
    }

    @Test
    @DisplayName("§3.4.1 limits: the item limit falls exactly where the documented measure puts it — badges, optional fields, numbers, booleans, null, binary, the three sets, lists, maps, 1- to 4-byte characters")
    void itemMeasure() {
        Map<String, Employee> shapes = new LinkedHashMap<>();
        shapes.put("texts", draft("m-\u00e4\u4e2d" + EMOJI, "N\u00e4me \u4e2d " + EMOJI).jobTitle("J\u00e9 \u0080\u07FF\u0800")
                .location("\u4e2d\u6587").photoKey("p/" + EMOJI).badges(List.of("a", "\u00e4\u00e4", "\u4e2d", EMOJI))
                .build());
        shapes.put("numbers", draft("m-numbers", "N").attribute("zero", AttributeValue.of(0))
                .attribute("one", AttributeValue.of(7)).attribute("two", AttributeValue.of(42))
                .attribute("three", AttributeValue.number("-123")).attribute("frac", AttributeValue.number("0.0012345"))
                .attribute("d37", AttributeValue.number("1234567890123456789012345678901234567"))
                .attribute("d38", AttributeValue.number("12345678901234567890123456789012345678E+40"))
                .attribute("yes", AttributeValue.of(true)).attribute("no", AttributeValue.of(false)).build());
        shapes.put("nested", draft("m-nested", "N").attribute("list", AttributeValue.ofList(AttributeValue.of("x"),
                AttributeValue.of(12345), AttributeValue.ofList(), AttributeValue.of(Map.of()),
                AttributeValue.ofList(AttributeValue.of(true), AttributeValue.of("\u00e4"))))
                .attribute("map", AttributeValue.of(Map.of("k\u00e4", AttributeValue.of("v" + EMOJI),
                        "\u4e2d", AttributeValue.of(Map.of("deep", AttributeValue.ofList(AttributeValue.of(1))))))).build());
        AttributeValue texts = AttributeValue.textSet("a", "\u00e4\u00e4", "\u4e2d", EMOJI);
        AttributeValue numbers = AttributeValue.numberSet(List.of(BigDecimal.ZERO, new BigDecimal("-123"),
                new BigDecimal("0.0012345"), new BigDecimal("12345678901234567890123456789012345678E+40")));
        AttributeValue binaries = AttributeValue.binarySet(List.of(new byte[] {0}, new byte[] {1, 2, 3},
                new byte[] {(byte) 0xFF, 0, (byte) 0x80, 7}));
        shapes.put("other kinds", draft("m-kinds", "N").attribute("nothing", AttributeValue.ofNull())
                .attribute("bytes", AttributeValue.of(new byte[] {0, (byte) 0xFF, 2, 3, 4}))
                .attribute("texts", texts).attribute("numbers", numbers).attribute("binaries", binaries)
                .attribute("list", AttributeValue.ofList(AttributeValue.ofNull(), texts, numbers, binaries,
                        AttributeValue.of(new byte[] {9, 9})))
                .attribute("map", AttributeValue.of(Map.of("n\u00e4", AttributeValue.ofNull(), "s", texts,
                        "ns", numbers, "bs", binaries))).build());
        shapes.put("minimal", draft("m", "N").build());
        for (Map.Entry<String, Employee> shape : shapes.entrySet()) {
            Employee atLimit = SizedEmployees.filledTo(shape.getValue(), Limits.MAX_ITEM_BYTES);
            store.put(atLimit);
            assertThat(store.get(atLimit.id()).orElseThrow().attributes())
                    .as(at("%s: an employee of exactly %d bytes by the documented measure is stored", shape.getKey(),
                            Limits.MAX_ITEM_BYTES)).isEqualTo(atLimit.attributes());
            assertRejected("employee", shape.getKey() + " at " + (Limits.MAX_ITEM_BYTES + 1) + " bytes",
                    () -> store.put(SizedEmployees.filledTo(shape.getValue(), Limits.MAX_ITEM_BYTES + 1)));
        }
    }
}
