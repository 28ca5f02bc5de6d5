package io.github.employeestore;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CONTRACT §4.10.4: a query needs a criterion, and each criterion follows the rules of its field (§3.2). A query that
 * breaks them cannot be built, so it never reaches a store: the rule is checked here, not by the TCK.
 */
class EmployeeQueryTest {
    private static final String ASTRAL = "\uD83D\uDE00";

    @Test
    void aQueryNeedsACriterion() {
        assertThatThrownBy(() -> EmployeeQuery.builder().build()).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations().get(0).field()).isEqualTo("query"));
    }

    @Test
    void criteriaFollowTheRulesOfTheirField() {
        for (String bad : List.of(ASTRAL.repeat(201), "x".repeat(201), "a\u0000", "a\uD800", "\uDC00", "")) {
            assertThatThrownBy(() -> EmployeeQuery.byLocation(bad)).as("location %s", bad.length())
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).violations().get(0).field())
                            .isEqualTo("location"));
            assertThatThrownBy(() -> EmployeeQuery.byJobTitle(bad)).as("jobTitle %s", bad.length())
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).violations().get(0).field())
                            .isEqualTo("jobTitle"));
            assertThatThrownBy(() -> EmployeeQuery.builder().location("Oslo").jobTitle(bad).build())
                    .as("Oslo and jobTitle %s", bad.length()).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> EmployeeQuery.builder().name("Ada").location(bad).build())
                    .as("name and location %s", bad.length()).isInstanceOf(InvalidInputException.class);
        }
        assertThatCode(() -> EmployeeQuery.byLocation(ASTRAL.repeat(200))).doesNotThrowAnyException();
        assertThatCode(() -> EmployeeQuery.byJobTitle("x".repeat(200))).doesNotThrowAnyException();
        assertThatCode(() -> EmployeeQuery.builder().location("Oslo").jobTitle("Dev").build())
                .doesNotThrowAnyException();
    }
}
