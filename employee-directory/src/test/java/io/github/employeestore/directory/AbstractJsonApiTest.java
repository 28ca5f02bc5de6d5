package io.github.employeestore.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.directory.internal.EmployeeJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON API end to end: a real server on a free port, a real store, real HTTP. Each backend runs these tests
 * through a subclass that supplies the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJsonApiTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private RunningApp app;
    private String base;
    private EmployeeStore store;

    /** @return the URL of the store the app opens (through the starter), on an unused table */
    protected abstract String storeUrl();

    /** @return a store of the same backend that cannot reach its database; the test closes it */
    protected abstract EmployeeStore unavailableStore();

    /** Closes what the subclass started. */
    protected void cleanUp() {
    }

    @BeforeAll
    void start() {
        app = RunningApp.start(storeUrl());
        store = app.store();
        base = app.base() + "/api/employees";
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        cleanUp();
    }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    void createGetUpdateDeleteWithVersions() throws Exception {
        HttpResponse<String> created = send("POST", base, "{\"fullName\":\"Ada Lovelace\",\"jobTitle\":\"Engineer\","
                + "\"location\":\"London\",\"badges\":[\"mentor\",\"speaker\"],\"attributes\":{\"shirtSize\":\"M\","
                + "\"remote\":true,\"floor\":3}}", null);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json(created);
        String id = body.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/employees/" + id);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.get("badges").toString()).isEqualTo("[\"mentor\",\"speaker\"]");
        assertThat(body.get("attributes").get("remote").asBoolean()).isTrue();
        assertThat(body.get("createdAt").asText()).isEqualTo(body.get("updatedAt").asText());

        HttpResponse<String> got = send("GET", base + "/" + id, null, null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(got)).isEqualTo(body);

        HttpResponse<String> updated = send("PUT", base + "/" + id, "{\"fullName\":\"Ada King\",\"jobTitle\":\"Lead\","
                + "\"location\":\"London\",\"attributes\":{\"shirtSize\":\"L\"}}", "\"1\"");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.headers().firstValue("ETag")).hasValue("\"2\"");
        JsonNode v2 = json(updated);
        assertThat(v2.get("fullName").asText()).isEqualTo("Ada King");
        assertThat(v2.get("badges").size()).isZero();
        assertThat(v2.get("attributes").toString()).isEqualTo("{\"shirtSize\":\"L\"}");
        assertThat(v2.get("createdAt")).isEqualTo(body.get("createdAt"));

        // a writer that read version 1 must not overwrite version 2
        HttpResponse<String> stale = send("PUT", base + "/" + id, "{\"fullName\":\"Lost Update\"}", "\"1\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        JsonNode conflict = json(stale);
        assertThat(conflict.get("current").get("fullName").asText()).isEqualTo("Ada King");
        assertThat(conflict.get("current").get("version").asLong()).isEqualTo(2);
        assertThat(stale.headers().firstValue("ETag")).hasValue("\"2\"");
        HttpResponse<String> staleBody = send("PUT", base + "/" + id, "{\"fullName\":\"Lost\",\"version\":1}", null);
        assertThat(staleBody.statusCode()).isEqualTo(409);
        assertThat(send("PUT", base + "/" + id, "{\"fullName\":\"No Version\"}", null).statusCode()).isEqualTo(428);
        assertThat(json(send("GET", base + "/" + id, null, null)).get("fullName").asText()).isEqualTo("Ada King");

        // the version in the body works too
        HttpResponse<String> v3 = send("PUT", base + "/" + id, "{\"fullName\":\"Ada King\",\"version\":2}", null);
        assertThat(v3.statusCode()).isEqualTo(200);
        assertThat(json(v3).get("version").asLong()).isEqualTo(3);

        assertThat(send("DELETE", base + "/" + id, null, "\"2\"").statusCode()).isEqualTo(412);
        assertThat(send("DELETE", base + "/" + id, null, "\"3\"").statusCode()).isEqualTo(204);
        assertThat(send("GET", base + "/" + id, null, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", base + "/" + id, null, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", base + "/" + id, null, "\"3\"").statusCode()).isEqualTo(404);
        assertThat(send("PUT", base + "/" + id, "{\"fullName\":\"Ghost\"}", "\"3\"").statusCode()).isEqualTo(404);
    }

    @Test
    void aMergePatchChangesOnlyTheMembersItNamesUnderIfMatch() throws Exception {
        String mp = "application/merge-patch+json";
        HttpResponse<String> created = send("POST", base, "{\"fullName\":\"Dorothy Vaughan\",\"jobTitle\":\"Mathematician\","
                + "\"location\":\"Hampton\",\"badges\":[\"b\",\"a\"],\"attributes\":{\"team\":\"West\",\"floor\":2,"
                + "\"address\":{\"city\":\"Hampton\",\"zip\":\"23666\"}}}", null);
        String id = json(created).get("id").asText();
        String url = base + "/" + id;
        // another client changes the location first (version 2); this one patches other members at version 2
        store.patch(id, 1, p -> p.location("Langley"));
        HttpResponse<String> patched = send("PATCH", url, "{\"jobTitle\":\"Supervisor\",\"attributes\":{\"team\":null,"
                + "\"floor\":3,\"address\":{\"city\":\"Newport News\"}}}", "\"2\"", mp);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(patched.headers().firstValue("ETag")).hasValue("\"3\"");
        JsonNode v3 = json(patched);
        assertThat(v3.get("jobTitle").asText()).isEqualTo("Supervisor");
        assertThat(v3.get("location").asText()).isEqualTo("Langley");
        assertThat(v3.get("badges").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(v3.get("attributes").toString())
                .as("an attribute is replaced whole, null removes one").isEqualTo("{\"address\":{\"city\":\"Newport News\"},\"floor\":3}");

        assertThat(send("PATCH", url, "{\"jobTitle\":\"Stale\"}", "\"2\"", mp).statusCode()).isEqualTo(412);
        assertThat(send("PATCH", url, "{\"jobTitle\":\"No version\"}", null, mp).statusCode()).isEqualTo(428);
        assertThat(send("PATCH", url, "{\"jobTitle\":\"Wrong type\"}", "\"3\"", "application/json").statusCode())
                .isEqualTo(415);
        HttpResponse<String> managed = send("PATCH", url, "{\"version\":9,\"fullName\":null}", "\"3\"", mp);
        assertThat(managed.statusCode()).isEqualTo(400);
        assertThat(managed.body()).contains("version");
        HttpResponse<String> noName = send("PATCH", url, "{\"fullName\":null}", "\"3\"", mp);
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(noName.body()).contains("fullName");
        assertThat(send("PATCH", base + "/absent-" + id, "{\"jobTitle\":\"x\"}", "\"1\"", mp).statusCode())
                .isEqualTo(404);

        HttpResponse<String> cleared = send("PATCH", url, "{\"attributes\":null,\"badges\":null,\"location\":null}",
                "\"3\"", mp + "; charset=UTF-8");
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        JsonNode v4 = json(cleared);
        assertThat(v4.get("attributes").size()).isZero();
        assertThat(v4.get("badges").size()).isZero();
        assertThat(v4.get("location").isNull()).isTrue();
        assertThat(v4.get("version").asLong()).isEqualTo(4);
        assertThat(store.get(id).orElseThrow().version()).isEqualTo(4);
    }

    @Test
    void createWithAGivenIdTwiceIsAConflict() throws Exception {
        String id = "emp-" + UUID.randomUUID();
        String body = "{\"id\":\"" + id + "\",\"fullName\":\"Grace Hopper\"}";
        assertThat(send("POST", base, body, null).statusCode()).isEqualTo(201);
        HttpResponse<String> again = send("POST", base, "{\"id\":\"" + id + "\",\"fullName\":\"Someone Else\"}", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(send("GET", base + "/" + id, null, null)).get("fullName").asText()).isEqualTo("Grace Hopper");
        // ids with characters that need escaping in a URL
        String odd = "a/b c+d?é";
        HttpResponse<String> created = send("POST", base, "{\"id\":\"" + odd + "\",\"fullName\":\"Odd Id\"}", null);
        assertThat(created.statusCode()).isEqualTo(201);
        HttpResponse<String> got = send("GET", base + "/" + URLEncoder.encode(odd, StandardCharsets.UTF_8)
                .replace("+", "%20"), null, null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(json(got).get("id").asText()).isEqualTo(odd);
    }

    @Test
    void invalidInputIs400WithEveryViolationAndNothingIsWritten() throws Exception {
        String location = "Nowhere-" + UUID.randomUUID();
        String body = "{\"fullName\":\"  \",\"jobTitle\":\"" + "x".repeat(201) + "\",\"location\":\"" + location
                + "\",\"attributes\":{\"9lives\":\"x\",\"big\":123456789012345678901234567890123456789}}";
        HttpResponse<String> r = send("POST", base, body, null);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode violations = json(r).get("violations");
        Set<String> fields = new HashSet<>();
        violations.forEach(v -> {
            fields.add(v.get("field").asText());
            assertThat(v.get("rule").asText()).isNotBlank();
        });
        assertThat(fields).contains("fullName", "jobTitle", "attributes", "attributes.big");
        assertThat(r.body()).doesNotContain("xxxxxxxxxx").doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode found = json(send("GET", base + "?location=" + location, null, null));
        assertThat(found.get("items").size()).isZero();

        HttpResponse<String> malformed = send("POST", base, "{\"fullName\": ", null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("violations").get(0).get("field").asText()).isEqualTo("body");
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("\tat ");

        HttpResponse<String> wrongTypes = send("POST", base, "{\"fullName\":\"A\",\"badges\":\"x\",\"shoe\":1,"
                + "\"attributes\":{\"a\":{\"$b\":1}}}", null);
        assertThat(wrongTypes.statusCode()).isEqualTo(400);
        Set<String> wrong = new HashSet<>();
        json(wrongTypes).get("violations").forEach(v -> wrong.add(v.get("field").asText()));
        assertThat(wrong).containsExactlyInAnyOrder("badges", "shoe", "attributes.a.$b");

        assertThat(send("POST", base, "[1,2]", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", base + "?limit=0", null, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", base + "?limit=abc", null, null).statusCode()).isEqualTo(400);
        assertThat(send("PUT", base + "/some-id", "{\"fullName\":\"A\"}", "\"x\"").statusCode()).isEqualTo(400);
    }

    @Test
    void numbersStayExact() throws Exception {
        String digits38 = "12345678901234567890123456789012345678";
        HttpResponse<String> r = send("POST", base, "{\"fullName\":\"Numbers\",\"attributes\":{\"big\":" + digits38
                + ",\"fraction\":0.1234567890123456789012345678901234567,\"negative\":-1.5E-100,\"list\":[1.50,"
                + "{\"deep\":[true,\"x\"]}]}}", null);
        assertThat(r.statusCode()).isEqualTo(201);
        String id = json(r).get("id").asText();
        JsonNode got = json(send("GET", base + "/" + id, null, null)).get("attributes");
        assertThat(got.get("big").decimalValue()).isEqualByComparingTo(new BigDecimal(digits38));
        assertThat(got.get("big").toString()).isEqualTo(digits38);
        assertThat(got.get("fraction").decimalValue())
                .isEqualByComparingTo(new BigDecimal("0.1234567890123456789012345678901234567"));
        assertThat(got.get("negative").decimalValue()).isEqualByComparingTo(new BigDecimal("-1.5E-100"));
        assertThat(got.get("list").get(0).decimalValue()).isEqualByComparingTo(new BigDecimal("1.5"));
        assertThat(got.get("list").get(1).get("deep").toString()).isEqualTo("[true,\"x\"]");
    }

    @Test
    void everyAttributeKindSurvivesAGetPutRoundTrip() throws Exception {
        io.github.employeestore.Employee stored = store.create(TestSupport.everyKind("Every Kind"));
        HttpResponse<String> got = send("GET", base + "/" + stored.id(), null, null);
        assertThat(got.statusCode()).isEqualTo(200);
        JsonNode read = json(got);
        JsonNode attributes = read.get("attributes");
        assertThat(attributes.get("nothing").isNull()).isTrue();
        assertThat(attributes.get("blob").toString()).isEqualTo("{\"$b\":\"AAH+/yI8\"}");
        assertThat(attributes.get("texts").toString()).isEqualTo("{\"$ss\":[\"$b\",\"x\",\"y z\"]}");
        assertThat(attributes.get("tagLike").toString()).isEqualTo("{\"$m\":{\"$b\":\"not base64\"}}");

        HttpResponse<String> put = send("PUT", base + "/" + stored.id(), got.body(),
                got.headers().firstValue("ETag").orElseThrow());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        io.github.employeestore.Employee after = store.get(stored.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(stored.version() + 1);
        assertThat(after.attributes()).isEqualTo(stored.attributes());
        assertThat(after.toBuilder().version(stored.version()).updatedAt(stored.updatedAt()).build())
                .isEqualTo(stored);
        JsonNode again = json(send("GET", base + "/" + stored.id(), null, null));
        assertThat(again.get("attributes")).isEqualTo(attributes);

        // the tagged forms are read as they are written, and a malformed one is a violation at its place
        HttpResponse<String> created = send("POST", base, "{\"fullName\":\"Tags\",\"attributes\":{\"n\":null,"
                + "\"b\":{\"$b\":\"AAE=\"},\"ns\":{\"$ns\":[2,1.0]},\"m\":{\"$m\":{\"$bs\":1}}}}", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        io.github.employeestore.Employee tags = store.get(json(created).get("id").asText()).orElseThrow();
        assertThat(tags.attributes()).containsEntry("n", io.github.employeestore.AttributeValue.ofNull())
                .containsEntry("b", io.github.employeestore.AttributeValue.of(new byte[] {0, 1}))
                .containsEntry("ns", io.github.employeestore.AttributeValue.numberSet(
                        List.of(BigDecimal.ONE, BigDecimal.valueOf(2))))
                .containsEntry("m", io.github.employeestore.AttributeValue.of(java.util.Map.of("$bs",
                        io.github.employeestore.AttributeValue.of(BigDecimal.ONE))));
        HttpResponse<String> bad = send("POST", base, "{\"fullName\":\"Bad\",\"attributes\":{\"b\":{\"$b\":\"%%\"},"
                + "\"s\":{\"$ss\":[1]}}}", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("attributes.b.$b", "attributes.s.$ss").doesNotContain("%%");
    }

    @Test
    void listsEveryEmployeeOnceThroughCursorsAndFiltersByLocationAndJobTitle() throws Exception {
        String location = "Loc-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String title = i % 2 == 0 ? "Engineer" : "Designer";
            HttpResponse<String> r = send("POST", base, "{\"fullName\":\"Person " + (char) ('A' + (22 - i))
                    + "\",\"jobTitle\":\"" + title + "\",\"location\":\"" + location + "\"}", null);
            assertThat(r.statusCode()).isEqualTo(201);
            ids.add(json(r).get("id").asText());
        }
        // by location, 5 at a time, ordered by name
        List<String> names = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String url = base + "?limit=5&location=" + URLEncoder.encode(location, StandardCharsets.UTF_8)
                    + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<String> r = send("GET", url, null, null);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode page = json(r);
            page.get("items").forEach(e -> {
                names.add(e.get("fullName").asText());
                seen.add(e.get("id").asText());
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(5);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(names).isSorted();

        JsonNode both = json(send("GET", base + "?limit=100&location=" + URLEncoder.encode(location,
                StandardCharsets.UTF_8) + "&jobTitle=Designer", null, null));
        assertThat(both.get("items").size()).isEqualTo(11);
        both.get("items").forEach(e -> assertThat(e.get("jobTitle").asText()).isEqualTo("Designer"));

        // the whole store, 7 at a time: every one of ours exactly once
        List<String> all = new ArrayList<>();
        cursor = null;
        do {
            JsonNode page = json(send("GET", base + "?limit=7" + (cursor == null ? "" : "&cursor=" + cursor), null,
                    null));
            page.get("items").forEach(e -> all.add(e.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(new HashSet<>(all)).hasSize(all.size()).containsAll(ids);

        // a cursor of another query, or an altered one, is rejected
        JsonNode first = json(send("GET", base + "?limit=5&location=" + URLEncoder.encode(location,
                StandardCharsets.UTF_8), null, null));
        String c = first.get("nextCursor").asText();
        assertThat(send("GET", base + "?limit=5&cursor=" + c, null, null).statusCode()).isEqualTo(400);
        String altered = (c.charAt(5) == 'A' ? 'B' : 'A') + "";
        altered = c.substring(0, 5) + altered + c.substring(6);
        assertThat(send("GET", base + "?limit=5&location=" + URLEncoder.encode(location, StandardCharsets.UTF_8)
                + "&cursor=" + altered, null, null).statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathsAndMethods() throws Exception {
        assertThat(send("GET", base + "/no-such-id-" + UUID.randomUUID(), null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", base + "x", null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", base + "/a/b", null, null).statusCode()).isEqualTo(404);
        HttpResponse<String> patch = send("PATCH", base, "{}", null);
        assertThat(patch.statusCode()).isEqualTo(405);
        assertThat(patch.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
        assertThat(send("POST", base + "/x", "{}", null).statusCode()).isEqualTo(405);
    }

    @Test
    void writesFromAnotherSitesPageAreRefused() throws Exception {
        String location = "Csrf-" + UUID.randomUUID();
        String body = "{\"fullName\":\"Mallory\",\"location\":\"" + location + "\"}";
        HttpResponse<String> cross = http.send(HttpRequest.newBuilder(URI.create(base))
                .header("Origin", "http://evil.example").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cross.statusCode()).isEqualTo(403);
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base.replace("/api/employees",
                        "/employees/new"))).header("Origin", "http://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("fullName=Mallory&location=" + location)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(json(send("GET", base + "?location=" + location, null, null)).get("items").size()).isZero();
        String self = base.substring(0, base.indexOf("/api/"));
        HttpResponse<String> same = http.send(HttpRequest.newBuilder(URI.create(base)).header("Origin", self)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(same.statusCode()).isEqualTo(201);
    }

    @Test
    void anUnavailableStoreIs503WithoutAStackTrace() throws Exception {
        EmployeeStore down = unavailableStore();
        RunningApp other = RunningApp.startOn(down);
        try {
            String url = other.base() + "/api/employees";
            HttpResponse<String> list = send("GET", url, null, null);
            assertThat(list.statusCode()).isEqualTo(503);
            assertThat(json(list).get("error").asText()).contains("unavailable");
            assertThat(list.body()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(send("POST", url, "{\"fullName\":\"A\"}", null).statusCode()).isEqualTo(503);
            HttpResponse<String> page = send("GET", other.base() + "/", null, null);
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.body()).contains("not available").doesNotContain("Exception");
        } finally {
            other.close();
            down.close();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    void batchCreatesNewEmployeesAndReportsTheOthers() throws Exception {
        String taken = "batch-" + UUID.randomUUID();
        assertThat(send("POST", base, "{\"id\":\"" + taken + "\",\"fullName\":\"First\"}", null).statusCode())
                .isEqualTo(201);
        String fresh = "batch-" + UUID.randomUUID();
        HttpResponse<String> r = send("POST", base + ":batch", "[{\"fullName\":\"No Id\",\"location\":\"Oslo\"},"
                + "{\"id\":\"" + taken + "\",\"fullName\":\"Replacer\"},"
                + "{\"id\":\"" + fresh + "\",\"fullName\":\"Fresh\",\"badges\":[\"a\"]},"
                + "{\"fullName\":\" \"},"
                + "{\"fullName\":\"X\",\"colour\":\"red\"},"
                + "7]", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("attempted").asInt()).isEqualTo(6);
        assertThat(body.get("created")).hasSize(2);
        JsonNode first = body.get("created").get(0);
        assertThat(first.get("fullName").asText()).isEqualTo("No Id");
        assertThat(first.get("version").asLong()).isEqualTo(1);
        assertThat(send("GET", base + "/" + first.get("id").asText(), null, null).statusCode()).isEqualTo(200);
        assertThat(body.get("created").get(1).get("id").asText()).isEqualTo(fresh);
        JsonNode failures = body.get("failures");
        assertThat(failures).hasSize(4);
        assertThat(failures.get(0).get("index").asInt()).isEqualTo(1);
        assertThat(failures.get(0).get("id").asText()).isEqualTo(taken);
        assertThat(failures.get(0).get("status").asInt()).isEqualTo(409);
        assertThat(failures.get(1).get("index").asInt()).isEqualTo(3);
        assertThat(failures.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(failures.get(1).get("violations").get(0).get("field").asText()).isEqualTo("fullName");
        assertThat(failures.get(2).get("index").asInt()).isEqualTo(4);
        assertThat(failures.get(2).get("violations").get(0).get("field").asText()).isEqualTo("colour");
        assertThat(failures.get(3).get("index").asInt()).isEqualTo(5);
        assertThat(json(send("GET", base + "/" + taken, null, null)).get("fullName").asText())
                .as("an existing id is never replaced").isEqualTo("First");

        HttpResponse<String> all = send("POST", base + ":batch", "[{\"fullName\":\"Only\"}]", null);
        assertThat(all.statusCode()).isEqualTo(201);
        assertThat(json(all).get("failures")).isEmpty();

        HttpResponse<String> notArray = send("POST", base + ":batch", "{\"fullName\":\"One\"}", null);
        assertThat(notArray.statusCode()).isEqualTo(400);
        assertThat(json(notArray).get("violations").get(0).get("field").asText()).isEqualTo("body");
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= 1000; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"fullName\":\"N\"}");
        }
        HttpResponse<String> over = send("POST", base + ":batch", tooMany.append(']').toString(), null);
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(json(over).get("violations").get(0).get("rule").asText()).contains("at most 1000");
    }

    private HttpResponse<String> send(String method, String url, String body, String ifMatch)
            throws IOException, InterruptedException {
        return send(method, url, body, ifMatch, "application/json");
    }

    private HttpResponse<String> send(String method, String url, String body, String ifMatch, String type)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", type);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
        return EmployeeJson.MAPPER.readTree(r.body());
    }
}
