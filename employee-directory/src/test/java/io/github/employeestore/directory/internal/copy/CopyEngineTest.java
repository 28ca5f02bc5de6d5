package io.github.employeestore.directory.internal.copy;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.Page;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.memory.InMemoryEmployeeStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The copy pipeline in one JVM: stopped and resumed with several writers, a failing source, a finished copy. */
class CopyEngineTest {
    private static final int N = 3_000;

    private static EmployeeStore source() {
        EmployeeStore s = InMemoryEmployeeStore.create();
        List<Employee> all = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            all.add(Employee.builder().id(String.format("c-%05d", i)).fullName("Copied " + i).version(1 + i % 3)
                    .createdAt(Instant.ofEpochMilli(i)).updatedAt(Instant.ofEpochMilli(2L * i)).build());
        }
        assertThat(s.importAll(all).isComplete()).isTrue();
        return s;
    }

    private static Map<String, Employee> all(EmployeeStore s) {
        Map<String, Employee> m = new TreeMap<>();
        s.stream().forEach(e -> m.put(e.id(), e));
        return m;
    }

    @Test
    void stoppedWithThreeWritersThenResumedWithoutRewritingThePrefix(@TempDir Path dir) {
        EmployeeStore source = source();
        EmployeeStore target = InMemoryEmployeeStore.create();
        Checkpoint checkpoint = new Checkpoint(dir.resolve("cp"), "a", "b");
        AtomicLong progressed = new AtomicLong();
        CopyEngine[] engine = new CopyEngine[1];
        engine[0] = new CopyEngine(CopySource.of(source), target, new CopyEngine.Options(100, 3, 2), checkpoint,
                n -> {
                    if (progressed.addAndGet(n) >= 1_000) {
                        engine[0].stop();
                    }
                });
        CopyEngine.Outcome first = engine[0].run(Checkpoint.State.start());
        assertThat(first.stopped()).isTrue();
        Checkpoint.State state = checkpoint.read().orElseThrow();
        // the three writers finish their batches out of order, and the checkpoint keeps only the contiguous prefix
        // written: when 1,000 employees are written, a slow writer's earlier batch may still be missing (a run beside
        // a build stopped at a prefix of 900), so the prefix is whole batches, short of the end
        assertThat(state.copied()).isEqualTo(first.copied()).isBetween(0L, N - 1L);
        assertThat(state.copied() % 100).as("whole batches of 100").isZero();
        assertThat(state.sourceEnd()).isFalse();
        assertThat(target.count()).isGreaterThanOrEqualTo(state.copied()).isLessThan(N);

        CopyEngine.Outcome second = new CopyEngine(CopySource.of(source), target, new CopyEngine.Options(100, 3, 2),
                checkpoint, n -> { }).run(state);
        assertThat(second.stopped()).isFalse();
        assertThat(second.read()).as("nothing before the checkpoint is read or written again")
                .isEqualTo(N - state.copied());
        assertThat(second.copied()).isEqualTo(N);
        assertThat(checkpoint.read().orElseThrow().sourceEnd()).isTrue();
        assertThat(all(target)).isEqualTo(all(source));
        assertThat(second.sample()).hasSize(100).allSatisfy(e -> assertThat(target.get(e.id())).contains(e));

        CopyEngine.Outcome third = new CopyEngine(CopySource.of(source), target, new CopyEngine.Options(100, 3, 2),
                checkpoint, n -> { }).run(checkpoint.read().orElseThrow());
        assertThat(third.read()).as("a finished copy resumes to nothing").isZero();
        assertThat(third.stopped()).isFalse();
    }

    @Test
    void aFailingSourceStopsTheCopyWithTheErrorAndTheCopyResumes(@TempDir Path dir) {
        EmployeeStore source = source();
        EmployeeStore target = InMemoryEmployeeStore.create();
        AtomicInteger pages = new AtomicInteger();
        CopySource failing = new CopySource() {
            @Override
            public Page<Employee> page(Optional<String> after, int size) {
                if (pages.incrementAndGet() == 6) {
                    throw new StoreUnavailableException("source lost", null);
                }
                return CopySource.of(source).page(after, size);
            }

            @Override
            public long count() {
                return source.count();
            }
        };
        Checkpoint checkpoint = new Checkpoint(dir.resolve("cp"), "a", "b");
        CopyEngine.Outcome first = new CopyEngine(failing, target, new CopyEngine.Options(250, 2, 1), checkpoint,
                n -> { }).run(Checkpoint.State.start());
        assertThat(first.stopped()).isTrue();
        assertThat(first.error()).get().isInstanceOf(StoreUnavailableException.class);
        assertThat(first.copied()).isEqualTo(1_250);

        CopyEngine.Outcome second = new CopyEngine(CopySource.of(source), target,
                new CopyEngine.Options(250, 2, 1), checkpoint, n -> { }).run(checkpoint.read().orElseThrow());
        assertThat(second.stopped()).isFalse();
        assertThat(second.read()).isEqualTo(N - 1_250);
        assertThat(all(target)).isEqualTo(all(source));
    }

    /**
     * A source of 1,000 ids in which every 100th stored employee is unreadable and every 7th has no version or
     * timestamps: read page by page with the keyset of its numeric ids, like a foreign table.
     */
    private static CopySource foreign(AtomicInteger pagesServed) {
        return new CopySource() {
            @Override
            public Page<Employee> page(Optional<String> after, int size) {
                pagesServed.incrementAndGet();
                int from = after.map(Integer::parseInt).orElse(-1) + 1;
                int to = Math.min(1_000, from + size);
                List<Employee> items = new ArrayList<>();
                List<UnreadableEmployeeException> unreadable = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    if (i % 100 == 50) {
                        unreadable.add(new UnreadableEmployeeException(Integer.toString(i), "badges",
                                "is not a JSON array", null));
                    } else if (i % 7 == 0) {
                        items.add(Employee.builder().id(Integer.toString(i)).fullName("Legacy " + i).build());
                    } else {
                        items.add(Employee.builder().id(Integer.toString(i)).fullName("Stamped " + i).version(4)
                                .createdAt(Instant.ofEpochMilli(i)).updatedAt(Instant.ofEpochMilli(i)).build());
                    }
                }
                return Page.of(items, to < 1_000 ? Integer.toString(to - 1) : null, unreadable);
            }

            @Override
            public long count() {
                return 1_000;
            }
        };
    }

    @Test
    void unreadableSourceItemsAreCountedAndReportedAcrossAResumeAndVersionLessOnesAreStamped(@TempDir Path dir) {
        EmployeeStore target = InMemoryEmployeeStore.create();
        Checkpoint checkpoint = new Checkpoint(dir.resolve("cp"), "foreign", "b");
        Instant before = Instant.now().minusMillis(1);
        CopyEngine[] engine = new CopyEngine[1];
        AtomicLong progressed = new AtomicLong();
        engine[0] = new CopyEngine(foreign(new AtomicInteger()), target, new CopyEngine.Options(100, 2, 1), checkpoint,
                n -> {
                    if (progressed.addAndGet(n) >= 300) {
                        engine[0].stop();
                    }
                });
        CopyEngine.Outcome first = engine[0].run(Checkpoint.State.start());
        assertThat(first.stopped()).isTrue();
        Checkpoint.State state = checkpoint.read().orElseThrow();
        assertThat(state.unreadable()).isEqualTo(state.failed()).isEqualTo(first.unreadable()).isPositive();
        assertThat(state.copied() + state.unreadable()).isEqualTo(Long.parseLong(state.cursor().orElseThrow()) + 1);

        CopyEngine.Outcome second = new CopyEngine(foreign(new AtomicInteger()), target,
                new CopyEngine.Options(100, 2, 1), checkpoint, n -> { }).run(state);
        assertThat(second.stopped()).isFalse();
        assertThat(second.unreadable()).as("all runs together").isEqualTo(10);
        assertThat(second.failed()).isEqualTo(10);
        assertThat(second.copied()).isEqualTo(990);
        assertThat(second.copied() + second.unreadable()).isEqualTo(1_000);
        List<String> reported = new ArrayList<>(first.failures());
        reported.addAll(second.failures());
        for (int i = 50; i < 1_000; i += 100) {
            assertThat(reported).contains(i + ": unreadable in the source: badges is not a JSON array");
        }
        assertThat(target.count()).isEqualTo(990);
        Employee legacy = target.get("7").orElseThrow();
        assertThat(legacy.version()).isEqualTo(1);
        assertThat(legacy.createdAt()).isAfter(before).isEqualTo(legacy.updatedAt());
        Employee kept = target.get("8").orElseThrow();
        assertThat(kept.version()).isEqualTo(4);
        assertThat(kept.createdAt()).isEqualTo(Instant.ofEpochMilli(8));
        assertThat(target.get("150")).isEmpty();
    }
}
