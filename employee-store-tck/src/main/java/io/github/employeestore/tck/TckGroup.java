package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.Violation;
import io.github.employeestore.AttributeValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    @BeforeEach
    final void bindStoreUnderTest() {
        store = kit.store;
        clock = kit.clock;
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
        long before = store.count();
        assertThatThrownBy(call::execute)
                .as("expected InvalidInputException naming field '%s'", field)
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations())
                        .extracting(Violation::field)
                        .anyMatch(f -> f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "[")
                                || f.startsWith(field + "{")));
        assertThat(store.count()).as("a rejected call wrote nothing").isEqualTo(before);
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
        assertThat(page.items().size()).as("page size").isLessThanOrEqualTo(size);
        if (page.items().size() < size) {
            assertThat(page.nextCursor()).as("a page shorter than its size must be the last page").isEmpty();
        }
        page.nextCursor().ifPresent(c -> {
            assertThat(c.length()).as("cursor length").isLessThanOrEqualTo(Limits.MAX_CURSOR_LENGTH);
            assertThat(c).as("cursor is URL-safe").matches("[A-Za-z0-9_-]+");
        });
    }

    static List<String> ids(List<Employee> employees) {
        return employees.stream().map(Employee::id).collect(Collectors.toList());
    }

    static List<String> names(List<Employee> employees) {
        return employees.stream().map(Employee::fullName).collect(Collectors.toList());
    }

    /** Runs the tasks at once on their own threads, and returns each one's result or exception. */
    static <T> List<Object> concurrently(int threads, Callable<T> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    outcomes.add(f.get(5, TimeUnit.MINUTES));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(e.getCause());
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("a concurrent call did not finish within 5 minutes", e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
