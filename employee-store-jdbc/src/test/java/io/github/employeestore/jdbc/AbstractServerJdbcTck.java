package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.Employee;
import io.github.employeestore.StoreUnavailableException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TCK on a database server (MySQL, MariaDB, PostgreSQL), with the tests that need a server connection. */
abstract class AbstractServerJdbcTck extends AbstractJdbcTck {

    @Nested
    @DisplayName("JDBC backend on a database server")
    class ServerSpecifics {
        @Test
        @DisplayName("§5 StoreUnavailableException (retryable): the database ends the connection mid-statement")
        void lostConnectionIsUnavailable() throws Exception {
            store.create(Employee.builder().id("victim").fullName("Secret Name").build());
            HikariConfig config = new HikariConfig();
            config.setDataSource(pool());
            config.setMaximumPoolSize(2);
            config.setConnectionInitSql(switch (((JdbcEmployeeStore) store).dialect()) {
                case H2 -> throw new IllegalStateException("not a server database");
                case POSTGRESQL -> "SET lock_timeout = 0";
                case MYSQL, MARIADB -> "SET SESSION innodb_lock_wait_timeout = 300";
            });
            ExecutorService background = Executors.newSingleThreadExecutor();
            try (HikariDataSource own = new HikariDataSource(config); Connection holder = pool().getConnection()) {
                JdbcEmployeeStore s = JdbcEmployeeStore.builder().dataSource(own).table(table()).clock(clock).build();
                holder.setAutoCommit(false);
                try (Statement st = holder.createStatement()) {
                    st.executeUpdate("UPDATE " + quoted(((JdbcEmployeeStore) store), table()) + " SET version = version WHERE id = 'victim'");
                    long started = System.nanoTime();
                    Future<Employee> blocked = background.submit(() ->
                            s.put(Employee.builder().id("victim").fullName("Other Secret").build()));
                    killBlockedSession(st);
                    assertThatThrownBy(() -> blocked.get(90, TimeUnit.SECONDS))
                            .isInstanceOf(java.util.concurrent.ExecutionException.class)
                            .cause().isInstanceOf(StoreUnavailableException.class)
                            .satisfies(e -> assertThat(((StoreUnavailableException) e).isRetryable()).isTrue())
                            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Secret"));
                    assertThat(System.nanoTime() - started).as("ended by the kill, not by a lock timeout")
                            .isLessThan(TimeUnit.SECONDS.toNanos(200));
                } finally {
                    holder.rollback();
                    holder.setAutoCommit(true);
                }
                assertThat(s.get("victim").orElseThrow().fullName()).as("the store works again").isEqualTo("Secret Name");
            } finally {
                background.shutdownNow();
            }
        }

        /**
         * Finds the session of this test class's table waiting for the row lock (only statements on this class's own
         * table, so that nothing else using the database is touched) and has the database end it.
         */
        private void killBlockedSession(Statement st) throws Exception {
            String find = switch (((JdbcEmployeeStore) store).dialect()) {
                case POSTGRESQL -> "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO \"" + table() + "\"%'";
                case MYSQL, MARIADB -> "SELECT id FROM information_schema.processlist WHERE db = DATABASE()"
                        + " AND info LIKE 'INSERT INTO `" + table() + "`%'";
                case H2 -> throw new IllegalStateException("not a server database");
            };
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(find)) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                if (!ids.isEmpty()) {
                    for (long id : ids) {
                        st.execute(switch (((JdbcEmployeeStore) store).dialect()) {
                            case POSTGRESQL -> "SELECT pg_terminate_backend(" + id + ")";
                            case MYSQL, MARIADB -> "KILL " + id;
                            case H2 -> throw new IllegalStateException("not a server database");
                        });
                    }
                    return;
                }
                Thread.sleep(50);
            }
            StringBuilder seen = new StringBuilder();
            try (ResultSet rs = st.executeQuery(((JdbcEmployeeStore) store).dialect() == Dialect.POSTGRESQL
                    ? "SELECT pid, wait_event_type, state, query FROM pg_stat_activity"
                    : "SELECT id, command, state, info FROM information_schema.processlist")) {
                while (rs.next()) {
                    seen.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ')
                            .append(rs.getString(3)).append(' ').append(rs.getString(4)).append('\n');
                }
            }
            throw new AssertionError("the blocked put never showed up as waiting; sessions:\n" + seen);
        }

    }
}
