package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.Violation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.function.Executable;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The base of every TCK group: the store under test, its clock and the fixtures and assertions the groups share.
 *
 * <p>A group is a package-private abstract class {@code XGroup extends TckGroup} in its own file, holding the tests
 * of one part of the contract; {@link EmployeeStoreTck} runs it through a {@code @Nested} inner class of one line,
 * so every backend's TCK subclass runs every group. To add a group, write the file and add that inner class.
 *
 * <p>Not thread-safe; JUnit creates an instance per test.
 */
abstract class TckGroup {
    /** The kit this group runs in: it opened the store under test and closes every store after the test. */
    final EmployeeStoreTck kit;
    /** The store under test, new for each test (bound from the kit before each test). */
    EmployeeStore store;
    /** The clock the store under test was given; stands still until advanced. */
    TckClock clock;

    TckGroup(EmployeeStoreTck kit) {
        this.kit = kit;
    }

    /** The clauses the running test cites, e.g. {@code "§4.2.3"}, for assertion messages. */
    String clause = "";

    @BeforeEach
    final void bindStoreUnderTest(TestInfo test) {
        store = kit.store;
        clock = kit.clock;
        Matcher m = CITATIONS.matcher(test.getDisplayName());
        clause = m.find() ? m.group(1) : test.getDisplayName();
        String limitation = test.getTestMethod().map(t -> kit.targetLimitations().get(t.getName())).orElse(null);
        skipIf(test, limitation != null, "not run on this target: " + limitation);
    }

    /**
     * The reason the running {@code @TestFactory} is skipped, or null. A factory aborted before it returns its tests
     * would vanish from the test counts (Surefire counts tests, not containers), so a skipped factory returns one
     * test that is skipped with the reason instead ({@link #factoryOr}).
     */
    private String factorySkip;
    /** The running factory, as a JUnit method URI: the skipped test's source, so reports name the factory. */
    private java.net.URI factorySource;

    /** Skips the running test with the reason when the condition holds (a factory: through {@link #factoryOr}). */
    final void skipIf(TestInfo test, boolean condition, String reason) {
        if (condition && test.getTestMethod().map(m -> m.isAnnotationPresent(TestFactory.class)).orElse(false)) {
            factorySkip = reason;
            factorySource = java.net.URI.create("method:" + test.getTestClass().orElseThrow().getName() + "#"
                    + test.getTestMethod().orElseThrow().getName());
            return;
        }
        assumeTrue(!condition, reason);
    }

    /** @return the factory's tests, or, when it is skipped, one test that is skipped with the reason */
    final Stream<DynamicTest> factoryOr(java.util.function.Supplier<Stream<DynamicTest>> tests) {
        if (factorySkip == null) {
            return tests.get();
        }
        String reason = factorySkip;
        return Stream.of(DynamicTest.dynamicTest("skipped: " + reason, factorySource, () -> assumeTrue(false, reason)));
    }

    private static final Pattern CITATIONS = Pattern.compile("^(§[0-9.]+(?:, §[0-9.]+)*) ");

    /**
     * @return an assertion description that names the clause of the running test, then the formatted details
     *         (ids, operations; never large values)
     */
    String at(String format, Object... args) {
        return "[" + clause + "] " + String.format(format, args);
    }

    /** @return the optional capabilities the backend declares */
    final Set<Capability> capabilities() {
        return kit.capabilities();
    }

    /** @return a store of the same backend on another table, closed after the test */
    final EmployeeStore newStoreOnOtherTable(Clock c) {
        return kit.track(kit.newStoreOnOtherTable(c));
    }

    /** Skips (aborts) the test, with the reason, when the backend does not declare the capability. */
    final void requireCapability(Capability capability) {
        assumeTrue(capabilities().contains(capability), () -> "optional capability " + capability
                + " is not declared by this backend; its tests are skipped");
    }

    static Employee.Builder draft(String id, String fullName) {
        return Employee.builder().id(id).fullName(fullName);
    }

    static Employee full(String id) {
        return draft(id, "Ada Lovelace " + id)
                .jobTitle("Engineer")
                .location("Seattle")
                .badges(List.of("mentor", "early-adopter", "Zeta", "ä"))
                .photoKey("photos/" + id + ".jpg")
                .attribute("team", AttributeValue.of("Analytical Engines"))
                .attribute("level", AttributeValue.of(7))
                .attribute("remote", AttributeValue.of(true))
                .attribute("skills", AttributeValue.ofList(AttributeValue.of("math"), AttributeValue.of(false)))
                .attribute("address", AttributeValue.of(Map.of("city", AttributeValue.of("London"),
                        "zip", AttributeValue.number("0012.500"))))
                .build();
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    Employee create(String id) {
        return store.create(draft(id, "Name " + id).build());
    }

    /**
     * Writes n employees {@code prefix00000...} ("Name i") through {@code importAll}, as {@code create} would have
     * stored them (version 1, both timestamps now): the cheap way to fill a table for a test about reading it.
     */
    List<Employee> seed(int n, String prefix) {
        Instant now = now();
        List<Employee> seeded = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            seeded.add(draft(String.format("%s%05d", prefix, i), "Name " + i).version(1).createdAt(now).updatedAt(now)
                    .build());
        }
        assertThat(store.importAll(seeded).failures()).as(at("importAll of %d employees %s... to fill the table", n,
                prefix)).isEmpty();
        return seeded;
    }

    /** Writes the drafts through {@code importAll} as {@code create} would have stored them; returns them. */
    List<Employee> seed(List<Employee> drafts) {
        Instant now = now();
        List<Employee> seeded = drafts.stream().map(d -> d.toBuilder().version(1).createdAt(now).updatedAt(now)
                .build()).toList();
        assertThat(store.importAll(seeded).failures()).as(at("importAll of %d employees to fill the table",
                seeded.size())).isEmpty();
        return seeded;
    }

    List<Employee> createMany(int n, String prefix) {
        List<Employee> created = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            created.add(store.create(draft(String.format("%s%05d", prefix, i), "Name " + i).build()));
        }
        return created;
    }

    static String repeat(String s, int times) {
        return s.repeat(times);
    }

    /** Asserts that the call throws {@link InvalidInputException} naming the field, and wrote nothing. */
    void assertRejected(String field, Executable call) {
        assertRejected(field, "the call", call);
    }

    /**
     * Asserts that the call throws {@link InvalidInputException} with a violation of the field (or of a part of it:
     * {@code field.x}, {@code field[i]}, {@code field{i}}), and wrote nothing.
     *
     * @param what the call, for the message, e.g. {@code "create(id=a)"}
     */
    void assertRejected(String field, String what, Executable call) {
        List<Employee> before = storedState();
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as(at("%s must throw InvalidInputException naming field '%s'", what, field))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).as(at("%s: the violations must name field '%s'", what, field))
                        .anyMatch(f -> f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "[")
                                || f.startsWith(field + "{")));
        assertUnchanged(before, what + " was rejected");
    }

    /** @return every stored employee, in id order: the whole state a rejected call must leave as it was */
    List<Employee> storedState() {
        List<Employee> all = new ArrayList<>(listAll(store, Limits.MAX_PAGE_SIZE));
        all.sort(java.util.Comparator.comparing(Employee::id));
        return all;
    }

    /** Asserts that the stored state (every employee, every field, and the count) is still {@code before}. */
    void assertUnchanged(List<Employee> before, String why) {
        assertThat(storedState()).as(at("%s, so it must write nothing: every stored employee as before", why))
                .isEqualTo(before);
        assertThat(store.count()).as(at("%s, so it must write nothing (count)", why)).isEqualTo(before.size());
    }

    /**
     * Asserts what a conflict says of the stored version: the value when the backend reports it
     * ({@link EmployeeStoreTck#conflictsReportActualVersion()}), else none.
     */
    void assertActualVersion(io.github.employeestore.VersionConflictException conflict, long stored) {
        if (kit.conflictsReportActualVersion()) {
            assertThat(conflict.actualVersion()).as(at("the conflict on %s reports the stored version", conflict.id()))
                    .hasValue(stored);
        } else {
            assertThat(conflict.actualVersion()).as(at("the conflict on %s reports no stored version it does not know",
                    conflict.id())).satisfiesAnyOf(v -> assertThat(v).isEmpty(), v -> assertThat(v).hasValue(stored));
        }
    }

    /** Runs the call and returns what it threw, or null. */
    static Throwable catchThrowable(Executable call) {
        try {
            call.execute();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    List<Employee> listAll(EmployeeStore s, int pageSize) {
        List<Employee> all = new ArrayList<>();
        Page<Employee> page = s.list(PageRequest.first(pageSize));
        assertPageShape(page, pageSize);
        all.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            page = s.list(PageRequest.after(page.nextCursor().get(), pageSize));
            assertPageShape(page, pageSize);
            all.addAll(page.items());
        }
        return all;
    }

    List<Employee> findAll(EmployeeQuery query, int pageSize) {
        List<Employee> all = new ArrayList<>();
        Page<Employee> page = store.find(query, PageRequest.first(pageSize));
        assertPageShape(page, pageSize);
        all.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            page = store.find(query, PageRequest.after(page.nextCursor().get(), pageSize));
            assertPageShape(page, pageSize);
            all.addAll(page.items());
        }
        return all;
    }

    static void assertPageShape(Page<Employee> page, int size) {
        assertThat(page.items().size()).as("[§4.9.1] items of a page of size %d", size).isLessThanOrEqualTo(size);
        if (page.items().size() < size) {
            assertThat(page.nextCursor()).as("[§4.9.1, §4.10.2] a page of %d items, shorter than its size %d, must be "
                    + "the last page (no next cursor): keep reading until the page is full or the data ends",
                    page.items().size(), size).isEmpty();
        }
        // a cursor longer than Limits.MAX_CURSOR_LENGTH is refused by PageRequest.after when the next page is asked
        page.nextCursor().ifPresent(c -> assertThat(c).as("[§4.16.2] cursor must be URL-safe")
                .matches("[A-Za-z0-9_-]+"));
    }

    static List<String> ids(List<Employee> employees) {
        return employees.stream().map(Employee::id).collect(Collectors.toList());
    }

    static List<String> names(List<Employee> employees) {
        return employees.stream().map(Employee::fullName).collect(Collectors.toList());
    }

    /** Runs the task at once on its own threads, and returns each one's result or exception. */
    static <T> List<Object> concurrently(int threads, Callable<T> task) throws InterruptedException {
        return Race.run(threads, racer -> task.call()).outcomes();
    }
}
