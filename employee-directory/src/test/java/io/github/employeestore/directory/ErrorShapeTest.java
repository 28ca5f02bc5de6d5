package io.github.employeestore.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.employeestore.Employee;
import io.github.employeestore.directory.internal.EmployeeJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One error shape and the security headers, through raw HTTP (so that requests no well-behaved client would send
 * reach the server as they are): every non-2xx answer under {@code /api/} is the documented JSON
 * {@code {"error":...}}, container-level rejections (400, 413, 414, 431), unknown routes (404) and methods (405)
 * included; every HTML error is the app's own page; {@code /error} is never a 500; duplicate JSON keys are 400; form
 * and query share one parameter limit; and every page carries CSP with {@code frame-ancestors 'none'} and no inline
 * script, {@code X-Frame-Options}, {@code nosniff} and a {@code Referrer-Policy}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorShapeTest {
    private RunningApp app;
    private int port;

    @BeforeAll
    void start() {
        app = RunningApp.start(TestSupport.h2MemUrl("errors"));
        port = URI.create(app.base()).getPort();
        app.store().create(Employee.builder().id("e1").fullName("Grace Hopper").build());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyApiErrorIsTheDocumentedJsonWhoeverAnswersIt() throws Exception {
        String longPath = "/api/employees/" + "a".repeat(20_000);
        Map<String, Integer> requests = new LinkedHashMap<>();
        requests.put(get("/api/employees/%00"), 400);
        requests.put(get("/api/employees/%ff"), 400);
        requests.put(get("/api/employees/%5C"), 404);
        requests.put(get("/api/employees/a%2"), 400);
        requests.put(get("/api/employees?limit=%zz"), 400);
        requests.put(get("/api/employees?limit=0"), 400);
        requests.put(get(longPath), 414);
        requests.put(get("/api/employees/" + "a".repeat(40_000)), 400);
        requests.put("GET /api/employees HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n", 431);
        requests.put(get("/api/nothing-here"), 404);
        requests.put(get("/api"), 404);
        requests.put("POST /api/employees/e1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n", 405);
        requests.put("DELETE /api/employees HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 405);
        requests.put(post("/api/employees", "application/json", "{\"id\":\"a\",\"id\":\"e1\",\"fullName\":\"X\"}"),
                400);
        requests.put(post("/api/employees", "application/json", "{\"fullName\":\"X\"" + " ".repeat(2 << 20) + "}"),
                413);
        requests.put(get("/api/employees?" + "a=1&".repeat(1_001)), 400);
        requests.put("GET /api/employees HTTP/1.1\r\nHost: elsewhere.example\r\nConnection: close\r\n\r\n", 421);
        List<String> wrong = new java.util.ArrayList<>();
        for (Map.Entry<String, Integer> r : requests.entrySet()) {
            Answer a = send(r.getKey());
            String what = r.getKey().substring(0, Math.min(80, r.getKey().indexOf('\r'))) + " -> " + a.status + " "
                    + a.header("content-type") + " " + a.body.substring(0, Math.min(200, a.body.length()));
            boolean json;
            try {
                json = EmployeeJson.MAPPER.readTree(a.body).path("error").isTextual();
            } catch (java.io.IOException e) {
                json = false;
            }
            if (a.status != r.getValue() || !a.header("content-type").startsWith("application/json") || !json
                    || !a.header("x-content-type-options").equals("nosniff")) {
                wrong.add(what + " (expected " + r.getValue() + ")");
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(send(requests.keySet().stream().filter(k -> k.startsWith("POST /api/employees/e1")).findFirst().orElseThrow())
                .header("allow")).contains("GET").contains("PUT").contains("PATCH").contains("DELETE");
        assertThat(app.store().get("a")).as("the duplicate key created nothing").isEmpty();
    }

    @Test
    void htmlErrorsAreTheAppsOwnPageAndErrorIsNever500() throws Exception {
        Map<String, Integer> requests = new LinkedHashMap<>();
        requests.put(get("/error"), 404);
        requests.put(get("/no-such-page"), 404);
        requests.put(get("/employees/%00"), 400);
        requests.put(get("/" + "p".repeat(20_000)), 414);
        requests.put(get("/employees/edit?id=nobody"), 404);
        requests.put(get("/employees/edit"), 400);
        requests.put("DELETE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 405);
        requests.put(post("/employees/new", "application/x-www-form-urlencoded", "f=1&".repeat(1_001)), 400);
        List<String> wrong = new java.util.ArrayList<>();
        for (Map.Entry<String, Integer> r : requests.entrySet()) {
            Answer a = send(r.getKey());
            String what = r.getKey().substring(0, Math.min(80, r.getKey().indexOf('\r'))) + " -> " + a.status + " "
                    + a.header("content-type") + " " + a.body.substring(0, Math.min(200, a.body.length()));
            if (a.status != r.getValue() || !a.header("content-type").startsWith("text/html")
                    || !a.body.contains("Employee Directory") || !a.body.contains("id=\"problem\"")
                    || a.body.contains("Apache Tomcat") || a.body.contains("Whitelabel")) {
                wrong.add(what + " (expected " + r.getValue() + ")");
            } else {
                assertSecurityHeaders(a, what);
            }
        }
        assertThat(wrong).isEmpty();
        Answer form = send(post("/employees/new", "application/x-www-form-urlencoded",
                "fullName=Many&" + "f=1&".repeat(998)));
        assertThat(form.status).as("1,000 parameters are within the limit").isNotEqualTo(400);
    }

    @Test
    void everyHtmlPageCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/employees/new", "/employees/edit?id=e1", "/employees/delete?id=e1",
                "/style.css", "/api/employees", "/actuator/health")) {
            Answer a = send(get(path));
            assertThat(a.status).as(path).isEqualTo(200);
            assertSecurityHeaders(a, path);
            if (a.header("content-type").startsWith("text/html")) {
                assertThat(a.body).as(path).doesNotContain("<script").doesNotContain(" style=")
                        .doesNotContainPattern(" on[a-z]+=");
            }
        }
    }

    @Test
    void anonymousHealthSaysOnlyUpAndMetricsAreNotServed() throws Exception {
        Answer health = send(get("/actuator/health"));
        assertThat(health.status).isEqualTo(200);
        assertThat(EmployeeJson.MAPPER.readTree(health.body)).isEqualTo(EmployeeJson.MAPPER.readTree(
                "{\"status\":\"UP\"}"));
        for (String path : List.of("/actuator/metrics", "/actuator/metrics/jvm.info", "/actuator/env",
                "/actuator/info", "/actuator/health/db", "/actuator/health/diskSpace")) {
            Answer a = send(get(path));
            assertThat(a.status).as(path).isEqualTo(404);
            assertThat(a.body).as(path).doesNotContain("jdbc").doesNotContain("java.").doesNotContain("/");
        }
    }

    @Test
    void theActuatorDetailsSwitchShowsThem() throws Exception {
        try (RunningApp details = RunningApp.start(TestSupport.h2MemUrl("details"),
                "--spring.profiles.active=actuator-details")) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String health = http.send(java.net.http.HttpRequest.newBuilder(URI.create(details.base()
                    + "/actuator/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(health).contains("\"components\"").contains("diskSpace");
            java.net.http.HttpResponse<String> jvm = http.send(java.net.http.HttpRequest.newBuilder(URI.create(
                    details.base() + "/actuator/metrics/jvm.info")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(jvm.statusCode()).isEqualTo(200);
        }
    }

    private static void assertSecurityHeaders(Answer a, String what) {
        String csp = a.header("content-security-policy");
        assertThat(csp).as(what).contains("frame-ancestors 'none'").contains("script-src 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(a.header("x-frame-options")).as(what).isEqualTo("DENY");
        assertThat(a.header("x-content-type-options")).as(what).isEqualTo("nosniff");
        assertThat(a.header("referrer-policy")).as(what).isEqualTo("same-origin");
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    }

    private static String post(String target, String type, String body) {
        return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type + "\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    private Answer send(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (java.io.IOException e) {
                // the server answered and closed before reading everything (a body too large)
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    all.write(buf, 0, n);
                }
            } catch (java.net.SocketException e) {
                // reset after the answer
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer to %s", request.substring(0, Math.min(60, request.length())))
                    .isPositive();
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            byte[] rest = chunked.substring(eol + 2).getBytes(StandardCharsets.UTF_8);
            String part = new String(rest, 0, size, StandardCharsets.UTF_8);
            b.append(part);
            i = eol + 2 + part.length() + 2;
        }
        return b.toString();
    }
}
