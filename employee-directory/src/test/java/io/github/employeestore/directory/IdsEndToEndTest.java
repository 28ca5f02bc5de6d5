package io.github.employeestore.directory;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every id the contract accepts works end to end and never reaches another employee: ids that differ from a
 * bystander's only by {@code ;}, {@code /}, {@code \}, {@code ?}, {@code #}, {@code %}, dot segments, spaces (inner:
 * the contract refuses leading and trailing whitespace), plus
 * signs or astral characters are created, read, listed, edited and deleted through the JSON API (following the
 * {@code Location} it answers) and through the pages (following the links the list page shows), while the bystander
 * is never read, changed or deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdsEndToEndTest {
    static final String VICTIM = "victim";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private RunningApp app;
    private EmployeeStore store;

    /** @return ids next to {@link #VICTIM}, each a classic way to reach another resource through a URL */
    static List<String> trickyIds() {
        return List.of("victim;x", "victim;", ";victim", "victim/x", "victim/", "/victim", "victim\\x", "victim?x",
                "victim?", "victim#x", "victim#", "victim%", "victim%2F", "victim%3B", "%76ictim", "victim/..",
                "victim/../victim", "..", ".", "...", "victim/.", "victim\u00a0x", "victim x", "vic tim", "victim+x",
                "victim&id=victim", "victim=", "vict\uD83D\uDE00im", "\uD801\uDC37", "victim\u00e9", "VICTIM", "victim.",
                "victim;jsessionid=1", "victim//x", "victim\\..\\x", "a\"b<c>'d");
    }

    @BeforeAll
    void start() {
        app = RunningApp.start(TestSupport.h2MemUrl("ids"));
        store = app.store();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void bystander() {
        store.delete(VICTIM);
        store.create(Employee.builder().id(VICTIM).fullName("Bystander").build());
    }

    @ParameterizedTest(name = "API: {0}")
    @MethodSource("trickyIds")
    void theJsonApiActsOnExactlyThatId(String id) throws Exception {
        HttpResponse<String> created = send("POST", "/api/employees", null,
                "{\"id\":" + json(id) + ",\"fullName\":\"Tricky\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/api/employees/").doesNotContain(";", "?", "#", "\\", " ");
        HttpResponse<String> read = send("GET", location, null, null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(io.github.employeestore.directory.internal.EmployeeJson.MAPPER.readTree(read.body()).get("id")
                .asText()).isEqualTo(id);
        HttpResponse<String> updated = send("PUT", location, "\"1\"", "{\"fullName\":\"Tricky changed\"}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(store.get(id)).map(Employee::fullName).contains("Tricky changed");
        assertVictimUntouched();
        HttpResponse<String> deleted = send("DELETE", location, null, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(store.get(id)).isEmpty();
        assertVictimUntouched();
        assertThat(send("GET", location, null, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", location, null, null).statusCode()).isEqualTo(404);
        assertVictimUntouched();
    }

    @ParameterizedTest(name = "pages: {0}")
    @MethodSource("trickyIds")
    void thePagesLinksAndFormsActOnExactlyThatId(String id) throws Exception {
        store.create(Employee.builder().id(id).fullName("Tricky").jobTitle("Linked").build());
        String list = send("GET", "/", null, null).body();
        Matcher row = Pattern.compile("<tr class=\"employee\" data-id=\"([^\"]*)\">.*?<a href=\"([^\"]*)\">Edit</a>\\s*"
                + "<a href=\"([^\"]*)\" class=\"danger\">Delete</a>", Pattern.DOTALL).matcher(list);
        String edit = null;
        String delete = null;
        while (row.find()) {
            if (unescape(row.group(1)).equals(id)) {
                edit = unescape(row.group(2));
                delete = unescape(row.group(3));
            }
        }
        assertThat(edit).as("the list shows Edit and Delete links for %s", id).isNotNull();
        HttpResponse<String> form = send("GET", edit, null, null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(unescape(form.body())).contains("Id " + id + " · version 1");
        Matcher action = Pattern.compile("id=\"employee-form\"[^>]*action=\"([^\"]*)\"|action=\"([^\"]*)\"[^>]*"
                + "id=\"employee-form\"").matcher(form.body());
        assertThat(action.find()).isTrue();
        String target = unescape(action.group(1) != null ? action.group(1) : action.group(2));
        HttpResponse<String> saved = sendForm(target, "version=1&fullName=Tricky+edited&jobTitle=Linked&save=1");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(store.get(id)).map(Employee::fullName).contains("Tricky edited");
        assertVictimUntouched();
        HttpResponse<String> confirm = send("GET", delete, null, null);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Tricky edited");
        HttpResponse<String> gone = sendForm(delete, "version=2");
        assertThat(gone.statusCode()).isEqualTo(302);
        assertThat(store.get(id)).isEmpty();
        assertVictimUntouched();
    }

    @ParameterizedTest(name = "a second id in the form body: {0}")
    @MethodSource("trickyIds")
    void aFormCannotAddASecondId(String id) throws Exception {
        store.create(Employee.builder().id(id).fullName("Tricky").build());
        HttpResponse<String> r = sendForm("/employees/delete?id=" + java.net.URLEncoder.encode(id,
                StandardCharsets.UTF_8), "version=1&id=victim");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(store.get(id)).isPresent();
        store.delete(id);
        assertVictimUntouched();
    }

    private void assertVictimUntouched() {
        Employee v = store.get(VICTIM).orElseThrow(() -> new AssertionError("the bystander was deleted"));
        assertThat(v.version()).as("the bystander was changed").isEqualTo(1);
        assertThat(v.fullName()).isEqualTo("Bystander");
    }

    private HttpResponse<String> send(String method, String path, String ifMatch, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendForm(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String json(String s) throws Exception {
        return io.github.employeestore.directory.internal.EmployeeJson.MAPPER.writeValueAsString(s);
    }

    private static String unescape(String html) {
        return org.springframework.web.util.HtmlUtils.htmlUnescape(html);
    }
}
