package io.github.employeestore.tck;

import org.junit.jupiter.api.DynamicTest;
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

    /** The outcome of one TCK run: test method name to result, and the reasons of skipped tests. */
    record Run(Map<String, TestExecutionResult.Status> results, Map<String, String> skipped,
               Map<String, String> messages) {
        List<String> failed() {
            return results.entrySet().stream().filter(e -> e.getValue() != TestExecutionResult.Status.SUCCESSFUL
                    && e.getValue() != TestExecutionResult.Status.ABORTED).map(e -> e.getKey().substring(e.getKey().indexOf('.') + 1)).sorted().toList();
        }

        long count(TestExecutionResult.Status status) {
            return results.values().stream().filter(s -> s == status).count();
        }
    }

    static Run run(Class<?> tck) {
        return run(tck, null);
    }

    /** Runs the TCK class; with {@code only}, just the test methods of those names. */
    static Run run(Class<?> tck, java.util.Set<String> only) {
        Map<String, TestExecutionResult.Status> results = new ConcurrentHashMap<>();
        Map<String, String> skipped = new ConcurrentHashMap<>();
        Map<String, String> messages = new ConcurrentHashMap<>();
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tck));
        if (only != null) {
            builder.filters((PostDiscoveryFilter) d -> d.getSource().filter(MethodSource.class::isInstance)
                    .map(m -> FilterResult.includedIf(only.contains(((MethodSource) m).getMethodName())))
                    .orElse(FilterResult.included("a container")));
        }
        LauncherDiscoveryRequest request = builder.build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    results.put(name(id), result.getStatus());
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
        return id.getSource().filter(MethodSource.class::isInstance).map(s -> {
            MethodSource m = (MethodSource) s;
            String nested = m.getClassName().substring(m.getClassName().lastIndexOf('$') + 1);
            return nested + "." + m.getMethodName();
        }).orElse(id.getDisplayName());
    }

    @Test
    void referenceStorePassesEveryTestAndSkipsNone() {
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
    void undeclaredCapabilitiesAreSkippedWithTheReasonNotPassed() {
        Run run = run(NoCapabilitiesTck.class);
        assertThat(run.failed()).isEmpty();
        assertThat(run.skipped()).containsKeys("Queries.byLocationExact", "Queries.codePointOrder",
                "Transactions.fifthCreateFails", "Transactions.operationLimit", "Listing.cursorBoundToQuery");
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

    /** A test skipped because the store offers no optional hook: its group's, with the hook's name as the reason. */
    private static void optionalHookSkipped(String test, String reason) {
        if (test.equals("Linearizability.linearizableUnderFaults")) {
            assertThat(reason).contains("Faults hook");
        } else {
            assertThat(test).startsWith("DataWrittenByOthers");
            assertThat(reason).contains("ForeignItems");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenStoreIsCaught() {
        assertThat(BrokenStore.all()).hasSizeGreaterThanOrEqualTo(50);
        return BrokenStore.all().stream().map(broken -> DynamicTest.dynamicTest(broken.name(), () -> {
            BrokenStoreTck.current = broken;
            Run run = run(BrokenStoreTck.class, java.util.Set.copyOf(broken.mustFail()));
            List<String> failed = new ArrayList<>(run.failed());
            report(broken, run);
            assertThat(run.results().keySet()).as("tests of %s that ran", broken.name())
                    .hasSizeGreaterThanOrEqualTo(broken.mustFail().size());
            assertThat(failed).as("the tests of the clause %s breaks must fail against it", broken.name())
                    .containsAll(broken.mustFail());
        }));
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
