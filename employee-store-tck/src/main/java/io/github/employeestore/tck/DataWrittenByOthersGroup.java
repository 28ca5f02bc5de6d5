package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.VersionConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInfo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Optional group: items and rows written by other code (another application, a database console), planted through
 * the backend's {@link ForeignItems} hook and checked through the public API. Skipped with the reason when the
 * backend's TCK subclass does not implement {@link EmployeeStoreTck#foreignItems}. Cases the backend's storage
 * cannot hold at all are skipped one by one.
 */
abstract class DataWrittenByOthersGroup extends TckGroup {
    private static final String CREATED = "2020-01-02T03:04:05.006Z";
    private ForeignItems foreign;

    DataWrittenByOthersGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @BeforeEach
    final void requireHook(TestInfo test) {
        foreign = kit.foreignItems(kit.store);
        skipIf(test, foreign == null, "this backend's TCK subclass offers no ForeignItems hook (optional group "
                + "\"data written by others\"), so the group is skipped");
    }

    /** One value of each of the ten kinds, with contents that catch lossy mappings. */
    static Map<AttributeValue.Kind, AttributeValue> oneOfEachKind() {
        Map<AttributeValue.Kind, AttributeValue> values = new LinkedHashMap<>();
        values.put(AttributeValue.Kind.TEXT, AttributeValue.of("t\u00e9xt \uD83D\uDE00"));
        values.put(AttributeValue.Kind.NUMBER, AttributeValue.number("12345678901234567890123456789012345678"));
        values.put(AttributeValue.Kind.BOOLEAN, AttributeValue.of(false));
        values.put(AttributeValue.Kind.NULL, AttributeValue.ofNull());
        values.put(AttributeValue.Kind.BINARY, AttributeValue.of(new byte[] {0, -1, 7, (byte) 0x80}));
        values.put(AttributeValue.Kind.LIST, AttributeValue.ofList(AttributeValue.of(1), AttributeValue.ofNull(),
                AttributeValue.of(new byte[] {1})));
        values.put(AttributeValue.Kind.MAP, AttributeValue.of(Map.of("k", AttributeValue.ofNull(),
                "$b", AttributeValue.of("not a tag"))));
        values.put(AttributeValue.Kind.TEXT_SET, AttributeValue.textSet("b", "a", "\u00e4"));
        values.put(AttributeValue.Kind.NUMBER_SET, AttributeValue.numberSet(List.of(new BigDecimal("1.5"),
                new BigDecimal("-2E+30"))));
        values.put(AttributeValue.Kind.BINARY_SET, AttributeValue.binarySet(List.of(new byte[] {1},
                new byte[] {2, 3})));
        return values;
    }

    private static Map<String, AttributeValue> base(String id) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", AttributeValue.of(id));
        item.put("full_name", AttributeValue.of("Name " + id));
        item.put("location", AttributeValue.of("Planted City"));
        item.put("version", AttributeValue.of(1));
        item.put("created_at", AttributeValue.of(CREATED));
        item.put("updated_at", AttributeValue.of(CREATED));
        return item;
    }

    private void plantOrSkip(Map<String, AttributeValue> item) {
        assumeTrue(foreign.plant(item), "this backend's storage cannot hold the planted item");
    }

    @TestFactory
    @DisplayName("§3.6.1, §3.3.1 data written by others: every attribute kind, top-level and nested in a list and a map, is kept"
            + " unchanged by update, put, transact and importAll of another field")
    Stream<DynamicTest> everyKindIsKept(TestInfo test) {
        // each kind's test has the factory as its source, so that reports (and the self-test) name the TCK method
        java.net.URI source = java.net.URI.create("method:" + test.getTestClass().orElseThrow().getName()
                + "#everyKindIsKept");
        return factoryOr(() -> oneOfEachKind().entrySet().stream().map(kind -> DynamicTest.dynamicTest(kind.getKey().name(), source, () -> {
            String id = "kind-" + kind.getKey().name().toLowerCase(java.util.Locale.ROOT);
            AttributeValue v = kind.getValue();
            Map<String, AttributeValue> item = base(id);
            item.put("top", v);
            item.put("inList", AttributeValue.ofList(v, AttributeValue.of("after")));
            item.put("inMap", AttributeValue.of(Map.of("k", v, "z", AttributeValue.of("after"))));
            plantOrSkip(item);
            Map<String, AttributeValue> planted = flexible(foreign.read(id));
            assertThat(planted).as(at("the hook reads back what it planted")).containsEntry("top", v);

            // what get reads of each kind is checked by the update and the importAll below, which write back what it read
            Employee read = store.get(id).orElseThrow();
            Employee updated = store.update(read.toBuilder().jobTitle("Changed").build());
            assertKept(id, planted, "update");
            assertThat(foreign.read(id)).as(at("the update of %s stored its job title", id))
                    .containsEntry("job_title", AttributeValue.of("Changed"));

            store.put(updated.toBuilder().location("Put City").build());
            assertKept(id, planted, "put");
            if (capabilities().contains(Capability.TRANSACTIONS)) {
                Employee current = store.get(id).orElseThrow();
                store.transact(w -> w.update(current.toBuilder().jobTitle("In a transaction").build()));
                assertKept(id, planted, "transact");
            }
            io.github.employeestore.ImportResult imported = store.importAll(List.of(store.get(id).orElseThrow()));
            // written + failures = attempted (ImportResult's invariant): one written means no failure
            assertThat(imported.written()).as(at("importAll of %s read back: written (failures: %s)", id,
                    imported.failures())).isEqualTo(1);
            assertKept(id, planted, "importAll");
            Employee last = store.get(id).orElseThrow();
            store.update(last.toBuilder().removeAttribute("top").build());
            assertThat(foreign.read(id)).as(at("an attribute the caller removed is removed")).doesNotContainKey("top");
        })));
    }

    @Test
    @DisplayName("§4.18.2, §3.6.1 data written by others: a patch keeps what another program wrote, without a version,"
            + " between the read and the patch")
    void patchKeepsConcurrentForeignWrites() {
        Map<String, AttributeValue> item = base("patch-other");
        item.put("top", AttributeValue.textSet("b", "a"));
        plantOrSkip(item);
        Employee read = store.get("patch-other").orElseThrow();
        item.put("location", AttributeValue.of("Moved by another program"));
        item.put("added_by_other", AttributeValue.of(42));
        plantOrSkip(item);
        Employee patched = store.patch("patch-other", read.version(), p -> p.jobTitle("Lead").removeAttribute("top"));
        Map<String, AttributeValue> stored = foreign.read("patch-other");
        assertThat(stored).as("the other program's writes are kept")
                .containsEntry("location", AttributeValue.of("Moved by another program"))
                .containsEntry("added_by_other", AttributeValue.of(42))
                .containsEntry("job_title", AttributeValue.of("Lead"))
                .containsEntry("created_at", AttributeValue.of(CREATED))
                .doesNotContainKey("top");
        assertThat(patched.version()).isEqualTo(2);
        assertThat(store.get("patch-other")).as("patch returns the employee as stored").contains(patched);
    }

    @Test
    @DisplayName("§4.18.6, §3.6.3 data written by others: an item without a version is patched at version 0, once")
    void patchOfAnItemWithoutVersion() {
        Map<String, AttributeValue> item = base("patch-unversioned");
        item.remove("version");
        item.remove("created_at");
        plantOrSkip(item);
        assertThat(store.get("patch-unversioned").orElseThrow().version()).isZero();
        Employee patched = store.patch("patch-unversioned", 0, p -> p.jobTitle("First"));
        assertThat(patched.version()).isEqualTo(1);
        assertThat(patched.createdAt()).as("createdAt where none was stored").isEqualTo(now());
        assertThat(foreign.read("patch-unversioned")).containsEntry("location", AttributeValue.of("Planted City"))
                .containsEntry("job_title", AttributeValue.of("First"));
        assertThatThrownBy(() -> store.patch("patch-unversioned", 0, p -> p.jobTitle("Second")))
                .isInstanceOf(io.github.employeestore.VersionConflictException.class);
        assertThat(store.get("patch-unversioned")).contains(patched);
    }

    private void assertKept(String id, Map<String, AttributeValue> planted, String after) {
        assertThat(flexible(foreign.read(id))).as(at("flexible attributes of %s after %s", id, after))
                .isEqualTo(planted);
    }

    private static Map<String, AttributeValue> flexible(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(item);
        out.keySet().removeAll(Set.of("id", "full_name", "job_title", "location", "badges", "photo_key", "version",
                "created_at", "updated_at"));
        return out;
    }

    /** The kinds of item the model cannot read, each with the attribute its exception must name. */
    static Map<String, Map<String, AttributeValue>> unreadableItems() {
        Map<String, Map<String, AttributeValue>> bad = new LinkedHashMap<>();
        bad.put("bad-created-iso", with(base("bad-created-iso"), "created_at",
                AttributeValue.of("2024-01-02T03:04:05.123456")));
        bad.put("bad-created-number", with(base("bad-created-number"), "created_at",
                AttributeValue.of(1700000000000L)));
        bad.put("bad-version-text", with(base("bad-version-text"), "version", AttributeValue.of("3")));
        bad.put("bad-version-fraction", with(base("bad-version-fraction"), "version", AttributeValue.number("1.5")));
        bad.put("bad-version-negative", with(base("bad-version-negative"), "version", AttributeValue.of(-4)));
        bad.put("bad-version-above-max", with(base("bad-version-above-max"), "version",
                AttributeValue.of(Long.MAX_VALUE)));
        bad.put("bad-job-title-number", with(base("bad-job-title-number"), "job_title", AttributeValue.of(42)));
        bad.put("bad-badges-number", with(base("bad-badges-number"), "badges", AttributeValue.of(5)));
        Map<String, AttributeValue> noName = base("bad-no-full-name");
        noName.remove("full_name");
        bad.put("bad-no-full-name", noName);
        return bad;
    }

    private static String attributeOf(String caseId) {
        return caseId.contains("created") ? "created_at" : caseId.contains("version") ? "version"
                : caseId.contains("job-title") ? "job_title" : caseId.contains("badges") ? "badges" : "full_name";
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String name,
                                                    AttributeValue value) {
        item.put(name, value);
        return item;
    }

    @Test
    @DisplayName("§3.6.2 data written by others: an unreadable item gets a typed exception naming id and attribute from"
            + " get, is reported (never hidden, never hiding others) by list, stream, getAll and find, is counted,"
            + " and delete works on it")
    void unreadableItemsAreReported() {
        List<Employee> good = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            good.add(store.create(draft(String.format("good%02d", i), "Good " + i).location("Planted City")
                    .build()));
        }
        Set<String> bad = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, AttributeValue>> c : unreadableItems().entrySet()) {
            if (foreign.plant(c.getValue())) {
                bad.add(c.getKey());
            }
        }
        assumeTrue(!bad.isEmpty(), "this backend's storage can hold none of the unreadable items");
        for (String id : bad) {
            assertThatThrownBy(() -> store.get(id)).as(id)
                    .isInstanceOfSatisfying(UnreadableEmployeeException.class, e -> {
                        assertThat(e.id()).isEqualTo(id);
                        assertThat(e.attribute()).isEqualTo(attributeOf(id));
                        assertThat(e.getMessage()).contains(id).doesNotContain("2024-01-02", "1700000000000",
                                "1.5", "-4", "42", "9223372036854775807");
                    });
        }
        Set<String> goodIds = good.stream().map(Employee::id).collect(Collectors.toSet());

        List<String> listed = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        Page<Employee> page = store.list(PageRequest.first(5));
        while (true) {
            assertThat(page.items().size() + page.unreadable().size()).as("a page's size counts unreadable items")
                    .isLessThanOrEqualTo(5);
            if (page.hasNext()) {
                assertThat(page.items().size() + page.unreadable().size()).isEqualTo(5);
            }
            page.items().forEach(e -> listed.add(e.id()));
            page.unreadable().forEach(u -> reported.add(u.id()));
            if (!page.hasNext()) {
                break;
            }
            page = store.list(PageRequest.after(page.nextCursor().orElseThrow(), 5));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(goodIds);
        assertThat(reported).containsExactlyInAnyOrderElementsOf(bad);

        List<String> streamedBad = new ArrayList<>();
        try (Stream<Employee> s = store.stream(u -> streamedBad.add(u.id()))) {
            assertThat(s.map(Employee::id).toList()).containsExactlyInAnyOrderElementsOf(goodIds);
        }
        assertThat(streamedBad).containsExactlyInAnyOrderElementsOf(bad);
        assertThat(store.stream().map(Employee::id).toList()).containsExactlyInAnyOrderElementsOf(goodIds);

        List<String> ids = new ArrayList<>(goodIds);
        ids.addAll(bad);
        List<String> batchBad = new ArrayList<>();
        assertThat(store.getAll(ids, u -> batchBad.add(u.id())).keySet()).containsExactlyInAnyOrderElementsOf(goodIds);
        assertThat(batchBad).containsExactlyInAnyOrderElementsOf(bad);
        assertThat(store.getAll(ids).keySet()).containsExactlyInAnyOrderElementsOf(goodIds);

        if (capabilities().contains(Capability.QUERIES)) {
            List<String> found = new ArrayList<>();
            List<String> foundBad = new ArrayList<>();
            pageThrough(r -> store.find(EmployeeQuery.byLocation("Planted City"), r), 4, found, foundBad);
            assertThat(found).containsExactlyInAnyOrderElementsOf(goodIds);
            Set<String> indexed = new LinkedHashSet<>(bad);
            indexed.remove("bad-no-full-name");
            assertThat(foundBad).as("find reports the unreadable items in its index (an item without full_name is "
                    + "in none)").containsExactlyInAnyOrderElementsOf(indexed);
        }

        assertThat(store.count()).isEqualTo(goodIds.size() + bad.size());
        for (String id : bad) {
            assertThat(store.delete(id)).as("delete(%s)", id).isTrue();
            assertThat(foreign.read(id)).isEmpty();
        }
        assertThat(store.count()).isEqualTo(goodIds.size());
    }

    @Test
    @DisplayName("§3.6.3 data written by others: an item without version or timestamps reads as version 0 and is "
            + "updatable; the first write is conditioned on the version being absent and stamps it")
    void itemWithoutVersionIsUpdatable() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", AttributeValue.of("nv1"));
        item.put("full_name", AttributeValue.of("No Version"));
        item.put("location", AttributeValue.of("Seattle"));
        plantOrSkip(item);
        Map<String, AttributeValue> second = new LinkedHashMap<>(item);
        second.put("id", AttributeValue.of("nv2"));
        assertThat(foreign.plant(second)).isTrue();

        Employee read = store.get("nv1").orElseThrow();
        assertThat(read).as(at("get of an item without version or timestamps: version, createdAt"))
                .extracting(Employee::version, Employee::createdAt).containsExactly(0L, null);
        Employee updated = store.update(read.toBuilder().jobTitle("Engineer").build());
        assertThat(updated).as(at("its first update: version 1, createdAt stamped from the clock"))
                .extracting(Employee::version, Employee::createdAt).containsExactly(1L, now());
        assertThat(foreign.read("nv1")).containsEntry("version", AttributeValue.of(1))
                .containsEntry("job_title", AttributeValue.of("Engineer")).containsKey("created_at");
        assertThatThrownBy(() -> store.update(read.toBuilder().jobTitle("Stale").build()))
                .isInstanceOf(VersionConflictException.class);
        assertThat(store.get("nv1")).contains(updated);

        assertThat(store.put(store.get("nv2").orElseThrow().toBuilder().jobTitle("Put").build()).version())
                .isEqualTo(1);
        assertThat(foreign.plant(second)).isTrue();
        store.delete("nv2", 0);
        assertThat(store.get("nv2")).isEmpty();
    }

    @Test
    @DisplayName("§4.16.2, §4.9.1, §4.10.2, §3.6.2 data written by others: ids longer than the model allows (up to the"
            + " backend's key limit) never break a listing: list and find continue after them, page by page")
    void longForeignIdsPageThrough() {
        List<String> planted = new ArrayList<>();
        StringBuilder astral = new StringBuilder();
        while (astral.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                < io.github.employeestore.Limits.MAX_STORED_ID_BYTES) {
            astral.appendCodePoint(0x1F600 + planted.size() + astral.length() % 50);
        }
        for (String id : List.of("m".repeat(200), "n".repeat(io.github.employeestore.Limits.MAX_STORED_ID_BYTES),
                astral.toString(), "o".repeat(io.github.employeestore.Limits.MAX_ID_LENGTH + 1))) {
            Map<String, AttributeValue> item = base(id);
            item.put("full_name", AttributeValue.of("Long id of " + id.length() + " units"));
            if (foreign.plant(item)) {
                planted.add(id);
            }
        }
        assumeTrue(!planted.isEmpty(), "this backend's storage holds no id longer than the model's "
                + io.github.employeestore.Limits.MAX_ID_LENGTH + " characters");
        for (int i = 0; i < 6; i++) {
            store.create(draft("long" + i, "Name " + (char) ('a' + i)).location("Planted City").build());
        }
        Set<String> expected = new LinkedHashSet<>(planted);
        for (int i = 0; i < 6; i++) {
            expected.add("long" + i);
        }
        for (int size : new int[] {1, 2, 3}) {
            List<String> seen = new ArrayList<>();
            pageThrough(store::list, size, seen, seen);
            assertThat(seen).as(at("list with pages of %d: every item once, the long ids included", size))
                    .containsExactlyInAnyOrderElementsOf(expected);
            if (capabilities().contains(Capability.QUERIES)) {
                List<String> found = new ArrayList<>();
                pageThrough(r -> store.find(EmployeeQuery.byLocation("Planted City"), r), size, found, found);
                assertThat(found).as(at("find with pages of %d: every match once, the long ids included", size))
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    @DisplayName("§4.1.2, §3.6.2 data written by others: an item with a version above Limits.MAX_VERSION is unreadable,"
            + " and a put over it is rejected (field version), never wrapped; importAll replaces it")
    void foreignVersionAboveTheBound() {
        Map<String, AttributeValue> item = with(base("v-max"), "version", AttributeValue.of(Long.MAX_VALUE));
        plantOrSkip(item);
        assertThatThrownBy(() -> store.get("v-max")).as(at("get of a version above the bound"))
                .isInstanceOfSatisfying(UnreadableEmployeeException.class, e -> assertThat(e.attribute())
                        .isEqualTo("version"));
        Employee replacement = draft("v-max", "Replaced").build();
        assertThatThrownBy(() -> store.put(replacement)).as(at("put over a version above the bound"))
                .isInstanceOfSatisfying(io.github.employeestore.InvalidInputException.class, e -> assertThat(
                        e.violations()).extracting(io.github.employeestore.Violation::field).contains("version"));
        assertThat(foreign.read("v-max")).as(at("the rejected put wrote nothing")).containsEntry("version",
                AttributeValue.of(Long.MAX_VALUE)).containsEntry("full_name", AttributeValue.of("Name v-max"));
        java.time.Instant t = java.time.Instant.parse(CREATED);
        Employee imported = replacement.toBuilder().version(7).createdAt(t).updatedAt(t).build();
        assertThat(store.importAll(List.of(imported)).isComplete()).as(at("importAll replaces it")).isTrue();
        assertThat(store.get("v-max")).contains(imported);
    }

    /**
     * Reads every page of a listing or a query, collecting the ids of the readable and of the unreadable employees.
     * Each cursor is passed back through {@link PageRequest#after}, which rejects one longer than
     * {@link io.github.employeestore.Limits#MAX_CURSOR_LENGTH} (§4.16.2): the test then fails with that error.
     */
    private void pageThrough(java.util.function.Function<PageRequest, Page<Employee>> read, int size,
                             List<String> readable, List<String> unreadable) {
        Page<Employee> page = read.apply(PageRequest.first(size));
        while (true) {
            page.items().forEach(e -> readable.add(e.id()));
            page.unreadable().forEach(u -> unreadable.add(u.id()));
            if (!page.hasNext()) {
                return;
            }
            page = read.apply(PageRequest.after(page.nextCursor().orElseThrow(), size));
        }
    }
}
