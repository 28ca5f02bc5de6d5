package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code importAll} on the database's bulk path ({@code COPY}, {@code LOAD DATA}, JDBC batch), with loads larger than
 * one bulk chunk (5,000 rows), so that chunks the path writes whole and chunks it must fall back on meet in one call.
 * Run as a {@code @Nested} group of every JDBC TCK class.
 */
abstract class BulkImportChecks {
    /** More than one chunk of the native paths, and ten of the JDBC batch. */
    static final int ROWS = 5_300;

    /** @return the store of the test, on an emptied table */
    abstract JdbcEmployeeStore jdbc();

    /** @return the pool the store runs on */
    abstract HikariDataSource pool();

    /** @return the quoted table name */
    abstract String quotedTable();

    static Employee row(int i) {
        return Employee.builder().id(String.format("bulk-%05d", i)).fullName("Bulk Person " + i)
                .jobTitle(i % 3 == 0 ? null : "Title " + (i % 5)).location(i % 4 == 0 ? null : "City " + (i % 7))
                .badge("b" + (i % 3)).photoKey(i % 2 == 0 ? null : "p/" + i)
                .attribute("n", AttributeValue.of(i)).attribute("t", AttributeValue.of("x\ty\\z\n" + i))
                .version(1 + i % 4).createdAt(Instant.ofEpochMilli(1_000_000L + i))
                .updatedAt(Instant.ofEpochMilli(2_000_000L + i)).build();
    }

    private static List<Employee> rows(int count) {
        List<Employee> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(row(i));
        }
        return rows;
    }

    private void assertStoredExactly(List<Employee> expected) {
        Map<String, Employee> stored = jdbc().stream().collect(Collectors.toMap(Employee::id, e -> e));
        assertThat(stored).hasSize(expected.size());
        for (Employee e : expected) {
            assertThat(stored.get(e.id())).as("stored %s", e.id()).isEqualTo(e);
        }
    }

    @Test
    @DisplayName("§4 importAll on the bulk path: every column as given, escapes and Unicode intact, across chunks")
    void exactValuesAcrossChunks() {
        List<Employee> rows = rows(ROWS);
        rows.set(17, rows.get(17).toBuilder().fullName("Tab\there, back\\slash, CR\r, LF\n, \\N, é, 😀, 中文")
                .jobTitle("\\").location("\\t").photoKey("N")
                .attribute("nested", AttributeValue.of(Map.of("k", AttributeValue.ofList(
                        AttributeValue.of("a\tb"), AttributeValue.of("\\N"), AttributeValue.of(true)))))
                .build());
        ImportResult result = jdbc().importAll(rows);
        assertThat(result.isComplete()).as("%s", result.failures()).isTrue();
        assertThat(result.written()).isEqualTo(ROWS);
        assertStoredExactly(rows);
    }

    @Test
    @DisplayName("§4 importAll replaces stored rows of another version: version and timestamps as given, not +1")
    void replacesRowsOfAnotherVersion() {
        List<Employee> rows = rows(ROWS);
        List<Employee> older = new ArrayList<>();
        for (int i = 0; i < ROWS; i += 2) {
            older.add(rows.get(i).toBuilder().fullName("Old " + i).jobTitle("Old").location(null).badges(List.of())
                    .attributes(Map.of("old", AttributeValue.of(true))).version(7 + i % 3)
                    .createdAt(Instant.ofEpochMilli(5L)).updatedAt(Instant.ofEpochMilli(6L)).build());
        }
        assertThat(jdbc().importAll(older).isComplete()).isTrue();
        jdbc().put(rows.get(0).toBuilder().fullName("Put afterwards").build());

        ImportResult result = jdbc().importAll(rows);
        assertThat(result.isComplete()).as("%s", result.failures()).isTrue();
        assertStoredExactly(rows);
    }

    @Test
    @DisplayName("§4 importAll: invalid rows in a chunk are reported by index and id; the rest of the chunk is written")
    void invalidRowsInAChunk() {
        List<Employee> rows = rows(ROWS);
        List<Employee> input = new ArrayList<>(rows);
        input.set(10, rows.get(10).toBuilder().fullName(" ").build());
        input.set(5_200, rows.get(5_200).toBuilder().version(0).build());
        input.set(5_201, rows.get(3));
        ImportResult result = jdbc().importAll(input);
        assertThat(result.attempted()).isEqualTo(ROWS);
        assertThat(result.written()).isEqualTo(ROWS - 3);
        assertThat(result.failures()).extracting(ImportResult.Failure::index).containsExactly(10, 5_200, 5_201);
        List<Employee> expected = new ArrayList<>(rows);
        expected.remove(5_201);
        expected.remove(5_200);
        expected.remove(10);
        assertStoredExactly(expected);
    }

    @Test
    @DisplayName("§4 importAll: a chunk the database refuses falls back and reports exactly the refused rows")
    void chunkTheDatabaseRefuses() {
        String constraint = quotedTable().replace("employees", "x").substring(0, 1) + "bulk_refuse"
                + quotedTable().substring(quotedTable().length() - 1);
        AbstractJdbcTck.execute(pool(), "ALTER TABLE " + quotedTable() + " ADD CONSTRAINT " + constraint
                + " CHECK (full_name <> 'Refuse Me')");
        try {
            List<Employee> rows = rows(ROWS);
            rows.set(42, rows.get(42).toBuilder().fullName("Refuse Me").build());
            rows.set(5_100, rows.get(5_100).toBuilder().fullName("Refuse Me").build());
            ImportResult result = jdbc().importAll(rows);
            assertThat(result.failedIds()).containsExactly(rows.get(42).id(), rows.get(5_100).id());
            assertThat(result.failures()).allSatisfy(f -> {
                assertThat(f.error()).isPresent();
                assertThat(f.reason()).doesNotContain("Refuse Me");
            });
            assertThat(result.written()).isEqualTo(ROWS - 2);
            List<Employee> expected = new ArrayList<>(rows);
            expected.remove(5_100);
            expected.remove(42);
            assertStoredExactly(expected);
        } finally {
            AbstractJdbcTck.execute(pool(), "ALTER TABLE " + quotedTable() + " DROP CONSTRAINT " + constraint);
        }
    }
}
