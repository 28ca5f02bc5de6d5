package io.github.employeestore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.Employee;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * get-by-id through {@link JdbcEmployeeStore} vs hand-written JDBC ({@link RawJdbc}) on the same HikariCP pool and
 * table, on embedded H2, on MariaDB (MariaDB Connector/J) and on PostgreSQL (pgjdbc). Both read the same 1,000 employees in turn and build
 * the same {@link Employee}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class JdbcGetBenchmark {
    static final int EMPLOYEES = 1_000;

    /** The database. */
    @Param({"h2", "mariadb", "postgresql"})
    public String database;

    private HikariDataSource pool;
    private JdbcEmployeeStore store;
    private RawJdbc raw;
    private String[] ids;
    private int next;

    /** Creates the pool, the table and the employees. */
    @Setup(Level.Trial)
    public void setUp() {
        String url = switch (database) {
            case "h2" -> "jdbc:h2:mem:bench_get;DB_CLOSE_DELAY=-1";
            case "postgresql" -> Databases.postgresUrl();
            default -> Databases.mariaDbUrl();
        };
        pool = Databases.pool(url, 4, "bench-get-" + database);
        store = JdbcEmployeeStore.builder().dataSource(pool).table("bench_get").build();
        store.schema().drop();
        store.schema().create();
        store.importAll(SampleData.employees(0, EMPLOYEES));
        raw = new RawJdbc(pool, RawJdbc.quoted(store), store.dialect());
        ids = new String[EMPLOYEES];
        for (int i = 0; i < EMPLOYEES; i++) {
            ids[i] = SampleData.id(i);
        }
    }

    /** Drops the table and closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        store.schema().drop();
        store.close();
        pool.close();
    }

    private String nextId() {
        int i = next++;
        if (next == EMPLOYEES) {
            next = 0;
        }
        return ids[i];
    }

    /** @return the employee, through the library */
    @Benchmark
    public Employee library() {
        return store.get(nextId()).orElseThrow();
    }

    /**
     * @return the employee, through hand-written JDBC
     * @throws SQLException from the driver
     */
    @Benchmark
    public Employee handWrittenJdbc() throws SQLException {
        return raw.get(nextId());
    }
}
