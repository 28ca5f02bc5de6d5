package io.github.employeestore.tck;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clause matrix: every clause of {@code CONTRACT.md} is checked by at least one TCK test (whose display name
 * cites it), or is listed below as checked outside the TCK (by test files each of which has a test whose display
 * name cites the clause) or pending (with the reason); every TCK test cites at least one clause, and only clauses that exist. The table in the TCK's README is
 * generated from the same data and must be up to date: run with {@code -Dtck.writeClauseMatrix=true} to rewrite
 * it.
 */
class ClauseMatrixTest {
    /** A display name starts with its clauses: {@code §4.2.3 create: ...} or {@code §4.2.4, §4.1.6 create: ...}. */
    private static final Pattern CITATIONS = Pattern.compile("^(§\\d+(?:\\.\\d+)+(?:, §\\d+(?:\\.\\d+)+)*) \\S");
    private static final Pattern CITATION = Pattern.compile("§(\\d+(?:\\.\\d+)+)");

    /** Clauses that no backend-neutral test can check, and the files of the tests that check them. */
    static final Map<String, List<String>> OUTSIDE_TCK = new LinkedHashMap<>();

    /** Clauses whose TCK group does not exist yet, with the reason. */
    static final Map<String, String> PENDING = new LinkedHashMap<>();

    static {
        String jdbcTck = "employee-store-jdbc/src/test/java/io/github/employeestore/jdbc/AbstractJdbcTck.java";
        String faults = "employee-store-benchmarks/src/test/java/io/github/employeestore/benchmarks/faults/";
        String self = "employee-store-tck/src/test/java/io/github/employeestore/tck/";
        OUTSIDE_TCK.put("4.10.5", List.of(jdbcTck,
                "employee-store-dynamodb/src/test/java/io/github/employeestore/dynamodb/RequestCountTest.java"));
        OUTSIDE_TCK.put("5.4", List.of(faults + "MariaDbFaultTests.java", faults + "DynamoDbFaultTest.java",
                "employee-store-jdbc/src/test/java/io/github/employeestore/jdbc/AbstractServerJdbcTck.java"));
        OUTSIDE_TCK.put("6.1", List.of("employee-store-api/src/test/java/io/github/employeestore/EmployeeStoresTest.java",
                jdbcTck));
        OUTSIDE_TCK.put("6.2", List.of(jdbcTck));
        OUTSIDE_TCK.put("6.3", List.of(
                "employee-directory/src/test/java/io/github/employeestore/directory/CrashDurabilityTest.java",
                "employee-store-jdbc/src/test/java/io/github/employeestore/jdbc/DurableH2UrlTest.java"));
        OUTSIDE_TCK.put("7.1", List.of(self + "TckSelfTest.java"));
        OUTSIDE_TCK.put("7.2", List.of(self + "ClauseMatrixTest.java"));
        OUTSIDE_TCK.put("7.3", List.of(self + "TckSelfTest.java"));
        OUTSIDE_TCK.put("7.4", List.of(self + "TckSelfTest.java"));
    }

    /** One TCK test: its group (the @Nested class of the kit), method and display name. */
    record TckTest(String group, String method, String displayName) {
        String label() {
            return group + "." + method;
        }
    }

    static List<TckTest> tckTests() {
        List<TckTest> tests = new ArrayList<>();
        Class<?>[] nested = EmployeeStoreTck.class.getDeclaredClasses();
        Arrays.sort(nested, Comparator.comparing(Class::getSimpleName));
        for (Class<?> group : nested) {
            if (!group.isAnnotationPresent(Nested.class)) {
                continue;
            }
            for (Class<?> c = group; c != Object.class && c != TckGroup.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(TestFactory.class)) {
                        DisplayName name = m.getAnnotation(DisplayName.class);
                        tests.add(new TckTest(group.getSimpleName(), m.getName(), name == null ? "" : name.value()));
                    }
                }
            }
        }
        tests.sort(Comparator.comparing(TckTest::label));
        return tests;
    }

    static List<String> citations(String displayName) {
        Matcher m = CITATIONS.matcher(displayName);
        if (!m.find()) {
            return List.of();
        }
        List<String> cited = new ArrayList<>();
        Matcher c = CITATION.matcher(m.group(1));
        while (c.find()) {
            cited.add(c.group(1));
        }
        return cited;
    }

    /** Clause to the tests citing it, in page order. */
    static Map<String, List<String>> matrix(ContractPage page, List<TckTest> tests) {
        Map<String, List<String>> matrix = new LinkedHashMap<>();
        page.clauses.keySet().forEach(c -> matrix.put(c, new ArrayList<>()));
        for (TckTest t : tests) {
            for (String c : citations(t.displayName())) {
                matrix.computeIfAbsent(c, k -> new ArrayList<>()).add(t.label());
            }
        }
        return matrix;
    }

    @Test
    @DisplayName("§7.2 every TCK test's display name starts with the clauses it checks, and only clauses that exist")
    void everyTestCitesExistingClauses() {
        ContractPage page = ContractPage.read();
        List<TckTest> tests = tckTests();
        assertThat(tests).hasSizeGreaterThan(80);
        for (TckTest t : tests) {
            List<String> cited = citations(t.displayName());
            assertThat(cited).as("%s: its display name must start with the clauses it checks, e.g. "
                    + "\"§4.2.3 create: ...\", but is \"%s\"", t.label(), t.displayName()).isNotEmpty();
            for (String c : cited) {
                assertThat(page.clauses).as("%s cites §%s, which is not a clause of CONTRACT.md", t.label(), c)
                        .containsKey(c);
            }
        }
    }

    @Test
    @DisplayName("§7.2 every clause has a TCK test, or a test outside the TCK that cites it in its name")
    void everyClauseHasATest() {
        ContractPage page = ContractPage.read();
        Map<String, List<String>> matrix = matrix(page, tckTests());
        List<String> untested = new ArrayList<>();
        matrix.forEach((clause, tests) -> {
            if (tests.isEmpty() && !OUTSIDE_TCK.containsKey(clause) && !PENDING.containsKey(clause)) {
                untested.add("§" + clause + " " + page.summary(clause));
            }
        });
        assertThat(untested).as("clauses of CONTRACT.md without a TCK test").isEmpty();
        OUTSIDE_TCK.forEach((clause, files) -> {
            assertThat(page.clauses).as("OUTSIDE_TCK names §%s", clause).containsKey(clause);
            for (String file : files) {
                Path path = ContractPage.ROOT.resolve(file);
                assertThat(path).as("the test of §%s", clause).isRegularFile();
                assertThat(testNamesCiting(path, clause)).as("%s must have a test whose display name cites §%s",
                        file, clause).isNotEmpty();
            }
        });
        PENDING.keySet().forEach(c -> assertThat(matrix.get(c))
                .as("§%s is tested now: remove it from PENDING", c).isEmpty());
    }

    /** The {@code @DisplayName}s in a test file whose leading clauses cite the clause. */
    static List<String> testNamesCiting(Path file, String clause) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("@DisplayName\\(\"(§[^\"]*)\"").matcher(text);
        while (m.find()) {
            if (citations(m.group(1)).contains(clause)) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    static String table(ContractPage page, Map<String, List<String>> matrix) {
        StringBuilder b = new StringBuilder("| clause | says | checked by |\n| --- | --- | --- |\n");
        matrix.forEach((clause, tests) -> {
            String by;
            if (!tests.isEmpty()) {
                by = String.join("<br>", tests.stream().map(t -> "`" + t + "`").toList());
            } else if (OUTSIDE_TCK.containsKey(clause)) {
                by = "outside the TCK: " + String.join(", ", OUTSIDE_TCK.get(clause).stream()
                        .map(f -> "`" + f.substring(f.lastIndexOf('/') + 1) + "`").toList());
            } else if (PENDING.containsKey(clause)) {
                by = "pending: " + PENDING.get(clause);
            } else {
                by = "**no test**";
            }
            b.append("| §").append(clause).append(" | ").append(page.summary(clause)).append(" | ").append(by)
                    .append(" |\n");
        });
        return b.toString();
    }

    @Test
    void readmeTableIsUpToDate() throws IOException {
        ContractPage page = ContractPage.read();
        String table = table(page, matrix(page, tckTests()));
        Path readme = ContractPage.ROOT.resolve("employee-store-tck/README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String start = "<!-- clause-matrix:start (generated by ClauseMatrixTest) -->\n";
        String end = "<!-- clause-matrix:end -->";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        assertThat(from).as("the README marks the matrix with %s", start.strip()).isNotNegative();
        String current = text.substring(from + start.length(), to);
        if (!current.equals(table) && Boolean.getBoolean("tck.writeClauseMatrix")) {
            Files.writeString(readme, text.substring(0, from + start.length()) + table + text.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).as("the clause matrix in employee-store-tck/README.md is out of date; rewrite it with "
                + "mvn -pl employee-store-tck -am verify -Dtest=ClauseMatrixTest -Dtck.writeClauseMatrix=true "
                + "-Dsurefire.failIfNoSpecifiedTests=false").isEqualTo(table);
    }
}
