package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Limits;
import io.github.employeestore.VersionConflictException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TCK group "update"; run through {@link EmployeeStoreTck}. */
abstract class UpdateGroup extends TckGroup {
    UpdateGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§4.5.1 update: replaces the employee; version + 1, createdAt kept, updatedAt from the clock")
    void updates() {
        Employee created = store.create(full("u-1"));
        Instant createdAt = created.createdAt();
        clock.advance(Duration.ofMinutes(5));
        Employee changed = created.toBuilder().fullName("Ada King").jobTitle("Countess").location(null)
                .badges(List.of("new")).photoKey(null).removeAttribute("team")
                .attribute("level", AttributeValue.of(8)).build();
        Employee updated = store.update(changed);
        // the comparison below checks every field: version + 1, createdAt kept, updatedAt the clock's (5 minutes on)
        Employee expected = changed.toBuilder().version(2).createdAt(createdAt).updatedAt(now()).build();
        assertThat(updated).usingRecursiveComparison().isEqualTo(expected);
        assertThat(store.get("u-1")).contains(expected);
    }

    @Test
    @DisplayName("§4.5.2, §5.2 update: another version gives VersionConflictException with both versions; nothing written")
    void versionConflict() {
        Employee created = store.create(full("u-2"));
        Employee v2 = store.update(created.toBuilder().fullName("Second").build());
        assertThatThrownBy(() -> store.update(created.toBuilder().fullName("Stale").build()))
                .isInstanceOf(VersionConflictException.class)
                .satisfies(e -> {
                    VersionConflictException c = (VersionConflictException) e;
                    assertThat(c.id()).isEqualTo("u-2");
                    assertThat(c.expectedVersion()).isEqualTo(1);
                    assertActualVersion(c, 2);
                })
                .hasMessageNotContaining("Stale");
        assertThat(store.get("u-2")).contains(v2);
    }

    @Test
    @DisplayName("§4.5.3 update: an absent id gives EmployeeNotFoundException and creates nothing")
    void notFound() {
        assertThatThrownBy(() -> store.update(draft("ghost", "Ghost").version(1).build()))
                .isInstanceOf(EmployeeNotFoundException.class)
                .satisfies(e -> assertThat(((EmployeeNotFoundException) e).id()).isEqualTo("ghost"));
        assertThat(store.get("ghost")).isEmpty();
        assertThat(store.count()).isZero();
    }

    @Test
    @DisplayName("§4.1.3 update: the given timestamps are ignored")
    void ignoresGivenTimestamps() {
        Employee created = store.create(full("u-3"));
        clock.advance(Duration.ofSeconds(3));
        Employee updated = store.update(created.toBuilder().createdAt(Instant.parse("1999-01-01T00:00:00Z"))
                .updatedAt(Instant.parse("1999-01-01T00:00:00Z")).build());
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(now());
    }

    @Test
    @DisplayName("§4.1.2 update: every write adds one to the version")
    void versionsGrow() {
        Employee e = store.create(full("u-4"));
        for (int i = 0; i < 5; i++) {
            e = store.update(e.toBuilder().attribute("n", AttributeValue.of(i)).build());
        }
        assertThat(e.version()).isEqualTo(6);
        assertThat(store.get("u-4").orElseThrow().version()).isEqualTo(6);
    }

    @Test
    @DisplayName("§4.1.2, §4.13.2 versions stop at Limits.MAX_VERSION (2^53-1): importAll keeps the bound and reports"
            + " what is above it; update, put, patch and transact of an employee at the bound are rejected (field"
            + " version), nothing written, never wrapped")
    void versionUpperBound() {
        Instant t = now();
        Employee atBound = full("max-1").toBuilder().version(Limits.MAX_VERSION).createdAt(t).updatedAt(t).build();
        Employee below = full("max-0").toBuilder().version(Limits.MAX_VERSION - 1).createdAt(t).updatedAt(t).build();
        Employee above = full("max-2").toBuilder().version(Limits.MAX_VERSION + 1).createdAt(t).updatedAt(t).build();
        Employee wrapped = full("max-3").toBuilder().version(Long.MAX_VALUE).createdAt(t).updatedAt(t).build();
        ImportResult result = store.importAll(List.of(atBound, below, above, wrapped));
        assertThat(result.failures()).as(at("importAll reports the versions above the bound"))
                .extracting(ImportResult.Failure::id).containsExactly("max-2", "max-3");
        assertThat(result.written()).as(at("importAll writes the versions up to the bound")).isEqualTo(2);

        Employee last = store.update(below.toBuilder().jobTitle("Last write").build());
        assertThat(last.version()).as(at("the last write reaches the bound")).isEqualTo(Limits.MAX_VERSION);
        assertRejected("version", "update(max-0) at the bound", () -> store.update(last.toBuilder()
                .jobTitle("One too many").build()));
        assertRejected("version", "update(max-1) at the bound", () -> store.update(atBound.toBuilder()
                .jobTitle("One too many").build()));
        assertRejected("version", "put(max-1) at the bound", () -> store.put(atBound.toBuilder()
                .jobTitle("One too many").build()));
        assertRejected("version", "patch(max-1) at the bound", () -> store.patch("max-1", Limits.MAX_VERSION,
                p -> p.jobTitle("One too many")));
        assertRejected("version", "patch(max-0) at the bound, after the last write", () -> store.patch("max-0",
                Limits.MAX_VERSION, p -> p.attribute("extra", AttributeValue.of(1))));
        assertRejected("expectedVersion", "patch(max-1, bound + 1)", () -> store.patch("max-1",
                Limits.MAX_VERSION + 1, p -> p.jobTitle("One too many")));
        assertThat(store.patch("max-1", Limits.MAX_VERSION, EmployeePatch.empty()))
                .as(at("a patch that changes nothing at the bound writes nothing and returns the stored employee"))
                .isEqualTo(atBound);
        assertRejected("version", "update(max-1) with a version above the bound", () -> store.update(atBound
                .toBuilder().version(Limits.MAX_VERSION + 1).build()));
        assertRejected("expectedVersion", "delete(max-1, bound + 1)", () -> store.delete("max-1",
                Limits.MAX_VERSION + 1));
        if (capabilities().contains(io.github.employeestore.Capability.TRANSACTIONS)) {
            assertRejected("version", "transact(put max-1) at the bound", () -> store.transact(w -> {
                w.create(draft("max-new", "New").build());
                w.put(atBound.toBuilder().jobTitle("Tx").build());
            }));
            assertRejected("version", "transact(update max-1) at the bound", () -> store.transact(w -> {
                w.create(draft("max-new", "New").build());
                w.update(atBound.toBuilder().jobTitle("Tx").build());
            }));
            assertRejected("version", "transact(patch max-1) at the bound", () -> store.transact(w -> {
                w.create(draft("max-new", "New").build());
                w.patch("max-1", Limits.MAX_VERSION, EmployeePatch.of(p -> p.jobTitle("Tx")));
            }));
        }
        assertThat(store.get("max-1")).as(at("the employee at the bound reads back exactly: nothing was written over"
                + " it")).contains(atBound);
        store.delete("max-1", Limits.MAX_VERSION);
        assertThat(store.get("max-1")).as(at("a versioned delete at the bound works")).isEmpty();
    }
}
