package io.github.employeestore.directory;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import io.github.employeestore.testsupport.SampleFlaskApp;
import io.github.employeestore.directory.internal.web.IdUrls;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The edit form over real HTTP, as a browser without scripts sends it: it saves only what the user changed, so a
 * change another program made between the form's read and its save survives (on H2 by a raw SQL update that writes
 * no version; on the Employee Directory sample's DynamoDB table by the sample Flask app's own boto3
 * {@code update_employee}).
 */
class EditFormPatchTest {
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>");
    private static final Pattern SELECT = Pattern.compile("<select\\b[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>",
            Pattern.DOTALL);
    private static final Pattern SELECTED = Pattern.compile("<option\\b[^>]*selected[^>]*value=\"([^\"]*)\"|"
            + "<option\\b[^>]*value=\"([^\"]*)\"[^>]*selected");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void anEditKeepsAColumnAnotherProgramChangedBetweenReadAndSave() throws Exception {
        String url = TestSupport.h2MemUrl("editpatch");
        try (RunningApp app = RunningApp.start(url)) {
            EmployeeStore store = app.store();
            Employee e = store.create(Employee.builder().fullName("Katherine Johnson").jobTitle("Mathematician")
                    .location("Hampton").badges(List.of("NACA")).attribute("team", AttributeValue.of("Flight"))
                    .attribute("floor", AttributeValue.of(2)).build());
            Map<String, String> form = read(editPage(app, e.id()));
            try (var c = DriverManager.getConnection(url);
                 var ps = c.prepareStatement("UPDATE \"employees\" SET location = ?, attributes = ? FORMAT JSON"
                         + " WHERE id = ?")) {
                ps.setString(1, "Langley");
                ps.setString(2, "{\"team\":\"Analysis\",\"floor\":2}");
                ps.setString(3, e.id());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            form.put("jobTitle", "Aerospace Technologist");
            assertThat(save(editPage(app, e.id()), form)).contains("notice=updated");
            Employee after = store.get(e.id()).orElseThrow();
            assertThat(after.jobTitle()).isEqualTo("Aerospace Technologist");
            assertThat(after.location()).as("the other program's change survives").isEqualTo("Langley");
            assertThat(after.attributes()).containsEntry("team", AttributeValue.of("Analysis"));
            assertThat(after.version()).isEqualTo(2);
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(app.base() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(list.body()).as("the list page shows the store's estimate")
                    .containsPattern("id=\"estimate\">About \\d+ employees? in the directory");

            // a form sent back untouched writes nothing; one sent with a stale version is a conflict (409)
            Map<String, String> again = read(editPage(app, e.id()));
            assertThat(save(editPage(app, e.id()), again)).contains("notice=unchanged");
            store.patch(e.id(), 2, p -> p.location("Washington"));
            again.put("jobTitle", "Stale");
            assertThat(save(editPage(app, e.id()), again)).isEqualTo("409");
            assertThat(store.get(e.id()).orElseThrow().jobTitle()).isEqualTo("Aerospace Technologist");
        }
    }

    @Test
    @MotoTest
    void theSampleFlaskAppsUpdateBetweenTheFormsReadAndSaveSurvives() throws Exception {
        String unavailable = SampleFlaskApp.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
        String table = MotoDynamoDb.shared().uniqueTableName("SampleForm");
        SampleFlaskApp.run(table, "create-table");
        String out = SampleFlaskApp.run(table, "add", "employee_pic/ada.png", "Ada Lovelace", "Seattle", "Engineer",
                "Mentor,Leader,Coffee");
        String id = SampleFlaskApp.idOf(out);
        try (DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder().client(MotoDynamoDb.shared().client())
                .tableName(table).layout(EmployeeCodec.Layout.EMPLOYEE_DIRECTORY_SAMPLE).build();
             RunningApp app = RunningApp.startOn(store)) {
            store.schema().create();
            Map<String, String> form = read(editPage(app, id));
            assertThat(form).containsEntry("version", "0");
            SampleFlaskApp.run(table, "update", id, "employee_pic/ada-2.png", "Ada Lovelace", "Seattle", "Engineer",
                    "Mentor,Leader,Coffee,Speaker");
            form.put("jobTitle", "Lead Engineer");
            assertThat(save(editPage(app, id), form)).contains("notice=updated");
            assertThat(SampleFlaskApp.run(table, "get", id)).as("both changes survive")
                    .contains("\"job_title\": \"Lead Engineer\"")
                    .contains("\"object_key\": \"employee_pic/ada-2.png\"")
                    .contains("\"badges\": [\"Mentor\", \"Leader\", \"Coffee\", \"Speaker\"]");
            store.schema().drop();
        }
    }

    /** The edit page of an id, as the list page links it (the app's own {@link IdUrls#edit(String)}). */
    private static String editPage(RunningApp app, String id) {
        return app.base() + new IdUrls().edit(id);
    }

    /** The edit form's inputs (text, hidden, selects) as a browser would send them back untouched. */
    private Map<String, String> read(String url) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = INPUT.matcher(page.body());
        while (m.find()) {
            String name = attribute(m.group(), "name");
            if (name != null) {
                fields.put(name, HtmlUtils.htmlUnescape(String.valueOf(attribute(m.group(), "value"))
                        .replace("null", "")));
            }
        }
        Matcher s = SELECT.matcher(page.body());
        while (s.find()) {
            Matcher o = SELECTED.matcher(s.group(2));
            if (o.find()) {
                fields.put(s.group(1), o.group(1) != null ? o.group(1) : o.group(2));
            }
        }
        return fields;
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? m.group(1) : null;
    }

    /** Posts the form with the save button; returns the redirect's Location, or the status when there is none. */
    private String save(String url, Map<String, String> fields) throws Exception {
        Map<String, String> body = new LinkedHashMap<>(fields);
        body.remove("addRow");
        body.remove("removeRow");
        body.put("save", "1");
        String encoded = body.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(), HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("Location").orElse(Integer.toString(r.statusCode()));
    }
}
