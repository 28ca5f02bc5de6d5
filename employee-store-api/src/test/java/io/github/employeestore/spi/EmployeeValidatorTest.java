package io.github.employeestore.spi;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Violation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmployeeValidatorTest {
    @Test
    void collectsEveryViolationWithoutValues() {
        Employee e = Employee.builder().id(" x").fullName("   ").location("l".repeat(201)).photoKey("p".repeat(1025))
                .badges(List.of("", "b".repeat(65))).attribute("bad-name", AttributeValue.of(1))
                .attribute("version", AttributeValue.of("v"))
                .attribute("num", AttributeValue.number("1" + "0".repeat(37) + "1")).build();
        assertThatThrownBy(() -> EmployeeValidator.validate(e))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(x -> assertThat(((InvalidInputException) x).violations()).extracting(Violation::field)
                        .containsExactly("id", "fullName", "location", "photoKey", "badges[0]", "badges[1]",
                                "attributes", "attributes.num", "attributes.version"));
    }

    @Test
    void draftsMayOmitTheIdOthersMayNot() {
        Employee draft = Employee.builder().fullName("A").build();
        EmployeeValidator.validateDraft(draft);
        assertThatThrownBy(() -> EmployeeValidator.validate(draft)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void numbersWithinDynamoDbRange() {
        for (String ok : List.of("0", "-0.000", "1E-130", "9.9999999999999999999999999999999999999E+125",
                "1" + "0".repeat(100))) {
            assertThat(EmployeeValidator.violations(Employee.builder().id("i").fullName("n")
                    .attribute("n", AttributeValue.number(ok)).build(), true)).as(ok).isEmpty();
        }
        for (String bad : List.of("1E-131", "1E+126", "1.00000000000000000000000000000000000001")) {
            assertThat(EmployeeValidator.violations(Employee.builder().id("i").fullName("n")
                    .attribute("n", AttributeValue.number(bad)).build(), true)).as(bad).isNotEmpty();
        }
    }

    @Test
    void importNeedsVersionAndMillisecondTimestamps() {
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        Employee ok = Employee.builder().id("i").fullName("n").version(1).createdAt(t).updatedAt(t).build();
        assertThat(EmployeeValidator.importViolations(ok)).isEmpty();
        assertThat(EmployeeValidator.importViolations(ok.toBuilder().version(0).updatedAt(t.plusNanos(1000)).build()))
                .extracting(Violation::field).containsExactly("version", "updatedAt");
    }

    @Test
    void attributeNamesAsTheirPatternSays() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
        for (String name : List.of("a", "_", "Z9", "_0_", "a".repeat(64), "a".repeat(65), "", "9a", "a-b", "é",
                "a b", "aé", "A\u0000", "[", "`", "{", "@", "/", ":", "a" + "0".repeat(63), "level", "fullName")) {
            assertThat(EmployeeValidator.isValidAttributeName(name)).as(name)
                    .isEqualTo(pattern.matcher(name).matches() && !EmployeeValidator.RESERVED_ATTRIBUTE_NAMES
                            .contains(name));
        }
    }

    @Test
    void controlCharactersAndUnicodeSpaces() {
        Employee base = Employee.builder().id("i").fullName("n").build();
        assertThat(EmployeeValidator.violations(base.toBuilder().id("a\u0085b").build(), true))
                .extracting(Violation::field).containsExactly("id");
        assertThat(EmployeeValidator.violations(base.toBuilder().id("a\uD83D\uDE00b").build(), true)).isEmpty();
        assertThat(EmployeeValidator.violations(base.toBuilder().fullName("\u2003\u00a0 ").build(), true))
                .extracting(Violation::field).containsExactly("fullName");
        assertThat(EmployeeValidator.violations(base.toBuilder().fullName("\u2003x").build(), true)).isEmpty();
    }
}
