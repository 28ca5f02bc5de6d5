package io.github.employeestore.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.directory.internal.EmployeeJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored employees the store cannot read (rows written by other code, planted with plain SQL on H2, then indexed by a
 * search backfill) are shown on the list page, alphabetical by default, and reported in the JSON listing, at their
 * place, once each: never dropped silently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreadableEmployeesTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> bad = new LinkedHashMap<>();
    private final List<String> good = new ArrayList<>();
    private RunningApp app;

    @BeforeAll
    void start() throws Exception {
        String url = TestSupport.h2MemUrl("unreadable");
        // a small byte budget, so that JSON pages are cut by size as well as by count
        app = RunningApp.start(url, "--directory.max-response-bytes=1500");
        EmployeeStore store = app.store();
        for (int i = 0; i < 12; i++) {
            String id = String.format("g%02d", i);
            store.create(Employee.builder().id(id).fullName("Good " + i).location("Here").build());
            good.add(id);
        }
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("INSERT INTO \"employees\" (id, full_name, location, badges,"
                     + " attributes, version, created_at, updated_at) VALUES (?, 'Secret Name', 'Here',"
                     + " ? FORMAT JSON, ? FORMAT JSON, ?, 1, 1)")) {
            plant(ps, "g00x", "[]", "{\"x\": {\"$b\": 5}}", 1);
            bad.put("g00x", "attributes");
            plant(ps, "g04x", "[]", "{}", -3);
            bad.put("g04x", "version");
            plant(ps, "g05x", "{\"a\": 1}", "{}", 1);
            bad.put("g05x", "badges");
        }
        // rows inserted by plain SQL are in the name index once a backfill indexed them (CONTRACT §4.20.6); from
        // then on the alphabetical listing reports them at their place (§4.20.7), as the store's own order does
        store.schema().backfillSearchIndex(progress -> { });
    }

    private static void plant(PreparedStatement ps, String id, String badges, String attributes, long version)
            throws Exception {
        ps.setString(1, id);
        ps.setString(2, badges);
        ps.setString(3, attributes);
        ps.setLong(4, version);
        ps.executeUpdate();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theListPageNamesThem() throws Exception {
        String page = get("/").body();
        assertThat(page).contains("3 stored employees could not be read").contains("g00x, g04x, g05x")
                .doesNotContain("Secret");
        String filtered = get("/?location=Here").body();
        assertThat(filtered).contains("3 stored employees could not be read");
    }

    @Test
    void theJsonListingReportsEachOnceAtItsPlace() throws Exception {
        for (String filter : List.of("", "&location=Here")) {
            for (int limit : List.of(2, 5, 25)) {
                List<String> items = new ArrayList<>();
                Map<String, String> unreadable = new LinkedHashMap<>();
                String cursor = null;
                int pages = 0;
                do {
                    HttpResponse<String> r = get("/api/employees?limit=" + limit + filter + (cursor == null ? ""
                            : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.body()).doesNotContain("Secret");
                    JsonNode body = EmployeeJson.MAPPER.readTree(r.body());
                    body.get("items").forEach(e -> items.add(e.get("id").asText()));
                    for (JsonNode u : body.get("unreadable")) {
                        assertThat(u.get("problem").asText()).isNotBlank();
                        assertThat(unreadable.put(u.get("id").asText(), u.get("attribute").asText()))
                                .as("reported twice").isNull();
                    }
                    assertThat(body.get("items").size() + body.get("unreadable").size()).isLessThanOrEqualTo(limit);
                    cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
                    assertThat(++pages).isLessThan(50);
                } while (cursor != null);
                assertThat(items).as("limit %d%s", limit, filter).containsExactlyInAnyOrderElementsOf(good);
                assertThat(unreadable).as("limit %d%s", limit, filter).isEqualTo(bad);
            }
        }
    }

    @Test
    void oneUnreadableEmployeeIsNamedNotHidden() throws Exception {
        HttpResponse<String> api = get("/api/employees/g04x");
        assertThat(api.statusCode()).isEqualTo(500);
        JsonNode body = EmployeeJson.MAPPER.readTree(api.body());
        assertThat(body.get("id").asText()).isEqualTo("g04x");
        assertThat(body.get("attribute").asText()).isEqualTo("version");
        assertThat(body.get("problem").asText()).isNotBlank();
        HttpResponse<String> page = get("/employees/edit?id=g05x");
        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.body()).contains("g05x", "badges").doesNotContain("Secret")
                .contains("DELETE /api/employees/g05x removes it").doesNotContain("{id}");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.base() + path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
