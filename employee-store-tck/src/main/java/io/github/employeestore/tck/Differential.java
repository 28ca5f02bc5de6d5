package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.spi.CodePointOrder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The store under test and the reference model side by side, for one generated sequence: runs each call on both,
 * compares the outcomes, and after every step compares the observable state (every touched id by {@code get},
 * {@code count}, and after a write the whole listing, the finds of the touched locations and job titles, and, with
 * {@code SEARCH}, the whole directory in the search order when an id or a name in it changed). It
 * also holds the open paged walks, each with the cursor of the store under test and the model's cursor for the
 * same position, since cursors are opaque and backend-specific.
 *
 * <p>What the contract leaves to the backend is compared as the contract says: a listing's order is the backend's
 * (every employee exactly once; the order is compared only with the same backend's earlier listings), ties of a
 * find are in any stable order, a {@code null} id gets the id the store under test chose (the model is given it),
 * and a version conflict's stored version only where both know it.
 *
 * <p>Not thread-safe.
 */
final class Differential {
    static final Pattern UUID_V4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    final EmployeeStore sut;
    final EmployeeStore model;
    final TckClock sutClock;
    final TckClock modelClock;
    final Set<Capability> capabilities;
    final List<String> ids;
    final List<String> criteria;
    final OtherTables otherTables;
    final List<Walk> walks = new ArrayList<>();
    /** The sequence as Java, each line rendered only when it is printed (rendering every outcome costs much). */
    private final List<java.util.function.Supplier<String>> source = new ArrayList<>();
    private final Set<String> touched = new LinkedHashSet<>();
    private final Set<String> touchedCriteria = new LinkedHashSet<>();
    private boolean wrote;
    private int variables;
    /** The ids in the order of the last whole listing of the store under test, while no write has happened since. */
    List<String> listingOrder;

    /** The other tables' cursors (§4.16.3), taken once per test. */
    interface OtherTables {
        /** @return a list cursor of another table of the store under test, and one of the model's other table */
        String[] listCursors();

        /** @return a find cursor (location "Seattle") of another table, and one of the model's */
        String[] findCursors();
    }

    Differential(EmployeeStore sut, TckClock sutClock, EmployeeStore model, TckClock modelClock,
                 Set<Capability> capabilities, List<String> ids, List<String> criteria, OtherTables otherTables) {
        this.sut = sut;
        this.model = model;
        this.sutClock = sutClock;
        this.modelClock = modelClock;
        this.capabilities = capabilities;
        this.ids = ids;
        this.criteria = criteria;
        this.otherTables = otherTables;
    }

    /** A paged listing or find in progress, with both stores' cursors for the same position. */
    static final class Walk {
        final int number;
        final EmployeeQuery query;
        String sutCursor;
        String modelCursor;
        /** The Java variable holding the walk's last page. */
        String variable;
        boolean disturbed;
        final Set<String> seen = new HashSet<>();
        final List<Employee> items = new ArrayList<>();
        /** The ids present (and, for a find, matching with the same full name) since the walk began. */
        final Map<String, String> throughout = new HashMap<>();
        final Set<String> atStart = new HashSet<>();

        Walk(int number, EmployeeQuery query) {
            this.number = number;
            this.query = query;
        }

        String call(String store, String cursorExpression, int size) {
            String page = cursorExpression == null ? "PageRequest.first(" + size + ")"
                    : "PageRequest.after(" + cursorExpression + ", " + size + ")";
            return query == null ? store + ".list(" + page + ")" : store + ".find(" + query(query) + ", " + page + ")";
        }
    }

    static String query(EmployeeQuery q) {
        return "EmployeeQuery.builder()" + q.location().map(l -> ".location(" + JavaSource.literal(l) + ")").orElse("")
                + q.jobTitle().map(t -> ".jobTitle(" + JavaSource.literal(t) + ")").orElse("") + ".build()";
    }

    // ---------------------------------------------------------------------------------------------- recording

    void java(String statement) {
        source.add(() -> statement);
    }

    /** Records a line of Java rendered only if the sequence is printed. */
    void java(java.util.function.Supplier<String> statement) {
        source.add(statement);
    }

    /** @return the sequence as Java; a view whose lines are rendered as they are read */
    List<String> javaSource() {
        return new java.util.AbstractList<>() {
            @Override
            public String get(int index) {
                return source.get(index).get();
            }

            @Override
            public int size() {
                return source.size();
            }
        };
    }

    String variable() {
        return "p" + variables++;
    }

    void touch(String id) {
        if (id != null) {
            touched.add(id);
        }
    }

    void touchAll(Iterable<String> touchedIds) {
        touchedIds.forEach(this::touch);
    }

    void touchEmployee(Employee e) {
        if (e != null) {
            touch(e.id());
            if (e.location() != null) {
                touchedCriteria.add("L" + e.location());
            }
            if (e.jobTitle() != null) {
                touchedCriteria.add("T" + e.jobTitle());
            }
        }
    }

    /** Marks the step as a write of the id: it, and the location and job title it has now, are checked after it. */
    void writes(String id) {
        touchEmployee(SingleActions.stored(this, id));
        touch(id);
        wrote();
    }

    boolean hasOpenWalk() {
        return !walks.isEmpty();
    }

    /** @return the open walk of that number, if it is still open */
    java.util.Optional<Walk> walk(int number) {
        return walks.stream().filter(w -> w.number == number).findFirst();
    }

    /** Marks the step as a write: open walks are disturbed, the listing order is re-read, the whole state compared. */
    void wrote() {
        wrote = true;
        listingOrder = null;
        walks.forEach(w -> w.disturbed = true);
    }

    // ---------------------------------------------------------------------------------------------- comparing

    /**
     * Runs the call on both stores and fails unless the outcomes agree.
     *
     * @param javaCall the call as Java, on {@code store}, e.g. {@code store.get("a")}
     * @param clauses  the clauses the comparison checks, for the failure message
     * @return the store under test's outcome
     */
    Outcome both(String javaCall, String clauses, Function<EmployeeStore, Object> call) {
        Outcome expected = Outcome.of(() -> call.apply(model));
        Outcome actual = Outcome.of(() -> call.apply(sut));
        source.add(() -> javaCall + ";  // reference model: " + shorten(expected.toString()));
        agree(clauses, javaCall, expected, actual);
        return actual;
    }

    void agree(String clauses, String what, Outcome expected, Outcome actual) {
        if (!actual.agrees(expected)) {
            fail(clauses, what + "\n      store under test " + shorten(actual.toString())
                    + (actual.threw() ? " (\"" + shorten(String.valueOf(actual.error().message())) + "\")" : "")
                    + "\n      reference model  " + shorten(expected.toString()));
        }
    }

    static String shorten(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "... (" + s.length() + " characters)";
    }

    void fail(String clauses, String message) {
        throw new AssertionError("[" + clauses + "] " + message);
    }

    void check(boolean condition, String clauses, String message) {
        if (!condition) {
            fail(clauses, message);
        }
    }

    boolean schemaExists() {
        return model.schema().exists();
    }

    // ---------------------------------------------------------------------------------------------- state

    /** After a step: the walks' bookkeeping, then the observable state of both stores compared. */
    void afterStep() {
        for (Walk w : walks) {
            w.throughout.entrySet().removeIf(e -> {
                Employee now = schemaExists() ? model.get(e.getKey()).orElse(null) : null;
                return now == null || (w.query != null && (!w.query.matches(now) || !now.fullName().equals(e.getValue())));
            });
        }
        for (String id : touched) {
            both("store.get(" + JavaSource.literal(id) + ")", "§4.1.4, §4.1.5, §4.3.1", s -> s.get(id));
        }
        if (wrote && fullCheckDue()) {
            compareWholeState();
        } else if (small()) {
            both("store.count()", "§4.1.4, §4.1.5, §4.12.1", EmployeeStore::count);
        }
        criteriaSinceFullCheck.addAll(touchedCriteria);
        touched.clear();
        touchedCriteria.clear();
        wrote = false;
    }

    /**
     * Whether this write is followed by the comparison of the whole state: always while the table is small; on
     * every {@value #FULL_CHECK_EVERY}th write once it holds more than {@value #SMALL_TABLE} employees (a listing of
     * hundreds of employees at the item-size limit after every write would cost minutes on a slow target).
     */
    private boolean fullCheckDue() {
        writesSinceFullCheck++;
        if (small() || writesSinceFullCheck >= FULL_CHECK_EVERY) {
            writesSinceFullCheck = 0;
            return true;
        }
        return false;
    }

    /** Whether the table holds at most {@value #SMALL_TABLE} employees (a count is a scan on some backends). */
    private boolean small() {
        try {
            return model.count() <= SMALL_TABLE;
        } catch (RuntimeException e) {
            return true;
        }
    }

    static final int SMALL_TABLE = 60;
    static final int FULL_CHECK_EVERY = 8;
    private int writesSinceFullCheck;
    private final Set<String> criteriaSinceFullCheck = new LinkedHashSet<>();

    /**
     * The whole listing, and the finds of the locations and job titles touched since the last such comparison: one
     * location, one job title, and both together (the rest are covered by the next writes that touch them).
     */
    void compareWholeState() {
        both("store.count()", "§4.1.4, §4.1.5, §4.12.1", EmployeeStore::count);
        compareListing();
        criteriaSinceFullCheck.addAll(touchedCriteria);
        if (capabilities.contains(Capability.QUERIES)) {
            String location = criteriaSinceFullCheck.stream().filter(c -> c.charAt(0) == 'L').findFirst().orElse(null);
            String title = criteriaSinceFullCheck.stream().filter(c -> c.charAt(0) == 'T').findFirst().orElse(null);
            compareFind(location == null ? null : location.substring(1), null);
            compareFind(null, title == null ? null : title.substring(1));
            if (location != null && title != null) {
                compareFind(location.substring(1), title.substring(1));
            }
        }
        criteriaSinceFullCheck.clear();
        if (capabilities.contains(Capability.SEARCH) && directoryChanged()) {
            both("SearchActions.walk(store, null, 1000)", "§4.20.3, §4.20.6, §4.20.7",
                    s -> SearchActions.walk(s, null, 1000));
        }
    }

    /**
     * Whether the directory (the ids and full names in the search order) differs from the one at the last
     * comparison of the whole directory, or the model cannot list it: the whole directory is compared only then.
     * A page of the directory costs a request per directory partition on some backends; a write that keeps every
     * name is checked by the {@code get} of the ids it touched, and by the searches and directory walks that follow.
     */
    private boolean directoryChanged() {
        List<String> now;
        try {
            now = SearchActions.walk(model, null, 1000).stream().map(e -> e.id() + '\u0000' + e.fullName()).toList();
        } catch (RuntimeException e) {
            lastDirectory = null;
            return true;
        }
        boolean changed = !now.equals(lastDirectory);
        lastDirectory = now;
        return changed;
    }

    private List<String> lastDirectory;

    private void compareFind(String location, String title) {
        if (location == null && title == null) {
            return;
        }
        EmployeeQuery q;
        try {
            q = EmployeeQuery.builder().location(location).jobTitle(title).build();
        } catch (io.github.employeestore.InvalidInputException e) {
            return; // a criterion no valid employee can hold (too long, malformed)
        }
        compareFind(q);
    }

    /** The whole listing of both stores, every employee exactly once, equal as sets. */
    void compareListing() {
        Outcome expected = Outcome.of(() -> model.stream().toList());
        Outcome actual = Outcome.of(() -> walkAll(sut, null, 1000));
        java("// whole listing compared: reference model " + (expected.threw() ? expected : ((List<?>) expected.value()).size() + " employees"));
        if (expected.threw() || actual.threw()) {
            agree("§4.1.4, §4.15.3", "the whole listing", expected, actual);
            return;
        }
        @SuppressWarnings("unchecked")
        List<Employee> listed = (List<Employee>) actual.value();
        @SuppressWarnings("unchecked")
        List<Employee> stored = (List<Employee>) expected.value();
        sameEmployees("§4.1.4, §4.9.1, §3.1.7", "the whole listing", listed, stored);
        List<String> order = TckGroup.ids(listed);
        if (listingOrder != null) {
            check(order.equals(listingOrder), "§4.9.2", "listing twice without a write in between gave another order");
        }
        listingOrder = order;
    }

    /** Every match of the query, in full-name order, equal as sets to the model's. */
    void compareFind(EmployeeQuery q) {
        String call = "store.find(" + query(q) + ", ...) (every page)";
        Outcome expected = Outcome.of(() -> walkAll(model, q, 1000));
        Outcome actual = Outcome.of(() -> walkAll(sut, q, 1000));
        java("// " + call + " compared: reference model " + (expected.threw() ? expected
                : ((List<?>) expected.value()).size() + " matches"));
        if (expected.threw() || actual.threw()) {
            agree("§4.10.3, §4.15.3", call, expected, actual);
            return;
        }
        @SuppressWarnings("unchecked")
        List<Employee> found = (List<Employee>) actual.value();
        @SuppressWarnings("unchecked")
        List<Employee> matching = (List<Employee>) expected.value();
        sameEmployees("§4.10.1, §4.10.3", call, found, matching);
        checkNameOrder(found, call);
    }

    void checkNameOrder(List<Employee> found, String call) {
        for (int i = 1; i < found.size(); i++) {
            check(CodePointOrder.COMPARATOR.compare(found.get(i - 1).fullName(), found.get(i).fullName()) <= 0,
                    "§4.10.2, §3.5.1", call + ": not in full-name order (code points) at position " + i);
        }
    }

    void sameEmployees(String clauses, String what, List<Employee> actual, List<Employee> expected) {
        Map<String, Employee> byId = new HashMap<>();
        for (Employee e : actual) {
            check(byId.put(e.id(), e) == null, clauses, what + ": id " + JavaSource.literal(e.id()) + " appears twice");
        }
        Map<String, Employee> want = new HashMap<>();
        expected.forEach(e -> want.put(e.id(), e));
        if (!byId.equals(want)) {
            List<String> differences = new ArrayList<>();
            for (String id : union(byId.keySet(), want.keySet())) {
                if (!java.util.Objects.equals(byId.get(id), want.get(id))) {
                    differences.add(JavaSource.literal(id) + ": store under test "
                            + Outcome.describe(byId.get(id)) + ", reference model " + Outcome.describe(want.get(id)));
                }
            }
            fail(clauses, what + " differs from the reference model:\n      "
                    + shorten(String.join("\n      ", differences)));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(CodePointOrder.COMPARATOR);
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    /** Reads every page of a listing ({@code query} null) or find, checking each page's shape. */
    List<Employee> walkAll(EmployeeStore s, EmployeeQuery query, int size) {
        List<Employee> all = new ArrayList<>();
        Page<Employee> page = query == null ? s.list(PageRequest.first(size)) : s.find(query, PageRequest.first(size));
        while (true) {
            checkShape(page, size, "a walk of every page");
            all.addAll(page.items());
            if (page.nextCursor().isEmpty()) {
                return all;
            }
            PageRequest next = PageRequest.after(page.nextCursor().get(), size);
            page = query == null ? s.list(next) : s.find(query, next);
        }
    }

    void checkShape(Page<Employee> page, int size, String what) {
        check(page.items().size() <= size, "§4.9.1", what + ": a page of size " + size + " has "
                + page.items().size() + " items");
        check(page.items().size() == size || page.nextCursor().isEmpty(), "§4.9.1, §4.10.2",
                what + ": a page of " + page.items().size() + " items, shorter than its size " + size
                        + ", has a next cursor");
        check(page.unreadable().isEmpty(), "§3.6.2", what + ": unreadable items reported where none was written");
        page.nextCursor().ifPresent(c -> check(c.length() <= io.github.employeestore.Limits.MAX_CURSOR_LENGTH
                && c.matches("[A-Za-z0-9_-]+"), "§4.16.2", what + ": the cursor is not URL-safe or longer than "
                + io.github.employeestore.Limits.MAX_CURSOR_LENGTH + " characters: " + c.length()));
    }
}
