package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.Limits;
import io.github.employeestore.VersionConflictException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TCK group "patch" (partial updates); run through {@link EmployeeStoreTck}. */
abstract class PatchGroup extends TckGroup {
    private static final AttributeValue PRECISE = AttributeValue.number("12345678901234567890123456789012345678");

    PatchGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§4.18.1, §4.1.2, §4.1.3 patch: changes only the named fields and attributes; version + 1, createdAt kept,"
            + " updatedAt from the clock")
    void patchesNamedFieldsOnly() {
        Employee created = store.create(full("p-1").toBuilder().attribute("precise", PRECISE).build());
        clock.advance(Duration.ofMinutes(5));
        Employee patched = store.patch("p-1", 1, p -> p.jobTitle("Lead").location(null)
                .removeAttribute("team").attribute("level", AttributeValue.of(8)).removeAttribute("absent"));
        Employee expected = created.toBuilder().jobTitle("Lead").location(null).removeAttribute("team")
                .attribute("level", AttributeValue.of(8)).version(2).updatedAt(now()).build();
        assertThat(patched).as(at("patch result")).isEqualTo(expected);
        assertThat(store.get("p-1")).as(at("stored after patch")).contains(expected);
        Employee again = store.patch("p-1", 2, p -> p.location("Remote").jobTitle(""));
        // an update at the second patch's version succeeds and counts on from 3: that patch stored and returned 3
        assertThat(store.update(again.toBuilder().fullName("Updated").build()).version())
                .as(at("an update after a second patch")).isEqualTo(4);
    }

    @Test
    @DisplayName("§4.18.1, §3.3.1, §3.1.7 patch: every core field and every attribute kind, nested, round-trip")
    void patchesEveryFieldAndKind() {
        store.create(draft("p-2", "Before").attribute("keep", PRECISE).build());
        Map<AttributeValue.Kind, AttributeValue> kinds = DataWrittenByOthersGroup.oneOfEachKind();
        EmployeePatch.Builder b = EmployeePatch.builder().fullName("Grace Hopper").jobTitle("Rear Admiral")
                .location("Arlington").photoKey("photos/p-2.png").badges(List.of("Zeta", "navy", "\u00e4"));
        kinds.forEach((kind, value) -> b.attribute("k_" + kind.name().toLowerCase(java.util.Locale.ROOT), value)
                .attribute("nested_" + kind.name().toLowerCase(java.util.Locale.ROOT),
                        AttributeValue.of(Map.of("v", value, "l", AttributeValue.ofList(value)))));
        EmployeePatch patch = b.build();
        Employee patched = store.patch("p-2", 1, patch);
        Employee expected = patch.applyTo(store.get("p-2").orElseThrow());
        assertThat(patched).as(at("patch of every field and kind")).isEqualTo(expected);
        assertThat(patched.attributes()).as(at("an attribute the patch did not name")).containsEntry("keep", PRECISE);
        Employee cleared = store.patch("p-2", 2, p -> p.badges(List.of()).photoKey(null).jobTitle(null));
        assertThat(store.get("p-2")).contains(cleared);
        assertThat(cleared.badges()).isEmpty();
        assertThat(cleared.photoKey()).isNull();
    }

    @Test
    @DisplayName("§4.18.3, §5.2 patch: another version gives VersionConflictException with both versions; nothing written")
    void patchVersionConflict() {
        Employee created = store.create(full("p-3"));
        Employee v2 = store.patch("p-3", 1, p -> p.jobTitle("Second"));
        assertThatThrownBy(() -> store.patch("p-3", 1, p -> p.location("Stale")))
                .isInstanceOf(VersionConflictException.class)
                .satisfies(e -> {
                    VersionConflictException c = (VersionConflictException) e;
                    assertThat(c.id()).isEqualTo("p-3");
                    assertThat(c.expectedVersion()).isEqualTo(1);
                    c.actualVersion().ifPresent(actual -> assertThat(actual).isEqualTo(2));
                })
                .hasMessageNotContaining("Stale");
        assertThatThrownBy(() -> store.patch("p-3", 3, EmployeePatch.empty()))
                .as(at("an empty patch still checks the version")).isInstanceOf(VersionConflictException.class);
        assertThat(store.get("p-3")).contains(v2);
        assertThat(created.version()).isEqualTo(1);
    }

    @Test
    @DisplayName("§4.18.3 patch: an absent id gives EmployeeNotFoundException and creates nothing")
    void patchOfAbsentId() {
        for (EmployeePatch patch : List.of(EmployeePatch.of(p -> p.fullName("Ghost")), EmployeePatch.empty())) {
            assertThatThrownBy(() -> store.patch("ghost", 1, patch))
                    .isInstanceOf(EmployeeNotFoundException.class)
                    .satisfies(e -> assertThat(((EmployeeNotFoundException) e).id()).isEqualTo("ghost"));
        }
        assertThatThrownBy(() -> store.patch("ghost", 0, p -> p.fullName("Ghost")))
                .isInstanceOf(EmployeeNotFoundException.class);
        assertThat(store.get("ghost")).isEmpty();
        assertThat(store.count()).isZero();
    }

    @Test
    @DisplayName("§4.18.4, §5.3 patch: a bad id, a negative version, a value that breaks its field's rule or the removal"
            + " of a core field is rejected before the store is read; nothing written")
    void patchValuesValidated() {
        store.create(full("p-4"));
        assertRejected("expectedVersion", "patch(version -1)", () -> store.patch("p-4", -1, p -> p.jobTitle("x")));
        assertRejected("id", "patch(id with a control character)", () -> store.patch("a\u0001", 1, p -> p.jobTitle("x")));
        assertRejected("jobTitle", "patch(job title too long)", () -> store.patch("p-4", 1,
                p -> p.jobTitle("j".repeat(Limits.MAX_JOB_TITLE_LENGTH + 1))));
        assertRejected("jobTitle", "patch(job title too long) of an absent id", () -> store.patch("absent", 1,
                p -> p.jobTitle("j".repeat(Limits.MAX_JOB_TITLE_LENGTH + 1))));
        assertRejected("fullName", "patch(full name null)", () -> store.patch("p-4", 1, p -> p.fullName(null)));
        assertRejected("fullName", "patch(full name blank)", () -> store.patch("p-4", 1, p -> p.fullName("\u3000 ")));
        assertRejected("attributes.full_name", "patch(remove attribute full_name)",
                () -> store.patch("p-4", 1, p -> p.removeAttribute("full_name")));
        assertRejected("attributes.version", "patch(set attribute version)",
                () -> store.patch("p-4", 1, p -> p.attribute("version", AttributeValue.of(9))));
        assertRejected("attributes.bad-name", "patch(remove attribute bad-name)",
                () -> store.patch("p-4", 1, p -> p.removeAttribute("bad-name")));
        assertRejected("attributes.n", "patch(number of 39 digits)",
                () -> store.patch("p-4", 1, p -> p.attribute("n", AttributeValue.number("1".repeat(39)))));
        assertRejected("patch", "patch(null)", () -> store.patch("p-4", 1, (EmployeePatch) null));
    }

    @Test
    @DisplayName("§4.18.4, §3.4.1, §3.1.5 patch: the employee it results in is validated as a whole, item size and attribute"
            + " count included; nothing written")
    void resultValidated() {
        Employee.Builder many = draft("p-5", "Many");
        for (int i = 0; i < Limits.MAX_ATTRIBUTES; i++) {
            many.attribute("a" + i, AttributeValue.of(i));
        }
        Employee full = store.create(many.build());
        assertRejected("attributes", "patch(a 101st attribute)",
                () -> store.patch("p-5", 1, p -> p.attribute("one_more", AttributeValue.of(1))));
        assertThat(store.get("p-5")).contains(full);
        Employee swapped = store.patch("p-5", 1, p -> p.removeAttribute("a0").attribute("one_more",
                AttributeValue.of(1)));
        assertThat(swapped.attributes()).hasSize(Limits.MAX_ATTRIBUTES).containsKey("one_more")
                .doesNotContainKey("a0");

        String half = "x".repeat(Limits.MAX_ITEM_BYTES / 2);
        Employee big = store.create(draft("p-6", "Big").attribute("first", AttributeValue.of(half)).build());
        assertRejected("employee", "patch(a second half of the item limit)",
                () -> store.patch("p-6", 1, p -> p.attribute("second", AttributeValue.of(half))));
        assertThat(store.get("p-6")).as(at("nothing of a rejected patch is written")).contains(big);
        Employee replaced = store.patch("p-6", 1, p -> p.removeAttribute("first")
                .attribute("second", AttributeValue.of(half)));
        assertThat(replaced.attributes()).containsOnlyKeys("second");
    }

    @Test
    @DisplayName("§4.18.5 patch: a patch that changes nothing writes nothing and returns the stored employee")
    void patchChangingNothingWritesNothing() {
        Employee created = store.create(full("p-7"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.patch("p-7", 1, EmployeePatch.empty())).as(at("empty patch")).isEqualTo(created);
        assertThat(store.patch("p-7", 1, p -> p.jobTitle(created.jobTitle()).badges(created.badges())
                .attribute("level", created.attributes().get("level")).removeAttribute("absent")))
                .as(at("a patch of the stored values")).isEqualTo(created);
        assertThat(store.get("p-7")).contains(created);
        assertThat(store.patch("p-7", 1, p -> p.jobTitle("Changed")).version()).isEqualTo(2);
    }

    @Test
    @DisplayName("§4.18.7, §4.1.1 patch: of concurrent patches carrying the same version exactly one succeeds")
    void concurrentPatches() throws InterruptedException {
        store.create(full("p-8"));
        int threads = 8;
        AtomicInteger n = new AtomicInteger();
        List<Object> results = concurrently(threads, () -> store.patch("p-8", 1,
                p -> p.attribute("writer", AttributeValue.of(n.incrementAndGet()))));
        long succeeded = results.stream().filter(Employee.class::isInstance).count();
        assertThat(succeeded).as(at("successful patches of version 1")).isEqualTo(1);
        assertThat(results).filteredOn(r -> !(r instanceof Employee))
                .allSatisfy(r -> assertThat(r).isInstanceOf(VersionConflictException.class));
        Employee stored = store.get("p-8").orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(results).contains(stored);
    }

    @Test
    @DisplayName("§4.18.8, §4.14.1, §4.14.2 patch in transact: applied with the other operations; a failing patch writes"
            + " nothing of the transaction")
    void patchInTransaction() {
        requireCapability(Capability.TRANSACTIONS);
        Employee a = store.create(full("p-9"));
        Employee b = store.create(full("p-10"));
        clock.advance(Duration.ofSeconds(2));
        store.transact(w -> {
            w.patch("p-9", 1, EmployeePatch.of(p -> p.jobTitle("In a transaction").removeAttribute("team")));
            w.update(b.toBuilder().location("Elsewhere").build());
        });
        Employee patched = store.get("p-9").orElseThrow();
        assertThat(patched).isEqualTo(a.toBuilder().jobTitle("In a transaction").removeAttribute("team").version(2)
                .updatedAt(now()).build());
        Employee bNow = store.get("p-10").orElseThrow();
        assertThatThrownBy(() -> store.transact(w -> {
            w.update(bNow.toBuilder().location("Never").build());
            w.patch("p-9", 1, EmployeePatch.of(p -> p.jobTitle("Stale")));
        })).isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> store.transact(w -> {
            w.update(bNow.toBuilder().location("Never").build());
            w.patch("p-absent", 1, EmployeePatch.of(p -> p.jobTitle("Ghost")));
        })).isInstanceOf(EmployeeNotFoundException.class);
        assertRejected("id", "transact(patch with a bad id)", () -> store.transact(w -> {
            w.update(bNow.toBuilder().location("Never").build());
            w.patch("bad\u0000", 1, EmployeePatch.of(p -> p.jobTitle("x")));
        }));
        // both fail: the first failing operation's exception, whichever of the two is the patch
        assertThatThrownBy(() -> store.transact(w -> {
            w.update(bNow.toBuilder().version(7).build());
            w.patch("p-absent", 1, EmployeePatch.of(p -> p.jobTitle("Ghost")));
        })).as(at("a failing update before a failing patch")).isInstanceOfSatisfying(VersionConflictException.class,
                e -> assertThat(e.id()).isEqualTo("p-10"));
        assertThatThrownBy(() -> store.transact(w -> {
            w.patch("p-absent", 1, EmployeePatch.of(p -> p.jobTitle("Ghost")));
            w.update(bNow.toBuilder().version(7).build());
        })).as(at("a failing patch before a failing update")).isInstanceOfSatisfying(EmployeeNotFoundException.class,
                e -> assertThat(e.id()).isEqualTo("p-absent"));
        assertThat(store.get("p-9")).contains(patched);
        assertThat(store.get("p-10")).contains(bNow);
    }

    @Test
    @DisplayName("§4.18.8, §4.18.4, §4.14.3 patch in transact: an employee the patch would make invalid is rejected, nothing"
            + " of the transaction written")
    void invalidResultInTransaction() {
        requireCapability(Capability.TRANSACTIONS);
        String half = "x".repeat(Limits.MAX_ITEM_BYTES / 2);
        Employee big = store.create(draft("p-11", "Big").attribute("first", AttributeValue.of(half)).build());
        Employee other = store.create(full("p-12"));
        assertRejected("employee", "transact(patch over the item size)", () -> store.transact(w -> {
            w.update(other.toBuilder().location("Never").build());
            w.patch("p-11", 1, EmployeePatch.of(p -> p.attribute("second", AttributeValue.of(half))));
        }));
        assertThat(store.get("p-11")).contains(big);
        assertThat(store.get("p-12")).contains(other);
    }
}
