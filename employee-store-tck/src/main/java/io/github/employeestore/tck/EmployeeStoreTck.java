package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.ImportResult;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.Violation;
import io.github.employeestore.spi.CursorCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The technology compatibility kit: the contract tests every {@link EmployeeStore} backend must pass, clause by
 * clause of the project's design (DESIGN.md &sect;3&ndash;&sect;5). Each test's display name starts with the clause
 * it checks.
 *
 * <h2>Running it against your backend</h2>
 * Write one test class that extends this one and implements three methods:
 * <pre>{@code
 * class MyStoreTckTest extends EmployeeStoreTck {
 *     protected EmployeeStore newStore(Clock clock) {
 *         // a store on an empty table whose schema exists, taking timestamps from clock
 *         EmployeeStore store = MyStore.builder().table("tck").clock(clock).build();
 *         store.schema().drop();
 *         store.schema().create();
 *         return store;
 *     }
 *     protected EmployeeStore newStoreOnOtherTable(Clock clock) {
 *         // the same backend on ANOTHER table (schema exists, empty): cursors must not cross tables
 *         ...
 *     }
 *     protected Set<Capability> capabilities() {
 *         return EnumSet.of(Capability.QUERIES);   // exactly what the store declares
 *     }
 * }
 * }</pre>
 * {@code newStore} is called before every test, and every store the TCK obtained is closed after it (so a store
 * that owns a pool releases it). Tests run one at a time; some start up to 16 threads against one store. The TCK
 * needs a JUnit Jupiter engine on the test class path.
 *
 * <h2>Required and optional</h2>
 * Everything is required except the tests of an optional {@link Capability}: a backend that does not declare
 * {@link Capability#QUERIES} or {@link Capability#TRANSACTIONS} sees those tests <em>skipped</em> (aborted, with the
 * reason), never passed, and must throw {@link UnsupportedOperationException} from the methods instead.
 *
 * <p>Not thread-safe; JUnit creates an instance per test.
 */
public abstract class EmployeeStoreTck {
    /** The store under test, new for each test. */
    protected EmployeeStore store;
    /** The clock the store under test was given; stands still until advanced. */
    protected TckClock clock;

    private final List<EmployeeStore> opened = new ArrayList<>();

    /**
     * @param clock the clock the store must take every timestamp from
     * @return a new store whose schema exists and whose table is empty
     */
    protected abstract EmployeeStore newStore(Clock clock);

    /**
     * @param clock the clock the store must take every timestamp from
     * @return a store of the same backend on another table (schema exists, empty)
     */
    protected abstract EmployeeStore newStoreOnOtherTable(Clock clock);

    /** @return the optional capabilities the backend declares; must equal {@link EmployeeStore#capabilities()} */
    protected abstract Set<Capability> capabilities();

    @BeforeEach
    void openStoreUnderTest() {
        clock = new TckClock();
        store = track(newStore(clock));
        assertThat(store).as("newStore(clock) returned null").isNotNull();
    }

    @AfterEach
    void closeStores() {
        for (EmployeeStore s : opened) {
            s.close();
        }
        opened.clear();
    }

    private EmployeeStore track(EmployeeStore s) {
        if (s != null) {
            opened.add(s);
        }
        return s;
    }

    private void requireCapability(Capability capability) {
        assumeTrue(capabilities().contains(capability), () -> "optional capability " + capability
                + " is not declared by this backend; its tests are skipped");
    }

    // ------------------------------------------------------------------------------------------------ fixtures

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

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Employee create(String id) {
        return store.create(draft(id, "Name " + id).build());
    }

    private List<Employee> createMany(int n, String prefix) {
        List<Employee> created = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            created.add(store.create(draft(String.format("%s%05d", prefix, i), "Name " + i).build()));
        }
        return created;
    }

    private static String repeat(String s, int times) {
        return s.repeat(times);
    }

    /** Asserts that the call throws {@link InvalidInputException} naming the field, and wrote nothing. */
    private void assertRejected(String field, Executable call) {
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

    private List<Employee> listAll(EmployeeStore s, int pageSize) {
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

    private List<Employee> findAll(EmployeeQuery query, int pageSize) {
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

    private static void assertPageShape(Page<Employee> page, int size) {
        assertThat(page.items().size()).as("page size").isLessThanOrEqualTo(size);
        if (page.items().size() < size) {
            assertThat(page.nextCursor()).as("a page shorter than its size must be the last page").isEmpty();
        }
        page.nextCursor().ifPresent(c -> {
            assertThat(c.length()).as("cursor length").isLessThanOrEqualTo(Limits.MAX_CURSOR_LENGTH);
            assertThat(c).as("cursor is URL-safe").matches("[A-Za-z0-9_-]+");
        });
    }

    private static List<String> ids(List<Employee> employees) {
        return employees.stream().map(Employee::id).collect(Collectors.toList());
    }

    private static List<String> names(List<Employee> employees) {
        return employees.stream().map(Employee::fullName).collect(Collectors.toList());
    }

    /** Runs the tasks at once on their own threads, and returns each one's result or exception. */
    private static <T> List<Object> concurrently(int threads, Callable<T> task) throws InterruptedException {
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

    // ------------------------------------------------------------------------------------------------ groups

    @Nested
    @DisplayName("capabilities")
    class Capabilities {
        @Test
        @DisplayName("§4 capabilities: the store declares exactly the capabilities the TCK was told")
        void declaredCapabilitiesMatch() {
            assertThat(store.capabilities()).containsExactlyInAnyOrderElementsOf(capabilities());
        }

        @Test
        @DisplayName("§4 capabilities: an undeclared capability throws UnsupportedOperationException, a declared one works")
        void undeclaredCapabilitiesThrow() {
            Executable find = () -> store.find(EmployeeQuery.byLocation("Seattle"), PageRequest.first(10));
            Executable transact = () -> store.transact(w -> w.put(draft("cap-1", "Cap").build()));
            check(Capability.QUERIES, find);
            check(Capability.TRANSACTIONS, transact);
        }

        private void check(Capability capability, Executable call) {
            if (capabilities().contains(capability)) {
                try {
                    call.execute();
                } catch (Throwable t) {
                    fail("declared capability " + capability + " failed", t);
                }
            } else {
                assertThatThrownBy(call::execute).isInstanceOf(UnsupportedOperationException.class);
            }
        }

        @Test
        @DisplayName("§4 description: the store describes itself without credentials")
        void description() {
            assertThat(store.description()).isNotBlank().doesNotContainIgnoringCase("password");
        }
    }

    @Nested
    @DisplayName("create")
    class Create {
        @Test
        @DisplayName("§4 create: assigns a random UUID when the id is null; version 1; timestamps from the clock")
        void assignsId() {
            Employee created = store.create(draft(null, "Grace Hopper").build());
            assertThat(created.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(created.version()).isEqualTo(1);
            assertThat(created.createdAt()).isEqualTo(now());
            assertThat(created.updatedAt()).isEqualTo(now());
            Employee other = store.create(draft(null, "Grace Hopper").build());
            assertThat(other.id()).isNotEqualTo(created.id());
            assertThat(store.get(created.id())).contains(created);
        }

        @Test
        @DisplayName("§3 model: every field round-trips exactly through create and get")
        void roundTripsEveryField() {
            Employee given = full("e-1");
            Employee created = store.create(given);
            Employee expected = given.toBuilder().version(1).createdAt(now()).updatedAt(now()).build();
            assertThat(created).usingRecursiveComparison().isEqualTo(expected);
            assertThat(store.get("e-1")).get().usingRecursiveComparison().isEqualTo(expected);
            assertThat(store.get("e-1").orElseThrow().badges())
                    .as("badges iterate sorted by code point").containsExactly("Zeta", "early-adopter", "mentor", "ä");
        }

        @Test
        @DisplayName("§3 model: absent optional fields stay absent; an empty optional text is absent")
        void optionalFieldsAbsent() {
            store.create(draft("e-2", "Min").jobTitle("").location(null).photoKey("").build());
            Employee read = store.get("e-2").orElseThrow();
            assertThat(read.jobTitle()).isNull();
            assertThat(read.location()).isNull();
            assertThat(read.photoKey()).isNull();
            assertThat(read.badges()).isEmpty();
            assertThat(read.attributes()).isEmpty();
        }

        @Test
        @DisplayName("§4 create: an existing id gives EmployeeAlreadyExistsException and the stored employee is unchanged")
        void existingIdRejected() {
            Employee first = store.create(full("dup"));
            clock.advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> store.create(draft("dup", "Someone Else").build()))
                    .isInstanceOf(EmployeeAlreadyExistsException.class)
                    .satisfies(e -> assertThat(((EmployeeAlreadyExistsException) e).id()).isEqualTo("dup"))
                    .hasMessageContaining("dup")
                    .hasMessageNotContaining("Someone Else");
            assertThat(store.get("dup")).contains(first);
            assertThat(store.count()).isEqualTo(1);
        }

        @Test
        @DisplayName("§4 create: the draft's version and timestamps are ignored")
        void ignoresDraftVersionAndTimestamps() {
            Employee created = store.create(draft("e-3", "V").version(42)
                    .createdAt(Instant.parse("2001-01-01T00:00:00Z")).updatedAt(Instant.parse("2002-01-01T00:00:00Z"))
                    .build());
            assertThat(created.version()).isEqualTo(1);
            assertThat(created.createdAt()).isEqualTo(now());
            assertThat(store.get("e-3").orElseThrow().version()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("read")
    class Read {
        @Test
        @DisplayName("§4 get: an absent id gives an empty Optional")
        void getAbsent() {
            create("present");
            assertThat(store.get("absent")).isEmpty();
            assertThat(store.get("present")).isPresent();
        }

        @Test
        @DisplayName("§4 getAll: missing ids are absent from the map; found ones iterate in the order given")
        void getAllWithMissing() {
            create("a");
            create("b");
            create("c");
            Map<String, Employee> found = store.getAll(List.of("c", "missing-1", "a", "missing-2", "a"));
            assertThat(found.keySet()).containsExactly("c", "a");
            assertThat(found.get("a")).isEqualTo(store.get("a").orElseThrow());
            assertThat(store.getAll(List.of())).isEmpty();
            assertThat(store.getAll(List.of("nope"))).isEmpty();
        }

        @Test
        @DisplayName("§4 getAll: 1,000 ids in one call, every one found exactly")
        void getAllThousand() {
            List<Employee> created = createMany(1000, "g");
            List<String> ids = new ArrayList<>(ids(created));
            Collections.reverse(ids);
            Map<String, Employee> found = store.getAll(ids);
            assertThat(found).hasSize(1000);
            assertThat(new ArrayList<>(found.keySet())).isEqualTo(ids);
            for (Employee e : created) {
                assertThat(found.get(e.id())).isEqualTo(e);
            }
        }

        @Test
        @DisplayName("§4 getAll: more than 1,000 ids are rejected with InvalidInputException")
        void getAllTooMany() {
            List<String> ids = IntStream.range(0, 1001).mapToObj(i -> "id" + i).toList();
            assertRejected("ids", () -> store.getAll(ids));
        }

        @Test
        @DisplayName("§4 count: exact after creates, puts and deletes")
        void countExact() {
            assertThat(store.count()).isZero();
            createMany(57, "c");
            assertThat(store.count()).isEqualTo(57);
            store.put(draft("c00003", "again").build());
            store.delete("c00004");
            store.delete("c00005");
            assertThat(store.count()).isEqualTo(55);
        }

        @Test
        @DisplayName("§4 stream: every employee exactly once, in list order, lazily")
        void streamsAll() {
            createMany(1037, "s");
            List<String> streamed = store.stream().map(Employee::id).toList();
            assertThat(streamed).hasSize(1037).doesNotHaveDuplicates();
            assertThat(streamed).isEqualTo(ids(listAll(store, 1000)));
            assertThat(store.stream().limit(3).count()).isEqualTo(3);
        }

        @Test
        @DisplayName("§4 stream: an empty store streams nothing")
        void streamEmpty() {
            assertThat(store.stream().count()).isZero();
        }
    }

    @Nested
    @DisplayName("update")
    class Update {
        @Test
        @DisplayName("§4 update: replaces the employee; version + 1, createdAt kept, updatedAt from the clock")
        void updates() {
            Employee created = store.create(full("u-1"));
            Instant createdAt = created.createdAt();
            clock.advance(Duration.ofMinutes(5));
            Employee changed = created.toBuilder().fullName("Ada King").jobTitle("Countess").location(null)
                    .badges(List.of("new")).photoKey(null).removeAttribute("team")
                    .attribute("level", AttributeValue.of(8)).build();
            Employee updated = store.update(changed);
            assertThat(updated.version()).isEqualTo(2);
            assertThat(updated.createdAt()).isEqualTo(createdAt);
            assertThat(updated.updatedAt()).isEqualTo(now()).isAfter(createdAt);
            Employee expected = changed.toBuilder().version(2).createdAt(createdAt).updatedAt(now()).build();
            assertThat(updated).usingRecursiveComparison().isEqualTo(expected);
            assertThat(store.get("u-1")).contains(expected);
        }

        @Test
        @DisplayName("§4 update: another version gives VersionConflictException with both versions; nothing written")
        void versionConflict() {
            Employee created = store.create(full("u-2"));
            Employee v2 = store.update(created.toBuilder().fullName("Second").build());
            assertThatThrownBy(() -> store.update(created.toBuilder().fullName("Stale").build()))
                    .isInstanceOf(VersionConflictException.class)
                    .satisfies(e -> {
                        VersionConflictException c = (VersionConflictException) e;
                        assertThat(c.id()).isEqualTo("u-2");
                        assertThat(c.expectedVersion()).isEqualTo(1);
                        c.actualVersion().ifPresent(actual -> assertThat(actual).isEqualTo(2));
                    })
                    .hasMessageNotContaining("Stale");
            assertThat(store.get("u-2")).contains(v2);
        }

        @Test
        @DisplayName("§4 update: an absent id gives EmployeeNotFoundException and creates nothing")
        void notFound() {
            assertThatThrownBy(() -> store.update(draft("ghost", "Ghost").version(1).build()))
                    .isInstanceOf(EmployeeNotFoundException.class)
                    .satisfies(e -> assertThat(((EmployeeNotFoundException) e).id()).isEqualTo("ghost"));
            assertThat(store.get("ghost")).isEmpty();
            assertThat(store.count()).isZero();
        }

        @Test
        @DisplayName("§4 update: the given timestamps are ignored")
        void ignoresGivenTimestamps() {
            Employee created = store.create(full("u-3"));
            clock.advance(Duration.ofSeconds(3));
            Employee updated = store.update(created.toBuilder().createdAt(Instant.parse("1999-01-01T00:00:00Z"))
                    .updatedAt(Instant.parse("1999-01-01T00:00:00Z")).build());
            assertThat(updated.createdAt()).isEqualTo(created.createdAt());
            assertThat(updated.updatedAt()).isEqualTo(now());
        }

        @Test
        @DisplayName("§4 update: every write adds one to the version")
        void versionsGrow() {
            Employee e = store.create(full("u-4"));
            for (int i = 0; i < 5; i++) {
                e = store.update(e.toBuilder().attribute("n", AttributeValue.of(i)).build());
            }
            assertThat(e.version()).isEqualTo(6);
            assertThat(store.get("u-4").orElseThrow().version()).isEqualTo(6);
        }
    }

    @Nested
    @DisplayName("put")
    class Put {
        @Test
        @DisplayName("§4 put: creates a new employee with version 1")
        void createsNew() {
            Employee put = store.put(full("p-1").toBuilder().version(9).build());
            assertThat(put.version()).isEqualTo(1);
            assertThat(put.createdAt()).isEqualTo(now());
            assertThat(put.updatedAt()).isEqualTo(now());
            assertThat(store.get("p-1")).contains(put);
        }

        @Test
        @DisplayName("§4 put: replaces an existing employee wholly; version = stored + 1, createdAt kept")
        void replaces() {
            Employee created = store.create(full("p-2"));
            clock.advance(Duration.ofHours(1));
            Employee replacement = draft("p-2", "Replacement").attribute("only", AttributeValue.of("this")).build();
            Employee put = store.put(replacement);
            Employee expected = replacement.toBuilder().version(2).createdAt(created.createdAt())
                    .updatedAt(now()).build();
            assertThat(put).usingRecursiveComparison().isEqualTo(expected);
            assertThat(store.get("p-2")).contains(expected);
        }

        @Test
        @DisplayName("§4 put: the given version does not matter")
        void ignoresVersion() {
            store.create(full("p-3"));
            store.put(full("p-3").toBuilder().version(1).build());
            Employee third = store.put(full("p-3").toBuilder().version(77).build());
            assertThat(third.version()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("delete")
    class Delete {
        @Test
        @DisplayName("§4 delete(id): true when something was deleted, then false")
        void deletes() {
            create("d-1");
            create("d-2");
            assertThat(store.delete("d-1")).isTrue();
            assertThat(store.get("d-1")).isEmpty();
            assertThat(store.delete("d-1")).isFalse();
            assertThat(store.delete("never")).isFalse();
            assertThat(store.get("d-2")).isPresent();
        }

        @Test
        @DisplayName("§4 delete(id, version): deletes when the version matches")
        void versionedDelete() {
            Employee e = store.create(full("d-3"));
            e = store.update(e.toBuilder().fullName("x").build());
            store.delete("d-3", e.version());
            assertThat(store.get("d-3")).isEmpty();
        }

        @Test
        @DisplayName("§4 delete(id, version): another version gives VersionConflictException and deletes nothing")
        void versionedDeleteConflict() {
            Employee e = store.create(full("d-4"));
            store.update(e.toBuilder().fullName("x").build());
            assertThatThrownBy(() -> store.delete("d-4", 1))
                    .isInstanceOf(VersionConflictException.class)
                    .satisfies(x -> {
                        VersionConflictException c = (VersionConflictException) x;
                        assertThat(c.expectedVersion()).isEqualTo(1);
                        c.actualVersion().ifPresent(actual -> assertThat(actual).isEqualTo(2));
                    });
            assertThat(store.get("d-4")).isPresent();
        }

        @Test
        @DisplayName("§4 delete(id, version): an absent id gives EmployeeNotFoundException")
        void versionedDeleteNotFound() {
            assertThatThrownBy(() -> store.delete("nobody", 1)).isInstanceOf(EmployeeNotFoundException.class);
        }
    }

    @Nested
    @DisplayName("listing and cursors")
    class Listing {
        @Test
        @DisplayName("§4 list: 1,037 employees in pages of 100 — every one exactly once, full pages but the last")
        void pagesOfHundred() {
            Set<String> expected = new HashSet<>(ids(createMany(1037, "l")));
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
            assertThat(ids(all)).doesNotHaveDuplicates();
            assertThat(new HashSet<>(ids(all))).isEqualTo(expected);
            assertThat(sizes.subList(0, 10)).containsOnly(100);
            assertThat(sizes.get(10)).isEqualTo(37);
            assertThat(sizes).hasSize(11);
        }

        @Test
        @DisplayName("§4 list: the order is stable; items read by list equal those read by get")
        void stableOrder() {
            createMany(120, "o");
            List<Employee> first = listAll(store, 7);
            List<Employee> second = listAll(store, 50);
            assertThat(ids(second)).isEqualTo(ids(first));
            assertThat(first.get(17)).isEqualTo(store.get(first.get(17).id()).orElseThrow());
        }

        @Test
        @DisplayName("§4 list: an empty store gives one empty last page")
        void emptyStore() {
            Page<Employee> page = store.list(PageRequest.first(10));
            assertThat(page.items()).isEmpty();
            assertThat(page.nextCursor()).isEmpty();
        }

        @Test
        @DisplayName("§4 PageRequest: a cursor may be continued with another page size")
        void otherPageSize() {
            Set<String> expected = new HashSet<>(ids(createMany(300, "z")));
            List<Employee> all = new ArrayList<>();
            Page<Employee> page = store.list(PageRequest.first(100));
            all.addAll(page.items());
            page = store.list(PageRequest.after(page.nextCursor().orElseThrow(), 7));
            assertThat(page.items()).hasSize(7);
            all.addAll(page.items());
            page = store.list(PageRequest.after(page.nextCursor().orElseThrow(), 1000));
            assertThat(page.items()).hasSize(193);
            assertThat(page.nextCursor()).isEmpty();
            all.addAll(page.items());
            assertThat(ids(all)).doesNotHaveDuplicates();
            assertThat(new HashSet<>(ids(all))).isEqualTo(expected);
        }

        @Test
        @DisplayName("§4 PageRequest: page sizes 0 and 1,001 are rejected; 1 and 1,000 accepted")
        void pageSizeLimits() {
            assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> PageRequest.first(1001)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> PageRequest.first(-1)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> PageRequest.after("abc", 0)).isInstanceOf(InvalidInputException.class);
            createMany(3, "ps");
            assertThat(store.list(PageRequest.first(1)).items()).hasSize(1);
            assertThat(store.list(PageRequest.first(1000)).items()).hasSize(3);
        }

        @Test
        @DisplayName("§4 cursors: a tampered cursor is rejected with InvalidInputException, never a wrong page")
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
        @DisplayName("§4 cursors: a well-formed cursor of another backend is rejected with InvalidInputException")
        void foreignBackendCursor() {
            List<Employee> created = createMany(30, "f");
            String foreign = CursorCodec.forStore("tck-foreign-backend", "employees")
                    .encodeList(List.of(created.get(9).id()));
            assertThatThrownBy(() -> store.list(PageRequest.after(foreign, 10)))
                    .isInstanceOf(InvalidInputException.class);
        }

        @Test
        @DisplayName("§4 cursors: a cursor of the same backend on another table is rejected with InvalidInputException")
        void otherTableCursor() {
            EmployeeStore other = track(newStoreOnOtherTable(clock));
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
        @DisplayName("§4 cursors: list and find cursors are not interchangeable; a find cursor is bound to its query")
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
            assertThat(store.find(EmployeeQuery.byLocation("Oslo"), PageRequest.after(findCursor, 5)).items())
                    .hasSize(5);
        }

        @Test
        @DisplayName("§4 list: employees added or deleted between pages never make a page repeat or skip one that existed throughout")
        void keysetUnderChange() {
            List<String> initial = ids(createMany(300, "k"));
            Page<Employee> page = store.list(PageRequest.first(100));
            Set<String> seen = new LinkedHashSet<>(ids(page.items()));
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
            assertThat(seen).isNotEmpty();
        }
    }

    @Nested
    @DisplayName("queries")
    class Queries {
        @BeforeEach
        void requireQueries() {
            requireCapability(Capability.QUERIES);
        }

        @Test
        @DisplayName("§4 find: by location matches exactly — case, accents and spaces count")
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
        @DisplayName("§4 find: by job title matches exactly")
        void byJobTitleExact() {
            store.create(draft("1", "A").jobTitle("Engineer").build());
            store.create(draft("2", "B").jobTitle("engineer").build());
            store.create(draft("3", "C").jobTitle("Engineer II").build());
            store.create(draft("4", "D").jobTitle("Engineer").location("Oslo").build());
            assertThat(ids(findAll(EmployeeQuery.byJobTitle("Engineer"), 10))).containsExactly("1", "4");
            assertThat(ids(findAll(EmployeeQuery.byJobTitle("Engineer_"), 10))).isEmpty();
        }

        @Test
        @DisplayName("§4 find: by location and job title together")
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
        @DisplayName("§3 ordering: find orders by full name in code-point order — accents, CJK, emoji after U+FFFF")
        void codePointOrder() {
            List<String> expectedOrder = List.of(
                    "Abe", "Zed", "abe", "zed", "Ängström", "Émile", "Ölaf", "Ω omega", "中村", "\uFF21 fullwidth A",
                    "\uFFFD replacement", "\uD83D\uDE00 grinning", "\uD840\uDC00 CJK ext B");
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
        @DisplayName("§4 find: pages through 250 matches with tied names, each exactly once, in order, with any page size")
        void pagesWithTies() {
            List<String> expectedNames = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                String name = "Name " + (char) ('A' + (i % 9));
                expectedNames.add(name);
                store.create(draft("t" + i, name).location("Tied").build());
                if (i % 5 == 0) {
                    store.create(draft("u" + i, name).location("Other").build());
                }
            }
            expectedNames.sort(String::compareTo);
            List<Employee> found = findAll(EmployeeQuery.byLocation("Tied"), 20);
            assertThat(ids(found)).doesNotHaveDuplicates().hasSize(250);
            assertThat(names(found)).isEqualTo(expectedNames);
            assertThat(ids(findAll(EmployeeQuery.byLocation("Tied"), 7))).isEqualTo(ids(found));
        }

        @Test
        @DisplayName("§4 find: reflects updates and deletes; employees without the field never match")
        void reflectsWrites() {
            Employee a = store.create(draft("a", "A").location("Oslo").build());
            store.create(draft("b", "B").location("Oslo").build());
            store.create(draft("c", "C").build());
            store.update(a.toBuilder().location("Rome").build());
            store.delete("b");
            assertThat(findAll(EmployeeQuery.byLocation("Oslo"), 10)).isEmpty();
            assertThat(ids(findAll(EmployeeQuery.byLocation("Rome"), 10))).containsExactly("a");
        }

        @Test
        @DisplayName("§4 find: a query needs a criterion; empty and over-long criteria are rejected")
        void badQueries() {
            assertThatThrownBy(() -> EmployeeQuery.builder().build()).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> EmployeeQuery.byLocation("")).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> EmployeeQuery.byJobTitle("x".repeat(201)))
                    .isInstanceOf(InvalidInputException.class);
        }

        @Test
        @DisplayName("§4 find: a page shorter than its size is the last page, even when few items match among many")
        void sparseMatches() {
            for (int i = 0; i < 400; i++) {
                store.create(draft(String.format("s%04d", i), "Name " + i)
                        .location(i % 97 == 0 ? "Rare" : "Common").build());
            }
            Page<Employee> page = store.find(EmployeeQuery.byLocation("Rare"), PageRequest.first(3));
            assertThat(page.items()).hasSize(3);
            Page<Employee> next = store.find(EmployeeQuery.byLocation("Rare"),
                    PageRequest.after(page.nextCursor().orElseThrow(), 3));
            assertThat(next.items()).hasSize(2);
            assertThat(next.nextCursor()).isEmpty();
        }
    }

    @Nested
    @DisplayName("flexible attributes")
    class FlexibleAttributes {
        @Test
        @DisplayName("§3 attributes: every kind round-trips exactly")
        void everyKind() {
            Map<String, AttributeValue> attributes = new LinkedHashMap<>();
            attributes.put("text", AttributeValue.of("plain"));
            attributes.put("emptyText", AttributeValue.of(""));
            attributes.put("unicode", AttributeValue.of("naïve 中文 \uD83D\uDE00 \u05E9\u05DC\u05D5\u05DD\ttab\nline"));
            attributes.put("quotes", AttributeValue.of("'\"\\ {\"json\": [1]} $n ${x}"));
            attributes.put("zero", AttributeValue.of(0));
            attributes.put("negative", AttributeValue.of(-42));
            attributes.put("decimal", AttributeValue.number("-1234.5678"));
            attributes.put("big", AttributeValue.number("9.9999999999999999999999999999999999999E+125"));
            attributes.put("small", AttributeValue.number("1E-130"));
            attributes.put("long", AttributeValue.of(Long.MAX_VALUE));
            attributes.put("digits38", AttributeValue.number("12345678901234567890.123456789012345678"));
            attributes.put("yes", AttributeValue.of(true));
            attributes.put("no", AttributeValue.of(false));
            attributes.put("emptyList", AttributeValue.of(List.of()));
            attributes.put("emptyMap", AttributeValue.of(Map.of()));
            attributes.put("mixedList", AttributeValue.ofList(AttributeValue.of("a"), AttributeValue.of(1),
                    AttributeValue.of(true), AttributeValue.ofList(), AttributeValue.of(Map.of("k", AttributeValue.of("v"))),
                    AttributeValue.of("a")));
            attributes.put("map", AttributeValue.of(Map.of(
                    "with space", AttributeValue.of(1),
                    "#hash", AttributeValue.of(2),
                    ":colon", AttributeValue.of(3),
                    "dotted.name", AttributeValue.of(4),
                    "中文", AttributeValue.of(5),
                    "nested", AttributeValue.of(Map.of("deeper", AttributeValue.ofList(AttributeValue.of(false)))))));
            Employee given = draft("attrs", "Attr").attributes(attributes).build();
            store.create(given);
            Employee read = store.get("attrs").orElseThrow();
            assertThat(read.attributes()).isEqualTo(given.attributes());
            assertThat(((AttributeValue.NumberValue) read.attributes().get("digits38")).value())
                    .isEqualByComparingTo("12345678901234567890.123456789012345678");
            assertThat(((AttributeValue.NumberValue) read.attributes().get("long")).value())
                    .isEqualByComparingTo(BigDecimal.valueOf(Long.MAX_VALUE));
            assertThat(store.list(PageRequest.first(1)).items().get(0).attributes()).isEqualTo(given.attributes());
        }

        @Test
        @DisplayName("§3 attributes: numbers keep their value exactly, normalized (1.50 equals 1.5)")
        void numbersNormalized() {
            store.create(draft("n", "N").attribute("price", AttributeValue.number("1.50"))
                    .attribute("round", AttributeValue.number("100")).build());
            Employee read = store.get("n").orElseThrow();
            assertThat(read.attribute("price")).contains(AttributeValue.number("1.5"));
            assertThat(((AttributeValue.NumberValue) read.attribute("round").orElseThrow()).value())
                    .isEqualByComparingTo("100");
        }

        @Test
        @DisplayName("§3 attributes: nesting depth 16 is accepted, 17 rejected (lists and maps)")
        void nestingDepth() {
            store.create(draft("deep-list", "D").attribute("v", nestedList(16)).build());
            store.create(draft("deep-map", "D").attribute("v", nestedMap(16)).build());
            assertThat(store.get("deep-list").orElseThrow().attribute("v")).contains(nestedList(16));
            assertThat(store.get("deep-map").orElseThrow().attribute("v")).contains(nestedMap(16));
            assertRejected("attributes.v", () -> store.create(draft("too-deep", "D")
                    .attribute("v", nestedList(17)).build()));
            assertRejected("attributes.v", () -> store.create(draft("too-deep", "D")
                    .attribute("v", nestedMap(17)).build()));
        }

        private AttributeValue nestedList(int depth) {
            AttributeValue v = AttributeValue.of("leaf");
            for (int i = 1; i < depth; i++) {
                v = AttributeValue.ofList(v);
            }
            return v;
        }

        private AttributeValue nestedMap(int depth) {
            AttributeValue v = AttributeValue.of(1);
            for (int i = 1; i < depth; i++) {
                v = AttributeValue.of(Map.of("k" + i, v));
            }
            return v;
        }

        @Test
        @DisplayName("§3 attributes: a 38-digit number is exact, 39 digits and out-of-range magnitudes are rejected")
        void numberLimits() {
            String digits38 = "12345678901234567890123456789012345678";
            store.create(draft("n38", "N").attribute("n", AttributeValue.number(digits38)).build());
            store.create(draft("n38f", "N").attribute("n", AttributeValue.number("0." + digits38)).build());
            store.create(draft("n38e", "N").attribute("n", AttributeValue.number("-" + digits38 + "E+50")).build());
            assertThat(((AttributeValue.NumberValue) store.get("n38").orElseThrow().attribute("n").orElseThrow())
                    .value()).isEqualByComparingTo(digits38);
            assertThat(((AttributeValue.NumberValue) store.get("n38f").orElseThrow().attribute("n").orElseThrow())
                    .value()).isEqualByComparingTo("0." + digits38);
            assertThat(((AttributeValue.NumberValue) store.get("n38e").orElseThrow().attribute("n").orElseThrow())
                    .value()).isEqualByComparingTo("-" + digits38 + "E+50");
            assertRejected("attributes.n", () -> store.create(draft("n39", "N")
                    .attribute("n", AttributeValue.number(digits38 + "9")).build()));
            assertRejected("attributes.n", () -> store.create(draft("nbig", "N")
                    .attribute("n", AttributeValue.number("1E+126")).build()));
            assertRejected("attributes.n", () -> store.create(draft("nsmall", "N")
                    .attribute("n", AttributeValue.number("1E-131")).build()));
            assertRejected("attributes.n", () -> store.create(draft("nlist", "N")
                    .attribute("n", AttributeValue.ofList(AttributeValue.number(digits38 + "1"))).build()));
        }

        @Test
        @DisplayName("§1 flexible schema: employees with different attribute sets live side by side")
        void differentSets() {
            Employee a = store.create(draft("a", "A").attribute("shirtSize", AttributeValue.of("M")).build());
            Employee b = store.create(draft("b", "B").attribute("parkingSpot", AttributeValue.of(12))
                    .attribute("vegan", AttributeValue.of(true)).build());
            Employee c = store.create(draft("c", "C").build());
            assertThat(store.getAll(List.of("a", "b", "c"))).containsExactlyInAnyOrderEntriesOf(
                    Map.of("a", a, "b", b, "c", c));
            assertThat(store.get("a").orElseThrow().attributes()).containsOnlyKeys("shirtSize");
            assertThat(store.get("b").orElseThrow().attributes()).containsOnlyKeys("parkingSpot", "vegan");
            assertThat(store.get("c").orElseThrow().attributes()).isEmpty();
        }

        @Test
        @DisplayName("§3 attributes: removing an attribute by update or put removes it; adding one adds it")
        void removeAttribute() {
            Employee e = store.create(draft("r", "R").attribute("keep", AttributeValue.of(1))
                    .attribute("drop", AttributeValue.of(2)).attribute("drop2", AttributeValue.of(3)).build());
            Employee updated = store.update(e.toBuilder().removeAttribute("drop")
                    .attribute("added", AttributeValue.of("x")).build());
            assertThat(store.get("r").orElseThrow().attributes()).containsOnlyKeys("keep", "drop2", "added");
            store.put(updated.toBuilder().removeAttribute("drop2").build());
            assertThat(store.get("r").orElseThrow().attributes()).containsOnlyKeys("keep", "added");
            store.put(updated.toBuilder().attributes(Map.of()).build());
            assertThat(store.get("r").orElseThrow().attributes()).isEmpty();
        }

        @Test
        @DisplayName("§3 attributes: names follow [A-Za-z_][A-Za-z0-9_]{0,63}, are case-sensitive, and may be database reserved words; core names are rejected")
        void attributeNames() {
            Map<String, AttributeValue> names = new LinkedHashMap<>();
            for (String name : List.of("name", "status", "size", "data", "timestamp", "count", "select", "order",
                    "KEY", "Version", "ID", "_", "a" + "b".repeat(63), "x1", "_private")) {
                names.put(name, AttributeValue.of(name.length()));
            }
            store.create(draft("names", "N").attributes(names).build());
            assertThat(store.get("names").orElseThrow().attributes()).isEqualTo(new java.util.TreeMap<>(names));
            for (String bad : List.of("1abc", "a-b", "a b", "a.b", "#a", ":a", "", "ä", "a" + "b".repeat(64))) {
                assertRejected("attributes", () -> store.create(draft("bad-name", "N")
                        .attribute(bad, AttributeValue.of(1)).build()));
            }
            for (String core : List.of("id", "full_name", "job_title", "location", "badges", "photo_key", "version",
                    "created_at", "updated_at", "fullName")) {
                assertRejected("attributes", () -> store.create(draft("core-name", "N")
                        .attribute(core, AttributeValue.of(1)).build()));
            }
        }
    }

    @Nested
    @DisplayName("import")
    class Import {
        @Test
        @DisplayName("§4 importAll: 2,500 employees written exactly as given — ids, versions and timestamps kept")
        void importsExactly() {
            TckData data = new TckData(2500);
            List<Employee> given = new ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                Instant created = data.instant();
                given.add(data.employee(String.format("imp-%05d", i)).toBuilder()
                        .version(data.between(1, 100_000))
                        .createdAt(created)
                        .updatedAt(created.plusMillis(data.between(0, 1_000_000)))
                        .build());
            }
            ImportResult result = store.importAll(given);
            assertThat(result.failures()).isEmpty();
            assertThat(result.attempted()).isEqualTo(2500);
            assertThat(result.written()).isEqualTo(2500);
            assertThat(result.isComplete()).isTrue();
            assertThat(store.count()).isEqualTo(2500);
            for (int from = 0; from < given.size(); from += 1000) {
                List<Employee> chunk = given.subList(from, Math.min(given.size(), from + 1000));
                Map<String, Employee> read = store.getAll(ids(chunk));
                for (Employee e : chunk) {
                    assertThat(read.get(e.id())).as("imported %s", e.id()).usingRecursiveComparison().isEqualTo(e);
                }
            }
        }

        @Test
        @DisplayName("§4 importAll: replaces stored employees without version checks")
        void replaces() {
            store.create(full("r1"));
            Employee older = full("r1").toBuilder().fullName("Imported").version(3)
                    .createdAt(Instant.parse("2010-01-01T00:00:00Z")).updatedAt(Instant.parse("2011-01-01T00:00:00.001Z"))
                    .build();
            assertThat(store.importAll(List.of(older)).isComplete()).isTrue();
            assertThat(store.get("r1")).contains(older);
        }

        @Test
        @DisplayName("§4 importAll: a mix reports exactly the invalid ids, with reasons, and writes all the valid ones")
        void mixedValidity() {
            Instant t = Instant.parse("2020-02-02T02:02:02.020Z");
            List<Employee> given = new ArrayList<>();
            Set<String> invalid = new LinkedHashSet<>();
            for (int i = 0; i < 200; i++) {
                Employee.Builder b = draft(String.format("m%04d", i), "Name " + i).version(1).createdAt(t).updatedAt(t);
                switch (i % 10) {
                    case 3 -> b.fullName("x".repeat(201));
                    case 5 -> b.version(0);
                    case 7 -> b.createdAt(null);
                    case 8 -> b.updatedAt(t.plusNanos(1));
                    default -> { }
                }
                Employee e = b.build();
                if (i % 10 == 3 || i % 10 == 5 || i % 10 == 7 || i % 10 == 8) {
                    invalid.add(e.id());
                }
                given.add(e);
            }
            given.add(draft(null, "No id").version(1).createdAt(t).updatedAt(t).build());
            given.add(draft("m0000", "Duplicate of the first").version(1).createdAt(t).updatedAt(t).build());
            ImportResult result = store.importAll(given);
            assertThat(result.attempted()).isEqualTo(202);
            assertThat(result.written()).isEqualTo(200 - invalid.size());
            List<String> expectedFailed = new ArrayList<>(invalid);
            expectedFailed.add(null);
            expectedFailed.add("m0000");
            assertThat(result.failedIds()).containsExactlyElementsOf(expectedFailed);
            assertThat(result.failures()).allSatisfy(f -> assertThat(f.reason()).isNotBlank());
            assertThat(result.failures().get(0).index()).isEqualTo(3);
            assertThat(result.failures().get(result.failures().size() - 1).index()).isEqualTo(201);
            assertThat(store.count()).isEqualTo(200 - invalid.size());
            for (Employee e : given.subList(0, 200)) {
                assertThat(store.get(e.id()).isPresent()).as("written: %s", e.id()).isEqualTo(!invalid.contains(e.id()));
            }
            assertThat(store.get("m0000").orElseThrow().fullName()).isEqualTo("Name 0");
        }

        @Test
        @DisplayName("§4 importAll: an empty collection writes nothing")
        void empty() {
            ImportResult result = store.importAll(List.of());
            assertThat(result.attempted()).isZero();
            assertThat(result.isComplete()).isTrue();
        }
    }

    @Nested
    @DisplayName("transactions")
    class Transactions {
        @BeforeEach
        void requireTransactions() {
            requireCapability(Capability.TRANSACTIONS);
        }

        private void assertNothingWritten(Map<String, Employee> before, List<String> newIds) {
            for (Map.Entry<String, Employee> e : before.entrySet()) {
                assertThat(store.get(e.getKey())).as("unchanged %s", e.getKey()).contains(e.getValue());
            }
            for (String id : newIds) {
                assertThat(store.get(id)).as("not created %s", id).isEmpty();
            }
        }

        @Test
        @DisplayName("§4 transact: all or nothing when the 5th of 10 operations fails — EmployeeAlreadyExistsException")
        void fifthCreateFails() {
            Employee existing = store.create(full("exists"));
            Employee other = store.create(full("other"));
            clock.advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> store.transact(w -> {
                for (int i = 0; i < 4; i++) {
                    w.create(draft("new" + i, "N").build());
                }
                w.create(draft("exists", "Clash").build());
                w.update(other.toBuilder().fullName("changed").build());
                for (int i = 5; i < 9; i++) {
                    w.put(draft("new" + i, "N").build());
                }
            })).isInstanceOf(EmployeeAlreadyExistsException.class)
                    .satisfies(e -> assertThat(((EmployeeAlreadyExistsException) e).id()).isEqualTo("exists"));
            assertNothingWritten(Map.of("exists", existing, "other", other),
                    List.of("new0", "new1", "new2", "new3", "new5", "new6", "new7", "new8"));
            assertThat(store.count()).isEqualTo(2);
        }

        @Test
        @DisplayName("§4 transact: all or nothing when the 5th operation meets another version — VersionConflictException")
        void fifthUpdateConflicts() {
            Employee a = store.create(full("a"));
            Employee b = store.update(store.create(full("b")).toBuilder().fullName("B2").build());
            Employee c = store.create(full("c"));
            assertThatThrownBy(() -> store.transact(w -> {
                w.update(a.toBuilder().fullName("A2").build());
                w.create(draft("n1", "N").build());
                w.put(draft("n2", "N").build());
                w.delete("c");
                w.update(b.toBuilder().version(1).fullName("stale").build());
                for (int i = 3; i < 8; i++) {
                    w.create(draft("n" + i, "N").build());
                }
            })).isInstanceOf(VersionConflictException.class);
            assertNothingWritten(Map.of("a", a, "b", b, "c", c), List.of("n1", "n2", "n3", "n7"));
        }

        @Test
        @DisplayName("§4 transact: all or nothing when the 5th operation meets an absent id — EmployeeNotFoundException")
        void fifthNotFound() {
            Employee a = store.create(full("a"));
            assertThatThrownBy(() -> store.transact(w -> {
                w.delete("a");
                w.create(draft("n1", "N").build());
                w.create(draft("n2", "N").build());
                w.create(draft("n3", "N").build());
                w.delete("missing", 1);
                for (int i = 5; i < 10; i++) {
                    w.create(draft("n" + i, "N").build());
                }
            })).isInstanceOf(EmployeeNotFoundException.class)
                    .satisfies(e -> assertThat(((EmployeeNotFoundException) e).id()).isEqualTo("missing"));
            assertNothingWritten(Map.of("a", a), List.of("n1", "n2", "n3", "n5", "n9"));
        }

        @Test
        @DisplayName("§4 transact: every kind of operation applied together, with versions and timestamps as outside")
        void appliesAll() {
            Employee u = store.create(full("u"));
            Employee p = store.create(full("p"));
            store.create(full("d"));
            Employee dv = store.create(full("dv"));
            clock.advance(Duration.ofSeconds(10));
            String[] assigned = new String[1];
            store.transact(w -> {
                assigned[0] = w.create(draft(null, "Fresh").build());
                w.create(draft("c", "Created").build());
                w.update(u.toBuilder().fullName("Updated").build());
                w.put(p.toBuilder().fullName("Put").version(0).build());
                w.put(draft("p-new", "Put new").build());
                w.delete("d");
                w.delete("dv", dv.version());
                w.delete("absent-is-fine");
            });
            assertThat(assigned[0]).isNotBlank();
            assertThat(store.get(assigned[0]).orElseThrow().version()).isEqualTo(1);
            Employee c = store.get("c").orElseThrow();
            assertThat(c.version()).isEqualTo(1);
            assertThat(c.createdAt()).isEqualTo(now());
            Employee updated = store.get("u").orElseThrow();
            assertThat(updated.fullName()).isEqualTo("Updated");
            assertThat(updated.version()).isEqualTo(2);
            assertThat(updated.createdAt()).isEqualTo(u.createdAt());
            assertThat(updated.updatedAt()).isEqualTo(now());
            Employee put = store.get("p").orElseThrow();
            assertThat(put.fullName()).isEqualTo("Put");
            assertThat(put.version()).isEqualTo(2);
            assertThat(put.createdAt()).isEqualTo(p.createdAt());
            assertThat(store.get("p-new").orElseThrow().version()).isEqualTo(1);
            assertThat(store.get("d")).isEmpty();
            assertThat(store.get("dv")).isEmpty();
            assertThat(store.count()).isEqualTo(5);
        }

        @Test
        @DisplayName("§4 transact: 100 operations are accepted; 101 are rejected with InvalidInputException, nothing written")
        void operationLimit() {
            store.transact(w -> IntStream.range(0, 100).forEach(i -> w.create(draft("t" + i, "N").build())));
            assertThat(store.count()).isEqualTo(100);
            assertRejected("operations", () -> store.transact(w -> IntStream.range(0, 101)
                    .forEach(i -> w.put(draft("x" + i, "N").build()))));
            assertThat(store.get("x0")).isEmpty();
        }

        @Test
        @DisplayName("§4 transact: two operations on one id are rejected with InvalidInputException, nothing written")
        void distinctIds() {
            Employee a = store.create(full("a"));
            assertRejected("operations", () -> store.transact(w -> {
                w.create(draft("n", "N").build());
                w.update(a.toBuilder().fullName("x").build());
                w.delete("a");
            }));
            assertThat(store.get("a")).contains(a);
            assertThat(store.get("n")).isEmpty();
        }

        @Test
        @DisplayName("§4 transact: an invalid operation is rejected with InvalidInputException, nothing written")
        void invalidOperation() {
            assertRejected("fullName", () -> store.transact(w -> {
                w.create(draft("ok", "N").build());
                w.put(draft("bad", "x".repeat(201)).build());
            }));
            assertThat(store.get("ok")).isEmpty();
        }
    }

    @Nested
    @DisplayName("concurrency")
    class Concurrency {
        @Test
        @DisplayName("§4 create: 16 threads creating one id at once — exactly one succeeds, 15 get EmployeeAlreadyExistsException")
        void concurrentCreates() throws Exception {
            for (int round = 0; round < 3; round++) {
                String id = "race-" + round;
                List<Object> outcomes = concurrently(16, () -> store.create(draft(id, "Racer").build()));
                assertThat(outcomes).filteredOn(o -> o instanceof Employee).hasSize(1);
                assertThat(outcomes).filteredOn(o -> o instanceof EmployeeAlreadyExistsException).hasSize(15);
                assertThat(store.get(id).orElseThrow().version()).isEqualTo(1);
            }
        }

        @Test
        @DisplayName("§4 update: 16 concurrent updates carrying the same version — exactly one succeeds, the rest get VersionConflictException")
        void concurrentUpdates() throws Exception {
            Employee e = store.create(full("cu"));
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            List<Object> outcomes = concurrently(16, () -> store.update(e.toBuilder()
                    .attribute("writer", AttributeValue.of(n.incrementAndGet())).build()));
            List<Object> winners = outcomes.stream().filter(o -> o instanceof Employee).toList();
            assertThat(winners).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof VersionConflictException).hasSize(15);
            Employee stored = store.get("cu").orElseThrow();
            assertThat(stored.version()).isEqualTo(2);
            assertThat(stored).isEqualTo(winners.get(0));
        }

        @Test
        @DisplayName("§4 put: 16 threads × 50 puts of one employee at version 1 end at version 801 — no increment lost")
        void concurrentPuts() throws Exception {
            Employee e = store.create(full("cp"));
            List<Object> outcomes = concurrently(16, () -> {
                long last = 0;
                for (int i = 0; i < 50; i++) {
                    long v = store.put(e).version();
                    if (v <= last) {
                        throw new AssertionError("versions seen by one thread must grow: " + last + " then " + v);
                    }
                    last = v;
                }
                return last;
            });
            assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Long.class));
            assertThat(store.get("cp").orElseThrow().version()).isEqualTo(801);
            assertThat(store.get("cp").orElseThrow().createdAt()).isEqualTo(e.createdAt());
        }

        @Test
        @DisplayName("§4 delete(id, version): of 16 concurrent versioned deletes exactly one succeeds")
        void concurrentDeletes() throws Exception {
            Employee e = store.create(full("cd"));
            List<Object> outcomes = concurrently(16, () -> {
                store.delete("cd", e.version());
                return "deleted";
            });
            assertThat(outcomes).filteredOn("deleted"::equals).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !"deleted".equals(o)).allSatisfy(o -> assertThat(o)
                    .isInstanceOfAny(EmployeeNotFoundException.class, VersionConflictException.class));
            assertThat(store.get("cd")).isEmpty();
        }
    }

    @Nested
    @DisplayName("validation and bad input")
    class Validation {
        @Test
        @DisplayName("§5 InvalidInputException: every violation is reported at once, by field, without values; nothing written")
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
        @DisplayName("§3 fullName: required and not blank")
        void fullNameRequired() {
            assertRejected("fullName", () -> store.create(draft("v", null).build()));
            assertRejected("fullName", () -> store.create(draft("v", "").build()));
            assertRejected("fullName", () -> store.create(draft("v", "   \t ").build()));
            assertRejected("fullName", () -> store.put(draft("v", null).build()));
        }

        @Test
        @DisplayName("§3 id: null, empty, control characters and outer whitespace are rejected by every method")
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
        @DisplayName("§4 update: an invalid change is rejected and the stored employee is unchanged")
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
        @DisplayName("§3 text: U+0000 and unpaired surrogates are rejected in every text field")
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
        @DisplayName("§3 model: null badges or attribute values are rejected with InvalidInputException")
        void nullsInCollections() {
            assertThatThrownBy(() -> Employee.builder().badge(null)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> Employee.builder().attribute("a", null))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> store.create(null)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> store.importAll(null)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> store.getAll(null)).isInstanceOf(InvalidInputException.class);
        }
    }

    @Nested
    @DisplayName("limits and Unicode")
    class LimitsAndUnicode {
        /** A character outside the Basic Multilingual Plane: one character, two UTF-16 units, four UTF-8 bytes. */
        private static final String EMOJI = "\uD83D\uDE00";

        private void acceptedAndRejected(String field, java.util.function.IntFunction<Employee> build, int limit) {
            Employee atLimit = build.apply(limit);
            store.put(atLimit);
            assertThat(store.get(atLimit.id()).orElseThrow())
                    .usingRecursiveComparison().ignoringFields("version", "createdAt", "updatedAt").isEqualTo(atLimit);
            assertRejected(field, () -> store.put(build.apply(limit + 1)));
        }

        @Test
        @DisplayName("§3 limits: id of 128 characters accepted (ASCII and emoji), 129 rejected")
        void idLimit() {
            acceptedAndRejected("id", n -> draft("i".repeat(n), "N").build(), 128);
            acceptedAndRejected("id", n -> draft(EMOJI.repeat(n), "N").build(), 128);
        }

        @Test
        @DisplayName("§3 limits: fullName 200, jobTitle 200, location 200, photoKey 1024 characters; one more rejected")
        void textLimits() {
            acceptedAndRejected("fullName", n -> draft("f", "中".repeat(n)).build(), 200);
            acceptedAndRejected("fullName", n -> draft("f2", EMOJI.repeat(n)).build(), 200);
            acceptedAndRejected("jobTitle", n -> draft("j", "N").jobTitle("j".repeat(n)).build(), 200);
            acceptedAndRejected("location", n -> draft("l", "N").location(EMOJI.repeat(n)).build(), 200);
            acceptedAndRejected("photoKey", n -> draft("p", "N").photoKey("p/".repeat(n / 2) + "x".repeat(n % 2))
                    .build(), 1024);
        }

        @Test
        @DisplayName("§3 limits: 50 badges of 64 characters accepted; 51 badges, or a 65-character badge, rejected")
        void badgeLimits() {
            acceptedAndRejected("badges", n -> draft("b", "N").badges(IntStream.range(0, n)
                    .mapToObj(i -> String.format("%02d", i) + "b".repeat(62)).toList()).build(), 50);
            acceptedAndRejected("badges", n -> draft("b2", "N").badge(EMOJI.repeat(n)).build(), 64);
            assertRejected("badges", () -> store.create(draft("b3", "N").badge("").build()));
        }

        @Test
        @DisplayName("§3 limits: 100 attributes accepted, 101 rejected; names of 64 characters accepted, 65 rejected")
        void attributeLimits() {
            acceptedAndRejected("attributes", n -> {
                Employee.Builder b = draft("a", "N");
                IntStream.range(0, n).forEach(i -> b.attribute("attr" + i, AttributeValue.of(i)));
                return b.build();
            }, 100);
            acceptedAndRejected("attributes", n -> draft("a2", "N")
                    .attribute("a".repeat(n), AttributeValue.of(1)).build(), 64);
        }

        @Test
        @DisplayName("§3 limits: an employee just under the 350 KB item limit is stored; just over is rejected")
        void itemSizeLimit() {
            // Size by DESIGN §3 and the ItemSize rules: names + values of id (2 + 9), full_name (9 + 9),
            // version (7 + 11, counted at its largest), created_at and updated_at (10 + 24 each), and blob (4 + n).
            int fixed = (2 + 9) + (9 + 9) + (7 + 11) + (10 + 24) + (10 + 24) + 4;
            int n = Limits.MAX_ITEM_BYTES - fixed;
            Employee atLimit = draft("size-test", "Size Test").attribute("blob", AttributeValue.of("x".repeat(n)))
                    .build();
            store.create(atLimit);
            assertThat(store.get("size-test").orElseThrow().attributes()).isEqualTo(atLimit.attributes());
            assertRejected("employee", () -> store.create(draft("size-tes2", "Size Test")
                    .attribute("blob", AttributeValue.of("x".repeat(n + 1))).build()));
            assertRejected("employee", () -> store.put(draft("size-test", "Size Test")
                    .attribute("blob", AttributeValue.of("é".repeat(n / 2 + 1))).build()));
            assertThat(store.get("size-test").orElseThrow().attributes()).isEqualTo(atLimit.attributes());
        }

        @Test
        @DisplayName("§5 injection: ids with quotes, backslashes, wildcards and SQL or DynamoDB metacharacters round-trip and match only themselves")
        void metacharacterIds() {
            List<String> ids = List.of("o'brien", "say \"hi\"", "back\\slash", "100%", "a_c", "abc", "a%c", "#name",
                    ":value", "a:b#c", "attribute_not_exists(id)", "'; DROP TABLE employees; --", "x' OR '1'='1",
                    "$1", "?", "*", "[0]", "a.b", "{}", "\\%", "N'unicode'", "é", EMOJI + "id", "中文", "a/b", "a&b=c");
            for (String id : ids) {
                store.create(draft(id, "N " + id).location(id).jobTitle(id).build());
            }
            for (String id : ids) {
                assertThat(store.get(id)).as(id).get().extracting(Employee::id).isEqualTo(id);
            }
            assertThat(store.getAll(ids)).hasSize(ids.size());
            assertThat(store.count()).isEqualTo(ids.size());
            assertThat(new HashSet<>(ids(listAll(store, 5)))).isEqualTo(new HashSet<>(ids));
            assertThat(store.get("a")).isEmpty();
            assertThat(store.get("%")).isEmpty();
            assertThat(store.get("a_")).isEmpty();
            if (capabilities().contains(Capability.QUERIES)) {
                for (String id : ids) {
                    assertThat(ids(findAll(EmployeeQuery.byLocation(id), 10))).as(id).containsExactly(id);
                    assertThat(ids(findAll(EmployeeQuery.byJobTitle(id), 10))).as(id).containsExactly(id);
                }
            }
            assertThat(store.delete("a_c")).isTrue();
            assertThat(store.get("abc")).isPresent();
        }

        @Test
        @DisplayName("§3 Unicode: a seeded random round trip of 500 generated employees (random Unicode, random attribute trees)")
        void randomRoundTrip() {
            TckData data = new TckData(0x5EED);
            List<Employee> given = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                given.add(data.employee(data.id(i)));
            }
            Map<String, Employee> created = new HashMap<>();
            for (Employee e : given) {
                created.put(e.id(), store.create(e));
            }
            for (Employee e : given) {
                Employee expected = e.toBuilder().version(1).createdAt(now()).updatedAt(now()).build();
                assertThat(store.get(e.id())).as("seed 0x5EED, id %s", e.id()).get()
                        .usingRecursiveComparison().isEqualTo(expected);
                assertThat(created.get(e.id())).usingRecursiveComparison().isEqualTo(expected);
            }
            assertThat(listAll(store, 1000)).hasSize(500);
        }
    }

    @Nested
    @DisplayName("timestamps")
    class Timestamps {
        @Test
        @DisplayName("§3 timestamps: from the store's clock, truncated to milliseconds; created kept, updated advanced")
        void fromClock() {
            Employee e = store.create(full("ts"));
            assertThat(e.createdAt()).isEqualTo(TckClock.START.truncatedTo(ChronoUnit.MILLIS));
            assertThat(e.createdAt().getNano() % 1_000_000).isZero();
            Instant later = clock.advance(Duration.ofDays(400).plusNanos(987_654_321));
            Employee u = store.update(e.toBuilder().fullName("later").build());
            assertThat(u.createdAt()).isEqualTo(e.createdAt());
            assertThat(u.updatedAt()).isEqualTo(later.truncatedTo(ChronoUnit.MILLIS));
            clock.advance(Duration.ofMillis(1));
            Employee p = store.put(u);
            assertThat(p.createdAt()).isEqualTo(e.createdAt());
            assertThat(p.updatedAt()).isEqualTo(now());
            assertThat(store.get("ts")).contains(p);
        }

        @Test
        @DisplayName("§3 timestamps: the extremes 1970-01-01 and 9999-12-31 round-trip through importAll")
        void extremes() {
            Employee e = draft("x", "X").version(5).createdAt(io.github.employeestore.Limits.MIN_TIMESTAMP)
                    .updatedAt(io.github.employeestore.Limits.MAX_TIMESTAMP).build();
            assertThat(store.importAll(List.of(e)).isComplete()).isTrue();
            assertThat(store.get("x")).contains(e);
            Employee before = e.toBuilder().id("y").createdAt(Instant.parse("1969-12-31T23:59:59.999Z")).build();
            assertThat(store.importAll(List.of(before)).failedIds()).containsExactly("y");
        }
    }

    @Nested
    @DisplayName("schema and errors")
    class SchemaAndErrors {
        @Test
        @DisplayName("§4 schema: create() is idempotent and keeps the data; exists() tells")
        void createIdempotent() {
            create("kept");
            assertThat(store.schema().exists()).isTrue();
            store.schema().create();
            store.schema().create();
            assertThat(store.schema().exists()).isTrue();
            assertThat(store.get("kept")).isPresent();
        }

        @Test
        @DisplayName("§5 StoreConfigurationException: every operation on a missing table; create() makes it work again")
        void missingTable() {
            create("gone");
            store.schema().drop();
            assertThat(store.schema().exists()).isFalse();
            store.schema().drop();
            List<Executable> calls = List.of(
                    () -> store.get("gone"),
                    () -> store.create(draft("n", "N").build()),
                    () -> store.put(draft("n", "N").build()),
                    () -> store.count(),
                    () -> store.list(PageRequest.first(10)),
                    () -> store.getAll(List.of("gone")),
                    () -> store.delete("gone"));
            for (Executable call : calls) {
                assertThatThrownBy(call::execute).isInstanceOf(StoreConfigurationException.class);
            }
            store.schema().create();
            assertThat(store.schema().exists()).isTrue();
            assertThat(store.count()).isZero();
            assertThat(store.create(draft("back", "N").build()).version()).isEqualTo(1);
        }

        @Test
        @DisplayName("§5 errors: every failure is an unchecked EmployeeStoreException naming the id")
        void exceptionHierarchy() {
            store.create(full("h"));
            List<Executable> failing = List.of(
                    () -> store.create(full("h")),
                    () -> store.update(full("nobody").toBuilder().version(1).build()),
                    () -> store.delete("h", 99),
                    () -> store.get("bad\u0001"));
            for (Executable call : failing) {
                assertThatThrownBy(call::execute).isInstanceOf(EmployeeStoreException.class)
                        .isInstanceOf(RuntimeException.class);
            }
            assertThatThrownBy(() -> store.delete("h", 99)).hasMessageContaining("h");
        }
    }
}
