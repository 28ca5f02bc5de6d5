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
