package io.github.employeestore.spi;

import io.github.employeestore.StoreConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableNamesTest {
    @Test
    void acceptsThePortableRuleOnly() {
        for (String ok : List.of("employees", "Employees", "_t", "hr.employees", "a-b", "e".repeat(255))) {
            assertThat(TableNames.validate(ok)).isEqualTo(ok);
        }
        for (String bad : List.of("", "1abc", "a b", "a;drop", "a\"b", "a`b", "ä", "e".repeat(256), "-a")) {
            assertThatThrownBy(() -> TableNames.validate(bad)).isInstanceOf(StoreConfigurationException.class);
        }
        assertThatThrownBy(() -> TableNames.validate(null)).isInstanceOf(StoreConfigurationException.class);
    }
}
