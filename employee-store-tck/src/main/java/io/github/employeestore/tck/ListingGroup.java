package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.spi.CursorCodec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TCK group "listing and cursors"; run through {@link EmployeeStoreTck}. */
abstract class ListingGroup extends TckGroup {
    ListingGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§4.9.1, §4.16.2 list: 1,037 employees in pages of 100 — every one exactly once, full pages but the last")
    void pagesOfHundred() {
        Set<String> expected = new HashSet<>(ids(seed(1037, "l")));
        List<Employee> all = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Page<Employee> page = store.list(PageRequest.first(100));
        while (true) {
            assertPageShape(page, 100);
            sizes.add(page.items().size());
            all.addAll(page.items());
            if (page.nextCursor().isEmpty()) {
                break;
            }
            page = store.list(PageRequest.after(page.nextCursor().get(), 100));
        }
        assertThat(new HashSet<>(ids(all))).isEqualTo(expected);
        // ten full pages, and the 11th is the last (assertPageShape allows no next cursor on a page of 37): 1,037 items
        // for the 1,037 ids above, so none is repeated
        assertThat(sizes).isEqualTo(List.of(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 37));
    }

    @Test
    @DisplayName("§4.9.2 list: the order is stable; items read by list equal those read by get")
    void stableOrder() {
        seed(120, "o");
        List<Employee> first = listAll(store, 7);
        List<Employee> second = listAll(store, 50);
        assertThat(ids(second)).isEqualTo(ids(first));
        assertThat(first.get(17)).isEqualTo(store.get(first.get(17).id()).orElseThrow());
    }

    @Test
    @DisplayName("§4.9.3 list: an empty store gives one empty last page")
    void emptyStore() {
        Page<Employee> page = store.list(PageRequest.first(10));
        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    @DisplayName("§4.16.1 PageRequest: a cursor may be continued with another page size")
    void otherPageSize() {
        Set<String> expected = new HashSet<>(ids(seed(300, "z")));
        List<Employee> all = new ArrayList<>();
        Page<Employee> page = store.list(PageRequest.first(100));
        all.addAll(page.items());
        page = store.list(PageRequest.after(page.nextCursor().orElseThrow(), 7));
        int seven = page.items().size();
        all.addAll(page.items());
        page = store.list(PageRequest.after(page.nextCursor().orElseThrow(), 1000));
        assertThat(page.nextCursor()).isEmpty();
        all.addAll(page.items());
        assertThat(new HashSet<>(ids(all))).isEqualTo(expected);
        // 300 items for the 300 ids above, so none is repeated
        assertThat(List.of(all.size() - seven - page.items().size(), seven, page.items().size()))
                .as(at("page sizes: 100, then 7, then the remaining 193")).isEqualTo(List.of(100, 7, 193));
    }

    @Test
    @DisplayName("§4.16.1 PageRequest: the page sizes at both ends, 1 and 1,000, are served (PageRequest itself rejects"
            + " the others)")
    void pageSizeLimits() {
        // sizes outside 1 to 1,000 cannot be requested: PageRequest rejects them (the API module's PageRequestTest)
        createMany(3, "ps");
        assertThat(store.list(PageRequest.first(1)).items()).hasSize(1);
        assertThat(store.list(PageRequest.first(1000)).items()).hasSize(3);
    }

    @Test
    @DisplayName("§4.16.3 cursors: a tampered cursor is rejected with InvalidInputException, never a wrong page")
    void tamperedCursor() {
        createMany(30, "t");
        String cursor = store.list(PageRequest.first(10)).nextCursor().orElseThrow();
        List<String> tampered = new ArrayList<>();
        for (int i = 0; i < cursor.length(); i++) {
            char c = cursor.charAt(i);
            char other = c == 'A' ? 'B' : 'A';
            tampered.add(cursor.substring(0, i) + other + cursor.substring(i + 1));
        }
        tampered.add(cursor.substring(0, cursor.length() - 1));
        tampered.add(cursor.substring(1));
        tampered.add(cursor + "A");
        tampered.add(cursor + cursor);
        tampered.add("not a cursor at all");
        tampered.add("AAAAAAAAAAAAAAAAAAAAAAAA");
        tampered.add("%00");
        tampered.add("x");
        for (String bad : tampered) {
            assertThatThrownBy(() -> store.list(PageRequest.after(bad, 10)))
                    .as("tampered cursor %s", bad)
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    @DisplayName("§4.16.3 cursors: a well-formed cursor of another backend is rejected with InvalidInputException")
    void foreignBackendCursor() {
        List<Employee> created = createMany(30, "f");
        String foreign = CursorCodec.forStore("tck-foreign-backend", "employees")
                .encodeList(List.of(created.get(9).id()));
        assertThatThrownBy(() -> store.list(PageRequest.after(foreign, 10)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    @DisplayName("§4.16.3, §4.15.1 cursors: a cursor of the same backend on another table is rejected with InvalidInputException")
    void otherTableCursor() {
        EmployeeStore other = newStoreOnOtherTable(clock);
        for (int i = 0; i < 30; i++) {
            other.create(draft(String.format("x%05d", i), "N").build());
            create(String.format("x%05d", i));
        }
        String cursor = other.list(PageRequest.first(10)).nextCursor().orElseThrow();
        assertThatThrownBy(() -> store.list(PageRequest.after(cursor, 10)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(listAll(other, 10)).hasSize(30);
    }

    @Test
    @DisplayName("§4.16.3 cursors: list and find cursors are not interchangeable; a find cursor is bound to its query")
    void cursorBoundToQuery() {
        requireCapability(Capability.QUERIES);
        for (int i = 0; i < 30; i++) {
            store.create(draft(String.format("q%05d", i), "Name " + i).location(i % 2 == 0 ? "Oslo" : "Rome")
                    .jobTitle("Dev").build());
        }
        String listCursor = store.list(PageRequest.first(5)).nextCursor().orElseThrow();
        String findCursor = store.find(EmployeeQuery.byLocation("Oslo"), PageRequest.first(5)).nextCursor()
                .orElseThrow();
        assertThatThrownBy(() -> store.find(EmployeeQuery.byLocation("Oslo"), PageRequest.after(listCursor, 5)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.list(PageRequest.after(findCursor, 5)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.find(EmployeeQuery.byLocation("Rome"), PageRequest.after(findCursor, 5)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.find(EmployeeQuery.byJobTitle("Dev"), PageRequest.after(findCursor, 5)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.find(EmployeeQuery.builder().location("Oslo").jobTitle("Dev").build(),
                PageRequest.after(findCursor, 5))).isInstanceOf(InvalidInputException.class);
        String bothCursor = store.find(EmployeeQuery.builder().location("Oslo").jobTitle("Dev").build(),
                PageRequest.first(5)).nextCursor().orElseThrow();
        assertThat(catchThrowable(() -> store.find(EmployeeQuery.builder().location("Oslo").jobTitle("Ops").build(),
                PageRequest.after(bothCursor, 5)))).as(at("a cursor of find(Oslo, Dev) given to find(Oslo, Ops)"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(store.find(EmployeeQuery.byLocation("Oslo"), PageRequest.after(findCursor, 5)).items())
                .hasSize(5);
    }

    @Test
    @DisplayName("§4.9.4 list: employees added or deleted between pages never make a page repeat or skip one that existed throughout")
    void keysetUnderChange() {
        List<String> initial = ids(seed(300, "k"));
        Page<Employee> page = store.list(PageRequest.first(100));
        List<String> order = new ArrayList<>(ids(listAll(store, 1000)));
        // delete the last item of the page just read, a few already seen and a few not yet seen
        Set<String> deleted = new HashSet<>();
        for (String id : List.of(page.items().get(99).id(), page.items().get(0).id(), order.get(150),
                order.get(151), order.get(299))) {
            store.delete(id);
            deleted.add(id);
        }
        // add new employees whose ids fall everywhere in the key space
        for (int i = 0; i < 40; i++) {
            create("k" + String.format("%05d", i * 7) + "+");
            create("a" + i);
            create("zz" + i);
        }
        List<String> all = new ArrayList<>(ids(page.items()));
        String cursor = page.nextCursor().orElseThrow();
        while (cursor != null) {
            Page<Employee> next = store.list(PageRequest.after(cursor, 100));
            all.addAll(ids(next.items()));
            cursor = next.nextCursor().orElse(null);
        }
        assertThat(all).as("no employee is listed twice").doesNotHaveDuplicates();
        Set<String> throughout = new HashSet<>(initial);
        throughout.removeAll(deleted);
        assertThat(all).as("every employee that existed throughout is listed").containsAll(throughout);
    }

    @Test
    @DisplayName("§4.16.2, §4.9.1, §4.10.2 cursors: the longest ids and names page correctly and their cursors stay within Limits.MAX_CURSOR_LENGTH (4,200) characters; a page that ends with the data has no cursor")
    void longestPositions() {
        String emoji = "\uD83D\uDE00";
        List<String> ids = new ArrayList<>();
        for (char c = 'a'; c <= 'c'; c++) {
            String id = emoji.repeat(127) + c;
            ids.add(id);
            store.create(draft(id, emoji.repeat(199) + c).location(emoji.repeat(200)).build());
        }
        assertThat(ids(listAll(store, 1))).as(at("list in pages of 1 of 3 employees with 128-character ids"))
                .containsExactlyInAnyOrderElementsOf(ids);
        if (capabilities().contains(Capability.QUERIES)) {
            assertThat(ids(findAll(EmployeeQuery.byLocation(emoji.repeat(200)), 1)))
                    .as(at("find in pages of 1, by names of 200 characters")).isEqualTo(ids);
        }
        seed(197, "end");
        Page<Employee> first = store.list(PageRequest.first(100));
        Page<Employee> second = store.list(PageRequest.after(first.nextCursor().orElseThrow(), 100));
        assertThat(second.items()).as(at("the second page of 100 of 200 employees")).hasSize(100);
        assertThat(second.nextCursor()).as(at("the page that ends where the 200 employees end is the last"))
                .isEmpty();
    }

    @Test
    @DisplayName("§4.19.1 estimatedCount: never negative, on an empty table and after writes; a missing table gives"
            + " StoreConfigurationException")
    void estimatedCount() {
        assertThat(store.estimatedCount()).as(at("estimate of an empty table")).isNotNegative();
        createMany(3, "est-");
        store.delete("est-00000");
        assertThat(store.estimatedCount()).as(at("estimate after 3 creates and a delete")).isNotNegative();
        store.schema().drop();
        assertThatThrownBy(store::estimatedCount).as(at("estimate of a dropped table"))
                .isInstanceOf(io.github.employeestore.StoreConfigurationException.class);
        store.schema().create();
        assertThat(store.estimatedCount()).isNotNegative();
    }
}
