package io.github.employeestore;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The page sizes {@link PageRequest} accepts (CONTRACT §4.16.1): 1 to 1,000. A request outside them never reaches a
 * store, so the TCK checks only that a store serves the sizes at both ends.
 */
class PageRequestTest {

    @Test
    void sizesOutsideOneToAThousandAreRejected() {
        for (int size : new int[] {0, -1, 1001, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> PageRequest.first(size)).as("first(%d)", size)
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> PageRequest.after("abc", size)).as("after(cursor, %d)", size)
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void sizesAtBothEndsAreAccepted() {
        assertThat(PageRequest.first(1).size()).isEqualTo(1);
        assertThat(PageRequest.first(1000).size()).isEqualTo(1000);
        assertThat(PageRequest.after("abc", 1000).cursor()).contains("abc");
    }
}
