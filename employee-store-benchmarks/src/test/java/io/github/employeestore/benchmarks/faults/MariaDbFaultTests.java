package io.github.employeestore.benchmarks.faults;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.ImportResult;
import io.github.employeestore.PageRequest;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.benchmarks.Databases;
import io.github.employeestore.benchmarks.SampleData;
import io.github.employeestore.benchmarks.TestTargets;
import io.github.employeestore.benchmarks.TestTargets.MySqlDriver;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * MariaDB: the store's server-side connection is killed ({@code KILL CONNECTION} from another connection) in the
 * middle of {@code importAll} and of {@code transact}. To make "in the middle" deterministic, a third connection holds
 * a row lock that the store's statement needs, the test waits until InnoDB reports the store's transaction in
 * {@code LOCK WAIT}, and only then kills that connection. Expected: a {@link StoreUnavailableException}, nothing of
 * the killed transaction left behind, the very next call works, and no connection stays borrowed. Then 10,000 mixed
 * operations run while connections of the pool are killed at random; every failure must be a store exception of the
 * contract and the pool's active connection count must return to 0. Run through both MariaDB Connector/J and MySQL
 * Connector/J.
 */
class MariaDbFaultTests {

    @Nested
    class MariaDbConnectorJ extends Faults {
        @Override
        MySqlDriver driver() {
            return MySqlDriver.MARIADB;
        }

        /** Once, through MariaDB Connector/J (it takes a minute); the single kills run through both drivers. */
        @Test
        @DisplayName("§5.4 connections killed under 10,000 mixed operations: StoreUnavailableException, retryable; no"
                + " connection left borrowed")
        void tenThousandMixedOperationsWithKilledConnectionsLeaveNoConnectionBorrowed() throws Exception {
            mixedOperationsWithKilledConnections();
        }
    }

    @Nested
    class MySqlConnectorJ extends Faults {
        @Override
        MySqlDriver driver() {
            return MySqlDriver.MYSQL;
        }
    }

    abstract static class Faults {
        private static final String LOCKED_ID = SampleData.id(10);

        private String url;
        private String table;
        private TrackingDataSource tracking;
        private HikariDataSource pool;
        private JdbcEmployeeStore store;
        private Connection admin;

        abstract MySqlDriver driver();

        @BeforeEach
        void setUp() throws SQLException {
            url = Databases.withBatchSettings(TestTargets.mysql(driver()));
            table = "fault_" + driver().name().toLowerCase(java.util.Locale.ROOT);
            tracking = new TrackingDataSource(url);
            HikariConfig config = new HikariConfig();
            config.setDataSource(tracking);
            config.setMaximumPoolSize(6);
            config.setConnectionTimeout(10_000);
            config.setPoolName("fault-" + driver());
            pool = new HikariDataSource(config);
            store = JdbcEmployeeStore.builder().dataSource(pool).table(table).build();
            store.schema().drop();
            store.schema().create();
            admin = DriverManager.getConnection(url);
        }

        @AfterEach
        void tearDown() throws SQLException {
            try {
                if (pool != null) {
                    store.schema().drop();
                    pool.close();
                }
            } finally {
                if (admin != null) {
                    admin.close();
                }
            }
        }

        @Test
        @DisplayName("§5.4, §4.13.4 a connection killed in the middle of importAll: StoreUnavailableException;"
                + " confirmed batches stay written")
        void killedInTheMiddleOfImportAll() throws Exception {
            store.importAll(List.of(SampleData.employee(10)));
            ExecutorService executor = Executors.newSingleThreadExecutor();
            long killed;
            try (Connection blocker = lockRow()) {
                // one chunk and transaction (LOAD DATA LOCAL INFILE through MariaDB Connector/J, else a batch): row 10
                // waits for the lock
                Future<ImportResult> running = executor.submit(() -> store.importAll(SampleData.employees(0, 400)));
                killed = killWhenWaitingForLock();
                Throwable thrown = thrownBy(running);
                assertThat(thrown).as("importAll on a killed connection (id %d)", killed)
                        .isInstanceOf(StoreUnavailableException.class);
                assertThat(((StoreUnavailableException) thrown).isRetryable()).isTrue();
                assertThat(thrown.getCause()).isInstanceOf(SQLException.class);
                blocker.rollback();
            } finally {
                executor.shutdownNow();
            }
            awaitRolledBack(killed);
            assertThat(count()).as("rows of the killed transaction left behind").isEqualTo(1);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();

            ImportResult again = store.importAll(SampleData.employees(0, 400));
            assertThat(again.isComplete()).isTrue();
            assertThat(count()).isEqualTo(400);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }

        @Test
        @DisplayName("§5.4, §4.14.2 a connection killed in the middle of transact: StoreUnavailableException, nothing"
                + " written")
        void killedInTheMiddleOfTransact() throws Exception {
            Employee locked = store.create(SampleData.employee(10).toBuilder().version(0).build());
            Employee other = store.create(SampleData.employee(11).toBuilder().version(0).build());
            ExecutorService executor = Executors.newSingleThreadExecutor();
            long killed;
            try (Connection blocker = lockRow()) {
                Future<Object> running = executor.submit(() -> {
                    store.transact(tx -> {
                        tx.create(SampleData.employee(12));
                        tx.update(other.toBuilder().jobTitle("Changed").build());
                        tx.update(locked.toBuilder().jobTitle("Changed").build());
                    });
                    return null;
                });
                killed = killWhenWaitingForLock();
                Throwable thrown = thrownBy(running);
                assertThat(thrown).as("transact on a killed connection (id %d)", killed)
                        .isInstanceOf(StoreUnavailableException.class);
                assertThat(((StoreUnavailableException) thrown).isRetryable()).isTrue();
                blocker.rollback();
            } finally {
                executor.shutdownNow();
            }
            awaitRolledBack(killed);
            assertThat(count()).as("the create of the killed transaction left behind").isEqualTo(2);
            assertThat(store.get(other.id()).orElseThrow()).as("the update of the killed transaction")
                    .isEqualTo(other);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();

            store.transact(tx -> {
                tx.create(SampleData.employee(12));
                tx.update(other.toBuilder().jobTitle("Changed").build());
                tx.update(locked.toBuilder().jobTitle("Changed").build());
            });
            assertThat(count()).isEqualTo(3);
            assertThat(store.get(locked.id()).orElseThrow().version()).isEqualTo(2);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }

        /**
         * 10,000 operations of every kind from 4 threads while another thread kills a random connection of the pool
         * every 30 ms (idle or busy).
         */
        void mixedOperationsWithKilledConnections() throws Exception {
            int threads = 4;
            int perThread = 2_500;
            store.importAll(SampleData.employees(0, 200));
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger kills = new AtomicInteger();
            AtomicInteger unavailable = new AtomicInteger();
            AtomicInteger expected = new AtomicInteger();
            AtomicInteger succeeded = new AtomicInteger();
            Map<String, Throwable> unexpected = new ConcurrentHashMap<>();
            // per thread: its transactions (put of two employees of its own) that returned, and that failed with
            // StoreUnavailableException (rolled back, or committed just before the connection died: in doubt)
            java.util.concurrent.atomic.AtomicIntegerArray transactionsCommitted =
                    new java.util.concurrent.atomic.AtomicIntegerArray(threads);
            java.util.concurrent.atomic.AtomicIntegerArray transactionsInDoubt =
                    new java.util.concurrent.atomic.AtomicIntegerArray(threads);
            ExecutorService executor = Executors.newFixedThreadPool(threads + 1);
            try {
                Future<?> killer = executor.submit(() -> {
                    while (!done.get()) {
                        Thread.sleep(30);
                        List<Long> alive = aliveConnectionsOfPool();
                        if (!alive.isEmpty()) {
                            kill(alive.get(ThreadLocalRandom.current().nextInt(alive.size())));
                            kills.incrementAndGet();
                        }
                    }
                    return null;
                });
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    workers.add(executor.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            try {
                                operation(thread, i);
                                succeeded.incrementAndGet();
                                if (i % 10 == 7) {
                                    transactionsCommitted.incrementAndGet(thread);
                                }
                            } catch (StoreUnavailableException e) {
                                unavailable.incrementAndGet();
                                if (i % 10 == 7) {
                                    transactionsInDoubt.incrementAndGet(thread);
                                }
                            } catch (VersionConflictException | EmployeeNotFoundException
                                     | EmployeeAlreadyExistsException e) {
                                expected.incrementAndGet();
                            } catch (RuntimeException e) {
                                unexpected.putIfAbsent(e.getClass().getName() + ": " + e.getMessage(), e);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> w : workers) {
                    w.get(4, TimeUnit.MINUTES);
                }
                done.set(true);
                killer.get(1, TimeUnit.MINUTES);
            } finally {
                done.set(true);
                executor.shutdownNow();
            }
            System.out.printf("%s: %d succeeded, %d StoreUnavailableException, %d expected conflicts, %d kills%n",
                    driver(), succeeded.get(), unavailable.get(), expected.get(), kills.get());
            unexpected.values().stream().findFirst().ifPresent(e -> {
                throw new AssertionError("unexpected exception types: " + unexpected.keySet(), e);
            });
            assertThat(succeeded.get() + unavailable.get() + expected.get()).isEqualTo(threads * perThread);
            assertThat(kills.get()).as("connections killed").isGreaterThan(20);
            assertThat(unavailable.get()).as("operations that met a killed connection").isPositive();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("active connections").isZero();

            Thread.sleep(1_000); // past HikariCP's validation bypass window, so idle connections killed are tested
            for (int t = 0; t < threads; t++) {
                // all or nothing: every transaction of thread t put both of its employees, so both have the same
                // version, which counts the transactions that committed
                long first = store.get(SampleData.id(1000 + t * 10 + 1)).map(e -> e.version()).orElse(0L);
                long second = store.get(SampleData.id(1000 + t * 10 + 2)).map(e -> e.version()).orElse(0L);
                assertThat(second).as("thread %d: versions of its two employees written only together", t)
                        .isEqualTo(first);
                assertThat(first).as("thread %d: committed transactions (%d returned, %d in doubt)", t,
                        transactionsCommitted.get(t), transactionsInDoubt.get(t))
                        .isBetween((long) transactionsCommitted.get(t),
                                (long) transactionsCommitted.get(t) + transactionsInDoubt.get(t));
            }

            assertThat(store.get(SampleData.id(1))).isPresent();
            assertThat(store.importAll(SampleData.employees(0, 200)).isComplete()).isTrue();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }

        private void operation(int thread, int i) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String id = SampleData.id(random.nextInt(200));
            switch (i % 10) {
                case 0, 1, 2 -> store.get(id);
                case 3 -> store.put(SampleData.employee(random.nextInt(200)));
                case 4 -> store.get(id).ifPresent(e -> store.update(e.toBuilder().jobTitle("T" + i).build()));
                case 5 -> store.getAll(List.of(id, SampleData.id(random.nextInt(200))));
                case 6 -> store.list(PageRequest.first(20));
                case 7 -> store.transact(tx -> {
                    tx.put(SampleData.employee(1000 + thread * 10 + 1));
                    tx.put(SampleData.employee(1000 + thread * 10 + 2));
                });
                case 8 -> store.importAll(SampleData.employees(2000 + thread * 100, 50));
                default -> {
                    String own = "mixed-" + thread + "-" + i;
                    store.create(SampleData.employee(0).toBuilder().id(own).build());
                    store.delete(own);
                }
            }
        }

        // ------------------------------------------------------------------------------------------------ helpers

        /** A connection of its own that holds the row lock of {@link #LOCKED_ID} in an open transaction. */
        private Connection lockRow() throws SQLException {
            Connection c = DriverManager.getConnection(url);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM `" + table + "` WHERE id = ? FOR UPDATE")) {
                ps.setString(1, LOCKED_ID);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            return c;
        }

        /**
         * Waits until a connection of the pool waits for the row lock (InnoDB reports its transaction in
         * {@code LOCK WAIT}, or its write has been running for more than 300 ms while the lock is held), kills it, and
         * returns its id.
         */
        private long killWhenWaitingForLock() throws Exception {
            String ids = tracking.connectionIds().stream().map(String::valueOf).collect(Collectors.joining(","));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX"
                                + " WHERE trx_state = 'LOCK WAIT' AND trx_mysql_thread_id IN (" + ids + ")"
                                // a write of the store running for more than 300 ms waits for the lock held
                                + " UNION SELECT ID FROM information_schema.PROCESSLIST WHERE ID IN (" + ids + ")"
                                + " AND COMMAND <> 'Sleep' AND TIME_MS > 300"
                                + " AND (INFO LIKE 'INSERT%' OR INFO LIKE 'UPDATE%' OR INFO LIKE 'LOAD DATA%')")) {
                    if (rs.next()) {
                        long id = rs.getLong(1);
                        kill(id);
                        return id;
                    }
                }
                Thread.sleep(20);
                ids = tracking.connectionIds().stream().map(String::valueOf).collect(Collectors.joining(","));
            }
            StringBuilder state = new StringBuilder();
            try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT ID, COMMAND, STATE, LEFT(INFO, 60) FROM information_schema.PROCESSLIST WHERE ID IN ("
                            + ids + ")")) {
                while (rs.next()) {
                    state.append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(' ')
                            .append(rs.getString(3)).append(' ').append(rs.getString(4)).append("; ");
                }
            }
            return fail("no connection of the store came to wait for the row lock; connections: " + state);
        }

        private void kill(long id) throws SQLException {
            try (Statement st = admin.createStatement()) {
                st.execute("KILL CONNECTION " + id);
            } catch (SQLException e) {
                if (e.getErrorCode() != 1094) { // unknown thread: it ended meanwhile
                    throw e;
                }
            }
        }

        private List<Long> aliveConnectionsOfPool() throws SQLException {
            List<Long> tracked = tracking.connectionIds();
            List<Long> alive = new ArrayList<>();
            if (tracked.isEmpty()) {
                return alive;
            }
            String ids = tracked.stream().map(String::valueOf).collect(Collectors.joining(","));
            try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT ID FROM information_schema.PROCESSLIST WHERE ID IN (" + ids + ")")) {
                while (rs.next()) {
                    alive.add(rs.getLong(1));
                }
            }
            return alive;
        }

        /**
         * Waits until InnoDB has no transaction of the killed connection left (it rolls back as the connection ends).
         * Transactions of the pool's other connections are printed, not failed on: what the tests assert of them is
         * that none is borrowed after the call, and that nothing of the killed call was written.
         */
        private void awaitRolledBack(long killed) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = " + killed)) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        String others = transactionsOfThePool();
                        if (!others.isEmpty()) {
                            System.out.println("transactions of the pool's other connections after the kill of "
                                    + killed + ":\n" + others);
                        }
                        return;
                    }
                }
                Thread.sleep(20);
            }
            fail("the killed connection's transaction (id " + killed + ") was not rolled back within 30 s; "
                    + "transactions of the pool:\n" + transactionsOfThePool());
        }

        /** @return a line per InnoDB transaction of the pool's connections: thread, state, start, statement */
        private String transactionsOfThePool() throws SQLException {
            String ids = tracking.connectionIds().stream().map(String::valueOf).collect(Collectors.joining(","));
            StringBuilder rows = new StringBuilder();
            try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT trx_mysql_thread_id, trx_state, trx_started, trx_query FROM information_schema.INNODB_TRX"
                            + " WHERE trx_mysql_thread_id IN (" + ids + ") AND trx_state <> 'NOT STARTED'")) {
                while (rs.next()) {
                    rows.append("  ").append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(" since ")
                            .append(rs.getString(3)).append(": ").append(rs.getString(4)).append('\n');
                }
            }
            return rows.toString();
        }

        private int count() throws SQLException {
            try (Statement st = admin.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                rs.next();
                return rs.getInt(1);
            }
        }

        private static Throwable thrownBy(Future<?> running) throws Exception {
            try {
                running.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                return e.getCause();
            }
            return fail("the operation completed although its connection was killed");
        }
    }
}
