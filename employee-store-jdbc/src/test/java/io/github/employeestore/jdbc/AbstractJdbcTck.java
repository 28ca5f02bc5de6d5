package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.tck.EmployeeStoreTck;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TCK on one database through a pool the test owns (the application's {@code DataSource} path): each test gets
 * the store on an emptied table. Subclasses hold the pool for the whole class and check after the TCK that the store
 * returned every connection and never closed the pool.
 */
abstract class AbstractJdbcTck extends EmployeeStoreTck {

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
        return EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS);
    }

    private EmployeeStore emptyStore(String table, Clock clock) {
        JdbcEmployeeStore s = JdbcEmployeeStore.builder().dataSource(pool()).table(table).clock(clock).build();
        s.schema().create();
        execute(pool(), "DELETE FROM " + quoted(s, table));
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
}
