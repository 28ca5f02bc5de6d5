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

    @Override
    protected io.github.employeestore.tck.Faults faults(io.github.employeestore.EmployeeStore store) {
        return new ConnectionKiller(url(), (JdbcEmployeeStore) store, table(), () -> pool().getHikariPoolMXBean().softEvictConnections());
    }

    @Nested
    @DisplayName("JDBC backend on a database server")
    class ServerSpecifics {
        @Test
        @DisplayName("§5.4 StoreUnavailableException (retryable): the database ends the connection mid-statement")
        void lostConnectionIsUnavailable() throws Exception {
            store.create(Employee.builder().id("victim").fullName("Secret Name").build());
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url()); // own connections: the session setting below must not leak into the shared pool
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
                    killBlockedSession(st, blocked);
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

        @Test
        @DisplayName("§5.4 StoreUnavailableException (retryable): a deadlock ends the store's transaction, nothing written")
        void deadlockIsUnavailable() throws Exception {
            JdbcEmployeeStore jdbc = (JdbcEmployeeStore) store;
            String t = quoted(jdbc, table());
            Employee x = store.create(Employee.builder().id("x").fullName("X").build());
            Employee y = store.create(Employee.builder().id("y").fullName("Y").build());
            for (int i = 0; i < 20; i++) {
                store.create(Employee.builder().id("w" + i).fullName("W").build());
            }
            ExecutorService background = Executors.newSingleThreadExecutor();
            try (Connection holder = pool().getConnection(); Statement st = holder.createStatement()) {
                holder.setAutoCommit(false);
                try {
                    // the holder is the heavier transaction (20 rows changed: InnoDB weighs undo records, and an
                    // update that changes nothing writes none), so InnoDB picks the store's as the deadlock victim;
                    // one row per statement: an IN list over this small table may be read by a full scan, which on
                    // MySQL/MariaDB locks every row, y included, so the store would wait for a lock timeout, never
                    // deadlock
                    for (int i = 0; i < 20; i++) {
                        st.executeUpdate("UPDATE " + t + " SET full_name = 'W2' WHERE id = 'w" + i + "'");
                    }
                    st.executeUpdate("UPDATE " + t + " SET version = version WHERE id = 'x'");
                    Future<?> blocked = background.submit(() -> store.transact(w -> {
                        w.update(y.toBuilder().fullName("Y2").build());
                        w.update(x.toBuilder().fullName("X2").build());
                    }));
                    waitUntilBlocked(st, "UPDATE");
                    // closes the cycle: the store holds y and waits for x, the holder now waits for y
                    st.executeUpdate("UPDATE " + t + " SET version = version WHERE id = 'y'");
                    long closed = System.nanoTime();
                    assertThatThrownBy(() -> blocked.get(90, TimeUnit.SECONDS))
                            .isInstanceOf(java.util.concurrent.ExecutionException.class)
                            .cause().isInstanceOf(StoreUnavailableException.class)
                            .satisfies(e -> assertThat(((StoreUnavailableException) e).isRetryable()).isTrue())
                            .satisfies(e -> assertThat(e.getCause()).isInstanceOf(java.sql.SQLException.class));
                    // a lock wait timeout (50 s by default on InnoDB) would also end it, but is not a deadlock
                    assertThat(System.nanoTime() - closed).as("ended by deadlock detection, not by a lock timeout")
                            .isLessThan(TimeUnit.SECONDS.toNanos(20));
                } finally {
                    holder.rollback();
                    holder.setAutoCommit(true);
                }
            } finally {
                background.shutdownNow();
            }
            assertThat(store.get("y").orElseThrow()).as("nothing of the transaction was written").isEqualTo(y);
            assertThat(store.get("x").orElseThrow()).isEqualTo(x);
        }

        /**
         * PostgreSQL keeps one snapshot of {@code pg_stat_activity} per transaction, and the polling connection is
         * inside its lock-holding transaction: without clearing it, a session opened after the first look (a new
         * pooled connection of the store) would never show up.
         */
        private void clearStatisticsSnapshot(Statement st) throws Exception {
            if (((JdbcEmployeeStore) store).dialect() == Dialect.POSTGRESQL) {
                st.execute("SELECT pg_stat_clear_snapshot()");
            }
        }

        /** Waits until a statement of this class's table starting with the verb waits for a lock. */
        private void waitUntilBlocked(Statement st, String verb) throws Exception {
            String find = ((JdbcEmployeeStore) store).dialect() == Dialect.POSTGRESQL
                    ? "SELECT COUNT(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))"
                    : "SELECT COUNT(*) FROM information_schema.processlist WHERE db = DATABASE()"
                    + " AND info LIKE '" + verb + " `" + table() + "`%'";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                clearStatisticsSnapshot(st);
                try (ResultSet rs = st.executeQuery(find)) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the store's statement never waited for the lock");
        }

        /**
         * Finds the session waiting for the row lock (on PostgreSQL: blocked by this holder; on MySQL/MariaDB: running a
         * statement on this class's own table, so that nothing else using the database is touched) and ends it.
         */
        private void killBlockedSession(Statement st, Future<?> blocked) throws Exception {
            String find = switch (((JdbcEmployeeStore) store).dialect()) {
                case POSTGRESQL -> "SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))";
                case MYSQL, MARIADB -> "SELECT id FROM information_schema.processlist WHERE db = DATABASE()"
                        + " AND info LIKE 'INSERT INTO `" + table() + "`%'";
                case H2 -> throw new IllegalStateException("not a server database");
            };
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                List<Long> ids = new ArrayList<>();
                clearStatisticsSnapshot(st);
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
            String outcome;
            try {
                outcome = blocked.isDone() ? String.valueOf(blocked.get()) : "still running";
            } catch (java.util.concurrent.ExecutionException e) {
                outcome = String.valueOf(e.getCause());
            }
            throw new AssertionError("the blocked put never showed up as waiting (" + outcome + "); sessions:\n"
                    + seen);
        }

    }
}
