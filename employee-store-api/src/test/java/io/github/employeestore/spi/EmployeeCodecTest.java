package io.github.employeestore.spi;

import io.github.employeestore.AttributeValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The portable codec: the JSON forms of attributes and badges, and reading stored items. */
class EmployeeCodecTest {

    @Test
    void everyKindRoundTripsExactly() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("text", AttributeValue.of("q\"uote \\ back\u0001ctl\n\u2028 \uD83D\uDE00 中"));
        attributes.put("big", AttributeValue.number("12345678901234567890123456789012345678"));
        attributes.put("small", AttributeValue.number("-1.234567890123456789012345678901234567E-130"));
        attributes.put("huge", AttributeValue.number("9.99999999999999999999999999999999999E+125"));
        attributes.put("zero", AttributeValue.number("0.000"));
        attributes.put("yes", AttributeValue.of(true));
        attributes.put("no", AttributeValue.of(false));
        attributes.put("list", AttributeValue.ofList(AttributeValue.of(""), AttributeValue.of(1),
                AttributeValue.ofList()));
        attributes.put("map", AttributeValue.of(Map.of("any name: \"x\" {}", AttributeValue.of("v"),
                "N", AttributeValue.of("looks like a tag"), "", AttributeValue.of(Map.of()))));
        AttributeValue deep = AttributeValue.of(7);
        for (int i = 0; i < 15; i++) {
            deep = i % 2 == 0 ? AttributeValue.ofList(deep) : AttributeValue.of(Map.of("k", deep));
        }
        attributes.put("deep", deep);
        String json = EmployeeCodec.attributesToJson(attributes);
        assertThat(EmployeeCodec.attributesFromJson(json)).isEqualTo(attributes);
        assertThat(((AttributeValue.NumberValue) EmployeeCodec.attributesFromJson(json).get("big")).value())
                .isEqualTo(new BigDecimal("12345678901234567890123456789012345678"));
    }

    @Test
    void readsDatabaseReserialisedJson() {
        String reformatted = "{ \"b\" : [ 1.50e2 , \"x\\u00e9\\ud83d\\ude00\" ] ,\n \"a\": {\"k\": true} }";
        Map<String, AttributeValue> read = EmployeeCodec.attributesFromJson(reformatted);
        assertThat(read.get("b")).isEqualTo(AttributeValue.ofList(AttributeValue.of(150),
                AttributeValue.of("x\u00e9\uD83D\uDE00")));
        assertThat(read.get("a")).isEqualTo(AttributeValue.of(Map.of("k", AttributeValue.of(true))));
    }

    @Test
    void badgesRoundTrip() {
        List<String> badges = List.of("a\"b", "ä", "\uD83D\uDE00", "tab\t");
        assertThat(EmployeeCodec.badgesFromJson(EmployeeCodec.badgesToJson(badges))).isEqualTo(badges);
        assertThat(EmployeeCodec.badgesFromJson("[]")).isEmpty();
    }

    @Test
    void malformedJsonIsRejected() {
        for (String bad : List.of("", "{", "{\"a\":}", "{\"a\":nul}", "[1,]", "{\"a\":1} x", "{\"a\":\"\\q\"}")) {
            assertThatThrownBy(() -> EmployeeCodec.attributesFromJson(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theKindsJsonLacksHaveOneTaggedFormEach() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("nothing", AttributeValue.ofNull());
        attributes.put("bin", AttributeValue.of(new byte[] {0, -1, 42}));
        attributes.put("emptyBin", AttributeValue.of(new byte[0]));
        attributes.put("ss", AttributeValue.textSet("b", "a"));
        attributes.put("ns", AttributeValue.numberSet(List.of(new BigDecimal("1.50"), new BigDecimal("-3E+2"))));
        attributes.put("bs", AttributeValue.binarySet(List.of(new byte[] {1}, new byte[] {(byte) 0x80})));
        attributes.put("looksTagged", AttributeValue.of(Map.of("$b", AttributeValue.of("not binary"))));
        attributes.put("mapWithTagAndMore", AttributeValue.of(Map.of("$ss", AttributeValue.of(1),
                "x", AttributeValue.ofNull())));
        attributes.put("nested", AttributeValue.ofList(AttributeValue.ofNull(), AttributeValue.of(new byte[] {7}),
                AttributeValue.of(Map.of("n", AttributeValue.ofNull(), "s", AttributeValue.textSet("x")))));
        String json = EmployeeCodec.attributesToJson(attributes);
        assertThat(EmployeeCodec.attributesFromJson(json)).isEqualTo(attributes);
        assertThat(EmployeeCodec.valueToJson(attributes.get("bin"))).isEqualTo("{\"$b\":\"AP8q\"}");
        assertThat(EmployeeCodec.valueToJson(attributes.get("ns"))).isEqualTo("{\"$ns\":[-3E+2,1.5]}");
        assertThat(EmployeeCodec.valueToJson(attributes.get("looksTagged")))
                .isEqualTo("{\"$m\":{\"$b\":\"not binary\"}}");
        assertThat(EmployeeCodec.valueToJson(attributes.get("nothing"))).isEqualTo("null");
        for (String bad : List.of("{\"$b\":5}", "{\"$b\":\"***\"}", "{\"$ss\":[1]}", "{\"$ns\":[\"1\"]}",
                "{\"$bs\":{}}", "{\"$m\":[]}")) {
            assertThatThrownBy(() -> EmployeeCodec.valueFromJson(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("***");
        }
    }

    @Test
    void anEmployeeRoundTripsThroughItemAndJson() {
        io.github.employeestore.Employee e = io.github.employeestore.Employee.builder().id("e1").fullName("Ada")
                .jobTitle("Eng").location("London").badges(List.of("b", "a")).photoKey("p/1.png")
                .attribute("bin", AttributeValue.of(new byte[] {1, 2})).attribute("n", AttributeValue.ofNull())
                .version(3).createdAt(java.time.Instant.parse("2020-01-02T03:04:05.006Z"))
                .updatedAt(java.time.Instant.parse("2021-01-02T03:04:05.006Z")).build();
        for (EmployeeCodec.Layout layout : EmployeeCodec.Layout.values()) {
            EmployeeCodec codec = EmployeeCodec.of(layout);
            assertThat(codec.fromItem(codec.toItem(e))).isEqualTo(e);
            assertThat(codec.fromJson("e1", codec.toJson(e))).isEqualTo(e);
        }
        assertThat(EmployeeCodec.standard().toItem(e)).containsKey("photo_key").doesNotContainKey("object_key");
        assertThat(EmployeeCodec.of(EmployeeCodec.Layout.EMPLOYEE_DIRECTORY_SAMPLE).toItem(e))
                .containsEntry("object_key", AttributeValue.of("p/1.png"))
                .containsEntry("badges", AttributeValue.ofList(AttributeValue.of("a"), AttributeValue.of("b")));
    }

    @Test
    void theSampleLayoutWritesBadgesOverAStoredValueInItsOrderAndType() {
        EmployeeCodec sample = EmployeeCodec.of(EmployeeCodec.Layout.EMPLOYEE_DIRECTORY_SAMPLE);
        AttributeValue list = AttributeValue.ofList(AttributeValue.of("Mentor"), AttributeValue.of("Leader"),
                AttributeValue.of("Coffee"), AttributeValue.of("Leader"));
        AttributeValue set = AttributeValue.textSet("Navy", "COBOL");
        // the same badges: the stored value itself, repeated badge and all
        assertThat(sample.badgesValue(List.of("Coffee", "Leader", "Mentor"), list)).isSameAs(list);
        assertThat(sample.badgesValue(List.of("COBOL", "Navy"), set)).isSameAs(set);
        AttributeValue empty = AttributeValue.ofList();
        assertThat(sample.badgesValue(List.of(), empty)).isSameAs(empty);
        // changed: the badges that stay in their stored order, once; the added ones after them, in code-point order
        assertThat(sample.badgesValue(List.of("Zebra", "Leader", "Coffee", "Apple"), list)).isEqualTo(
                AttributeValue.ofList(AttributeValue.of("Leader"), AttributeValue.of("Coffee"),
                        AttributeValue.of("Apple"), AttributeValue.of("Zebra")));
        assertThat(sample.badgesValue(List.of("Navy", "Fortran"), set))
                .isEqualTo(AttributeValue.textSet("Fortran", "Navy"));
        assertThat(sample.badgesValue(List.of(), list)).isNull();
        assertThat(sample.badgesValue(List.of(), set)).isNull();
        // nothing stored, or a stored value that is not badges: the form of a new item
        AttributeValue fresh = AttributeValue.ofList(AttributeValue.of("a"), AttributeValue.of("b"));
        assertThat(sample.badgesValue(List.of("b", "a"), null)).isEqualTo(fresh);
        assertThat(sample.badgesValue(List.of("b", "a"), AttributeValue.of(7))).isEqualTo(fresh);
        assertThat(sample.badgesValue(List.of("b", "a"), AttributeValue.ofList(AttributeValue.of(1))))
                .isEqualTo(fresh);
        assertThat(sample.badgesValue(List.of(), null)).isNull();
        // the standard layout: always a text set, or none
        assertThat(EmployeeCodec.standard().badgesValue(List.of("b", "a"), set))
                .isEqualTo(AttributeValue.textSet("a", "b"));
        assertThat(EmployeeCodec.standard().badgesValue(List.of(), set)).isNull();
    }

    @Test
    void storedItemsThatDoNotFitTheModelAreUnreadableNamingTheAttributeOnly() {
        Map<String, AttributeValue> good = new LinkedHashMap<>();
        good.put("id", AttributeValue.of("x1"));
        good.put("full_name", AttributeValue.of("Secret Name"));
        assertThat(EmployeeCodec.standard().fromItem(good).version()).isZero();
        Map<String, AttributeValue> badgesList = new LinkedHashMap<>(good);
        badgesList.put("badges", AttributeValue.ofList(AttributeValue.of("apple")));
        assertThat(EmployeeCodec.of(EmployeeCodec.Layout.EMPLOYEE_DIRECTORY_SAMPLE).fromItem(badgesList).badges())
                .containsExactly("apple");
        Map<String, Map<String, AttributeValue>> bad = new LinkedHashMap<>();
        bad.put("badges", badgesList);
        bad.put("full_name", Map.of("id", AttributeValue.of("x1")));
        bad.put("created_at", with(good, "created_at", AttributeValue.of("2024-01-02T03:04:05.123456")));
        bad.put("updated_at", with(good, "updated_at", AttributeValue.of(1700000000000L)));
        bad.put("version", with(good, "version", AttributeValue.number("1.5")));
        bad.put("job_title", with(good, "job_title", AttributeValue.of(7)));
        for (Map.Entry<String, Map<String, AttributeValue>> c : bad.entrySet()) {
            assertThatThrownBy(() -> EmployeeCodec.standard().fromItem(c.getValue())).as(c.getKey())
                    .isInstanceOfSatisfying(io.github.employeestore.UnreadableEmployeeException.class, u -> {
                        assertThat(u.id()).isEqualTo("x1");
                        assertThat(u.attribute()).isEqualTo(c.getKey());
                        assertThat(u.getMessage()).contains("x1", c.getKey()).doesNotContain("Secret", "2024",
                                "1700000000000", "1.5");
                    });
        }
        assertThatThrownBy(() -> EmployeeCodec.standard().fromJson("x1", "{\"id\":\"x1\""))
                .isInstanceOf(io.github.employeestore.UnreadableEmployeeException.class);
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String name,
                                                    AttributeValue value) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.put(name, value);
        return copy;
    }
}
