package io.github.employeestore.directory;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.directory.internal.OpenedStore;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code copy} command: 5,000 employees from H2 to DynamoDB (a moto server) and back into a second H2 database,
 * through the command line entry point, compared field by field; and its failures.
 */
class CopyRoundTripTest {
    private static final int N = 5_000;

    @Test
    @MotoTest
    void copiesFiveThousandEmployeesFromH2ToDynamoDbAndBackFieldByField() {
        String h2Source = TestSupport.h2MemUrl("copy_source");
        String dynamo = TestSupport.dynamoDbUrl(TestSupport.uniqueTable("Copy"));
        String h2Back = TestSupport.h2MemUrl("copy_back");
        Map<String, Employee> original = new TreeMap<>();
        try (OpenedStore source = OpenedStore.open(h2Source, true)) {
            List<Employee> all = generate(N);
            for (int i = 0; i < all.size(); i += 1000) {
                ImportResult r = source.store().importAll(all.subList(i, Math.min(all.size(), i + 1000)));
                assertThat(r.failures()).isEmpty();
            }
            source.store().stream().forEach(e -> original.put(e.id(), e));
        }
        assertThat(original).hasSize(N);

        Run there = copy("copy", "--from", h2Source, "--to", dynamo);
        assertThat(there.code).as(there.err).isZero();
        assertThat(there.out).contains("read 5,000, written 5,000, failed 0").contains("counts verified");
        assertThat(there.err).contains("5,000/5,000 100%");
        Run back = copy("copy", "--from", dynamo, "--to", h2Back, "--chunk", "250");
        assertThat(back.code).as(back.err).isZero();
        assertThat(back.out).contains("read 5,000, written 5,000, failed 0").contains("counts verified");
        System.out.println("H2 -> DynamoDB (moto): " + there.out.strip());
        System.out.println("DynamoDB (moto) -> H2: " + back.out.strip());

        try (OpenedStore onDynamo = OpenedStore.open(dynamo, false);
             OpenedStore onH2 = OpenedStore.open(h2Back, false)) {
            assertSameEmployees(original, onDynamo.store());
            assertSameEmployees(original, onH2.store());
        }
    }

    @Test
    void refusesANonEmptyTargetUnlessMergingAndRejectsBadUsage() {
        String a = TestSupport.h2MemUrl("copy_a");
        String b = TestSupport.h2MemUrl("copy_b");
        try (OpenedStore sa = OpenedStore.open(a, true); OpenedStore sb = OpenedStore.open(b, true)) {
            sa.store().create(Employee.builder().id("x1").fullName("One").build());
            sa.store().create(Employee.builder().id("x2").fullName("Two").build());
            sb.store().create(Employee.builder().id("x1").fullName("Old One").build());
            sb.store().create(Employee.builder().id("y9").fullName("Other").build());
        }
        Run refused = copy("copy", "--from", a, "--to", b);
        assertThat(refused.code).isEqualTo(1);
        assertThat(refused.err).contains("already holds 2 employees").contains("--merge");
        Run merged = copy("copy", "--from", a, "--to", b, "--merge");
        assertThat(merged.code).as(merged.err).isZero();
        // x1 is at version 1 on both sides with other data: the target's is kept and counted (CopyMergeTest)
        assertThat(merged.out).contains("merge conflicts: 1");
        assertThat(merged.err).contains("KEPT x1: the target holds other data at the same version 1");
        try (OpenedStore sb = OpenedStore.open(b, false)) {
            assertThat(sb.store().count()).isEqualTo(3);
            assertThat(sb.store().get("x1").orElseThrow().fullName()).isEqualTo("Old One");
        }
        assertThat(copy("copy", "--from", a).code).isEqualTo(2);
        assertThat(copy("copy", "--from", a, "--to", b, "--chunk", "0").code).isEqualTo(2);
        assertThat(copy("frobnicate").code).isEqualTo(2);
        assertThat(copy("copy", "--from", TestSupport.h2MemUrl("empty_never_created"), "--to", b, "--merge").err)
                .contains("no employee table");
    }

    @Test
    void reportsEveryIdThatCouldNotBeWrittenAndExitsNonZero() throws Exception {
        String from = TestSupport.h2MemUrl("copy_fail_source");
        String to = TestSupport.h2MemUrl("copy_fail_target");
        OpenedStore.open(to, true).close();
        try (OpenedStore source = OpenedStore.open(from, true)) {
            for (int i = 0; i < 10; i++) {
                source.store().create(Employee.builder().id("emp-" + i).fullName((i % 4 == 1 ? "Rejected " : "Fine ")
                        + i).build());
            }
        }
        // the target database refuses some rows: a real per-row failure, as a trigger or constraint would cause
        try (Connection c = DriverManager.getConnection(to);
             Statement st = c.createStatement()) {
            st.execute("ALTER TABLE \"employees\" ADD CONSTRAINT refuse_some CHECK (full_name NOT LIKE 'Rejected%')");
        }
        Run run = copy("copy", "--from", from, "--to", to, "--chunk", "4");
        assertThat(run.code).as(run.err).isEqualTo(1);
        assertThat(run.err).contains("FAILED emp-1:", "FAILED emp-5:", "FAILED emp-9:")
                .doesNotContain("FAILED emp-0").doesNotContain("FAILED emp-2").doesNotContain("Rejected");
        assertThat(run.err).contains("copy FAILED: 3 employee(s) not written, counts do not match");
        assertThat(run.out).contains("read 10, written 7, failed 3").contains("DO NOT MATCH");
        try (OpenedStore target = OpenedStore.open(to, false)) {
            assertThat(target.store().count()).isEqualTo(7);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void assertSameEmployees(Map<String, Employee> expected, EmployeeStore store) {
        Map<String, Employee> actual = store.stream().collect(Collectors.toMap(Employee::id, e -> e));
        assertThat(actual.keySet()).as("ids on " + store.description()).isEqualTo(expected.keySet());
        for (Employee e : expected.values()) {
            Employee a = actual.get(e.id());
            String where = e.id() + " on " + store.description();
            assertThat(a.fullName()).as("fullName of " + where).isEqualTo(e.fullName());
            assertThat(a.jobTitle()).as("jobTitle of " + where).isEqualTo(e.jobTitle());
            assertThat(a.location()).as("location of " + where).isEqualTo(e.location());
            assertThat(a.badges()).as("badges of " + where).isEqualTo(e.badges());
            assertThat(a.photoKey()).as("photoKey of " + where).isEqualTo(e.photoKey());
            assertThat(a.attributes()).as("attributes of " + where).isEqualTo(e.attributes());
            assertThat(a.version()).as("version of " + where).isEqualTo(e.version());
            assertThat(a.createdAt()).as("createdAt of " + where).isEqualTo(e.createdAt());
            assertThat(a.updatedAt()).as("updatedAt of " + where).isEqualTo(e.updatedAt());
            assertThat(a).as(where).isEqualTo(e);
        }
        assertThat(store.count()).isEqualTo(expected.size());
    }

    private static List<Employee> generate(int n) {
        Random random = new Random(42);
        String[] first = {"Ada", "Grace", "Alan", "Édith", "Jürgen", "Zoë", "Mei", "Søren", "Ngozi", "李", "Ola"};
        String[] last = {"Lovelace", "Hopper", "Turing", "Piaf", "Müller", "Ødegaard", "Okafor", "小明", "Smith"};
        String[] titles = {"Engineer", "Designer", "Manager", "Analyst", null};
        String[] locations = {"Seattle", "London", "Zürich", "São Paulo", "東京", null};
        String[] badges = {"mentor", "speaker", "first-aid", "on-call", "🚀 launch"};
        Instant base = Instant.parse("2019-01-01T00:00:00Z");
        List<Employee> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Employee.Builder b = Employee.builder()
                    .id(String.format("emp-%05d", i))
                    .fullName(first[random.nextInt(first.length)] + " " + last[random.nextInt(last.length)] + " " + i)
                    .jobTitle(titles[random.nextInt(titles.length)])
                    .location(locations[random.nextInt(locations.length)])
                    .photoKey(i % 3 == 0 ? "photos/" + i + ".jpg" : null)
                    .version(1 + random.nextInt(20));
            for (String badge : badges) {
                if (random.nextInt(3) == 0) {
                    b.badge(badge);
                }
            }
            Map<String, AttributeValue> attributes = new LinkedHashMap<>();
            if (i % 2 == 0) {
                attributes.put("shirtSize", AttributeValue.of(new String[]{"S", "M", "L", "XL"}[i % 4]));
            }
            if (i % 3 == 0) {
                attributes.put("salaryBand", AttributeValue.of(new BigDecimal(random.nextInt(9) + "." + i)));
            }
            if (i % 5 == 0) {
                attributes.put("remote", AttributeValue.of(random.nextBoolean()));
            }
            if (i % 7 == 0) {
                attributes.put("exact", AttributeValue.of(new BigDecimal("1234567890123456789012345678901234567." + i % 10)));
            }
            if (i % 11 == 0) {
                attributes.put("skills", AttributeValue.of(List.of(AttributeValue.of("java"), AttributeValue.of(i),
                        AttributeValue.of(Map.of("level", AttributeValue.of("senior"), "years",
                                AttributeValue.of(random.nextInt(30)))))));
            }
            if (i % 13 == 0) {
                attributes.put("_note", AttributeValue.of(""));
            }
            b.attributes(attributes);
            Instant created = base.plusMillis(random.nextInt(1_000_000_000) * 10L + i);
            b.createdAt(created).updatedAt(i % 4 == 0 ? created : created.plusMillis(1 + random.nextInt(100_000_000)));
            list.add(b.build());
        }
        return list;
    }

    private static Run copy(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = EmployeeDirectory.run(args, Map.of(), o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
    }
}
