package io.github.employeestore.directory;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.directory.internal.OpenedStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write that returned survives a SIGKILL of the process right after it, on the embedded H2 file the app uses
 * by default: creates, updates and deletes answered by the JSON API, {@code importAll} and {@code transact} of the
 * library, and the batches a {@code copy}'s checkpoint says are written.
 */
class CrashDurabilityTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("§6.3 every create, update and delete the JSON API acknowledged survives a SIGKILL of the app (embedded H2)")
    void everyAcknowledgedApiWriteSurvivesAKillOfTheApp(@TempDir Path workDir) throws Exception {
        AppProcess app = AppProcess.start(workDir);
        Set<String> created = ConcurrentHashMap.newKeySet();
        Map<String, Long> updated = new ConcurrentHashMap<>();
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<?>> all = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                String id = String.format("burst-%03d", i);
                inFlight.acquire();
                all.add(send("POST", app.url() + "api/employees", null,
                        "{\"id\":\"" + id + "\",\"fullName\":\"Burst " + i + "\"}").thenCompose(r -> {
                    if (r.statusCode() != 201) {
                        return CompletableFuture.completedFuture(null);
                    }
                    created.add(id);
                    int n = Integer.parseInt(id.substring(6));
                    if (n % 3 == 1) {
                        return send("PUT", app.url() + "api/employees/" + id, "\"1\"",
                                "{\"fullName\":\"Burst changed\"}").thenAccept(u -> {
                            if (u.statusCode() == 200) {
                                updated.put(id, 2L);
                            }
                        });
                    } else if (n % 3 == 2) {
                        return send("DELETE", app.url() + "api/employees/" + id, null, null).thenAccept(d -> {
                            if (d.statusCode() == 204) {
                                deleted.add(id);
                            }
                        });
                    }
                    return CompletableFuture.completedFuture(null);
                }).whenComplete((r, e) -> inFlight.release()));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            app.kill(); // right after the last answer
        }
        assertThat(created).hasSize(300);
        try (OpenedStore store = OpenedStore.open("jdbc:h2:file:" + workDir.resolve("data/employee-directory"),
                false)) {
            int missing = 0;
            for (String id : created) {
                Optional<Employee> e = store.store().get(id);
                if (deleted.contains(id)) {
                    missing += e.isPresent() ? 1 : 0;
                } else if (e.isEmpty() || e.get().version() != updated.getOrDefault(id, 1L)) {
                    missing++;
                }
            }
            System.out.println("app killed right after " + (300 + updated.size() + deleted.size())
                    + " acknowledged writes (300 creates, " + updated.size() + " updates, " + deleted.size()
                    + " deletes): " + missing + " lost");
            assertThat(missing).as("acknowledged writes lost by the kill").isZero();
            assertThat(store.store().count()).isEqualTo(300 - deleted.size());
        }
    }

    @Test
    @DisplayName("§6.3 importAll and transact survive a SIGKILL of the process right after they return (embedded H2)")
    void importAllAndTransactSurviveAKillRightAfterTheyReturn(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("crash");
        runWriterAndKill(url, 3_000);
        try (OpenedStore store = OpenedStore.open(url, false)) {
            EmployeeStore s = store.store();
            assertThat(s.count()).isEqualTo(3_000 + 50 - 1);
            assertThat(s.get("imp-02999")).map(Employee::version).contains(3L);
            assertThat(s.get("imp-00000")).map(Employee::fullName).contains("Changed in the transaction");
            assertThat(s.get("imp-00001")).isEmpty();
            assertThat(s.get("tx-049")).isPresent();
        }
        // the same kill on H2's own default (a background write up to a second later): shows what the test catches
        String delayed = "jdbc:h2:file:" + dir.resolve("delayed") + ";WRITE_DELAY=1000";
        runWriterAndKill(delayed, 3_000);
        try (OpenedStore store = OpenedStore.open(delayed, false)) {
            long found = store.store().schema().exists() ? store.store().count() : 0;
            System.out.println("control, WRITE_DELAY=1000: " + found + " of " + (3_000 + 50 - 1)
                    + " acknowledged employees found after the kill");
        }
    }

    @Test
    @DisplayName("§6.3 the batches a copy's checkpoint counts as written survive a SIGKILL of the copy (embedded H2)")
    void theBatchesACopyCheckpointCountsSurviveAKillOfTheCopy(@TempDir Path dir) throws Exception {
        int n = 20_000;
        String from = "jdbc:h2:file:" + dir.resolve("source");
        String to = "jdbc:h2:file:" + dir.resolve("target");
        Path checkpoint = dir.resolve("copy.checkpoint");
        List<String> ids = new ArrayList<>();
        try (OpenedStore s = OpenedStore.open(from, true)) {
            List<Employee> source = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = String.format("c-%05d", i);
                ids.add(id);
                source.add(Employee.builder().id(id).fullName("Copied " + i).version(2)
                        .createdAt(java.time.Instant.EPOCH).updatedAt(java.time.Instant.EPOCH).build());
            }
            assertThat(s.store().importAll(source).isComplete()).isTrue();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmployeeDirectory.class.getName(), "copy", "--from", from, "--to", to, "--chunk", "250",
                "--writers", "2", "--checkpoint", checkpoint.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("copy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive() && copied(checkpoint) < n / 4) {
            Thread.onSpinWait();
        }
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long copied = copied(checkpoint);
        assertThat(copied).as("killed part-way").isBetween((long) n / 4, n - 1L);
        try (OpenedStore t = OpenedStore.open(to, false)) {
            Map<String, Employee> got = new TreeMap<>();
            for (int i = 0; i < copied; i += 1_000) {
                t.store().getAll(ids.subList(i, (int) Math.min(copied, i + 1_000))).forEach(got::put);
            }
            System.out.println("copy killed with " + copied + " employees in its checkpoint: " + got.size()
                    + " of them in the target");
            assertThat(got).as("the checkpoint's prefix is in the target").hasSize((int) copied);
        }
    }

    private static void runWriterAndKill(String url, int n) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), url, Integer.toString(n)).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (line.equals("transacted")) {
                    p.destroyForcibly();
                    break;
                }
            }
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lines).as("the writer finished both calls").contains("imported " + n, "transacted");
    }

    private CompletableFuture<HttpResponse<String>> send(String method, String url, String ifMatch, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long copied(Path checkpoint) {
        try {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(checkpoint)) {
                p.load(r);
            }
            return Long.parseLong(p.getProperty("copied", "-1"));
        } catch (Exception e) {
            return -1; // absent or being replaced
        }
    }
}
