package io.github.employeestore.tck;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The power of the generated tests, measured on the self-test's broken stores: each broken store is run against
 * the generated sequences and the linearizability tests alone (every example-based group left out), at the budget
 * of a CI run, and the number caught by each is printed and written to {@code target/tck-generated-power.txt}. The
 * build fails when they catch fewer than {@value #TARGET} of them.
 */
class GeneratedPowerTest {
    static final int TARGET = 75;

    @Test
    void generatedTestsAloneCatchTheBrokenStores() throws IOException {
        List<BrokenStore> all = BrokenStore.all();
        Map<String, String> caught = new TreeMap<>();
        List<String> missed = new ArrayList<>();
        int byGenerated = 0;
        int byLinearizability = 0;
        // the figure counts catches at a CI run's budget (whatever -Ptck-long asks of the backends); shrinking each
        // catch would take minutes
        Map<String, String> budget = Map.of("tck.shrink", "false",
                "tck.steps", String.valueOf(GeneratedGroup.DEFAULT_STEPS),
                "tck.linearizabilityRounds", String.valueOf(LinearizabilityGroup.DEFAULT_ROUNDS));
        Map<String, String> before = new TreeMap<>();
        budget.forEach((k, v) -> {
            before.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
        long started = System.nanoTime();
        try {
            for (BrokenStore broken : all) {
                BrokenStoreTck.current = broken;
                Map<String, String> failed = runGeneratedGroups();
                boolean generated = failed.containsKey("Generated");
                boolean linearizability = failed.containsKey("Linearizability");
                byGenerated += generated ? 1 : 0;
                byLinearizability += linearizability ? 1 : 0;
                if (failed.isEmpty()) {
                    missed.add(broken.name());
                } else {
                    caught.put(broken.name(), String.join(" | ", failed.values()));
                }
            }
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
        StringBuilder report = new StringBuilder(String.format(
                "generated tests alone against the %d broken stores of the self-test: %d caught (generated sequences "
                        + "%d, linearizability %d), %d missed, %,d ms%nmissed: %s%n%n", all.size(), caught.size(),
                byGenerated, byLinearizability, missed.size(), (System.nanoTime() - started) / 1_000_000, missed));
        caught.forEach((name, why) -> report.append(name).append(": ")
                .append(why, 0, Math.min(300, why.length())).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "tck-generated-power.txt"), report, StandardCharsets.UTF_8);
        System.out.print(report.substring(0, report.indexOf("\n\n") + 1));
        assertThat(caught.size()).as("broken stores caught by the generated tests alone; missed: %s", missed)
                .isGreaterThanOrEqualTo(TARGET);
    }

    /** @return the generated groups that failed against the current broken store, each with its first line */
    private static Map<String, String> runGeneratedGroups() {
        Map<String, String> failed = new ConcurrentHashMap<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(BrokenStoreTck.class))
                .filters((PostDiscoveryFilter) d -> d.getSource().filter(MethodSource.class::isInstance)
                        .map(m -> FilterResult.includedIf(group((MethodSource) m) != null))
                        .orElse(FilterResult.included("a container")))
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                            String group = id.getSource().map(s -> group((MethodSource) s)).orElse("?");
                            String message = result.getThrowable().map(t -> String.valueOf(t.getMessage()).strip())
                                    .orElse("");
                            failed.put(group, message.lines().findFirst().orElse(""));
                        }
                    }
                });
        return failed;
    }

    private static String group(MethodSource m) {
        String nested = m.getClassName().substring(m.getClassName().lastIndexOf('$') + 1);
        return nested.equals("Generated") || nested.equals("Linearizability") ? nested : null;
    }
}
