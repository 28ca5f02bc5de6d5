package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.tck.EmployeeStoreTck;
import io.github.employeestore.tck.ForeignItems;

import com.zaxxer.hikari.HikariConfig;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.ImportResult;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.jdbc.internal.Sql;
import io.github.employeestore.jdbc.internal.TableName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The TCK on one database through a pool the test owns (the application's {@code DataSource} path): each test gets
 * the store on an emptied table. Subclasses hold the pool for the whole class and check after the TCK that the store
 * returned every connection and never closed the pool.
 */
abstract class AbstractJdbcTck extends EmployeeStoreTck {

    /** @return the JDBC URL of the test class's database (with credentials) */
    protected abstract String url();

    /** @return the pool of the test class */
    protected abstract HikariDataSource pool();

    /** @return the table of the test class (unique across test classes) */
    protected abstract String table();

    @Override
    protected EmployeeStore newStore(Clock clock) {
        return emptyStore(table(), clock);
    }

    @Override
    protected EmployeeStore newStoreOnOtherTable(Clock clock) {
        return emptyStore(table() + "_other", clock);
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS, Capability.SEARCH);
    }

    @Override
    protected ForeignItems foreignItems(EmployeeStore store) {
        return new JdbcForeignItems(pool(), (JdbcEmployeeStore) store);
    }

    @Override
    protected io.github.employeestore.tck.UnindexedTable unindexedTable(EmployeeStore store) {
        return () -> dropSearchStructures(pool(), (JdbcEmployeeStore) store);
    }

    /** Drops the search structures beside the store's table, as a table of an older version has none. */
    static void dropSearchStructures(javax.sql.DataSource pool, JdbcEmployeeStore s) {
        io.github.employeestore.jdbc.internal.NameIndex index = nameIndex(s);
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            for (String drop : index.dropStatements()) {
                st.execute(drop);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static io.github.employeestore.jdbc.internal.NameIndex nameIndex(JdbcEmployeeStore s) {
        return new io.github.employeestore.jdbc.internal.NameIndex(new Sql(s.dialect(), TableName.parse(s.table())),
                TableName.parse(s.table()), null, System::currentTimeMillis);
    }

    private EmployeeStore emptyStore(String table, Clock clock) {
        JdbcEmployeeStore s = JdbcEmployeeStore.builder().dataSource(pool()).table(table).clock(clock).build();
        s.schema().create();
        io.github.employeestore.jdbc.internal.NameIndex index = nameIndex(s);
        execute(pool(), "DELETE FROM " + quoted(s, table));
        execute(pool(), "DELETE FROM " + index.prefixTable());
        execute(pool(), "DELETE FROM " + index.stateTable());
        s.schema().create(); // an empty table: the search index is complete at once
        return s;
    }

    static String quoted(JdbcEmployeeStore s, String table) {
        return s.dialect().isMySqlFamily() ? "`" + table + "`" : "\"" + table + "\"";
    }

    static void execute(HikariDataSource pool, String statement) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** After the whole TCK: no connection still borrowed, the given pool still open; then drop and close. */
    static void finish(HikariDataSource pool, String table) {
        if (pool == null) {
            return;
        }
        try {
            assertThat(pool.isClosed()).as("the store must never close the application's DataSource").isFalse();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections())
                    .as("connections still borrowed after the TCK").isZero();
            JdbcEmployeeStore s = JdbcEmployeeStore.builder().dataSource(pool).table(table).build();
            s.schema().drop();
            JdbcEmployeeStore.builder().dataSource(pool).table(table + "_other").build().schema().drop();
        } finally {
            pool.close();
        }
    }

    @Nested
    @DisplayName("importAll on the database's bulk path")
    class BulkPaths extends BulkImportChecks {
        @Override
        JdbcEmployeeStore jdbc() {
            return (JdbcEmployeeStore) store;
        }

        @Override
        HikariDataSource pool() {
            return AbstractJdbcTck.this.pool();
        }

        @Override
        String quotedTable() {
            return quoted(jdbc(), table());
        }
    }

    @Nested
    @org.junit.jupiter.api.Tag("tck-search")
    @DisplayName("name search on the database")
    class NameSearchPaths extends NameSearchChecks {
        @Override
        JdbcEmployeeStore jdbc() {
            return (JdbcEmployeeStore) store;
        }

        @Override
        HikariDataSource pool() {
            return AbstractJdbcTck.this.pool();
        }
    }

    @Nested
    @DisplayName("JDBC backend specifics")
    class JdbcSpecifics {
        private JdbcEmployeeStore jdbc() {
            return (JdbcEmployeeStore) store;
        }

        private Employee employee(int i, String location, String jobTitle) {
            return Employee.builder().id(String.format("e%05d", i)).fullName("Name " + (i * 7919 % 1000))
                    .location(location).jobTitle(jobTitle).version(1)
                    .createdAt(Instant.ofEpochMilli(1_000L)).updatedAt(Instant.ofEpochMilli(2_000L)).build();
        }

        @Test
        @DisplayName("§4.10.5 find: EXPLAIN shows the location and job-title indexes serve find, in order (no sort)")
        void findUsesIndexes() throws SQLException {
            List<Employee> rows = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                rows.add(employee(i, "City " + (i % 50), "Title " + (i % 40)));
            }
            assertThat(store.importAll(rows).isComplete()).isTrue();
            Sql sql = new Sql(jdbc().dialect(), TableName.parse(table()));
            List<String> indexes = sql.findIndexNames();
            try (Connection c = pool().getConnection(); Statement st = c.createStatement()) {
                if (jdbc().dialect() == Dialect.POSTGRESQL) {
                    st.execute("ANALYZE " + quoted(jdbc(), table()));
                } else if (jdbc().dialect().isMySqlFamily()) {
                    st.execute("ANALYZE TABLE " + quoted(jdbc(), table()));
                }
                String byLocation = explain(c, sql.find(true, false, true), "City 7", "Name 5", "Name 5", "e00001");
                assertIndexedAndSorted(byLocation, indexes.get(0));
                String byTitle = explain(c, sql.find(false, true, false), "Title 3");
                assertIndexedAndSorted(byTitle, indexes.get(1));
                // with both criteria the planner may combine both indexes and sort the few rows left
                String both = explain(c, sql.find(true, true, false), "City 7", "Title 3");
                assertThat(both).as(both).containsAnyOf(indexes.get(0), indexes.get(1))
                        .doesNotContain("Seq Scan").doesNotContain("tableScan").doesNotContain("type=ALL ");
            }
        }

        private String explain(Connection c, String query, String... params) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + query)) {
                int i = 1;
                for (String p : params) {
                    ps.setString(i++, p);
                }
                ps.setInt(i, 11);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int col = 1; col <= n; col++) {
                            plan.append(rs.getMetaData().getColumnLabel(col)).append('=').append(rs.getString(col))
                                    .append(' ');
                        }
                        plan.append('\n');
                    }
                }
                return plan.toString();
            }
        }

        private void assertIndexedAndSorted(String plan, String index) {
            switch (jdbc().dialect()) {
                case POSTGRESQL -> assertThat(plan).as(plan).contains("Index Scan using " + index)
                        .doesNotContain("Seq Scan").doesNotContainPattern("(?m)->\\s+Sort|^QUERY PLAN=Sort");
                case MYSQL, MARIADB -> assertThat(plan).as(plan).containsPattern("key=" + index + " ")
                        .doesNotContain("filesort").doesNotContainPattern("type=ALL ");
                case H2 -> assertThat(plan).as(plan).contains(index).contains("index sorted")
                        .doesNotContain("tableScan");
            }
        }

        @Test
        @DisplayName("§4.6.3 put: 16 threads putting one NEW id at once — all count, version 16, one createdAt")
        void concurrentPutsOfANewId() throws Exception {
            for (int round = 0; round < 3; round++) {
                String id = "new-" + round;
                ExecutorService threads = Executors.newFixedThreadPool(16);
                try {
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<Employee>> results = new ArrayList<>();
                    for (int i = 0; i < 16; i++) {
                        int n = i;
                        results.add(threads.submit(() -> {
                            start.await();
                            clock.advance(java.time.Duration.ofMillis(1));
                            return store.put(Employee.builder().id(id).fullName("Writer " + n).build());
                        }));
                    }
                    start.countDown();
                    Set<Long> versions = new java.util.TreeSet<>();
                    Set<Instant> createdAts = new java.util.HashSet<>();
                    for (Future<Employee> f : results) {
                        Employee put = f.get(2, TimeUnit.MINUTES);
                        versions.add(put.version());
                        createdAts.add(put.createdAt());
                    }
                    assertThat(versions).as("each put saw its own version").hasSize(16).contains(1L, 16L);
                    assertThat(createdAts).as("every put of %s returned the first put's createdAt, although the "
                            + "clock moved between them", id).hasSize(1);
                    assertThat(store.get(id).orElseThrow().version()).isEqualTo(16);
                    assertThat(store.get(id).orElseThrow().createdAt()).as("stored createdAt of %s", id)
                            .isEqualTo(createdAts.iterator().next());
                } finally {
                    threads.shutdownNow();
                }
            }
        }

        @Test
        @DisplayName("§6.2 builder from a given DataSource: dialect detected from the connection's metadata (MariaDB"
                + " also through MySQL Connector/J)")
        void dialectDetected() throws SQLException {
            String product;
            String version;
            try (Connection c = pool().getConnection()) {
                product = c.getMetaData().getDatabaseProductName();
                version = c.getMetaData().getDatabaseProductVersion();
            }
            Dialect expected = product.contains("H2") ? Dialect.H2 : product.contains("PostgreSQL")
                    ? Dialect.POSTGRESQL : version.contains("MariaDB") ? Dialect.MARIADB : Dialect.MYSQL;
            assertThat(jdbc().dialect()).as(product + " " + version).isEqualTo(expected);
            JdbcEmployeeStore overridden = JdbcEmployeeStore.builder().dataSource(pool()).table(table())
                    .dialect(expected).build();
            assertThat(overridden.count()).isZero();
        }

        @Test
        @DisplayName("§6.1 open by URL through EmployeeStores.open: table option, pool owned and closed with the store")
        void openByUrl() {
            String other = table() + "_url";
            EmployeeStore opened = EmployeeStores.open(url(), StoreOptions.builder().clock(clock)
                    .option("table", other).build());
            try {
                assertThat(opened).isInstanceOf(JdbcEmployeeStore.class);
                assertThat(((JdbcEmployeeStore) opened).dialect()).isEqualTo(jdbc().dialect());
                assertThat(opened.description()).contains(other).doesNotContain("password").doesNotContain("user=");
                opened.schema().drop();
                opened.schema().create();
                Employee e = opened.create(Employee.builder().id("u1").fullName("By Url").build());
                assertThat(opened.get("u1")).contains(e);
                assertThat(opened.count()).isEqualTo(1);
                assertThat(store.get("u1")).as("the URL's table option is honoured: not the TCK's table").isEmpty();
                opened.schema().drop();
            } finally {
                opened.close();
            }
            assertThatThrownBy(opened::count).as("a store opened by URL closes its pool")
                    .isInstanceOf(EmployeeStoreException.class);
            opened.close();
        }

        @Test
        @DisplayName("§4.13.2 importAll: a row the database refuses is reported with its cause; the others are written")
        void importReportsDatabaseRefusal() {
            String t = quoted(jdbc(), table());
            execute(pool(), "ALTER TABLE " + t + " ADD CONSTRAINT " + quoted(jdbc(), table() + "_no_reject")
                    + " CHECK (full_name <> 'Reject Me')");
            try {
                List<Employee> rows = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    Employee e = employee(i, "X", "Y");
                    rows.add(i == 3 ? e.toBuilder().fullName("Reject Me").build() : e);
                }
                ImportResult result = store.importAll(rows);
                assertThat(result.written()).isEqualTo(6);
                assertThat(result.failedIds()).containsExactly("e00003");
                ImportResult.Failure failure = result.failures().get(0);
                assertThat(failure.index()).isEqualTo(3);
                assertThat(failure.error()).isPresent();
                assertThat(failure.reason()).doesNotContain("Reject Me");
                assertThat(store.count()).isEqualTo(6);
                assertThat(store.get("e00006")).contains(rows.get(6));
            } finally {
                store.schema().drop();
            }
        }

        @Test
        @DisplayName("§5.4 StoreUnavailableException (retryable): lock wait timeout; no value in the message")
        void lockTimeoutIsUnavailable() throws SQLException {
            store.create(Employee.builder().id("locked").fullName("Secret Name").build());
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url()); // own connections: the session setting below must not leak into the shared pool
            config.setMaximumPoolSize(2);
            config.setConnectionInitSql(switch (jdbc().dialect()) {
                case H2 -> "SET LOCK_TIMEOUT 300";
                case POSTGRESQL -> "SET lock_timeout = '300ms'";
                case MYSQL, MARIADB -> "SET SESSION innodb_lock_wait_timeout = 1";
            });
            try (HikariDataSource shortWait = new HikariDataSource(config);
                 Connection holder = pool().getConnection()) {
                JdbcEmployeeStore s = JdbcEmployeeStore.builder().dataSource(shortWait).table(table()).clock(clock)
                        .build();
                holder.setAutoCommit(false);
                try (Statement st = holder.createStatement()) {
                    st.executeUpdate("UPDATE " + quoted(jdbc(), table()) + " SET version = version WHERE id = 'locked'");
                    assertThatThrownBy(() -> s.put(Employee.builder().id("locked").fullName("Other Secret").build()))
                            .isInstanceOf(StoreUnavailableException.class)
                            .satisfies(e -> assertThat(((StoreUnavailableException) e).isRetryable()).isTrue())
                            .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SQLException.class))
                            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Secret"));
                } finally {
                    holder.rollback();
                    holder.setAutoCommit(true);
                }
                assertThat(s.get("locked").orElseThrow().fullName()).isEqualTo("Secret Name");
            }
        }

        @Test
        @DisplayName("§5.5 StoreConfigurationException: an existing table of the wrong shape is named column by column")
        void wrongShape() {
            String bad = table() + "_bad";
            String q = quoted(jdbc(), bad);
            String text = jdbc().dialect().isMySqlFamily() ? "VARCHAR(200) COLLATE " + new Sql(jdbc().dialect(),
                    TableName.parse(bad)).collation() : jdbc().dialect() == Dialect.POSTGRESQL
                    ? "varchar(200) COLLATE \"C\"" : "VARCHAR(200)";
            execute(pool(), "DROP TABLE IF EXISTS " + q);
            execute(pool(), "CREATE TABLE " + q + " (id " + text + " PRIMARY KEY, full_name " + text
                    + ", job_title " + text + ", location " + text + ", badges " + text + ", photo_key " + text
                    + ", attributes " + text + ", version VARCHAR(20), created_at BIGINT, updated_at BIGINT)");
            JdbcEmployeeStore s = JdbcEmployeeStore.builder().dataSource(pool()).table(bad).build();
            try {
                assertThatThrownBy(() -> s.schema().create()).isInstanceOf(StoreConfigurationException.class)
                        .hasMessageContaining("'version'");
                execute(pool(), "ALTER TABLE " + q + " DROP COLUMN version");
                assertThatThrownBy(() -> s.schema().create()).isInstanceOf(StoreConfigurationException.class)
                        .hasMessageContaining("'version' is missing");
                if (jdbc().dialect() != Dialect.H2) {
                    execute(pool(), "ALTER TABLE " + q + " ADD COLUMN version BIGINT");
                    execute(pool(), "ALTER TABLE " + q + (jdbc().dialect() == Dialect.POSTGRESQL
                            ? " ALTER COLUMN location TYPE varchar(200) COLLATE \"default\""
                            : " MODIFY location VARCHAR(200) COLLATE utf8mb4_general_ci"));
                    assertThatThrownBy(() -> s.schema().create()).isInstanceOf(StoreConfigurationException.class)
                            .hasMessageContaining("'location'").hasMessageContaining("collation");
                }
            } finally {
                s.schema().drop();
            }
        }
    }
}
