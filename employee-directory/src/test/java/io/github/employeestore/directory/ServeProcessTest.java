package io.github.employeestore.directory;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as a user starts it: a separate JVM in an empty working directory, no URL given, so the embedded H2 default
 * under {@code ./data}; it says which URL to open, serves it, stops gracefully on SIGTERM, and the data survives a
 * restart.
 */
class ServeProcessTest {
    private static final Pattern OPEN = Pattern.compile("open (http://localhost:(\\d+)/)");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsOnTheEmbeddedDefaultSaysWhereToGoAndKeepsTheDataAcrossARestart(@TempDir Path workDir) throws Exception {
        Started first = start(workDir);
        try {
            HttpResponse<String> page = get(first.url);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Employee Directory").contains("JDBC store (H2)");
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(first.url + "api/employees"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"e1\",\"fullName\":\"Katherine Johnson\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
        } finally {
            stop(first.process);
        }
        assertThat(first.output).anyMatch(l -> l.startsWith("data: ") && l.endsWith(
                workDir.resolve("data").resolve("employee-directory.mv.db").toAbsolutePath().toString()));
        assertThat(Files.exists(workDir.resolve("data/employee-directory.mv.db"))).isTrue();

        Started second = start(workDir);
        try {
            assertThat(get(second.url).body()).contains("Katherine Johnson");
        } finally {
            stop(second.process);
        }
    }

    private record Started(Process process, String url, List<String> output) {
    }

    private static Started start(Path workDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmployeeDirectory.class.getName(), "--port", "0")
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        pb.environment().remove("EMPLOYEE_STORE_URL");
        pb.environment().remove("PORT");
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = in.readLine()) != null) {
            lines.add(line);
            Matcher m = OPEN.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        String l;
                        while ((l = in.readLine()) != null) {
                            synchronized (lines) {
                                lines.add(l);
                            }
                        }
                    } catch (java.io.IOException e) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new Started(p, m.group(1), lines);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("the app did not say where to open it; output: " + lines);
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM: the shutdown hook stops the server and closes the store
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the app stops within 30 s of SIGTERM").isTrue();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
