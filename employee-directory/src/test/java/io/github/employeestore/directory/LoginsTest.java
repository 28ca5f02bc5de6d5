package io.github.employeestore.directory;

import io.github.employeestore.Employee;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may change the directory: without a login configured it refuses to serve beyond loopback; with users from
 * configuration, viewers read and editors write, on the pages (form login) and the API (HTTP Basic), and every
 * refusal is a 401 or 403 in the app's error shape, never a silent success; with an OIDC login, pages lead to the
 * company's identity provider and its users get their roles.
 */
class LoginsTest {
    private static final String[] USERS = {
        "--directory.security.users[0].name=vera", "--directory.security.users[0].password={noop}vera-pass",
        "--directory.security.users[0].role=viewer",
        "--directory.security.users[1].name=edna", "--directory.security.users[1].password={noop}edna-pass",
        "--directory.security.users[1].role=editor"};

    @Test
    void withoutALoginTheAppRefusesToServeBeyondLoopback() {
        assertThatThrownBy(() -> RunningApp.start(TestSupport.h2MemUrl("open"), "--server.address=0.0.0.0"))
                .hasStackTraceContaining("without any login").hasStackTraceContaining("directory.security.users");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EmployeeDirectory.run(new String[] {"serve", "--host", "0.0.0.0", "--port", "0", "--url",
                TestSupport.h2MemUrl("cli")}, Map.of(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("without any login")
                .contains("spring.security.oauth2.client.registration");
    }

    @Test
    void viewersReadEditorsWriteAndEveryRefusalIs401Or403() throws Exception {
        try (RunningApp app = RunningApp.start(TestSupport.h2MemUrl("logins"), USERS)) {
            app.store().create(Employee.builder().id("e1").fullName("Grace Hopper").build());
            app.store().create(Employee.builder().id("victim;x").fullName("Tricky").build());
            Client anonymous = new Client(app.base(), null);
            Client viewer = new Client(app.base(), "vera:vera-pass");
            Client editor = new Client(app.base(), "edna:edna-pass");
            Client wrong = new Client(app.base(), "edna:not-her-password");

            // anonymous: 401 on the API (JSON, with a Basic challenge), the login page for pages
            for (HttpResponse<String> r : List.of(anonymous.send("GET", "/api/employees", null),
                    anonymous.send("GET", "/api/employees/e1", null),
                    anonymous.send("POST", "/api/employees", "{\"fullName\":\"Intruder\"}"),
                    anonymous.send("DELETE", "/api/employees/e1", null),
                    wrong.send("GET", "/api/employees", null))) {
                assertThat(r.statusCode()).as(r.request().method() + " " + r.uri()).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Employee Directory\"");
                assertThat(r.body()).startsWith("{\"error\":");
            }
            HttpResponse<String> page = anonymous.send("GET", "/", null);
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
            assertThat(anonymous.send("POST", "/employees/delete?id=e1", "version=1").statusCode()).isEqualTo(302);
            assertThat(anonymous.send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
            assertThat(anonymous.send("GET", "/style.css", null).statusCode()).isEqualTo(200);

            // a viewer reads (API and pages) and is refused every write with 403
            assertThat(viewer.send("GET", "/api/employees", null).statusCode()).isEqualTo(200);
            assertThat(viewer.send("GET", "/api/employees/victim%3Bx", null).body()).contains("Tricky");
            for (HttpResponse<String> r : List.of(viewer.send("POST", "/api/employees", "{\"fullName\":\"No\"}"),
                    viewer.send("PUT", "/api/employees/e1", "{\"fullName\":\"Changed\",\"version\":1}"),
                    viewer.send("DELETE", "/api/employees/e1", null))) {
                assertThat(r.statusCode()).as(r.request().method() + " " + r.uri()).isEqualTo(403);
                assertThat(r.body()).startsWith("{\"error\":");
            }
            Client viewerPages = new Client(app.base(), null);
            viewerPages.logIn("vera", "vera-pass");
            assertThat(viewerPages.send("GET", "/", null).body()).contains("Grace Hopper");
            for (HttpResponse<String> r : List.of(viewerPages.send("GET", "/employees/new", null),
                    viewerPages.send("GET", "/employees/edit?id=e1", null),
                    viewerPages.sendForm("/employees/delete?id=e1", "version=1"),
                    viewerPages.sendForm("/employees/new", "fullName=Intruder&save=1"))) {
                assertThat(r.statusCode()).as(r.request().method() + " " + r.uri()).isEqualTo(403);
                assertThat(r.body()).contains("id=\"problem\"");
            }
            assertThat(app.store().count()).isEqualTo(2);
            assertThat(app.store().get("e1")).map(Employee::version).contains(1L);

            // an editor writes through the API and the pages
            HttpResponse<String> created = editor.send("POST", "/api/employees", "{\"id\":\"e2\",\"fullName\":\"Ada\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(editor.send("PUT", "/api/employees/e2", "{\"fullName\":\"Ada L\",\"version\":1}").statusCode())
                    .isEqualTo(200);
            assertThat(editor.send("DELETE", "/api/employees/victim%3Bx", null).statusCode()).isEqualTo(204);
            Client editorPages = new Client(app.base(), null);
            editorPages.logIn("edna", "edna-pass");
            assertThat(editorPages.send("GET", "/employees/new", null).statusCode()).isEqualTo(200);
            HttpResponse<String> deleted = editorPages.sendForm("/employees/delete?id=e1", "version=1");
            assertThat(deleted.statusCode()).isEqualTo(302);
            assertThat(app.store().get("e1")).isEmpty();
            assertThat(app.store().get("e2")).map(Employee::fullName).contains("Ada L");
            assertThat(app.store().get("e2").orElseThrow().version()).isEqualTo(2);
        }
    }

    @Test
    void anOidcLoginLeadsToTheIdentityProviderAndMapsRoles() throws Exception {
        try (RunningApp app = RunningApp.start(TestSupport.h2MemUrl("oidc"),
                "--spring.security.oauth2.client.registration.company.client-id=directory",
                "--spring.security.oauth2.client.registration.company.client-secret=s3cret",
                "--spring.security.oauth2.client.registration.company.scope=openid,email",
                "--spring.security.oauth2.client.registration.company.authorization-grant-type=authorization_code",
                "--spring.security.oauth2.client.registration.company.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
                "--spring.security.oauth2.client.provider.company.authorization-uri=http://127.0.0.1:9/authorize",
                "--spring.security.oauth2.client.provider.company.token-uri=http://127.0.0.1:9/token",
                "--spring.security.oauth2.client.provider.company.jwk-set-uri=http://127.0.0.1:9/jwks",
                "--spring.security.oauth2.client.provider.company.user-name-attribute=sub",
                "--directory.security.editors=boss@example.com")) {
            Client anonymous = new Client(app.base(), null);
            HttpResponse<String> page = anonymous.send("GET", "/", null);
            assertThat(page.statusCode()).isEqualTo(302);
            String login = page.headers().firstValue("Location").orElseThrow();
            assertThat(login).endsWith("/oauth2/authorization/company");
            HttpResponse<String> toProvider = anonymous.send("GET", "/oauth2/authorization/company", null);
            assertThat(toProvider.statusCode()).isEqualTo(302);
            assertThat(toProvider.headers().firstValue("Location").orElseThrow())
                    .startsWith("http://127.0.0.1:9/authorize?").contains("client_id=directory")
                    .contains("scope=openid");
            assertThat(anonymous.send("GET", "/api/employees", null).statusCode()).isEqualTo(401);
        }
        var mapper = io.github.employeestore.directory.internal.web.DirectorySecurity.oidcRoles(
                Set.of("boss@example.com"));
        assertThat(roles(mapper, "boss@example.com")).contains("ROLE_EDITOR", "ROLE_VIEWER");
        assertThat(roles(mapper, "someone@example.com")).contains("ROLE_VIEWER").doesNotContain("ROLE_EDITOR");
    }

    private static Set<String> roles(org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper m,
                                     String email) {
        var token = new org.springframework.security.oauth2.core.oidc.OidcIdToken("t", Instant.now(),
                Instant.now().plusSeconds(60), Map.of("sub", "u-1", "email", email));
        return m.mapAuthorities(List.of(new org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority(
                token))).stream().map(a -> a.getAuthority()).collect(Collectors.toSet());
    }

    /** An HTTP client that keeps cookies and may send HTTP Basic credentials; never follows redirects. */
    private static final class Client {
        private final String base;
        private final String basic;
        private final HttpClient http;

        Client(String base, String credentials) {
            this.base = base;
            this.basic = credentials == null ? null
                    : "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", body.startsWith("{") ? "application/json"
                        : "application/x-www-form-urlencoded");
            }
            if (basic != null) {
                b.header("Authorization", basic);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> sendForm(String path, String body) throws Exception {
            return send("POST", path, body);
        }

        void logIn(String name, String password) throws Exception {
            HttpResponse<String> r = sendForm("/login", "username=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        }
    }
}
