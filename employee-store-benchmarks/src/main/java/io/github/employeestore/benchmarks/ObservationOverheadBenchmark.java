package io.github.employeestore.benchmarks;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.memory.InMemoryEmployeeStore;
import io.github.employeestore.micrometer.ObservedEmployeeStore;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What {@link ObservedEmployeeStore} costs a call when the application's registry observes nothing: {@code get} on
 * the in-memory store, bare, through the wrapper with {@link ObservationRegistry#NOOP}, and through the wrapper with
 * a registry that has no handler (what an application without metrics or tracing has). Side by side in one run; the
 * target is less than 1 µs a call over the bare call.
 *
 * <pre>
 * mvn -B -q -pl employee-store-benchmarks -am package -DskipTests
 * java -cp "employee-store-benchmarks/target/benchmarks.jar:employee-store-benchmarks/target/lib/*" \
 *     io.github.employeestore.benchmarks.ObservationOverheadBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ObservationOverheadBenchmark {
    private EmployeeStore bare;
    private EmployeeStore noop;
    private EmployeeStore noHandler;
    private String id;

    /** One employee in each store. */
    @Setup
    public void setUp() {
        bare = InMemoryEmployeeStore.create();
        id = bare.create(Employee.builder().fullName("Ada Lovelace").build()).id();
        noop = ObservedEmployeeStore.wrap(bare, ObservationRegistry.NOOP);
        noHandler = ObservedEmployeeStore.wrap(bare, ObservationRegistry.create());
    }

    /** @return the bare call */
    @Benchmark
    public Optional<Employee> bareGet() {
        return bare.get(id);
    }

    /** @return the call through the wrapper, no-op registry */
    @Benchmark
    public Optional<Employee> observedGetNoopRegistry() {
        return noop.get(id);
    }

    /** @return the call through the wrapper, a registry without handlers */
    @Benchmark
    public Optional<Employee> observedGetRegistryWithoutHandlers() {
        return noHandler.get(id);
    }

    /**
     * Runs the three side by side and prints the overhead.
     *
     * @param args none
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(ObservationOverheadBenchmark.class.getSimpleName()).build()).run();
        double bareNs = Double.NaN;
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("bareGet")) {
                bareNs = r.getPrimaryResult().getScore();
            }
        }
        System.out.println();
        System.out.println("| call | ns/op (± 99.9 %) | over the bare call |");
        System.out.println("| --- | --- | --- |");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            double score = r.getPrimaryResult().getScore();
            System.out.printf("| %s | %.1f ± %.1f | %+.1f ns |%n", name, score,
                    r.getPrimaryResult().getScoreError(), score - bareNs);
        }
    }
}
