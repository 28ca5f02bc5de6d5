package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.UnreadableEmployeeException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The generated tests' reading actions that page: listings and finds walked page by page with other page sizes
 * and writes in between, cursors taken from elsewhere (another query, another table, the other store) or altered
 * or truncated, and streams consumed partly or wholly.
 */
final class PagingActions {
    private PagingActions() {
    }

    static EmployeeQuery query(Edges g, Differential d) {
        return switch (g.nextInt(4)) {
            case 0 -> EmployeeQuery.byJobTitle(g.pick(d.criteria));
            case 1 -> EmployeeQuery.builder().location(g.pick(d.criteria)).jobTitle(g.pick(d.criteria)).build();
            default -> EmployeeQuery.byLocation(g.pick(d.criteria));
        };
    }

    static Page<Employee> page(EmployeeStore s, EmployeeQuery query, PageRequest request) {
        return query == null ? s.list(request) : s.find(query, request);
    }

    /** Runs one page on both stores and checks it; returns whether the walk goes on. */
    static void page(Differential x, Differential.Walk w, int size, boolean first) {
        String sutCursor = w.sutCursor;
        String modelCursor = w.modelCursor;
        String variable = x.variable();
        Outcome expected = Outcome.of(() -> page(x.model, w.query, first ? PageRequest.first(size)
                : PageRequest.after(modelCursor, size)));
        Outcome actual = Outcome.of(() -> page(x.sut, w.query, first ? PageRequest.first(size)
                : PageRequest.after(sutCursor, size)));
        String call = w.call("store", first ? null : w.variable + ".nextCursor().orElseThrow()", size);
        w.variable = variable;
        x.java("Page<Employee> " + variable + " = " + call + ";  // walk " + w.number + "; reference model: "
                + (expected.threw() ? expected : ((Page<?>) expected.value()).items().size() + " items"
                + (((Page<?>) expected.value()).hasNext() ? ", more" : ", last")));
        w.sutCursor = null;
        if (expected.threw() || actual.threw()) {
            x.agree("§4.16.1, §4.16.3, §4.15.3", call, expected, actual);
            x.walks.remove(w);
            return;
        }
        @SuppressWarnings("unchecked")
        Page<Employee> got = (Page<Employee>) actual.value();
        @SuppressWarnings("unchecked")
        Page<Employee> want = (Page<Employee>) expected.value();
        x.checkShape(got, size, call);
        String clauses = w.query == null ? "§4.9.1, §4.9.4, §4.1.4" : "§4.10.2, §4.10.3, §4.1.4";
        for (Employee e : got.items()) {
            Employee now = SingleActions.stored(x, e.id());
            x.check(e.equals(now), clauses, call + ": returned " + Outcome.describe(e) + ", but the reference model "
                    + "holds " + Outcome.describe(now));
            x.check(w.query == null || w.query.matches(e), "§4.10.1", call + ": returned a non-match "
                    + JavaSource.literal(e.id()));
            boolean repeated = !w.seen.add(e.id());
            x.check(!repeated || (w.query != null && !w.throughout.containsKey(e.id())), clauses,
                    call + ": " + JavaSource.literal(e.id()) + " was already on an earlier page of walk " + w.number);
            w.items.add(e);
        }
        if (!w.disturbed) {
            x.check(got.items().size() == want.items().size() && got.hasNext() == want.hasNext(), clauses,
                    call + ": " + got.items().size() + " items" + (got.hasNext() ? " and more" : ", last page")
                            + ", but the reference model's page at the same position has " + want.items().size()
                            + (want.hasNext() ? " and more" : ", last page"));
        }
        if (got.hasNext() && want.hasNext()) {
            w.sutCursor = got.nextCursor().get();
            w.modelCursor = want.nextCursor().get();
            if (!x.walks.contains(w)) {
                x.walks.add(w);
            }
            return;
        }
        x.walks.remove(w);
        if (!got.hasNext()) {
            for (String id : w.throughout.keySet()) {
                x.check(w.seen.contains(id), clauses, call + ": walk " + w.number + " ended without "
                        + JavaSource.literal(id) + ", which was there throughout");
            }
            if (!w.disturbed) {
                x.check(w.seen.equals(w.atStart), clauses, call + ": walk " + w.number + " returned " + w.seen.size()
                        + " employees, the reference model holds " + w.atStart.size());
                if (w.query != null) {
                    x.checkNameOrder(w.items, call);
                }
            }
        }
    }

    /** Starts a listing or a find at a page size at the edges (invalid ones included). */
    static final class StartWalk implements Action {
        private int walks;

        public int weight() {
            return 6;
        }

        public Step next(Edges g, Differential d) {
            EmployeeQuery query = d.capabilities.contains(Capability.QUERIES) && g.chance(40) ? query(g, d) : null;
            int size = g.pageSize();
            int number = walks++;
            return x -> {
                Differential.Walk w = new Differential.Walk(number, query);
                if (x.schemaExists()) {
                    for (Employee e : x.model.stream().toList()) {
                        if (query == null || query.matches(e)) {
                            w.atStart.add(e.id());
                            w.throughout.put(e.id(), e.fullName());
                        }
                    }
                }
                page(x, w, size, true);
            };
        }
    }

    /** Continues an open walk with another page size. */
    static final class ContinueWalk implements Action {
        public int weight() {
            return 10;
        }

        public boolean applies(Differential d) {
            return d.hasOpenWalk();
        }

        public Step next(Edges g, Differential d) {
            int number = g.pick(d.walks).number;
            int size = g.pageSize();
            return x -> x.walk(number).ifPresent(w -> page(x, w, size, false));
        }
    }

    /**
     * A cursor used where it does not belong: altered, truncated, a list cursor given to find and back, a find
     * cursor given other criteria, another table's, the other store's. Each must be rejected (§4.16.3); both stores
     * get the same misuse of their own cursors, and must agree.
     */
    static final class ForeignCursor implements Action {
        public int weight() {
            return 4;
        }

        public boolean applies(Differential d) {
            return d.hasOpenWalk();
        }

        public Step next(Edges g, Differential d) {
            int number = g.pick(d.walks).number;
            int kind = g.nextInt(6);
            EmployeeQuery other = query(g, d);
            int position = g.nextInt(1000);
            int size = 1 + g.nextInt(3);
            return x -> x.walk(number).ifPresent(w -> {
                boolean queries = x.capabilities.contains(Capability.QUERIES);
                String[] cursors = {w.sutCursor, w.modelCursor};
                EmployeeQuery target = w.query;
                String how;
                switch (kind) {
                    case 0 -> {
                        how = "altered";
                        for (int i = 0; i < 2; i++) {
                            cursors[i] = alter(cursors[i], position);
                        }
                    }
                    case 1 -> {
                        how = "truncated";
                        for (int i = 0; i < 2; i++) {
                            cursors[i] = cursors[i].substring(0, cursors[i].length() / 2);
                        }
                    }
                    case 2 -> {
                        how = w.query == null ? "a list cursor given to find" : "a find cursor given to list";
                        target = w.query == null ? (queries ? other : null) : null;
                        if (w.query == null && !queries) {
                            return;
                        }
                    }
                    case 3 -> {
                        how = "another table's";
                        String[] foreign = w.query == null ? x.otherTables.listCursors() : x.otherTables.findCursors();
                        cursors[0] = foreign[0];
                        cursors[1] = foreign[1];
                    }
                    case 4 -> {
                        how = "the other store's (the reference model's for the store under test, and back)";
                        cursors[0] = w.modelCursor;
                        cursors[1] = w.sutCursor;
                    }
                    default -> {
                        if (w.query == null || other.equals(w.query)) {
                            return;
                        }
                        how = "a find cursor given other criteria";
                        target = other;
                    }
                }
                EmployeeQuery q = target;
                String sutCursor = cursors[0];
                String modelCursor = cursors[1];
                String call = (q == null ? "store.list(" : "store.find(" + Differential.query(q) + ", ")
                        + "PageRequest.after(" + JavaSource.literal(sutCursor) + ", " + size + "))";
                Outcome expected = Outcome.of(() -> page(x.model, q, PageRequest.after(modelCursor, size)));
                Outcome actual = Outcome.of(() -> page(x.sut, q, PageRequest.after(sutCursor, size)));
                x.java(call + ";  // " + how + " cursor of walk " + w.number + "; reference model: " + expected);
                if (expected.threw() || actual.threw()) {
                    x.agree("§4.16.3", call + " (" + how + " cursor)", expected, actual);
                } else {
                    x.check(false, "§4.16.3", call + ": " + how + " cursor was accepted by both stores");
                }
            });
        }

        /** Changes one character of the cursor's first half to another URL-safe character. */
        static String alter(String cursor, int position) {
            int at = position % Math.max(1, cursor.length() / 2);
            char c = cursor.charAt(at);
            char replacement = c == 'A' ? 'B' : c == '-' ? '_' : 'A';
            return cursor.substring(0, at) + replacement + cursor.substring(at + 1);
        }
    }

    /** {@code stream()} and {@code stream(consumer)}, consumed wholly or only partly. */
    static final class Streams implements Action {
        public int weight() {
            return 4;
        }

        public Step next(Edges g, Differential d) {
            boolean consumer = g.chance(50);
            long limit = g.chance(50) ? Long.MAX_VALUE : g.nextInt(4);
            if (g.chance(30)) {
                return lazy(g, d, consumer);
            }
            return x -> {
                AtomicInteger reported = new AtomicInteger();
                java.util.function.Function<EmployeeStore, Object> call = s -> {
                    try (Stream<Employee> stream = consumer
                            ? s.stream((UnreadableEmployeeException u) -> reported.incrementAndGet()) : s.stream()) {
                        return new ArrayList<>(stream.limit(limit).toList());
                    }
                };
                String java = "store.stream(" + (consumer ? "unreadable -> {}" : "") + ")"
                        + (limit == Long.MAX_VALUE ? "" : ".limit(" + limit + ")") + ".toList()";
                Outcome expected = Outcome.of(() -> call.apply(x.model));
                Outcome actual = Outcome.of(() -> call.apply(x.sut));
                x.java(java + ";  // reference model: " + (expected.threw() ? expected
                        : ((List<?>) expected.value()).size() + " employees"));
                if (expected.threw() || actual.threw()) {
                    x.agree("§4.11.1, §4.15.3", java, expected, actual);
                    return;
                }
                x.check(reported.get() == 0, "§3.6.2", java + ": reported unreadable employees where none was written");
                @SuppressWarnings("unchecked")
                List<Employee> got = (List<Employee>) actual.value();
                @SuppressWarnings("unchecked")
                List<Employee> want = (List<Employee>) expected.value();
                if (limit == Long.MAX_VALUE) {
                    x.sameEmployees("§4.11.1, §3.1.7", java, got, want);
                    if (x.listingOrder != null) {
                        x.check(TckGroup.ids(got).equals(x.listingOrder), "§4.11.1, §4.9.2",
                                java + ": streamed in another order than the listing");
                    }
                } else {
                    x.check(got.size() == want.size(), "§4.11.1", java + ": " + got.size() + " employees, the "
                            + "reference model streams " + want.size());
                    List<Employee> stored = new ArrayList<>();
                    got.forEach(e -> stored.add(SingleActions.stored(x, e.id())));
                    x.sameEmployees("§4.11.1, §3.1.7", java, got, stored);
                }
            };
        }

        /**
         * A stream opened, then a write (a put or a delete of a pool id), then the stream consumed wholly: nothing
         * was read before, so the stream must reflect the write (§4.11.2).
         */
        private static Step lazy(Edges g, Differential d, boolean consumer) {
            String id = g.pick(d.ids);
            Employee e = g.employee(id, d.criteria);
            boolean delete = g.chance(30);
            return x -> {
                x.touchEmployee(e);
                x.touchEmployee(SingleActions.stored(x, id));
                x.wrote();
                java.util.function.Function<EmployeeStore, Object> call = s -> {
                    try (Stream<Employee> stream = consumer ? s.stream(u -> { }) : s.stream()) {
                        Outcome write = Outcome.of(() -> delete ? s.delete(id) : s.put(e));
                        return List.of(write, new ArrayList<>(stream.toList()));
                    }
                };
                String java = "try (Stream<Employee> s = store.stream(" + (consumer ? "unreadable -> { }" : "")
                        + ")) { " + (delete ? "store.delete(" + JavaSource.literal(id) + ")"
                        : "store.put(" + JavaSource.literal(e) + ")") + "; s.toList(); }";
                Outcome expected = Outcome.of(() -> call.apply(x.model));
                Outcome actual = Outcome.of(() -> call.apply(x.sut));
                x.java(java + ";  // reference model: " + (expected.threw() ? expected : "the write, then "
                        + ((List<?>) ((List<?>) expected.value()).get(1)).size() + " employees"));
                if (expected.threw() || actual.threw()) {
                    x.agree("§4.11.2, §4.15.3", java, expected, actual);
                    return;
                }
                List<?> got = (List<?>) actual.value();
                List<?> want = (List<?>) expected.value();
                x.agree("§4.6.1, §4.6.2, §4.7.1", java, (Outcome) want.get(0), (Outcome) got.get(0));
                @SuppressWarnings("unchecked")
                List<Employee> streamed = (List<Employee>) got.get(1);
                @SuppressWarnings("unchecked")
                List<Employee> stored = (List<Employee>) want.get(1);
                x.sameEmployees("§4.11.2", java + ": a stream opened before the write, consumed after it", streamed,
                        stored);
            };
        }
    }
}
