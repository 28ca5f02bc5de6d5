package io.github.employeestore.jdbc;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.spi.EmployeeStoreProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code jdbc:} provider and the builder's configuration errors, without an external database. */
class ProviderTest {

    @Test
    void providerIsRegisteredForTheFourSchemes() {
        EmployeeStoreProvider jdbc = EmployeeStores.providers().stream().filter(p -> p.name().equals("jdbc"))
                .findFirst().orElseThrow();
        assertThat(jdbc).isInstanceOf(JdbcEmployeeStoreProvider.class);
        assertThat(jdbc.supports("jdbc:h2:mem:x")).isTrue();
        assertThat(jdbc.supports("jdbc:mysql://h/db")).isTrue();
        assertThat(jdbc.supports("JDBC:MariaDB://h/db")).isTrue();
        assertThat(jdbc.supports("jdbc:postgresql://h/db")).isTrue();
        assertThat(jdbc.supports("jdbc:sqlserver://h")).isFalse();
        assertThat(jdbc.supports("memory:")).isFalse();
    }

    @Test
    void refusedConnectionIsUnavailableAndNeverQuotesCredentials() {
        assertThatThrownBy(() -> EmployeeStores.open("jdbc:postgresql://127.0.0.1:1/db?password=pw-in-url",
                StoreOptions.builder().option("user", "someone").option("password", "s3cret-option").build()))
                .isInstanceOf(StoreUnavailableException.class)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cret-option")
                                .doesNotContain("pw-in-url");
                    }
                    assertThat(e.getCause()).isInstanceOf(java.sql.SQLException.class);
                });
    }

    @Test
    void invalidTableNameIsAConfigurationError() {
        for (String bad : List.of("", "1abc", "a b", "x;drop", "a.b.c", "t\"", "a".repeat(64))) {
            assertThatThrownBy(() -> EmployeeStores.open("jdbc:h2:mem:names", StoreOptions.builder()
                    .option("table", bad).build()))
                    .as(bad).isInstanceOf(StoreConfigurationException.class);
        }
        try (EmployeeStore s = EmployeeStores.open("jdbc:h2:mem:names;DB_CLOSE_DELAY=-1?table=My-Table_1")) {
            s.schema().create();
            assertThat(s.schema().exists()).isTrue();
            assertThat(s.description()).contains("My-Table_1");
            s.schema().drop();
            assertThat(s.schema().exists()).isFalse();
        }
    }

    @Test
    void nameSearchFalseLeavesTheIndexOutButKeepsAnExistingOneInStep() throws Exception {
        String url = "jdbc:h2:mem:nosearch;DB_CLOSE_DELAY=-1";
        try (EmployeeStore plain = EmployeeStores.open(url + "?table=plain&nameSearch=false")) {
            plain.schema().create();
            assertThat(plain.capabilities()).doesNotContain(io.github.employeestore.Capability.SEARCH);
            assertThat(tablesLike("NOSEARCH", "PLAIN%")).as("tables made by create()").containsExactly("PLAIN");
            plain.create(Employee.builder().id("a").fullName("Ada Lovelace").build());
            assertThatThrownBy(() -> plain.find(io.github.employeestore.EmployeeQuery.byName("ada"),
                    io.github.employeestore.PageRequest.first(10)))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("nameSearch=false");
            assertThatThrownBy(() -> plain.listByName(io.github.employeestore.PageRequest.first(10)))
                    .isInstanceOf(UnsupportedOperationException.class);
            plain.schema().drop();
        }
        // a table with the index, written by a store that leaves search out: the other store's searches stay true
        try (EmployeeStore searching = EmployeeStores.open(url + "?table=shared");
             EmployeeStore plain = EmployeeStores.open(url + "?table=shared&nameSearch=false")) {
            searching.schema().create();
            plain.schema().create();
            plain.create(Employee.builder().id("b").fullName("Grace Hopper").build());
            plain.update(plain.get("b").orElseThrow().toBuilder().fullName("Grace Brewster Hopper").build());
            plain.create(Employee.builder().id("c").fullName("Ada Lovelace").build());
            plain.delete("c");
            assertThat(searching.find(io.github.employeestore.EmployeeQuery.byName("brew"),
                    io.github.employeestore.PageRequest.first(10)).items()).extracting(Employee::id)
                    .containsExactly("b");
            assertThat(searching.find(io.github.employeestore.EmployeeQuery.byName("ada"),
                    io.github.employeestore.PageRequest.first(10)).items()).isEmpty();
            searching.schema().drop();
        }
        assertThatThrownBy(() -> EmployeeStores.open(url + "?nameSearch=no"))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("nameSearch");
    }

    private static List<String> tablesLike(String db, String pattern) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:mem:" + db.toLowerCase());
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE UPPER(TABLE_NAME) LIKE ? ORDER BY TABLE_NAME")) {
            ps.setString(1, pattern);
            try (java.sql.ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1).toUpperCase());
                }
            }
        }
        return out;
    }

    @Test
    void schemaQualifiedTableOnH2() {
        try (EmployeeStore s = EmployeeStores.open("jdbc:h2:mem:qualified;DB_CLOSE_DELAY=-1;INIT=CREATE SCHEMA IF"
                + " NOT EXISTS HR?table=HR.staff")) {
            s.schema().create();
            s.schema().create();
            assertThat(s.count()).isZero();
            s.create(Employee.builder().id("in-hr").fullName("N").build());
            assertThat(tablesNamedStaff()).as("schema of the table the store created").containsExactly("HR");
            s.schema().drop();
            assertThat(tablesNamedStaff()).as("schemas with a table staff after drop()").isEmpty();
        }
    }

    private static List<String> tablesNamedStaff() {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:mem:qualified");
             java.sql.ResultSet r = c.createStatement().executeQuery("SELECT TABLE_SCHEMA FROM "
                     + "INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'STAFF' ORDER BY TABLE_SCHEMA")) {
            List<String> schemas = new ArrayList<>();
            while (r.next()) {
                schemas.add(r.getString(1));
            }
            return schemas;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void unknownH2QueryOptionIsAConfigurationError() {
        assertThatThrownBy(() -> EmployeeStores.open("jdbc:h2:mem:x?MODE=MySQL"))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("jdbc:h2:");
    }

    @Test
    void builderNeedsExactlyOneSource() {
        assertThatThrownBy(() -> JdbcEmployeeStore.builder().build())
                .isInstanceOf(StoreConfigurationException.class);
    }

    @Test
    void closingAStoreOpenedByUrlReleasesItsPool() {
        List<EmployeeStore> stores = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stores.add(EmployeeStores.open("jdbc:h2:mem:closing;DB_CLOSE_DELAY=-1"));
        }
        for (EmployeeStore s : stores) {
            s.schema().create();
            s.close();
            s.close();
            assertThatThrownBy(s::count).isInstanceOf(StoreUnavailableException.class)
                    .satisfies(e -> assertThat(((StoreUnavailableException) e).isRetryable()).isFalse());
        }
    }

    @Test
    void closingTheStoreClosesThePoolConnections() throws Exception {
        String url = "jdbc:h2:mem:pool_sessions;DB_CLOSE_DELAY=-1";
        try (java.sql.Connection observer = java.sql.DriverManager.getConnection(url)) {
            long before = sessions(observer);
            EmployeeStore s = EmployeeStores.open(url, StoreOptions.builder().option("poolSize", "4").build());
            s.schema().create();
            assertThat(s.count()).isZero();
            assertThat(sessions(observer)).as("the pool holds connections while open").isGreaterThan(before);
            s.close();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sessions(observer) > before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(sessions(observer)).as("every pooled connection closed with the store").isEqualTo(before);
        }
    }

    private static long sessions(java.sql.Connection c) throws java.sql.SQLException {
        try (java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
