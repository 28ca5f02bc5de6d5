package io.github.employeestore.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.directory.internal.EmployeeJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each defect the directory had on its old hand-written server, reproduced with the hostile request and kept fixed:
 * slow clients, unbounded responses, 500s on malformed input, invalid UTF-8 stored as U+FFFD, DNS rebinding and
 * cross-site writes, page URLs that grew with the page number. On embedded H2, through real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private RunningApp app;
    private String base;
    private EmployeeStore store;

    @BeforeAll
    void start() {
        app = RunningApp.start(TestSupport.h2MemUrl("hostile"), "--directory.max-response-bytes=1000000");
        base = app.base();
        store = app.store();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aStalledClientIsCutByTheReadTimeout() throws Exception {
        int port = URI.create(base).getPort();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("POST /api/employees HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    + "application/json\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            InputStream in = s.getInputStream();
            byte[] answer = in.readAllBytes();
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertThat(seconds).as("the server gives up on the stalled body").isLessThan(20);
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain(" 201 ");
        }
    }

    @Test
    void aPageOfBigEmployeesIsCutToTheByteBudgetWithACursorForTheRest() throws Exception {
        String location = "Big-" + UUID.randomUUID().toString().substring(0, 8);
        String filler = "x".repeat(100_000);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            ids.add(store.create(Employee.builder().fullName("Big " + i).location(location)
                    .attribute("a", AttributeValue.of(filler)).attribute("b", AttributeValue.of(filler))
                    .build()).id());
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> r = get("/api/employees?limit=1000&location=" + location
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1_000_000 + 4096);
            JsonNode body = EmployeeJson.MAPPER.readTree(r.body());
            body.get("items").forEach(e -> assertThat(seen.add(e.get("id").asText())).isTrue());
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 50);
        assertThat(pages).as("cut into several pages").isGreaterThan(3);
        assertThat(seen).isEqualTo(ids);
    }

    @Test
    void malformedInputIs400Not500AndNoValueReachesTheLog() throws Exception {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        String marker = "SECRETVALUE" + UUID.randomUUID().toString().substring(0, 6);
        try {
            String deep = "[".repeat(2000) + "]".repeat(2000);
            assertThat(post("/api/employees", "{\"fullName\":\"" + marker + "\",\"attributes\":{\"a\":" + deep
                    + "}}").statusCode()).as("JSON nested deeper than the parser's limit").isEqualTo(400);
            assertThat(post("/api/employees", "{\"fullName\":\"" + marker + "\",\"attributes\":{\"n\":"
                    + "1".repeat(5000) + "}}").statusCode()).as("a number over the parser's length limit")
                    .isEqualTo(400);
            assertThat(post("/api/employees", "{\"fullName\":\"" + marker + "\",\"attributes\":{\"n\":1e2147483648}}")
                    .statusCode()).as("an exponent out of range").isEqualTo(400);
            assertThat(get("/api/employees?cursor=" + "A".repeat(2049)).statusCode()).as("a 2,049-character cursor")
                    .isEqualTo(400);
            assertThat(get("/?page=" + "A".repeat(2049)).statusCode()).as("a 2,049-character page link")
                    .isEqualTo(400);
            for (String form : List.of("fullName=%zz", "abc%", "version=%", "fullName=" + marker + "%")) {
                assertThat(form("/employees/new", form).statusCode()).as(form).isEqualTo(400);
            }
            HttpResponse<String> numberRow = form("/employees/new", "fullName=" + marker
                    + "&rows[0].name=n&rows[0].type=number&rows[0].value=1e2147483648");
            assertThat(numberRow.statusCode()).as("the form's number row").isEqualTo(400);
            assertThat(numberRow.body()).contains("must be a number");
            assertThat(form("/employees/new", "fullName=x&rows[100000].name=n").statusCode())
                    .as("a row index past the limit").isEqualTo(400);
        } finally {
            System.setErr(originalErr);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(marker).doesNotContain(" 500 ");
        assertThat(store.find(io.github.employeestore.EmployeeQuery.byLocation("nowhere"),
                io.github.employeestore.PageRequest.first(1)).items()).isEmpty();
    }

    @Test
    void invalidUtf8IsRejectedNotStoredAsReplacementCharacters() throws Exception {
        long before = store.count();
        byte[] body = "{\"fullName\":\"A\u0000B\"}".replace("\u0000", "\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(base + "/api/employees"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).contains("UTF-8");
        assertThat(form("/employees/new", "fullName=A%ffB").statusCode()).isEqualTo(400);
        assertThat(get("/?location=%ff").statusCode()).isEqualTo(400);
        assertThat(get("/api/employees?location=%C3%28").statusCode()).isEqualTo(400);
        assertThat(get("/api/employees/%ff").statusCode()).isEqualTo(400);
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void hostAndOriginAreCheckedAgainstTheServersOwnNames() throws Exception {
        int port = URI.create(base).getPort();
        assertThat(raw(port, "GET / HTTP/1.1\r\nHost: rebound.attacker.example:" + port + "\r\n\r\n"))
                .as("DNS rebinding: a foreign Host").startsWith("HTTP/1.1 421");
        assertThat(raw(port, "GET /api/employees HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        String body = "fullName=Mallory";
        assertThat(raw(port, "POST /employees/new HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nSec-Fetch-Site: cross-site\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body)).as("cross-site without Origin")
                .startsWith("HTTP/1.1 403");
        assertThat(raw(port, "POST /employees/new HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nOrigin: http://127.0.0.1:" + (port + 1) + "\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)).as("another origin on this host")
                .startsWith("HTTP/1.1 403");
        assertThat(raw(port, "POST /employees/new HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nOrigin: http://127.0.0.1:" + port + "\r\nSec-Fetch-Site: same-origin\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body))
                .as("the app's own page").startsWith("HTTP/1.1 302");
    }

    @Test
    void pageUrlsKeepTheirSizeWhateverThePageNumber() throws Exception {
        String location = "Pages-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 130; i++) {
            store.create(Employee.builder().fullName(String.format("P %03d", i)).location(location).build());
        }
        Pattern next = Pattern.compile("id=\"next\"\\s+href=\"([^\"]+)\"|href=\"([^\"]+)\"[^>]*id=\"next\"");
        Set<Integer> lengths = new HashSet<>();
        String path = "/?location=" + location;
        for (int page = 1; page <= 5; page++) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("Page " + page);
            Matcher m = next.matcher(r.body());
            assertThat(m.find()).as("a next link on page " + page).isTrue();
            path = (m.group(1) != null ? m.group(1) : m.group(2)).replace("&amp;", "&");
            lengths.add(path.length());
        }
        assertThat(lengths).as("every next link has the same length").hasSize(1);
    }

    private static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            byte[] buffer = new byte[64];
            int n = s.getInputStream().read(buffer);
            return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> form(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
