package io.github.employeestore.directory;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.directory.internal.OpenedStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code copy} of 20,000 employees in a child process, stopped half-way with SIGTERM, then continued with
 * {@code --resume}: the stopped copy says how many it copied and that the target is partial, exits non-zero, and
 * prints no "connection lost" (H2 closing its database in its own shutdown hook under the copy); the resumed copy
 * writes nothing before the checkpoint again, and the target then equals the source, field by field.
 */
class CopyResumeProcessTest {
    private static final int N = 20_000;

    @Test
    void stoppedHalfWayBySigtermThenResumed(@TempDir Path dir) throws Exception {
        String from = "jdbc:h2:file:" + dir.resolve("source");
        String to = "jdbc:h2:file:" + dir.resolve("target");
        Path checkpoint = dir.resolve("copy.checkpoint");
        Map<String, Employee> source = new TreeMap<>();
        try (OpenedStore s = OpenedStore.open(from, true)) {
            List<Employee> all = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                all.add(Employee.builder().id(String.format("r-%05d", i)).fullName("Resumed Person " + i)
                        .location(i % 2 == 0 ? "Oslo" : null).badge("b" + (i % 4))
                        .attribute("n", AttributeValue.of(i)).version(1 + i % 5)
                        .createdAt(Instant.ofEpochMilli(1_000L * i)).updatedAt(Instant.ofEpochMilli(2_000L * i))
                        .build());
            }
            assertThat(s.store().importAll(all).isComplete()).isTrue();
            s.store().stream().forEach(e -> source.put(e.id(), e));
        }

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("copy.log");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmployeeDirectory.class.getName(), "copy", "--from", from, "--to", to, "--chunk", "250",
                "--writers", "1", "--checkpoint", checkpoint.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long copiedAtSignal = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            long copied = copied(checkpoint);
            if (copied >= N / 4) {
                copiedAtSignal = copied;
                p.destroy(); // SIGTERM
                break;
            }
            Thread.sleep(5);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(copiedAtSignal).as("the copy was stopped part-way: %s", output).isBetween((long) N / 4, N - 1L);
        assertThat(p.exitValue()).as(output).isNotZero();
        assertThat(output).contains("The target is PARTIAL").contains("--resume")
                .doesNotContainIgnoringCase("connection").doesNotContainIgnoringCase("lost");
        long copiedBefore = copied(checkpoint);
        assertThat(copiedBefore).isBetween(copiedAtSignal, N - 1L);
        try (OpenedStore t = OpenedStore.open(to, false)) {
            assertThat(t.store().count()).isGreaterThanOrEqualTo(copiedBefore).isLessThan(N);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EmployeeDirectory.run(new String[] {"copy", "--from", from, "--to", to, "--resume",
                "--checkpoint", checkpoint.toString()}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String resumed = out.toString(StandardCharsets.UTF_8);
        System.out.println("stopped copy (SIGTERM at " + copiedAtSignal + " copied):\n" + output.strip()
                + "\nresumed copy:\n" + resumed.strip());
        assertThat(code).as(resumed + err).isZero();
        assertThat(resumed).contains("read " + String.format("%,d", N - copiedBefore))
                .contains("counts verified").contains("read back equal");
        assertThat(checkpoint).as("a complete copy removes its checkpoint").doesNotExist();
        try (OpenedStore t = OpenedStore.open(to, false)) {
            Map<String, Employee> target = new TreeMap<>();
            t.store().stream().forEach(e -> target.put(e.id(), e));
            assertThat(target).isEqualTo(source);
        }
    }

    private static long copied(Path checkpoint) {
        try {
            if (!Files.exists(checkpoint)) {
                return -1;
            }
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(checkpoint)) {
                p.load(r);
            }
            return Long.parseLong(p.getProperty("copied", "-1"));
        } catch (Exception e) {
            return -1; // being replaced
        }
    }
}
