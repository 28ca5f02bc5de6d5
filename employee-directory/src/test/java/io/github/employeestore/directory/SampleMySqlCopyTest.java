package io.github.employeestore.directory;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The RDS side of the story: the original Employee Directory sample's MySQL table, created with the sample's own DDL
 * on MariaDB ({@code EMPLOYEE_STORE_MYSQL_URL}) and filled the way its Flask app inserts rows, is copied by one
 * {@code copy} command into DynamoDB (a moto server) and into PostgreSQL ({@code EMPLOYEE_STORE_POSTGRES_URL}), and
 * every field of every employee is checked. Needs the MariaDB URL: skipped without it, a failure on CI.
 */
@MotoTest
class SampleMySqlCopyTest {
    /** The sample's DDL, as its database_create_tables.sql has it (without CREATE DATABASE / USE); its nvarchar
     *  columns are utf8mb3 on MariaDB, so they hold no characters beyond U+FFFF. */
    private static final String SAMPLE_DDL = """
            CREATE TABLE IF NOT EXISTS employee (
              id int not null auto_increment primary key,
              object_key nvarchar(80),
              full_name nvarchar(200) not null,
              location nvarchar(200) not null,
              job_title nvarchar(200) not null,
              badges nvarchar(200) not null,
              created_datetime DATETIME DEFAULT now()
            )""";
    /** The sample app's own insert (database.py add_employee). */
    private static final String SAMPLE_INSERT =
            "INSERT INTO employee (object_key, full_name, location, job_title, badges) VALUES (?, ?, ?, ?, ?)";

    private static String mysql;

    @BeforeAll
    static void sampleTable() throws Exception {
        mysql = System.getenv("EMPLOYEE_STORE_MYSQL_URL");
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci && (mysql == null || mysql.isBlank())) {
            throw new IllegalStateException("CI must set EMPLOYEE_STORE_MYSQL_URL for the sample copy test");
        }
        assumeTrue(mysql != null && !mysql.isBlank(), "EMPLOYEE_STORE_MYSQL_URL is not set: the sample's MySQL table"
                + " needs a MariaDB/MySQL server");
        try (Connection c = DriverManager.getConnection(mysql); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS employee");
            st.execute(SAMPLE_DDL);
            try (PreparedStatement ps = c.prepareStatement(SAMPLE_INSERT)) {
                insert(ps, "employee_pic/3f2a9c01d4e5b6a7.png", "Ada Lovelace", "London", "Engineer", "apple,coffee");
                insert(ps, null, "Grace Hopper", "Arlington", "Rear Admiral", "bug,trophy,plane");
                insert(ps, null, "Zoë Ünlü", "Seattle", "Coffee Snob", "");
                insert(ps, "employee_pic/00000000000000ff.png", "Alan Turing", "Seattle", "Researcher", "linux");
            }
            st.execute("UPDATE employee SET created_datetime = '2019-05-06 07:08:09' WHERE full_name = 'Ada Lovelace'");
            st.execute("UPDATE employee SET created_datetime = NULL WHERE full_name = 'Alan Turing'");
        }
    }

    private static void insert(PreparedStatement ps, String objectKey, String name, String location, String title,
                               String badges) throws Exception {
        ps.setString(1, objectKey);
        ps.setString(2, name);
        ps.setString(3, location);
        ps.setString(4, title);
        ps.setString(5, badges);
        ps.executeUpdate();
    }

    @AfterAll
    static void dropSampleTable() throws Exception {
        if (mysql != null && !mysql.isBlank()) {
            try (Connection c = DriverManager.getConnection(mysql); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS employee");
            }
        }
    }

    /** The sample's rows, read back with plain JDBC as the sample's own list query does. */
    private static Map<String, Map<String, Object>> sampleRows() throws Exception {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(mysql);
             PreparedStatement ps = c.prepareStatement("SELECT id, object_key, full_name, location, job_title, badges,"
                     + " created_datetime FROM employee ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("object_key", rs.getString(2));
                row.put("full_name", rs.getString(3));
                row.put("location", rs.getString(4));
                row.put("job_title", rs.getString(5));
                row.put("badges", rs.getString(6));
                row.put("created", rs.getTimestamp(7) == null ? null
                        : rs.getTimestamp(7).toLocalDateTime().toInstant(ZoneOffset.UTC));
                rows.put(Integer.toString(rs.getInt(1)), row);
            }
        }
        return rows;
    }

    private static String sampleUrl() {
        return "employee-directory-sample:" + mysql;
    }

    @Test
    void copiesTheSampleTableIntoDynamoDbAndPostgresqlFieldByField() throws Exception {
        Map<String, Map<String, Object>> rows = sampleRows();
        assertThat(rows).hasSize(4);
        List<String> targets = new ArrayList<>();
        targets.add("dynamodb:" + MotoDynamoDb.shared().uniqueTableName("sample_copy") + "?region=us-east-1&endpoint="
                + MotoDynamoDb.shared().endpoint());
        String postgres = System.getenv("EMPLOYEE_STORE_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            targets.add(postgres + (postgres.contains("?") ? "&" : "?") + "table=sample_copy_"
                    + Long.toHexString(System.nanoTime()));
        }
        Instant before = Instant.now().minusSeconds(1);
        for (String target : targets) {
            ForeignDataCopyTest.Run run = ForeignDataCopyTest.copy("copy", "--from", sampleUrl(), "--to", target);
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("read 4, written 4, failed 0").contains("counts verified");
            assertThat(run.err()).contains("the Employee Directory sample's MySQL table 'employee'")
                    .doesNotContain("user=");
            try (EmployeeStore store = EmployeeStores.open(target)) {
                List<Employee> copied = store.stream().toList();
                assertThat(copied).hasSize(rows.size());
                for (Employee e : copied) {
                    Map<String, Object> row = rows.get(e.id());
                    assertThat(row).as("copied id %s is a sample id as text", e.id()).isNotNull();
                    assertThat(e.fullName()).isEqualTo(row.get("full_name"));
                    assertThat(e.location()).isEqualTo(row.get("location"));
                    assertThat(e.jobTitle()).isEqualTo(row.get("job_title"));
                    assertThat(e.photoKey()).isEqualTo(row.get("object_key"));
                    String joined = (String) row.get("badges");
                    Set<String> badges = joined.isEmpty() ? Set.of() : new TreeSet<>(List.of(joined.split(",")));
                    assertThat(e.badges()).containsExactlyInAnyOrderElementsOf(badges);
                    assertThat(e.version()).isEqualTo(1);
                    assertThat(e.attributes()).isEmpty();
                    Instant created = (Instant) row.get("created");
                    if (created != null) {
                        assertThat(e.createdAt()).isEqualTo(created);
                    } else {
                        assertThat(e.createdAt()).isAfter(before);
                    }
                    assertThat(e.updatedAt()).isEqualTo(e.createdAt());
                }
                assertThat(rows.get("1").get("created")).isEqualTo(Instant.parse("2019-05-06T07:08:09Z"));
                store.schema().drop();
            }
        }
    }
}
