package io.github.employeestore;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmployeeTest {
    @Test
    void normalizesAndCopiesCollections() {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put("b", AttributeValue.of(1));
        attributes.put("a", AttributeValue.number("2.50"));
        Employee e = Employee.builder().id("x").fullName("Name").jobTitle("").badges(List.of("\uD83D\uDE00", "\uFFFD", "a"))
                .attributes(attributes).build();
        attributes.clear();
        assertThat(e.jobTitle()).isNull();
        assertThat(e.badges()).containsExactly("a", "\uFFFD", "\uD83D\uDE00");
        assertThat(e.attributes()).containsOnlyKeys("a", "b");
        assertThat(e.attribute("a")).contains(AttributeValue.number("2.5"));
        assertThatThrownBy(() -> e.badges().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(e.toBuilder().build()).isEqualTo(e);
    }

    @Test
    void builderRejectsNullBadgesAndAttributeValues() {
        // the model's rule (CONTRACT §3.1.5), checked by the API before any store sees the employee
        assertThatThrownBy(() -> Employee.builder().badge(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Employee.builder().attribute("a", null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void toStringShowsNoPersonalData() {
        Employee e = Employee.builder().id("x").fullName("Secret Person").location("Secret Town").build();
        assertThat(e.toString()).contains("x").doesNotContain("Secret");
    }

    @Test
    void nullsInsideCollectionsAreInvalidInput() {
        assertThatCode(() -> new Employee("x", "n", null, null, null, null, null, 0, null, null))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Employee.builder().badges(java.util.Arrays.asList("a", null)))
                .isInstanceOf(InvalidInputException.class);
    }
}
