package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The name-search actions of the generated tests (capability {@code SEARCH}, CONTRACT §4.20): a search walked page
 * by page, alone or with a location, and the alphabetical directory walked page by page, each compared with the
 * reference model in order (the search order is the contract's, the same on every backend).
 */
final class SearchActions {
    private SearchActions() {
    }

    /** Search texts that meet the generated names ("Ada", "Ådá", "ﬁx", "Émile", ...), and some that break a rule. */
    private static final List<String> TEXTS = List.of("a", "ada", "ADA", "adá", "Ada lov", "lovelace ada", "asa",
            "ÅSA", "fi", "FIX", "emile", "É", "bob", "bob zoe", "zoe", "x", "𐀀", "𠀀", "ａ", "l", "a b c d e f g h",
            "", " - ", "a".repeat(201), "a b c d e f g h i");

    static String text(Edges g, Differential d) {
        if (g.chance(30)) {
            // a prefix of a stored name's first word
            Employee e = SingleActions.stored(d, g.pick(d.ids));
            if (e != null && !e.fullName().isBlank()) {
                String name = e.fullName().strip();
                int end = name.offsetByCodePoints(0, Math.min(1 + g.nextInt(3), name.codePointCount(0,
                        name.length())));
                return name.substring(0, end);
            }
        }
        return g.pick(TEXTS);
    }

    static List<Employee> walk(EmployeeStore s, EmployeeQuery q, int size) {
        return walk(s, q, size, Integer.MAX_VALUE);
    }

    /** The employees of the first {@code pages} pages of a search, or of {@code listByName} when {@code q} is null. */
    static List<Employee> walk(EmployeeStore s, EmployeeQuery q, int size, int pages) {
        List<Employee> all = new ArrayList<>();
        Page<Employee> page = q == null ? s.listByName(PageRequest.first(size)) : s.find(q, PageRequest.first(size));
        all.addAll(page.items());
        for (int read = 1; read < pages && page.nextCursor().isPresent(); read++) {
            PageRequest next = PageRequest.after(page.nextCursor().get(), size);
            page = q == null ? s.listByName(next) : s.find(q, next);
            all.addAll(page.items());
        }
        return all;
    }

    /** {@code find(byName(text))}, sometimes with a location, every page, compared in order. */
    static final class Search implements Action {
        public int weight() {
            return 5;
        }

        @Override
        public boolean applies(Differential d) {
            return d.capabilities.contains(Capability.SEARCH);
        }

        public Step next(Edges g, Differential d) {
            String text = text(g, d);
            String location = g.chance(25) ? g.pick(d.criteria) : null;
            int size = 1 + g.nextInt(4);
            return x -> x.both("SearchActions.walk(store, EmployeeQuery.builder().name(" + JavaSource.literal(text)
                            + ")" + (location == null ? "" : ".location(" + JavaSource.literal(location) + ")")
                            + ".build(), " + size + ")", "§4.20.1, §4.20.2, §4.20.3, §4.20.4, §4.20.5, §4.20.6",
                    s -> walk(s, EmployeeQuery.builder().name(text).location(location).build(), size));
        }
    }

    /** {@code listByName}, its first pages, compared in order. */
    static final class ListByName implements Action {
        public int weight() {
            return 3;
        }

        @Override
        public boolean applies(Differential d) {
            return d.capabilities.contains(Capability.SEARCH);
        }

        /**
         * Up to {@value #MAX_PAGES} pages of 1 to 6: a page of the directory costs a request per directory partition
         * on some backends, and the whole directory is compared after writes anyway ({@link Differential}).
         */
        public Step next(Edges g, Differential d) {
            int size = 1 + g.nextInt(6);
            int pages = 1 + g.nextInt(MAX_PAGES);
            return x -> x.both("SearchActions.walk(store, null, " + size + ", " + pages + ")",
                    "§4.20.3, §4.20.4, §4.20.6, §4.20.7", s -> walk(s, null, size, pages));
        }

        static final int MAX_PAGES = 6;
    }
}
