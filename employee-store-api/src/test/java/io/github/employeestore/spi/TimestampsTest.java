package io.github.employeestore.spi;

import io.github.employeestore.UnreadableEmployeeException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {
    @Test
    void storedTimestampsMustBeExactlyTheFormattedForm() {
        Instant t = Instant.parse("2026-11-23T18:47:16.120Z");
        assertThat(Timestamps.parseStored("7", "created_at", Timestamps.format(t))).isEqualTo(t);
        assertThat(Timestamps.parse("2026-11-23T18:47:16.120Z")).isEqualTo(t);
        for (String bad : new String[]{"2026-11-23T18:47:16Z", "2026-11-23T18:47:16.12Z", "yesterday",
                "2026-11-23T18:47:16.120+00:00", "0000-01-01T00:00:00.000Z", ""}) {
            assertThat(Timestamps.parseOrNull(bad)).as(bad).isNull();
            assertThatThrownBy(() -> Timestamps.parseStored("emp-7", "updated_at", bad)).as(bad)
                    .isInstanceOfSatisfying(UnreadableEmployeeException.class, e -> {
                        assertThat(e.id()).isEqualTo("emp-7");
                        assertThat(e.attribute()).isEqualTo("updated_at");
                    })
                    .hasMessageContaining("emp-7").hasMessageContaining("updated_at");
            assertThatThrownBy(() -> Timestamps.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Timestamps.parseOrNull(null)).isNull();
    }
}
