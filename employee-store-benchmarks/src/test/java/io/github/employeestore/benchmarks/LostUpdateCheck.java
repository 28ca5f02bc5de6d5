package io.github.employeestore.benchmarks;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.VersionConflictException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lost-update check, run on every backend: 16 threads each do 200 read-modify-{@code update} cycles on 5
 * employees, each adding 1 to the numeric attribute {@code counter} and retrying the cycle (read again) on
 * {@link VersionConflictException}. At the end every counter equals the number of successful updates of that
 * employee, and its version is one more than that: a store that lets one write overwrite another fails.
 */
abstract class LostUpdateCheck {
    static final int THREADS = 16;
    static final int CYCLES = 200;
    static final int EMPLOYEES = 5;

    /** @return a store on an empty table whose schema exists; the subclass cleans up after the test */
    protected abstract EmployeeStore store();

    @Test
    void concurrentReadModifyUpdateCyclesLoseNoIncrement() throws Exception {
        EmployeeStore store = store();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < EMPLOYEES; i++) {
            ids.add(store.create(Employee.builder().id("counter-" + i).fullName("Counter " + i)
                    .attribute("counter", AttributeValue.of(0)).build()).id());
        }
        AtomicIntegerArray successes = new AtomicIntegerArray(EMPLOYEES);
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await(1, TimeUnit.MINUTES);
                    for (int cycle = 0; cycle < CYCLES; cycle++) {
                        int which = (thread + cycle) % EMPLOYEES;
                        while (true) {
                            Employee read = store.get(ids.get(which)).orElseThrow();
                            BigDecimal counter = ((AttributeValue.NumberValue) read.attributes().get("counter"))
                                    .value();
                            try {
                                store.update(read.toBuilder()
                                        .attribute("counter", AttributeValue.of(counter.add(BigDecimal.ONE)))
                                        .build());
                                successes.incrementAndGet(which);
                                break;
                            } catch (VersionConflictException e) {
                                conflicts.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(4, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = 0;
        for (int i = 0; i < EMPLOYEES; i++) {
            Employee e = store.get(ids.get(i)).orElseThrow();
            BigDecimal counter = ((AttributeValue.NumberValue) e.attributes().get("counter")).value();
            assertThat(counter.intValueExact()).as("counter of %s", e.id()).isEqualTo(successes.get(i));
            assertThat(e.version()).as("version of %s", e.id()).isEqualTo(1L + successes.get(i));
            total += successes.get(i);
        }
        assertThat(total).isEqualTo(THREADS * CYCLES);
        System.out.printf("%s: %d updates, %d version conflicts retried%n", getClass().getSimpleName(), total,
                conflicts.get());
        assertThat(conflicts.get()).as("version conflicts met by %d threads released together on %d employees: "
                + "without any, the updates never raced and the check proved nothing", THREADS, EMPLOYEES)
                .isPositive();
    }
}
