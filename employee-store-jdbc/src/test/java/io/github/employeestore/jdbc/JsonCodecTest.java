package io.github.employeestore.jdbc;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.jdbc.internal.JsonCodec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written JSON of the attributes and badges columns. */
class JsonCodecTest {

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
        String json = JsonCodec.writeAttributes(attributes);
        assertThat(JsonCodec.readAttributes(json)).isEqualTo(attributes);
        assertThat(((AttributeValue.NumberValue) JsonCodec.readAttributes(json).get("big")).value())
                .isEqualTo(new BigDecimal("12345678901234567890123456789012345678"));
    }

    @Test
    void readsDatabaseReserialisedJson() {
        String reformatted = "{ \"b\" : [ 1.50e2 , \"x\\u00e9\\ud83d\\ude00\" ] ,\n \"a\": {\"k\": true} }";
        Map<String, AttributeValue> read = JsonCodec.readAttributes(reformatted);
        assertThat(read.get("b")).isEqualTo(AttributeValue.ofList(AttributeValue.of(150),
                AttributeValue.of("x\u00e9\uD83D\uDE00")));
        assertThat(read.get("a")).isEqualTo(AttributeValue.of(Map.of("k", AttributeValue.of(true))));
    }

    @Test
    void badgesRoundTrip() {
        List<String> badges = List.of("a\"b", "ä", "\uD83D\uDE00", "tab\t");
        assertThat(JsonCodec.readBadges(JsonCodec.writeBadges(badges))).isEqualTo(badges);
        assertThat(JsonCodec.readBadges("[]")).isEmpty();
    }

    @Test
    void malformedJsonIsRejected() {
        for (String bad : List.of("", "{", "{\"a\":}", "{\"a\":null}", "[1,]", "{\"a\":1} x", "{\"a\":\"\\q\"}")) {
            assertThatThrownBy(() -> JsonCodec.readAttributes(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
