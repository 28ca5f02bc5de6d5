package io.github.employeestore.spi;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ItemSizeTest {
    @Test
    void countsNamesAndValuesByDynamoDbRules() {
        Employee e = Employee.builder().id("abc").fullName("Zoë").jobTitle("Dev").badges(List.of("a", "bb"))
                .attribute("n", AttributeValue.number("123.45"))
                .attribute("b", AttributeValue.of(true))
                .attribute("l", AttributeValue.ofList(AttributeValue.of("xy"), AttributeValue.of(1)))
                .attribute("m", AttributeValue.of(Map.of("k", AttributeValue.of("v"))))
                .build();
        long expected = (2 + 3) // id
                + (9 + 4) // full_name, ë is 2 bytes
                + (9 + 3) // job_title
                + (6 + 1 + 2) // badges
                + (7 + 11) // version at its largest
                + (10 + 24) * 2 // timestamps
                + (1 + 4) // n: 5 digits -> 3 + 1
                + (1 + 1) // b
                + (1 + 3 + (1 + 2) + (1 + 2)) // l: 3 + per element 1 + size (number 1 digit -> 2)
                + (1 + 3 + (1 + 1 + 1)); // m: 3 + 1 + name + value
        assertThat(ItemSize.of(e)).isEqualTo(expected);
    }

    @Test
    void utf8LengthsOfEveryWidth() {
        assertThat(ItemSize.utf8("a")).isEqualTo(1);
        assertThat(ItemSize.utf8("é")).isEqualTo(2);
        assertThat(ItemSize.utf8("中")).isEqualTo(3);
        assertThat(ItemSize.utf8("\uD83D\uDE00")).isEqualTo(4);
    }
}
