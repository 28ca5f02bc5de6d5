package io.github.employeestore.directory.internal;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.Violation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small pieces: escaping, form decoding, forms, ETags, H2 paths, the progress line. */
class HelpersTest {
    @Test
    void escapesEverythingThatCouldBreakOutOfTextOrAnAttribute() {
        assertThat(Html.text("<a href=\"x\" title='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
        assertThat(Html.text(null)).isEmpty();
        assertThat(Html.text("plain é 東京")).isEqualTo("plain é 東京");
        assertThat(Html.url("a/b c+d?é&")).isEqualTo("a%2Fb%20c%2Bd%3F%C3%A9%26");
    }

    @Test
    void decodesFormsWithRepeatedNamesInOrder() {
        FormData f = FormData.parse("a=1&attrName=x&attrName=&attrName=y%20z&b=%3C%26%3E&c&plus=1+2");
        assertThat(f.get("a")).isEqualTo("1");
        assertThat(f.all("attrName")).containsExactly("x", "", "y z");
        assertThat(f.get("b")).isEqualTo("<&>");
        assertThat(f.has("c")).isTrue();
        assertThat(f.get("c")).isEmpty();
        assertThat(f.get("plus")).isEqualTo("1 2");
        assertThat(f.get("missing")).isEmpty();
        assertThat(f.all("missing")).isEmpty();
    }

    @Test
    void formRowsBecomeTypedAttributesAndBadRowsAreReportedByRow() {
        FormData data = FormData.parse("fullName=+Ada+&badges=b%2C+a%2C%2C+&version=4"
                + "&attrName=size&attrType=text&attrValue=M"
                + "&attrName=n&attrType=number&attrValue=12345678901234567890123456789012345678"
                + "&attrName=remote&attrType=boolean&attrValue=Yes"
                + "&attrName=tags&attrType=json&attrValue=%5B1%2C%7B%22a%22%3Atrue%7D%5D"
                + "&attrName=&attrType=text&attrValue=");
        EmployeeForm form = EmployeeForm.parse(data, "id-1");
        Employee e = form.validated();
        assertThat(form.hasErrors()).isFalse();
        assertThat(e.id()).isEqualTo("id-1");
        assertThat(e.fullName()).isEqualTo("Ada");
        assertThat(e.version()).isEqualTo(4);
        assertThat(e.badges()).containsExactly("a", "b");
        assertThat(e.attributes()).isEqualTo(Map.of(
                "size", AttributeValue.of("M"),
                "n", AttributeValue.of(new BigDecimal("12345678901234567890123456789012345678")),
                "remote", AttributeValue.of(true),
                "tags", AttributeValue.of(List.of(AttributeValue.of(1), AttributeValue.of(Map.of("a",
                        AttributeValue.of(true)))))));

        EmployeeForm bad = EmployeeForm.parse(FormData.parse("fullName=A"
                + "&attrName=x&attrType=number&attrValue=1%2C5"
                + "&attrName=x&attrType=text&attrValue=dup"
                + "&attrName=&attrType=text&attrValue=orphan"
                + "&attrName=ok&attrType=boolean&attrValue=maybe"
                + "&attrName=j&attrType=json&attrValue=%5B"), null);
        assertThat(bad.validated()).isNull();
        assertThat(bad.errors).containsOnlyKeys("attr.0", "attr.1", "attr.2", "attr.3", "attr.4");
        assertThat(bad.errors.get("attr.0").get(0)).contains("number");
        assertThat(bad.errors.get("attr.1").get(0)).contains("twice");
        assertThat(bad.errors.get("attr.2").get(0)).contains("name is required");
        assertThat(bad.errors.get("attr.3").get(0)).contains("true or false");
        assertThat(bad.errors.get("attr.4").get(0)).contains("JSON");
    }

    @Test
    void storeViolationsLandNextToTheirFields() {
        EmployeeForm form = EmployeeForm.parse(FormData.parse("fullName=A&attrName=deep&attrType=json&attrValue=1"),
                "x");
        form.addViolations(List.of(new Violation("fullName", "r1"), new Violation("badges[2]", "r2"),
                new Violation("attributes.deep[0].x", "r3"), new Violation("attributes.gone", "r4"),
                new Violation("attributes", "r5"), new Violation("employee", "r6")));
        assertThat(form.errors.get("fullName")).containsExactly("r1");
        assertThat(form.errors.get("badges")).containsExactly("each badge r2");
        assertThat(form.errors.get("attr.0")).containsExactly("[0].x: r3");
        assertThat(form.errors.get("attributes")).containsExactly("gone: r4", "r5");
        assertThat(form.errors.get("form")).containsExactly("employee r6");
    }

    @Test
    void etagsAreVersionsInQuotes() {
        assertThat(JsonApi.parseEtag("\"3\"")).isEqualTo(3L);
        assertThat(JsonApi.parseEtag("W/\"12\"")).isEqualTo(12L);
        assertThat(JsonApi.parseEtag("7")).isEqualTo(7L);
        assertThat(JsonApi.parseEtag("\"0\"")).isNull();
        assertThat(JsonApi.parseEtag("*")).isNull();
        assertThat(JsonApi.parseEtag("\"abc\"")).isNull();
        assertThat(JsonApi.etag(5)).isEqualTo("\"5\"");
    }

    @Test
    void h2FilePathsResolveAgainstTheWorkingDirectory() {
        String cwd = Path.of("").toAbsolutePath().toString();
        assertThat(OpenedStore.resolveH2("jdbc:h2:file:./data/x")).isEqualTo("jdbc:h2:file:" + cwd + "/data/x");
        assertThat(OpenedStore.resolveH2("jdbc:h2:./d;MODE=MySQL")).isEqualTo("jdbc:h2:" + cwd + "/d;MODE=MySQL");
        assertThat(OpenedStore.resolveH2("jdbc:h2:file:/abs/x")).isEqualTo("jdbc:h2:file:/abs/x");
        assertThat(OpenedStore.resolveH2("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(OpenedStore.resolveH2("dynamodb:Employees")).isEqualTo("dynamodb:Employees");
        assertThat(OpenedStore.h2File(null)).isEqualTo(Path.of(cwd, "data", "employee-directory.mv.db"));
        assertThat(OpenedStore.h2File("jdbc:h2:mem:x")).isNull();
        assertThat(OpenedStore.h2File("memory:")).isNull();
    }

    @Test
    void theProgressLineShowsCountRateAndTimeLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress p = new Progress(out, 5000, false, 0);
        p.advance(2500);
        String line = p.line();
        assertThat(line).startsWith("[###############...............] 2,500/5,000  50%").contains("/s").contains("ETA ");
        p.advance(2500);
        p.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("5,000/5,000 100%").contains("elapsed");
        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        Progress t = new Progress(new PrintStream(tty, true, StandardCharsets.UTF_8), 10, true, 0);
        t.advance(10);
        t.finish();
        assertThat(tty.toString(StandardCharsets.UTF_8)).startsWith("\r[").endsWith(System.lineSeparator());
        assertThat(Progress.duration(3725)).isEqualTo("1:02:05");
    }

    @Test
    void jsonRejectsWhatIsNotAnEmployee() {
        assertThatThrownBy(() -> EmployeeJson.fromJson("{\"fullName\":1,\"version\":-1,\"createdAt\":\"yesterday\"}"))
                .isInstanceOfSatisfying(EmployeeJson.JsonInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactlyInAnyOrder("fullName", "version", "createdAt"));
        Employee e = EmployeeJson.fromJson("{\"fullName\":\"A\",\"attributes\":{\"x\":1.50,\"y\":1E+3}}");
        assertThat(e.attributes().get("x")).isEqualTo(AttributeValue.of(new BigDecimal("1.5")));
        assertThat(EmployeeJson.toJson(e).get("attributes").toString()).isEqualTo("{\"x\":1.5,\"y\":1E+3}");
    }
}
