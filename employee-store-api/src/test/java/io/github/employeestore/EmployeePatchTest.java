package io.github.employeestore;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmployeePatchTest {
    private static final Employee BEFORE = Employee.builder().id("e1").fullName("Ada").jobTitle("Engineer")
            .location("London").badges(List.of("b", "a")).photoKey("p.jpg")
            .attribute("team", AttributeValue.of("Engines")).attribute("level", AttributeValue.of(7))
            .version(3).build();

    @Test
    void betweenNamesOnlyWhatDiffersAndAppliesBackToTheAfterState() {
        Employee after = BEFORE.toBuilder().jobTitle(null).badges(List.of("a", "c"))
                .removeAttribute("team").attribute("level", AttributeValue.of(8))
                .attribute("desk", AttributeValue.of("4F")).build();
        EmployeePatch patch = EmployeePatch.between(BEFORE, after);
        assertThat(patch.fields()).containsExactly(EmployeePatch.Field.JOB_TITLE, EmployeePatch.Field.BADGES);
        assertThat(patch.text(EmployeePatch.Field.JOB_TITLE)).isNull();
        assertThat(patch.attributes()).containsOnlyKeys("desk", "level");
        assertThat(patch.removedAttributes()).containsExactly("team");
        assertThat(patch.applyTo(BEFORE)).isEqualTo(after);
        assertThat(EmployeePatch.between(BEFORE, BEFORE).isEmpty()).isTrue();
    }

    @Test
    void lastCallWinsAndEmptyTextRemoves() {
        EmployeePatch p = EmployeePatch.of(b -> b.attribute("x", AttributeValue.of(1)).removeAttribute("x")
                .location("").location("Paris").removeAttribute("y").attribute("y", AttributeValue.of(2)));
        assertThat(p.attributes()).containsOnlyKeys("y");
        assertThat(p.removedAttributes()).containsExactly("x");
        assertThat(p.text(EmployeePatch.Field.LOCATION)).isEqualTo("Paris");
        assertThat(EmployeePatch.of(b -> b.photoKey("")).text(EmployeePatch.Field.PHOTO_KEY)).isNull();
        assertThat(p).isEqualTo(EmployeePatch.of(b -> b.location("Paris").removeAttribute("x")
                .attribute("y", AttributeValue.of(2))));
    }

    @Test
    void toStringNamesFieldsNeverValues() {
        EmployeePatch p = EmployeePatch.of(b -> b.fullName("Secret Name").attribute("salary", AttributeValue.of(99)));
        assertThat(p.toString()).contains("FULL_NAME", "salary").doesNotContain("Secret", "99");
    }

    @Test
    void nullsAreRejectedByTheBuilder() {
        assertThatThrownBy(() -> EmployeePatch.of(b -> b.attribute("a", null))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EmployeePatch.of(b -> b.removeAttribute(null))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EmployeePatch.of(b -> b.badges(java.util.Arrays.asList("a", null))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EmployeePatch.empty().text(EmployeePatch.Field.JOB_TITLE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
