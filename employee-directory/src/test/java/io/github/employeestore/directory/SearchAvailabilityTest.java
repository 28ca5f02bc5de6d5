package io.github.employeestore.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.directory.internal.EmployeeJson;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search where it cannot answer: while the store's search index is being built (a populated table from before name
 * search, its structures added by {@code schema().create()} and not yet backfilled) the directory lists in the
 * store's order and a search is 503 naming the backfill, on the pages and in the JSON API, until the backfill has
 * run; on a store that does not declare {@link Capability#SEARCH} the search box is not shown and a search is 501.
 */
class SearchAvailabilityTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void whileTheIndexIsBuiltTheDirectoryListsInStoreOrderAndSearchesAre503UntilTheBackfill() throws Exception {
        String url = TestSupport.h2MemUrl("backfill");
        // a table of the version before name search, with employees: created, filled, its search structures dropped
        try (JdbcEmployeeStore old = (JdbcEmployeeStore) EmployeeStores.open(url, StoreOptions.defaults())) {
            old.schema().create();
            old.create(Employee.builder().id("b").fullName("Zeynep Öztürk").build());
            old.create(Employee.builder().id("a").fullName("Ada Lovelace").build());
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("DROP TABLE \"" + old.table() + "_name_prefixes\"");
                st.execute("DROP TABLE \"" + old.table() + "_search_state\"");
            }
        }
        try (RunningApp app = RunningApp.start(url)) {   // schema().create() adds the structures, not yet filled
            HttpResponse<String> front = get(app.base() + "/");
            assertThat(front.statusCode()).isEqualTo(200);
            assertThat(front.body()).contains("id=\"order-pending\"").contains("Ada Lovelace")
                    .contains("Zeynep Öztürk");
            HttpResponse<String> page = get(app.base() + "/?q=oz");
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.body()).contains("Search not available yet").contains("backfill");
            HttpResponse<String> api = get(app.base() + "/api/employees?q=oz");
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(EmployeeJson.MAPPER.readTree(api.body()).get("error").asText())
                    .contains("backfillSearchIndex");

            app.store().schema().backfillSearchIndex(progress -> { });
            JsonNode found = EmployeeJson.MAPPER.readTree(get(app.base() + "/api/employees?q=oz").body());
            assertThat(found.get("items").get(0).get("fullName").asText()).isEqualTo("Zeynep Öztürk");
            HttpResponse<String> after = get(app.base() + "/");
            assertThat(after.body()).contains("In alphabetical order").doesNotContain("order-pending");
            assertThat(after.body().indexOf("Ada Lovelace")).isLessThan(after.body().indexOf("Zeynep Öztürk"));
        }
    }

    @Test
    void onAStoreThatCannotSearchTheBoxIsNotShownAndASearchIs501() throws Exception {
        EmployeeStore memory = EmployeeStores.open("memory:", StoreOptions.defaults());
        memory.create(Employee.builder().id("b").fullName("Ada Lovelace").build());
        memory.create(Employee.builder().id("a").fullName("Zeynep Öztürk").build());
        try (RunningApp app = RunningApp.startOn(withoutSearch(memory))) {
            HttpResponse<String> front = get(app.base() + "/");
            assertThat(front.statusCode()).isEqualTo(200);
            assertThat(front.body()).doesNotContain("id=\"search-q\"").doesNotContain("In alphabetical order");
            // the store's own order (by id)
            assertThat(front.body().indexOf("Zeynep Öztürk")).isLessThan(front.body().indexOf("Ada Lovelace"));
            assertThat(get(app.base() + "/?q=ada").statusCode()).isEqualTo(501);
            HttpResponse<String> api = get(app.base() + "/api/employees?q=ada");
            assertThat(api.statusCode()).isEqualTo(501);
            assertThat(EmployeeJson.MAPPER.readTree(api.body()).get("error").asText()).contains("cannot search");
            assertThat(get(app.base() + "/api/employees").statusCode()).isEqualTo(200);
        } finally {
            memory.close();
        }
    }

    /** The store as a backend without {@link Capability#SEARCH} presents it: every call goes to it but that one. */
    private static EmployeeStore withoutSearch(EmployeeStore store) {
        return (EmployeeStore) Proxy.newProxyInstance(EmployeeStore.class.getClassLoader(),
                new Class<?>[] {EmployeeStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("capabilities")) {
                        Set<Capability> caps = EnumSet.noneOf(Capability.class);
                        caps.addAll(store.capabilities());
                        caps.remove(Capability.SEARCH);
                        return caps;
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
