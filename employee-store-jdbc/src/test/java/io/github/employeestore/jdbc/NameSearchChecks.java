package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.BackfillProgress;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SearchIndexNotReadyException;
import io.github.employeestore.jdbc.internal.NameIndex;
import io.github.employeestore.jdbc.internal.NameSearch;
import io.github.employeestore.jdbc.internal.Sql;
import io.github.employeestore.jdbc.internal.TableName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDBC search index (CONTRACT §4.20) on each dialect: query plans of every search shape, rows read per page,
 * the name rows written by {@code importAll}'s bulk path, and the backfill of a populated table of the older
 * layout. Run as a {@code @Nested} group of every JDBC TCK class.
 */
abstract class NameSearchChecks {
    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Barbara", "Ken", "Dennis", "Margaret",
        "Edsger", "Donald", "Frances", "Radia", "Tim", "Vint", "Bjarne", "Guido", "James", "Anders", "Niklaus",
        "John"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Thompson",
        "Ritchie", "Hamilton", "Dijkstra", "Knuth", "Allen", "Perlman", "Berners-Lee", "Cerf", "Stroustrup",
        "van Rossum", "Gosling", "Hejlsberg", "Wirth", "Backus", "Öztürk", "Straße", "Łukasiewicz"};

    /** @return the store of the test, on an emptied table */
    abstract JdbcEmployeeStore jdbc();

    /** @return the pool the store runs on */
    abstract HikariDataSource pool();

    static Employee person(int i) {
        return Employee.builder().id(String.format("n%05d", i))
                .fullName(FIRST[i % FIRST.length] + " " + LAST[(i / 7) % LAST.length] + " " + i)
                .location("City " + (i % 50)).jobTitle("Title " + (i % 40)).version(1)
                .createdAt(Instant.ofEpochMilli(1_000L)).updatedAt(Instant.ofEpochMilli(2_000L)).build();
    }

    private List<Employee> fill(int n) {
        List<Employee> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(person(i));
        }
        assertThat(jdbc().importAll(rows).isComplete()).isTrue();
        return rows;
    }

    private Dialect dialect() {
        return jdbc().dialect();
    }

    private NameIndex index() {
        return AbstractJdbcTck.nameIndex(jdbc());
    }

    private NameSearch search() {
        return new NameSearch(new Sql(dialect(), TableName.parse(jdbc().table())), index());
    }

    private void analyze(Statement st) throws SQLException {
        String q = AbstractJdbcTck.quoted(jdbc(), jdbc().table());
        if (dialect() == Dialect.POSTGRESQL) {
            st.execute("ANALYZE " + q);
            st.execute("ANALYZE " + index().prefixTable());
        } else if (dialect().isMySqlFamily()) {
            st.execute("ANALYZE TABLE " + q);
            st.execute("ANALYZE TABLE " + index().prefixTable());
        }
    }

    /** The parameters of a search statement as {@link NameSearch#query} orders them, the limit last. */
    private List<Object> params(String prefix, List<String> after, String location, String jobTitle,
                                List<String> more, int limit) {
        List<Object> p = new ArrayList<>();
        p.add(prefix);
        if (after != null && search().rowKeyset()) {
            p.addAll(after);
        } else if (after != null) {
            p.addAll(List.of(after.get(0), after.get(0), after.get(1), after.get(1), after.get(2)));
        }
        if (location != null) {
            p.add(location);
        }
        if (jobTitle != null) {
            p.add(jobTitle);
        }
        p.addAll(more);
        p.add(limit);
        return p;
    }

    private static String run(Connection c, String statement, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            int i = 1;
            for (Object o : params) {
                if (o instanceof Integer n) {
                    ps.setInt(i++, n);
                } else {
                    ps.setString(i++, (String) o);
                }
            }
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int col = 1; col <= n; col++) {
                        out.append(rs.getMetaData().getColumnLabel(col)).append('=').append(rs.getString(col))
                                .append(' ');
                    }
                    out.append('\n');
                }
            }
            return out.toString();
        }
    }

    /**
     * A search combined with a location or job title: PostgreSQL's planner may intersect the name index's range
     * with the other criterion's index and sort the few rows both give (its choice by cost, on selective criteria):
     * both are index ranges, never a scan of either table.
     */
    private void assertServedByIndexes(String shape, String plan) {
        if (dialect() != Dialect.POSTGRESQL) {
            assertServedByPrefixKey(shape, plan);
            return;
        }
        assertThat(plan).as("%s:%n%s", shape, plan)
                .containsPattern("(Index (Only )?Scan|Bitmap Index Scan) (using|on) \\S*name_prefixes_pkey")
                .doesNotContain("Seq Scan");
    }

    /**
     * A page after a cursor: the range of the prefix key starts at the cursor's position. On PostgreSQL the whole
     * position is the index condition (a row comparison), nothing is filtered after it; on H2, MariaDB and MySQL
     * the range starts at the sort key ({@code name_key >=}), the rest of the position is checked on the range.
     */
    private void assertKeysetInTheRange(String shape, String plan) {
        assertServedByPrefixKey(shape, plan);
        switch (dialect()) {
            case POSTGRESQL -> assertThat(plan).as("%s:%n%s", shape, plan)
                    .containsPattern("Index Cond: .*ROW\\(name_key, full_name, id\\) > ROW\\(")
                    .doesNotContain("Filter:");
            case MYSQL, MARIADB -> assertThat(plan).as("%s:%n%s", shape, plan).containsPattern("table=p type=range ");
            case H2 -> assertThat(plan).as("%s:%n%s", shape, plan).containsPattern("NAME_KEY_B >= ");
        }
    }

    private void assertServedByPrefixKey(String shape, String plan) {
        switch (dialect()) {
            case POSTGRESQL -> assertThat(plan).as("%s:%n%s", shape, plan)
                    .containsPattern("Index (Only )?Scan using \\S*name_prefixes_pkey")
                    .doesNotContain("Seq Scan").doesNotContainPattern("(?m)->\\s+Sort|^QUERY PLAN=Sort");
            case MYSQL, MARIADB -> assertThat(plan).as("%s:%n%s", shape, plan)
                    .containsPattern("table=p .*key=PRIMARY ").containsPattern("table=e .*type=eq_ref")
                    .doesNotContain("filesort").doesNotContain("temporary").doesNotContainPattern("type=ALL ");
            case H2 -> assertThat(plan).as("%s:%n%s", shape, plan).containsIgnoringCase("primary_key")
                    .contains("index sorted").doesNotContain("tableScan");
        }
    }

    @Test
    @DisplayName("§4.20.8 EXPLAIN: byName alone, with location, with job title, with several words, after a cursor, and listByName are ranges of the name index's primary key, in order, without a sort or a scan (combined with a selective location or job title, or for two words, PostgreSQL may intersect two index ranges)")
    void everySearchShapeUsesTheIndex() throws SQLException {
        fill(3000);
        NameSearch search = search();
        List<String> after = List.of("ada lovelace 1", "Ada Lovelace 1", "n00001");
        try (Connection c = pool().getConnection(); Statement st = c.createStatement()) {
            analyze(st);
            String explain = "EXPLAIN ";
            assertServedByPrefixKey("byName", run(c, explain + search.query(false, false, 0, false),
                    params("lov", null, null, null, List.of(), 11)));
            assertKeysetInTheRange("byName after a cursor", run(c, explain + search.query(false, false, 0, true),
                    params("lov", after, null, null, List.of(), 11)));
            assertServedByIndexes("byName + location", run(c, explain + search.query(true, false, 0, false),
                    params("ada", null, "City 7", null, List.of(), 11)));
            assertServedByIndexes("byName + job title", run(c, explain + search.query(false, true, 0, true),
                    params("ada", after, null, "Title 3", List.of(), 11)));
            // two words: on PostgreSQL the planner may join the two words' ranges by hash and sort the few rows both
            // hold (its choice turns on the sampled statistics); each range is still read through the primary key,
            // and a search of several words is not page-proportional anyway (README, name search)
            assertServedByIndexes("byName, two words", run(c, explain + search.query(false, false, 1, false),
                    params("lovelace", null, null, null, List.of("ada"), 11)));
            assertServedByPrefixKey("listByName", run(c, explain + search.query(false, false, 0, false),
                    params("", null, null, null, List.of(), 11)));
            assertKeysetInTheRange("listByName after a cursor", run(c, explain + search.query(false, false, 0,
                    true), params("", after, null, null, List.of(), 11)));
        }
    }

    @Test
    @DisplayName("§4.20.8 rows read: a page of 10 reads about 11 index entries and 11 employees, not the matches or the table")
    void rowsReadFollowThePage() throws SQLException {
        fill(3000);
        NameSearch search = search();
        try (Connection c = pool().getConnection(); Statement st = c.createStatement()) {
            analyze(st);
            switch (dialect()) {
                case POSTGRESQL -> {
                    String plan = run(c, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
                            + search.query(false, false, 0, false), params("", null, null, null, List.of(), 11));
                    List<Long> rows = java.util.regex.Pattern.compile("actual rows=(\\d+)").matcher(plan)
                            .results().map(m -> Long.parseLong(m.group(1))).toList();
                    assertThat(rows).as(plan).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(11));
                }
                case MYSQL, MARIADB -> {
                    long before = handlerReads(st);
                    run(c, search.query(false, false, 0, false), params("", null, null, null, List.of(), 11));
                    long read = handlerReads(st) - before;
                    // 11 index entries and 11 primary-key lookups, and the status query's own few reads
                    assertThat(read).as("handler reads for a page of 10 of 3,000").isLessThan(60);
                }
                case H2 -> {
                    String plan = run(c, "EXPLAIN ANALYZE " + search.query(false, false, 0, false),
                            params("", null, null, null, List.of(), 11));
                    List<Long> scans = java.util.regex.Pattern.compile("scanCount: (\\d+)").matcher(plan)
                            .results().map(m -> Long.parseLong(m.group(1))).toList();
                    // H2 counts 11 index entries on the name table, and two reads per primary-key lookup of an
                    // employee: 22 for the page, whatever the table holds
                    assertThat(scans).as(plan).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(22));
                }
            }
        }
        Page<Employee> page = jdbc().listByName(PageRequest.first(10));
        assertThat(page.items()).hasSize(10);
    }

    private static long handlerReads(Statement st) throws SQLException {
        long sum = 0;
        try (ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Handler_read%'")) {
            while (rs.next()) {
                sum += rs.getLong(2);
            }
        }
        return sum;
    }

    @Test
    @DisplayName("§4.20.6 importAll: the bulk path writes every employee's name rows in the chunk's transaction, replacing those of stored ids")
    void bulkPathWritesNameRows() throws SQLException {
        List<Employee> rows = fill(BulkImportChecks.ROWS);
        List<Employee> renamed = rows.subList(0, 700).stream()
                .map(e -> e.toBuilder().fullName("Renamed Ümit " + e.id()).build()).toList();
        assertThat(jdbc().importAll(renamed).isComplete()).isTrue();
        long expected = 0;
        for (int i = 0; i < rows.size(); i++) {
            Employee e = i < 700 ? renamed.get(i) : rows.get(i);
            expected += NameIndex.rows(e.id(), e.fullName()).size();
        }
        try (Connection c = pool().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + index().prefixTable())) {
            rs.next();
            assertThat(rs.getLong(1)).as("name rows").isEqualTo(expected);
        }
        List<String> found = new ArrayList<>();
        Page<Employee> page = jdbc().find(EmployeeQuery.byName("umit renamed"), PageRequest.first(1000));
        page.items().forEach(e -> found.add(e.id()));
        assertThat(found).hasSize(700);
        assertThat(jdbc().find(EmployeeQuery.byName("ada lovelace"), PageRequest.first(1000)).items())
                .allSatisfy(e -> assertThat(e.fullName()).startsWith("Ada Lovelace"));
    }

    @Test
    @DisplayName("§4.20.8 backfill: a populated table of the older layout works without create(), then create() and a resumable backfill with progress index every employee")
    void backfillOfAnOlderTable() throws SQLException {
        List<Employee> rows = fill(1_234);
        AbstractJdbcTck.dropSearchStructures(pool(), jdbc());
        // a new store on the old table, as after an upgrade of the library
        JdbcEmployeeStore upgraded = JdbcEmployeeStore.builder().dataSource(pool()).table(jdbc().table()).build();
        assertThat(upgraded.get("n00001")).contains(rows.get(1));
        upgraded.update(rows.get(2));
        upgraded.put(rows.get(3).toBuilder().fullName("Zed Put").build());
        upgraded.create(person(5000));
        upgraded.delete("n00004");
        assertThat(upgraded.importAll(List.of(person(5001))).isComplete()).isTrue();
        upgraded.transact(w -> w.put(person(5002)));
        assertThat(upgraded.find(EmployeeQuery.byLocation("City 7"), PageRequest.first(5)).items()).hasSize(5);
        assertThatThrownBy(() -> upgraded.listByName(PageRequest.first(5)))
                .isInstanceOf(SearchIndexNotReadyException.class);
        upgraded.schema().create();
        assertThatThrownBy(() -> upgraded.find(EmployeeQuery.byName("ada"), PageRequest.first(5)))
                .isInstanceOf(SearchIndexNotReadyException.class);
        // the first run is interrupted after its first batch (its listener fails); the second resumes
        List<BackfillProgress> first = new ArrayList<>();
        assertThatThrownBy(() -> upgraded.schema().backfillSearchIndex(p -> {
            first.add(p);
            throw new IllegalStateException("interrupted");
        })).hasMessage("interrupted");
        assertThat(first).singleElement().satisfies(p -> {
            assertThat(p.examined()).isEqualTo(500);
            assertThat(p.done()).isFalse();
        });
        assertThatThrownBy(() -> upgraded.listByName(PageRequest.first(5)))
                .isInstanceOf(SearchIndexNotReadyException.class);
        List<BackfillProgress> second = new ArrayList<>();
        BackfillProgress done = upgraded.schema().backfillSearchIndex(second::add);
        long total = upgraded.count();
        assertThat(done.done()).isTrue();
        assertThat(done.examined()).as("the second run resumes after the first batch").isEqualTo(total - 500);
        assertThat(second).extracting(BackfillProgress::examined).isSorted();
        List<String> everyone = new ArrayList<>();
        Page<Employee> page = upgraded.listByName(PageRequest.first(1000));
        page.items().forEach(e -> everyone.add(e.id()));
        while (page.nextCursor().isPresent()) {
            page = upgraded.listByName(PageRequest.after(page.nextCursor().get(), 1000));
            page.items().forEach(e -> everyone.add(e.id()));
        }
        assertThat(everyone).hasSize((int) total).doesNotContain("n00004").contains("n05000", "n05001", "n05002");
        assertThat(upgraded.find(EmployeeQuery.byName("zed put"), PageRequest.first(5)).items())
                .extracting(Employee::id).containsExactly("n00003");
        // the store under test (which cached the old state) sees the new index as well
        assertThat(jdbc().find(EmployeeQuery.byName("zed"), PageRequest.first(5)).items()).hasSize(1);
        upgraded.close();
    }

    static String ids(List<Employee> employees) {
        return employees.stream().map(Employee::id).collect(Collectors.joining(","));
    }
}
