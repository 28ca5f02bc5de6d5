package io.github.employeestore.tck;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The TCK tests itself: run programmatically through the JUnit Platform Launcher, it must pass entirely against the
 * reference store, skip (not pass) the optional tests of a store that does not declare them, and fail against each
 * deliberately broken store, in the tests that check the broken clause. A weakened TCK fails this build.
 */
class TckSelfTest {
    /** How often a broken store's must-fail tests run at most until each has failed (see everyBrokenStoreIsCaught). */
    private static final int RUNS = 5;

    /** The outcome of one TCK run: test method name to result, and the reasons of skipped tests. */
    record Run(Map<String, TestExecutionResult.Status> results, Map<String, String> skipped,
               Map<String, String> messages) {
        /** @return the failed tests, as {@code Group.method} */
        List<String> failed() {
            return results.entrySet().stream().filter(e -> e.getValue() != TestExecutionResult.Status.SUCCESSFUL
                    && e.getValue() != TestExecutionResult.Status.ABORTED).map(Map.Entry::getKey).sorted().toList();
        }

        long count(TestExecutionResult.Status status) {
            return results.values().stream().filter(s -> s == status).count();
        }
    }

    static Run run(Class<?> tck) {
        return run(tck, null);
    }

    /** Runs the TCK class; with {@code only}, just the test methods of those names ({@code Group.method}). */
    static Run run(Class<?> tck, java.util.Set<String> only) {
        Map<String, TestExecutionResult.Status> results = new ConcurrentHashMap<>();
        Map<String, String> skipped = new ConcurrentHashMap<>();
        Map<String, String> messages = new ConcurrentHashMap<>();
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tck));
        if (only != null) {
            builder.filters((PostDiscoveryFilter) d -> d.getSource().filter(MethodSource.class::isInstance)
                    .map(m -> FilterResult.includedIf(only.contains(name((MethodSource) m))))
                    .orElse(FilterResult.included("a container")));
        }
        LauncherDiscoveryRequest request = builder.build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    // the tests of a factory may share its name (their source): the worst outcome stands
                    results.merge(name(id), result.getStatus(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                    if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                        messages.put(name(id), result.getThrowable().map(t -> t.getClass().getSimpleName() + ": "
                                + String.valueOf(t.getMessage()).strip().replaceAll("\\s*\\n\\s*", " ")).orElse(""));
                    }
                    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                        skipped.put(name(id), result.getThrowable().map(Throwable::getMessage).orElse(""));
                    }
                } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    results.put("container " + id.getDisplayName(), result.getStatus());
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                results.put(name(id), TestExecutionResult.Status.ABORTED);
                skipped.put(name(id), reason);
            }
        });
        return new Run(results, skipped, messages);
    }

    private static String name(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(s -> name((MethodSource) s))
                .orElse(id.getDisplayName());
    }

    private static String name(MethodSource m) {
        return m.getClassName().substring(m.getClassName().lastIndexOf('$') + 1) + "." + m.getMethodName();
    }

    @Test
    @DisplayName("§7.1, §7.4 the TCK passes entirely against the reference store; only the optional group on data"
            + " written by others is skipped")
    void referenceStorePassesEveryTestAndSkipsNone() {
        if (only() != null) {   // the assertion-deletion trial: only the methods it changed can change outcome
            assertThat(run(InMemoryEmployeeStoreTckTest.class, only()).failed()).isEmpty();
            return;
        }
        Run run = run(InMemoryEmployeeStoreTckTest.class);
        assertThat(run.failed()).isEmpty();
        // the reference store keeps Employee objects, not raw items: it has no ForeignItems hook, so the optional
        // group "data written by others" is skipped with the reason (the backends that store raw items run it); it
        // has no connections to kill either, so the linearizability test under faults is skipped with the reason
        assertThat(run.skipped()).allSatisfy(TckSelfTest::optionalHookSkipped);
        assertThat(run.skipped()).containsKeys("DataWrittenByOthers.everyKindIsKept",
                "Linearizability.linearizableUnderFaults");
        assertThat(run.count(TestExecutionResult.Status.SUCCESSFUL)).isGreaterThanOrEqualTo(85);
    }

    @Test
    @DisplayName("§7.3 the tests of undeclared capabilities are skipped with the reason, not passed")
    void undeclaredCapabilitiesAreSkippedWithTheReasonNotPassed() {
        if (only() != null) {
            assertThat(run(NoCapabilitiesTck.class, only()).failed()).isEmpty();
            return;
        }
        Run run = run(NoCapabilitiesTck.class);
        assertThat(run.failed()).isEmpty();
        assertThat(run.skipped()).containsKeys("Queries.byLocationExact", "Queries.codePointOrder",
                "Transactions.fifthCreateFails", "Transactions.operationLimit", "Listing.cursorBoundToQuery",
                "Search.wordPrefixes", "Search.backfill");
        // every skip names the undeclared capability, except the optional group "data written by others", which
        // this store (no ForeignItems hook) skips with that reason
        assertThat(run.skipped()).allSatisfy((test, reason) -> {
            if (test.startsWith("DataWrittenByOthers") || test.equals("Linearizability.linearizableUnderFaults")) {
                optionalHookSkipped(test, reason);
            } else {
                assertThat(reason).contains("not declared");
            }
        });
        assertThat(run.results()).containsEntry("Capabilities.undeclaredCapabilitiesThrow", TestExecutionResult.Status.SUCCESSFUL);
        assertThat(run.results()).containsEntry("LimitsAndUnicode.metacharacterIds", TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    @DisplayName("§7.4, §3.6.2 the group on data written by others (and the search group's tests of such data) passes"
            + " against the self-test's raw-item store, none skipped; its broken stores run through the same hook")
    void rawItemStorePassesTheGroupOnDataWrittenByOthers() {
        java.util.Set<String> group = new java.util.TreeSet<>();
        for (java.lang.reflect.Method m : DataWrittenByOthersGroup.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(TestFactory.class)) {
                group.add("DataWrittenByOthers." + m.getName());
            }
        }
        // the search group's tests of items written by others run through the same hook
        group.add("Search.foreignItemsOnceIndexed");
        group.add("Search.unreadableEmployeesAreReported");
        if (only() != null) {
            group.retainAll(only());
            if (group.isEmpty()) {
                return;
            }
        }
        BrokenStoreTck.current = BrokenForeignData.NOT_BROKEN;
        try {
            Run run = run(BrokenStoreTck.class, group);
            assertThat(run.failed()).isEmpty();
            if (only() != null) {
                return;
            }
            assertThat(run.results()).containsOnlyKeys(group);
            assertThat(run.skipped()).as("tests of the group skipped against the raw-item store").isEmpty();
        } finally {
            BrokenStoreTck.current = null;
        }
    }

    /** A test skipped because the store offers no optional hook: its group's, with the hook's name as the reason. */
    private static void optionalHookSkipped(String test, String reason) {
        if (test.equals("Linearizability.linearizableUnderFaults")) {
            assertThat(reason).contains("Faults hook");
        } else if (test.equals("Search.backfill")) {
            assertThat(reason).contains("UnindexedTable hook");
        } else if (test.equals("Search.foreignItemsOnceIndexed")
                || test.equals("Search.unreadableEmployeesAreReported")) {
            assertThat(reason).contains("ForeignItems hook");
        } else {
            assertThat(test).startsWith("DataWrittenByOthers");
            assertThat(reason).contains("ForeignItems");
        }
    }

    /**
     * The TCK methods on no broken store's must-fail list, each with the reason. The self-test fails when a TCK method
     * is neither on a must-fail list nor here, so a new test is guarded from the day it is added: give it a
     * broken store (an entry {@code "Group.method §clause"} in one of the {@code Broken*} enums), or add it here
     * with the reason. Shrinking this list is how the self-test grows.
     */
    static final Map<String, String> NOT_ON_A_MUST_FAIL_LIST = Map.of();

    @Test
    @DisplayName("§7.4 every TCK method is on a broken store's must-fail list, or allowed with the reason")
    void everyTckMethodIsOnAMustFailListOrAllowedWithAReason() {
        Map<String, String> tckMethods = new java.util.TreeMap<>();
        for (Class<?> nested : EmployeeStoreTck.class.getDeclaredClasses()) {
            if (!nested.isAnnotationPresent(org.junit.jupiter.api.Nested.class)) {
                continue;
            }
            for (java.lang.reflect.Method m : nested.getSuperclass().getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(TestFactory.class)) {
                    tckMethods.put(nested.getSimpleName() + "." + m.getName(),
                            m.getAnnotation(org.junit.jupiter.api.DisplayName.class).value());
                }
            }
        }
        assertThat(tckMethods).hasSizeGreaterThanOrEqualTo(100);
        java.util.Set<String> listed = new java.util.TreeSet<>();
        for (BrokenStore broken : BrokenStore.all()) {
            for (String entry : broken.mustFail()) {
                MustFail m = MustFail.parse(entry);
                assertThat(tckMethods).as("%s of %s names a TCK method", entry, broken.name()).containsKey(m.test());
                assertThat(tckMethods.get(m.test())).as("%s of %s: the test cites the clause", entry, broken.name())
                        .containsPattern(java.util.regex.Pattern.quote(m.clause()) + "(?![0-9])");
                listed.add(m.test());
            }
        }
        java.util.Set<String> unguarded = new java.util.TreeSet<>(tckMethods.keySet());
        unguarded.removeAll(listed);
        unguarded.removeAll(NOT_ON_A_MUST_FAIL_LIST.keySet());
        assertThat(unguarded).as("TCK methods on no broken store's must-fail list and not in NOT_ON_A_MUST_FAIL_LIST")
                .isEmpty();
        java.util.Set<String> stale = new java.util.TreeSet<>(NOT_ON_A_MUST_FAIL_LIST.keySet());
        stale.retainAll(listed);
        assertThat(stale).as("TCK methods in NOT_ON_A_MUST_FAIL_LIST that are on a must-fail list now: remove them")
                .isEmpty();
        assertThat(tckMethods.keySet()).as("every entry of NOT_ON_A_MUST_FAIL_LIST names a TCK method")
                .containsAll(NOT_ON_A_MUST_FAIL_LIST.keySet());
    }

    @TestFactory
    @DisplayName("§7.4 every broken store fails the tests of the clause it breaks, with an assertion of that clause")
    Stream<DynamicTest> everyBrokenStoreIsCaught() {
        assertThat(BrokenStore.all()).hasSizeGreaterThanOrEqualTo(50);
        return selected().stream().map(broken -> DynamicTest.dynamicTest(broken.name(), () -> {
            BrokenStoreTck.current = broken;
            List<MustFail> expected = broken.mustFail().stream().map(MustFail::parse).toList();
            Run run = run(BrokenStoreTck.class, expected.stream().map(MustFail::test)
                    .collect(java.util.stream.Collectors.toSet()));
            List<String> failed = new ArrayList<>(run.failed());
            Map<String, String> messages = new java.util.HashMap<>(run.messages());
            report(broken, run);
            // a must-fail test that did not fail runs again, up to RUNS in all: the random tests (linearizability
            // rounds, races) catch some broken stores only when their calls happen to interleave or meet a fault;
            // a deterministic test gives the same verdict every time, so this costs nothing when it is caught
            for (int attempt = 1; attempt < RUNS; attempt++) {
                java.util.Set<String> missing = expected.stream().map(MustFail::test)
                        .filter(t -> !failed.contains(t)).collect(java.util.stream.Collectors.toSet());
                if (missing.isEmpty()) {
                    break;
                }
                Run again = run(BrokenStoreTck.class, missing);
                failed.addAll(again.failed());
                again.messages().forEach(messages::putIfAbsent);
            }
            for (MustFail m : expected) {
                assertThat(failed).as("%s must fail against %s (in %d runs)", m.test(), broken.name(), RUNS)
                        .contains(m.test());
                assertThat(messages.get(m.test())).as("%s must fail against %s with an assertion of clause %s,"
                        + " not for another reason", m.test(), broken.name(), m.clause()).contains(m.clause());
            }
        }));
    }

    @TestFactory
    @DisplayName("§7.4 every answer of the store that a TCK test checks stays checked: corrupted, it fails the test")
    Stream<DynamicTest> everyCheckedAnswerStaysChecked() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Path.of(CorruptedCalls.FILE);
        java.util.Set<String> only = only();
        List<CorruptedCalls.TestMethod> tests = CorruptedCalls.testMethods().stream()
                .filter(t -> only == null || only.contains(t.name())).toList();
        if (Boolean.getBoolean("tck.writeCheckedCalls")) {
            String text = CorruptedCalls.write(tests, file);
            return Stream.of(DynamicTest.dynamicTest("written: " + text.lines().skip(3).findFirst().orElse(""),
                    () -> { }));
        }
        Map<String, CorruptedCalls.Entry> recorded = CorruptedCalls.read(file);
        if (only == null) {
            assertThat(tests.stream().map(CorruptedCalls.TestMethod::name).toList())
                    .as("the tests of %s are the TCK's; rewrite it with -Dtck.writeCheckedCalls=true", file)
                    .containsExactlyInAnyOrderElementsOf(recorded.keySet());
        }
        CorruptedCalls.Runner runner = new CorruptedCalls.Runner();
        return tests.stream().map(t -> DynamicTest.dynamicTest(t.name(), () -> {
            CorruptedCalls.Entry entry = recorded.get(t.name());
            assertThat(entry).as("%s is not in %s; rewrite it with -Dtck.writeCheckedCalls=true", t.name(), file)
                    .isNotNull();
            if (!entry.excluded()) {
                assertThat(CorruptedCalls.check(t, entry, runner)).as("§7.4 the checked answers of %s", t.name())
                        .isEmpty();
            }
        })).onClose(runner::close);
    }

    /**
     * The broken stores to run: all of them, or, with {@code -Dtck.selfTest.only=Group.method[,...]} (used by the
     * assertion-deletion trial), those whose must-fail lists name one of these TCK methods. A broken store runs only
     * the TCK methods on its must-fail list, so a change inside one TCK method can change the outcome of those
     * broken stores alone: the selection gives the same verdict as the whole self-test, sooner.
     */
    private static List<BrokenStore> selected() {
        java.util.Set<String> tests = only();
        if (tests == null) {
            return BrokenStore.all();
        }
        return BrokenStore.all().stream().filter(b -> b.mustFail().stream().map(e -> MustFail.parse(e).test())
                .anyMatch(tests::contains)).toList();
    }

    /**
     * @return the TCK methods given by {@code -Dtck.selfTest.only=Group.method[,...]}, or {@code null} when not given:
     *         then the reference and capability runs, too, run just those methods (a change inside them cannot
     *         change the outcome of any other)
     */
    static java.util.Set<String> only() {
        String only = System.getProperty("tck.selfTest.only", "");
        return only.isBlank() ? null : java.util.Set.of(only.split(","));
    }

    /**
     * One entry of a broken store's must-fail list: {@code "Group.method §clause"}, where {@code Group} is the name
     * of the {@code @Nested} class of {@link EmployeeStoreTck} that runs the group (the group's file without
     * {@code Group}), {@code method} the test method, and {@code §clause} a clause the test cites in its display name:
     * the test must fail with an assertion error naming it ({@link ClauseInFailures} puts the test's clauses in front
     * of every assertion message), so that a failure for another reason (an exception of the broken store, a
     * timeout) does not count.
     */
    record MustFail(String test, String clause) {
        private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile(
                "([A-Z][A-Za-z]*)\\.([a-z][A-Za-z0-9]*) (§[0-9]+(?:\\.[0-9]+)*)");

        static MustFail parse(String entry) {
            java.util.regex.Matcher m = FORM.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("a must-fail entry is \"Group.method §clause\", not \"" + entry
                        + "\"");
            }
            return new MustFail(m.group(1) + "." + m.group(2), m.group(3));
        }
    }

    /** Writes what the TCK said against each broken store to target/tck-self-test.txt, for whoever reads a failure. */
    private static synchronized void report(BrokenStore broken, Run run) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Path.of("target", "tck-self-test.txt");
        StringBuilder b = new StringBuilder("== ").append(broken.name()).append('\n');
        run.messages().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append(e.getKey())
                .append(": ").append(e.getValue(), 0, Math.min(400, e.getValue().length())).append('\n'));
        java.nio.file.Files.write(file, b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
