package io.github.employeestore.jdbc;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.ImportResult;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.UnreadableEmployeeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows written by other code on every dialect: 1,000 good employees and one row of each unreadable kind a SQL table
 * of this schema can hold. {@code get} gives the typed exception; {@code list}, {@code stream}, {@code find} and
 * {@code getAll} return the 1,000 and report each bad id; {@code count} counts them and {@code delete} deletes them.
 */
class ForeignRowsTest {
    private static final String TABLE = "foreign_rows";

    @ParameterizedTest
    @EnumSource(value = TestDatabases.Target.class, names = {"H2", "MARIADB_DRIVER", "POSTGRESQL"})
    void aThousandGoodRowsAndOneBadRowOfEachKind(TestDatabases.Target target) throws Exception {
        String url = TestDatabases.url(target);
        try (EmployeeStore store = EmployeeStores.open(url, StoreOptions.builder().option("table", TABLE).build())) {
            JdbcEmployeeStore jdbc = (JdbcEmployeeStore) store;
            store.schema().drop();
            store.schema().create();
            Instant t = Instant.parse("2021-02-03T04:05:06.007Z");
            List<Employee> good = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                good.add(Employee.builder().id(String.format("good%04d", i)).fullName("Name " + i)
                        .location("Seattle").version(1).createdAt(t).updatedAt(t).build());
            }
            ImportResult imported = store.importAll(good);
            assertThat(imported.failures()).isEmpty();

            Map<String, String> bad = new LinkedHashMap<>();
            String json = switch (jdbc.dialect()) {
                case H2 -> "? FORMAT JSON";
                case POSTGRESQL -> "CAST(? AS jsonb)";
                default -> "?";
            };
            String q = jdbc.dialect().isMySqlFamily() ? "`" : "\"";
            BiFunction<String, String, String> insert = (badges, attributes) -> "INSERT INTO " + q + TABLE + q
                    + " (id, full_name, location, badges, attributes, version, created_at, updated_at)"
                    + " VALUES (?, 'Secret Name', 'Seattle', " + json + ", " + json + ", ?, 1, 1)";
            try (Connection c = DriverManager.getConnection(url)) {
                plant(c, insert, "bad-attributes-array", "[]", "[1]", 1);
                bad.put("bad-attributes-array", "attributes");
                plant(c, insert, "bad-attributes-tag", "[]", "{\"x\": {\"$b\": 5}}", 1);
                bad.put("bad-attributes-tag", "attributes");
                plant(c, insert, "bad-badges-object", "{\"a\": 1}", "{}", 1);
                bad.put("bad-badges-object", "badges");
                plant(c, insert, "bad-version-negative", "[]", "{}", -3);
                bad.put("bad-version-negative", "version");
            }

            for (Map.Entry<String, String> b : bad.entrySet()) {
                assertThatThrownBy(() -> store.get(b.getKey())).as(b.getKey())
                        .isInstanceOfSatisfying(UnreadableEmployeeException.class, e -> {
                            assertThat(e.id()).isEqualTo(b.getKey());
                            assertThat(e.attribute()).isEqualTo(b.getValue());
                            assertThat(e.getMessage()).doesNotContain("Secret");
                        });
            }
            Set<String> goodIds = new LinkedHashSet<>(good.stream().map(Employee::id).toList());
            List<String> listed = new ArrayList<>();
            List<String> listedBad = new ArrayList<>();
            Page<Employee> page = store.list(PageRequest.first(100));
            while (true) {
                page.items().forEach(e -> listed.add(e.id()));
                page.unreadable().forEach(u -> listedBad.add(u.id()));
                if (!page.hasNext()) {
                    break;
                }
                assertThat(page.items().size() + page.unreadable().size()).isEqualTo(100);
                page = store.list(PageRequest.after(page.nextCursor().orElseThrow(), 100));
            }
            assertThat(listed).containsExactlyInAnyOrderElementsOf(goodIds);
            assertThat(listedBad).containsExactlyInAnyOrderElementsOf(bad.keySet());

            List<String> streamedBad = new ArrayList<>();
            try (Stream<Employee> s = store.stream(u -> streamedBad.add(u.id()))) {
                assertThat(s.count()).isEqualTo(1000);
            }
            assertThat(streamedBad).containsExactlyInAnyOrderElementsOf(bad.keySet());

            List<String> found = new ArrayList<>();
            List<String> foundBad = new ArrayList<>();
            Page<Employee> f = store.find(EmployeeQuery.byLocation("Seattle"), PageRequest.first(300));
            while (true) {
                f.items().forEach(e -> found.add(e.id()));
                f.unreadable().forEach(u -> foundBad.add(u.id()));
                if (!f.hasNext()) {
                    break;
                }
                f = store.find(EmployeeQuery.byLocation("Seattle"), PageRequest.after(f.nextCursor().orElseThrow(),
                        300));
            }
            assertThat(found).containsExactlyInAnyOrderElementsOf(goodIds);
            assertThat(foundBad).containsExactlyInAnyOrderElementsOf(bad.keySet());

            List<String> ids = new ArrayList<>(goodIds);
            List<String> firstHalf = new ArrayList<>(ids.subList(0, 500));
            firstHalf.addAll(bad.keySet());
            List<String> batchBad = new ArrayList<>();
            Map<String, Employee> batch = new LinkedHashMap<>(store.getAll(firstHalf, u -> batchBad.add(u.id())));
            batch.putAll(store.getAll(ids.subList(500, 1000)));
            assertThat(batch.keySet()).containsExactlyInAnyOrderElementsOf(goodIds);
            assertThat(batchBad).containsExactlyInAnyOrderElementsOf(bad.keySet());

            assertThat(store.count()).isEqualTo(1000 + bad.size());
            for (String id : bad.keySet()) {
                assertThat(store.delete(id)).isTrue();
            }
            assertThat(store.count()).isEqualTo(1000);
            store.schema().drop();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabases.Target.class, names = {"H2", "MARIADB_DRIVER", "POSTGRESQL"})
    void aRowWithoutVersionOrTimestampsIsUpdatableInATableThatAllowsThem(TestDatabases.Target target)
            throws Exception {
        String url = TestDatabases.url(target);
        String table = TABLE + "_nullable";
        try (EmployeeStore store = EmployeeStores.open(url, StoreOptions.builder().option("table", table).build())) {
            JdbcEmployeeStore jdbc = (JdbcEmployeeStore) store;
            store.schema().drop();
            store.schema().create();
            String q = jdbc.dialect().isMySqlFamily() ? "`" : "\"";
            try (Connection c = DriverManager.getConnection(url); java.sql.Statement st = c.createStatement()) {
                for (String column : List.of("version", "created_at", "updated_at")) {
                    st.execute(switch (jdbc.dialect()) {
                        case H2 -> "ALTER TABLE " + q + table + q + " ALTER COLUMN " + column + " SET NULL";
                        case POSTGRESQL -> "ALTER TABLE " + q + table + q + " ALTER COLUMN " + column
                                + " DROP NOT NULL";
                        default -> "ALTER TABLE " + q + table + q + " MODIFY " + column + " BIGINT NULL";
                    });
                }
                String format = jdbc.dialect() == Dialect.H2 ? " FORMAT JSON" : "";
                for (String id : List.of("nv1", "nv2", "nv3")) {
                    st.execute("INSERT INTO " + q + table + q + " (id, full_name, badges, attributes) VALUES ('"
                            + id + "', 'No Version', '[]'" + format + ", '{}'" + format + ")");
                }
            }
            Employee read = store.get("nv1").orElseThrow();
            assertThat(read.version()).isZero();
            assertThat(read.createdAt()).isNull();
            Employee updated = store.update(read.toBuilder().jobTitle("Engineer").build());
            assertThat(updated.version()).isEqualTo(1);
            assertThat(updated.createdAt()).isEqualTo(updated.updatedAt()).isNotNull();
            assertThat(store.get("nv1")).contains(updated);
            assertThatThrownBy(() -> store.update(read.toBuilder().jobTitle("Stale").build()))
                    .isInstanceOf(io.github.employeestore.VersionConflictException.class);
            Employee put = store.put(store.get("nv2").orElseThrow().toBuilder().location("Put").build());
            assertThat(put.version()).isEqualTo(1);
            assertThat(store.get("nv2").orElseThrow().createdAt()).isNotNull();
            store.delete("nv3", 0);
            assertThat(store.get("nv3")).isEmpty();
            store.schema().drop();
        }
    }

    private static void plant(Connection c, BiFunction<String, String, String> insert, String id, String badges,
                              String attributes, long version) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(insert.apply(badges, attributes))) {
            ps.setString(1, id);
            ps.setString(2, badges);
            ps.setString(3, attributes);
            ps.setLong(4, version);
            ps.executeUpdate();
        }
    }
}
