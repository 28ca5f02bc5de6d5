package io.github.employeestore.jdbc;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.tck.EmployeeStoreTck;
import org.junit.jupiter.api.DisplayName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * The TCK on H2 through {@link EmployeeStores#open(String, StoreOptions)}: every test opens the store by URL (so the
 * provider builds a HikariCP pool) and the TCK closes it, which must close that pool.
 */
@DisplayName("TCK on H2 opened by URL (provider-owned HikariCP pool)")
class H2ByUrlTckTest extends EmployeeStoreTck {
    private static final String URL = "jdbc:h2:mem:employee_store_by_url;DB_CLOSE_DELAY=-1";

    @Override
    protected EmployeeStore newStore(Clock clock) {
        return open("tck_by_url", clock);
    }

    @Override
    protected EmployeeStore newStoreOnOtherTable(Clock clock) {
        return open("tck_by_url_other", clock);
    }

    private static EmployeeStore open(String table, Clock clock) {
        EmployeeStore s = EmployeeStores.open(URL + "?table=" + table, StoreOptions.builder().clock(clock)
                .option("user", "sa").option("password", "").build());
        s.schema().create();
        try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement st = c.createStatement()) {
            st.execute("DELETE FROM \"" + table + "\"");
            st.execute("DELETE FROM \"" + table + "_name_prefixes\"");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return s;
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS, Capability.SEARCH);
    }
}
