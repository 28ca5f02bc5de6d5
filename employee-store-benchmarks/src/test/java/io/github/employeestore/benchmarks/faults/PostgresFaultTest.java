package io.github.employeestore.benchmarks.faults;

import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.Employee;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.benchmarks.Databases;
import io.github.employeestore.benchmarks.SampleData;
import io.github.employeestore.benchmarks.TestTargets;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * PostgreSQL: a deadlock forced between the store's {@code transact} and another transaction surfaces as a retryable
 * {@link StoreUnavailableException} with the driver's exception (SQLState 40P01) as the cause, nothing of the store's
 * transaction is written, and the same call succeeds when retried. The order is made deterministic: the other
 * transaction locks employee B first, the test waits until the store's transaction (which updated A) waits for B,
 * and only then does the other transaction update A; the other session's {@code deadlock_timeout} is raised so that
 * PostgreSQL's deadlock check runs in (and aborts) the store's session.
 */
class PostgresFaultTest {
    private HikariDataSource pool;
    private JdbcEmployeeStore store;
    private String url;

    @BeforeEach
    void setUp() {
        url = TestTargets.postgres();
        pool = Databases.pool(url, 4, "fault-postgres");
        store = JdbcEmployeeStore.builder().dataSource(pool).table("fault_pg").build();
        store.schema().drop();
        store.schema().create();
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            store.schema().drop();
            pool.close();
        }
    }

    @Test
    void deadlockBetweenTwoTransactionsIsARetryableStoreUnavailableException() throws Exception {
        Employee a = store.create(SampleData.employee(1).toBuilder().version(0).build());
        Employee b = store.create(SampleData.employee(2).toBuilder().version(0).build());
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (Connection other = DriverManager.getConnection(url)) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("SET deadlock_timeout = '20s'");
                st.executeUpdate("UPDATE fault_pg SET job_title = 'Other' WHERE id = '" + b.id() + "'");
            }
            Future<Object> transact = executor.submit(() -> {
                store.transact(tx -> {
                    tx.update(a.toBuilder().jobTitle("Store").build());
                    tx.update(b.toBuilder().jobTitle("Store").build());
                });
                return null;
            });
            awaitStoreWaitingForLock(other);
            Future<Integer> otherUpdate = executor.submit(() -> {
                try (Statement st = other.createStatement()) {
                    return st.executeUpdate("UPDATE fault_pg SET job_title = 'Other' WHERE id = '" + a.id() + "'");
                }
            });
            Throwable thrown;
            try {
                transact.get(60, TimeUnit.SECONDS);
                thrown = fail("transact completed despite the deadlock");
            } catch (ExecutionException e) {
                thrown = e.getCause();
            }
            assertThat(thrown).isInstanceOf(StoreUnavailableException.class);
            assertThat(((StoreUnavailableException) thrown).isRetryable()).isTrue();
            assertThat(thrown.getCause()).isInstanceOf(SQLException.class);
            assertThat(((SQLException) thrown.getCause()).getSQLState()).isEqualTo("40P01");
            assertThat(otherUpdate.get(60, TimeUnit.SECONDS)).isEqualTo(1);
            other.rollback();
        } finally {
            executor.shutdownNow();
        }
        assertThat(store.get(a.id()).orElseThrow()).as("nothing of the aborted transaction").isEqualTo(a);
        assertThat(store.get(b.id()).orElseThrow()).isEqualTo(b);

        store.transact(tx -> {
            tx.update(a.toBuilder().jobTitle("Store").build());
            tx.update(b.toBuilder().jobTitle("Store").build());
        });
        assertThat(store.get(a.id()).orElseThrow().version()).isEqualTo(2);
        assertThat(store.get(b.id()).orElseThrow().jobTitle()).isEqualTo("Store");
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    }

    /** Waits until a session other than {@code other} waits for a lock on the table. */
    private void awaitStoreWaitingForLock(Connection other) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type"
                        + " = 'Lock' AND query LIKE 'UPDATE %fault_pg%' AND pid <> "
                        + other.unwrap(org.postgresql.PGConnection.class).getBackendPID())) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        fail("the store's transaction never came to wait for the lock");
    }
}
