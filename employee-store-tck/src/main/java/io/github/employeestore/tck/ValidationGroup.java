package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Violation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TCK group "validation and bad input"; run through {@link EmployeeStoreTck}. */
abstract class ValidationGroup extends TckGroup {
    ValidationGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§5.3, §5.6 InvalidInputException: every violation is reported at once, by field, without values; nothing written")
    void allViolationsAtOnce() {
        String secret = "SECRET-" + "s".repeat(200);
        Employee bad = draft("v", secret).jobTitle("j".repeat(201)).badges(List.of("b".repeat(65)))
                .attribute("1bad", AttributeValue.of(1)).build();
        assertThatThrownBy(() -> store.create(bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining("SECRET")
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(Violation::field)
                        .contains("fullName", "jobTitle", "attributes").anyMatch(f -> f.startsWith("badges")));
        assertThat(store.count()).isZero();
    }

    @Test
    @DisplayName("§3.1.2 fullName: required and not blank")
    void fullNameRequired() {
        assertRejected("fullName", () -> store.create(draft("v", null).build()));
        assertRejected("fullName", () -> store.create(draft("v", "").build()));
        assertRejected("fullName", () -> store.create(draft("v", "   \t ").build()));
        assertRejected("fullName", () -> store.put(draft("v", null).build()));
    }

    @Test
    @DisplayName("§3.1.1 id: null, empty, control characters and outer whitespace are rejected by every method")
    void badIds() {
        List<String> bad = List.of("", " lead", "trail ", "tab\tinside", "new\nline", "nul\u0000", "bell\u0007",
                "del\u007F", "c1\u0085", "\u0001");
        for (String id : bad) {
            assertRejected("id", () -> store.create(draft(id, "N").build()));
            assertRejected("id", () -> store.put(draft(id, "N").build()));
            assertRejected("id", () -> store.get(id));
            assertRejected("id", () -> store.delete(id));
            assertRejected("id", () -> store.delete(id, 1));
            assertRejected("ids", () -> store.getAll(List.of("ok", id)));
        }
        assertRejected("id", () -> store.get(null));
        assertRejected("id", () -> store.delete(null));
        assertRejected("id", () -> store.put(draft(null, "N").build()));
        assertRejected("id", () -> store.update(draft(null, "N").version(1).build()));
    }

    @Test
    @DisplayName("§4.5.4, §4.8.4, §4.1.5 update: an invalid change is rejected and the stored employee is unchanged")
    void invalidUpdate() {
        Employee e = store.create(full("iu"));
        assertRejected("fullName", () -> store.update(e.toBuilder().fullName("x".repeat(201)).build()));
        assertRejected("version", () -> store.update(e.toBuilder().version(-1).build()));
        assertRejected("expectedVersion", () -> store.delete("iu", -1));
        // 0 is the version of a stored item that has none (data written by others): a conflict here
        assertThatThrownBy(() -> store.update(e.toBuilder().version(0).build()))
                .isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> store.delete("iu", 0)).isInstanceOf(VersionConflictException.class);
        assertThat(store.get("iu")).contains(e);
    }

    @Test
    @DisplayName("§3.2.2, §3.2.3 text: U+0000 and unpaired surrogates are rejected in every text field")
    void malformedText() {
        assertRejected("fullName", () -> store.create(draft("m", "a\u0000b").build()));
        assertRejected("fullName", () -> store.create(draft("m", "a\uD800b").build()));
        assertRejected("location", () -> store.create(draft("m", "N").location("\uDC00").build()));
        assertRejected("id", () -> store.create(draft("a\uD83D", "N").build()));
        assertRejected("badges", () -> store.create(draft("m", "N").badge("x\u0000").build()));
        assertRejected("attributes.t", () -> store.create(draft("m", "N")
                .attribute("t", AttributeValue.of("\uD800")).build()));
        assertRejected("attributes.t", () -> store.create(draft("m", "N")
                .attribute("t", AttributeValue.of(Map.of("k\u0000", AttributeValue.of(1)))).build()));
    }

    @Test
    @DisplayName("§3.1.5 model: null badges or attribute values are rejected with InvalidInputException")
    void nullsInCollections() {
        // the builder's own rejection of nulls is the API's (its EmployeeTest); a store must reject what gets past it
        assertThatThrownBy(() -> store.create(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.importAll(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.getAll(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    @DisplayName("§5.3 InvalidInputException: a violation names the exact path — ids[i], badges[i], attributes.name[i], attributes.name{i}")
    void violationPaths() {
        assertPath("ids[1]", () -> store.getAll(List.of("ok", "bad\u0001")));
        assertPath("ids[2]", () -> store.getAll(List.of("ok", "fine", " bad")));
        assertPath("badges[1]", () -> store.create(draft("p", "N").badges(List.of("a", "b\u0000")).build()));
        assertPath("badges[2]", () -> store.create(draft("p", "N").badges(List.of("a", "b", "c\u0000")).build()));
        assertPath("attributes.v[1]", () -> store.create(draft("p", "N").attribute("v",
                AttributeValue.ofList(AttributeValue.of("ok"), AttributeValue.of("\u0000"))).build()));
        assertPath("attributes.v[2]", () -> store.create(draft("p", "N").attribute("v",
                AttributeValue.ofList(AttributeValue.of("ok"), AttributeValue.of(1), AttributeValue.of("\u0000")))
                .build()));
        Map<String, AttributeValue> map = new java.util.TreeMap<>();
        map.put("a", AttributeValue.of(1));
        map.put("b", AttributeValue.of(2));
        map.put("c", AttributeValue.of("\u0000"));
        assertPath("attributes.v{2}", () -> store.create(draft("p", "N").attribute("v", AttributeValue.of(map))
                .build()));
    }

    private void assertPath(String path, org.junit.jupiter.api.function.Executable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as(at("a call with a bad %s", path)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(Violation::field).as(at("the violations' fields"))
                        .contains(path));
    }
}
