package io.github.employeestore.dynamodb.internal;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.spi.ItemSize;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmployeeTableSchemaTest {
    private static final EmployeeTableSchema SCHEMA = EmployeeTableSchema.INSTANCE;

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String v) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-1", "12.5", "1E+125", "9.9999999999999999999999999999999999999E+125",
            "1E-130", "-1.5E-129", "12345678901234567890123456789012345678", "0.000001", "100"})
    @DisplayName("numbers are written in a form DynamoDB accepts and read back to the same value")
    void numbersRoundTrip(String text) {
        AttributeValue value = AttributeValue.number(text);
        var dynamo = EmployeeTableSchema.toDynamo(value);
        assertThat(dynamo.n()).doesNotContain(" ").hasSizeLessThanOrEqualTo(50);
        assertThat(new BigDecimal(dynamo.n())).isEqualByComparingTo(new BigDecimal(text));
        assertThat(EmployeeTableSchema.fromDynamo(dynamo)).isEqualTo(value);
    }

    @Test
    @DisplayName("an employee maps to the storage layout and back unchanged")
    void roundTrip() {
        Instant t = Instant.parse("2026-01-02T03:04:05.678Z");
        Employee e = Employee.builder().id("a").fullName("Ann").jobTitle("Pilot").location("Oslo")
                .badges(List.of("z", "a")).photoKey("p.jpg")
                .attribute("nested", AttributeValue.ofList(AttributeValue.of(Map.of("deep",
                        AttributeValue.ofList(AttributeValue.of(true), AttributeValue.of(""))))))
                .version(7).createdAt(t).updatedAt(t.plusMillis(1)).build();
        var item = SCHEMA.itemToMap(e, true);
        assertThat(item.get("created_at").s()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(item.get("badges").ss()).containsExactly("a", "z");
        assertThat(SCHEMA.mapToItem(item)).isEqualTo(e);
        assertThat(SCHEMA.itemToMap(e, List.of("id", "version"))).containsOnlyKeys("id", "version");
        assertThat(SCHEMA.attributeValue(e, "location").s()).isEqualTo("Oslo");
    }

    @Test
    @DisplayName("empty optional fields and badges are absent from the item")
    void absentWhenEmpty() {
        Employee e = Employee.builder().id("a").fullName("Ann").version(1).build();
        assertThat(SCHEMA.itemToMap(e, true)).containsOnlyKeys("id", "full_name", "version");
    }

    @Test
    @DisplayName("items written by other programs keep every type: sets as sets, NULL and binary as themselves, and"
            + " the item written back is the item read")
    void everyTypeIsKept() {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new LinkedHashMap<>();
        item.put("id", s("x"));
        item.put("full_name", s("X"));
        item.put("tags", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(List.of("a", "b")));
        item.put("scores", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs(List.of("1")));
        item.put("nothing", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul(true));
        item.put("blob", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(
                SdkBytes.fromUtf8String("b")));
        item.put("blobs", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs(List.of(
                SdkBytes.fromUtf8String("a"), SdkBytes.fromUtf8String("b"))));
        Employee e = SCHEMA.mapToItem(item);
        assertThat(e.attributes()).containsOnlyKeys("tags", "scores", "nothing", "blob", "blobs");
        assertThat(e.attributes().get("scores")).isEqualTo(AttributeValue.numberSet(List.of(java.math.BigDecimal.ONE)));
        assertThat(e.attributes().get("nothing")).isEqualTo(AttributeValue.ofNull());
        assertThat(e.attributes().get("blob")).isEqualTo(AttributeValue.of("b".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(e.version()).isZero();
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> back = SCHEMA.itemToMap(e, true);
        back.remove("version");
        assertThat(back).isEqualTo(item);
        assertThat(SCHEMA.mapToItem(Map.of())).isNull();
    }

    @Test
    @DisplayName("the schema's metadata names the key and both indexes")
    void metadata() {
        TableMetadata m = SCHEMA.tableMetadata();
        assertThat(m.primaryPartitionKey()).isEqualTo("id");
        assertThat(m.indexPartitionKey(EmployeeTableSchema.LOCATION_INDEX)).isEqualTo("location");
        assertThat(m.indexSortKey(EmployeeTableSchema.JOB_TITLE_INDEX)).contains("full_name");
        assertThat(SCHEMA.attributeNames()).contains("id", "full_name", "badges", "created_at");
        assertThat(SCHEMA.isAbstract()).isFalse();
    }

    @Test
    @DisplayName("the item the schema writes is never larger than ItemSize counts, so the 350 KB check is safe")
    void itemSizeBoundsTheItem() {
        Employee e = Employee.builder().id("id-1").fullName("Ann ü 😀").badges(List.of("x", "y"))
                .attribute("n", AttributeValue.number("123.456"))
                .attribute("m", AttributeValue.of(Map.of("k", AttributeValue.of("v"))))
                .version(Long.MAX_VALUE).createdAt(Instant.EPOCH).updatedAt(Instant.EPOCH).build();
        long counted = ItemSize.of(e);
        long actual = 0;
        for (var entry : SCHEMA.itemToMap(e, true).entrySet()) {
            actual += entry.getKey().length() + size(entry.getValue());
        }
        assertThat(actual).isLessThanOrEqualTo(counted);
    }

    private static long size(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        return switch (v.type()) {
            case S -> ItemSize.utf8(v.s());
            case N -> (new BigDecimal(v.n()).stripTrailingZeros().precision() + 1) / 2 + 1;
            case BOOL -> 1;
            case SS -> v.ss().stream().mapToLong(ItemSize::utf8).sum();
            case L -> 3 + v.l().stream().mapToLong(x -> 1 + size(x)).sum();
            case M -> 3 + v.m().entrySet().stream().mapToLong(x -> 1 + ItemSize.utf8(x.getKey())
                    + size(x.getValue())).sum();
            default -> throw new AssertionError(v.type());
        };
    }
}
