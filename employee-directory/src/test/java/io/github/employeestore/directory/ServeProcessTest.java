package io.github.employeestore.directory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as a user starts it: a separate JVM in an empty working directory, no URL given, so the embedded H2 default
 * under {@code ./data}; it says which URL to open, serves it, stops gracefully on SIGTERM, and the data survives a
 * restart.
 */
class ServeProcessTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsOnTheEmbeddedDefaultSaysWhereToGoAndKeepsTheDataAcrossARestart(@TempDir Path workDir) throws Exception {
        AppProcess first = AppProcess.start(workDir);
        try {
            HttpResponse<String> page = get(first.url());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Employee Directory").contains("JDBC store (H2)");
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(first.url() + "api/employees"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"e1\",\"fullName\":\"Katherine Johnson\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
        } finally {
            first.stop();
        }
        assertThat(first.output()).anyMatch(l -> l.startsWith("data: ") && l.endsWith(
                workDir.resolve("data").resolve("employee-directory.mv.db").toAbsolutePath().toString()));
        assertThat(Files.exists(workDir.resolve("data/employee-directory.mv.db"))).isTrue();

        AppProcess second = AppProcess.start(workDir);
        try {
            assertThat(get(second.url()).body()).contains("Katherine Johnson");
        } finally {
            second.stop();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
