package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCK group "queries"; run through {@link EmployeeStoreTck}. */
abstract class QueriesGroup extends TckGroup {
    QueriesGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @BeforeEach
    void requireQueries() {
        requireCapability(Capability.QUERIES);
    }

    @Test
    @DisplayName("§4.10.1, §3.5.2 find: by location matches exactly — case, accents and spaces count")
    void byLocationExact() {
        store.create(draft("1", "A").location("Seattle").build());
        store.create(draft("2", "B").location("seattle").build());
        store.create(draft("3", "C").location("SEATTLE").build());
        store.create(draft("4", "D").location("Séattle").build());
        store.create(draft("5", "E").location("Seattle ").build());
        store.create(draft("6", "F").location("Seattle").build());
        store.create(draft("7", "G").build());
        store.create(draft("8", "H").location("Seattl").build());
        assertThat(ids(findAll(EmployeeQuery.byLocation("Seattle"), 10))).containsExactly("1", "6");
        assertThat(ids(findAll(EmployeeQuery.byLocation("seattle"), 10))).containsExactly("2");
        assertThat(ids(findAll(EmployeeQuery.byLocation("Séattle"), 10))).containsExactly("4");
        assertThat(ids(findAll(EmployeeQuery.byLocation("Seattle "), 10))).containsExactly("5");
        assertThat(ids(findAll(EmployeeQuery.byLocation("Seattl%"), 10))).isEmpty();
        assertThat(ids(findAll(EmployeeQuery.byLocation("Nowhere"), 10))).isEmpty();
    }

    @Test
    @DisplayName("§4.10.1, §3.5.2 find: by job title matches exactly")
    void byJobTitleExact() {
        store.create(draft("1", "A").jobTitle("Engineer").build());
        store.create(draft("2", "B").jobTitle("engineer").build());
        store.create(draft("3", "C").jobTitle("Engineer II").build());
        store.create(draft("4", "D").jobTitle("Engineer").location("Oslo").build());
        assertThat(ids(findAll(EmployeeQuery.byJobTitle("Engineer"), 10))).containsExactly("1", "4");
        assertThat(ids(findAll(EmployeeQuery.byJobTitle("Engineer_"), 10))).isEmpty();
    }

    @Test
    @DisplayName("§4.10.1 find: by location and job title together")
    void byBoth() {
        for (int i = 0; i < 60; i++) {
            store.create(draft(String.format("b%03d", i), String.format("Name %03d", i))
                    .location(i % 3 == 0 ? "Oslo" : "Rome").jobTitle(i % 4 == 0 ? "Dev" : "Ops").build());
        }
        List<Employee> found = findAll(EmployeeQuery.builder().location("Oslo").jobTitle("Dev").build(), 3);
        List<String> expected = IntStream.range(0, 60).filter(i -> i % 12 == 0)
                .mapToObj(i -> String.format("b%03d", i)).toList();
        assertThat(ids(found)).isEqualTo(expected);
    }

    @Test
    @DisplayName("§4.10.2, §3.5.1 ordering: find orders by full name in code-point order — accents, CJK, private use, U+10000 and emoji after U+FFFF")
    void codePointOrder() {
        List<String> expectedOrder = List.of(
                "Abe", "Zed", "abe", "zed", "Ängström", "Émile", "Ölaf", "Ω omega", "中村", "\uE000 private use",
                "\uFF21 fullwidth A", "\uFFFD replacement", "\uD800\uDC00 Linear B", "\uD83D\uDE00 grinning",
                "\uD840\uDC00 CJK ext B");
        List<String> shuffled = new ArrayList<>(expectedOrder);
        Collections.shuffle(shuffled, new java.util.Random(7));
        int i = 0;
        for (String name : shuffled) {
            store.create(draft("o" + i++, name).location("Here").build());
        }
        assertThat(names(findAll(EmployeeQuery.byLocation("Here"), 4))).containsExactlyElementsOf(expectedOrder);
        assertThat(names(findAll(EmployeeQuery.byLocation("Here"), 1000)))
                .containsExactlyElementsOf(expectedOrder);
    }

    @Test
    @DisplayName("§4.10.2 find: pages through 250 matches with tied names, each exactly once, in order, with any page size")
    void pagesWithTies() {
        List<String> expectedNames = new ArrayList<>();
        List<Employee> drafts = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String name = "Name " + (char) ('A' + (i % 9));
            expectedNames.add(name);
            drafts.add(draft("t" + i, name).location("Tied").build());
            if (i % 5 == 0) {
                drafts.add(draft("u" + i, name).location("Other").build());
            }
        }
        seed(drafts);
        expectedNames.sort(String::compareTo);
        List<Employee> found = findAll(EmployeeQuery.byLocation("Tied"), 20);
        assertThat(ids(found)).doesNotHaveDuplicates().hasSize(250);
        assertThat(names(found)).isEqualTo(expectedNames);
        assertThat(ids(findAll(EmployeeQuery.byLocation("Tied"), 7))).isEqualTo(ids(found));
    }

    @Test
    @DisplayName("§4.10.3 find: reflects updates and deletes; employees without the field never match")
    void reflectsWrites() {
        Employee a = store.create(draft("a", "A").location("Oslo").build());
        store.create(draft("b", "B").location("Oslo").build());
        store.create(draft("c", "C").build());
        assertThat(ids(findAll(EmployeeQuery.byLocation("Oslo"), 10))).as(at("find(Oslo) before the writes"))
                .containsExactly("a", "b");
        assertThat(findAll(EmployeeQuery.byLocation("Rome"), 10)).as(at("find(Rome) before the writes")).isEmpty();
        store.update(a.toBuilder().location("Rome").build());
        store.delete("b");
        assertThat(findAll(EmployeeQuery.byLocation("Oslo"), 10)).isEmpty();
        assertThat(ids(findAll(EmployeeQuery.byLocation("Rome"), 10))).containsExactly("a");
    }

    @Test
    @DisplayName("§4.10.2, §4.16.2 find: a page shorter than its size is the last page, even when few items match among many; a page ending with the matches has no cursor")
    void sparseMatches() {
        List<Employee> drafts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            drafts.add(draft(String.format("s%04d", i), "Name " + i).location(i % 97 == 0 ? "Rare" : "Common").build());
        }
        seed(drafts);
        Page<Employee> page = store.find(EmployeeQuery.byLocation("Rare"), PageRequest.first(3));
        assertThat(page.items()).hasSize(3);
        Page<Employee> next = store.find(EmployeeQuery.byLocation("Rare"),
                PageRequest.after(page.nextCursor().orElseThrow(), 3));
        assertThat(next.items()).hasSize(2);
        assertThat(next.nextCursor()).isEmpty();
        Page<Employee> exact = store.find(EmployeeQuery.byLocation("Rare"), PageRequest.first(5));
        assertThat(exact.items()).as(at("find(Rare) in a page of 5, the number of matches")).hasSize(5);
        assertThat(exact.nextCursor()).as(at("find(Rare): a page that ends where the matches end is the last"))
                .isEmpty();
    }
}
