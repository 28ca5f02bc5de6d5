package io.github.employeestore.benchmarks;

import io.github.employeestore.Employee;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.concurrent.TimeUnit;

/**
 * get and put through {@link DynamoDbEmployeeStore} vs the raw {@link DynamoDbClient} with hand-built attribute
 * maps ({@link RawDynamoDb}), on a moto server over HTTP, through one client. get: a consistent GetItem of 1,000
 * employees in turn. put: replacing one employee again and again, each time as returned by the previous put, so
 * that both send one conditional PutItem per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class DynamoDbBenchmark {
    static final int EMPLOYEES = 1_000;

    private DynamoDbClient client;
    private DynamoDbEmployeeStore store;
    private RawDynamoDb raw;
    private String[] ids;
    private int next;
    private Employee libraryCurrent;
    private Employee rawCurrent;

    /** Creates the client, the table and the employees. */
    @Setup(Level.Trial)
    public void setUp() {
        client = LocalDynamoDb.client();
        String table = LocalDynamoDb.uniqueTableName("bench_ops");
        store = DynamoDbEmployeeStore.builder().client(client).tableName(table).build();
        store.schema().create();
        store.importAll(SampleData.employees(0, EMPLOYEES));
        raw = new RawDynamoDb(client, table);
        ids = new String[EMPLOYEES];
        for (int i = 0; i < EMPLOYEES; i++) {
            ids[i] = SampleData.id(i);
        }
        libraryCurrent = store.get(SampleData.id(0)).orElseThrow();
        rawCurrent = store.get(SampleData.id(1)).orElseThrow();
    }

    /** Drops the table and closes the client. */
    @TearDown(Level.Trial)
    public void tearDown() {
        store.schema().drop();
        store.close();
        client.close();
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
    public Employee getLibrary() {
        return store.get(nextId()).orElseThrow();
    }

    /** @return the employee, through the raw client */
    @Benchmark
    public Employee getRawSdk() {
        return raw.get(nextId());
    }

    /** @return the employee written, through the library */
    @Benchmark
    public Employee putLibrary() {
        libraryCurrent = store.put(libraryCurrent);
        return libraryCurrent;
    }

    /** @return the employee written, through the raw client */
    @Benchmark
    public Employee putRawSdk() {
        rawCurrent = raw.put(rawCurrent);
        return rawCurrent;
    }
}
