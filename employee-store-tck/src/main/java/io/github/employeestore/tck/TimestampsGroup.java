package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.Limits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCK group "timestamps"; run through {@link EmployeeStoreTck}. */
abstract class TimestampsGroup extends TckGroup {
    TimestampsGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§4.1.3 timestamps: from the store's clock, truncated to milliseconds; created kept, updated advanced")
    void fromClock() {
        Employee e = store.create(full("ts"));
        assertThat(e.createdAt()).isEqualTo(TckClock.START.truncatedTo(ChronoUnit.MILLIS));
        Instant later = clock.advance(Duration.ofDays(400).plusNanos(987_654_321));
        Employee u = store.update(e.toBuilder().fullName("later").build());
        assertThat(u).as(at("update: createdAt kept, updatedAt from the clock"))
                .isEqualTo(e.toBuilder().fullName("later").version(2).updatedAt(later.truncatedTo(ChronoUnit.MILLIS))
                        .build());
        clock.advance(Duration.ofMillis(1));
        Employee p = store.put(u);
        assertThat(p).as(at("put: createdAt kept, updatedAt from the clock"))
                .isEqualTo(u.toBuilder().version(3).updatedAt(now()).build());
        assertThat(store.get("ts")).contains(p);
    }

    @Test
    @DisplayName("§4.13.1, §4.13.2 timestamps: the extremes 1970-01-01 and 9999-12-31 round-trip through importAll; earlier is reported")
    void extremes() {
        Employee e = draft("x", "X").version(5).createdAt(io.github.employeestore.Limits.MIN_TIMESTAMP)
                .updatedAt(io.github.employeestore.Limits.MAX_TIMESTAMP).build();
        assertThat(store.importAll(List.of(e)).isComplete()).isTrue();
        assertThat(store.get("x")).contains(e);
        Employee before = e.toBuilder().id("y").createdAt(Instant.parse("1969-12-31T23:59:59.999Z")).build();
        assertThat(store.importAll(List.of(before)).failedIds()).containsExactly("y");
    }
}
