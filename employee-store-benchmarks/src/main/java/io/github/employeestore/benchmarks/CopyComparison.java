package io.github.employeestore.benchmarks;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.directory.internal.copy.Checkpoint;
import io.github.employeestore.directory.internal.copy.CopyEngine;
import io.github.employeestore.directory.internal.copy.CopySource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The directory's {@code copy} pipeline ({@link CopyEngine}: a reader, a bounded queue, writers on the target's
 * {@code importAll}) beside what bounds it, in one run: the source's {@code stream()} rate over the same employees,
 * and the target's {@code importAll} rate for them (read into memory first, written in one call into the emptied
 * target). The goal is a copy at least 0.8x the slower of the two. Not thread-safe.
 */
final class CopyComparison {
    /** Writer threads of the copy (the directory's default). */
    static final int WRITERS = Integer.getInteger("bench.copy.writers", 2);
    private final List<BenchmarkRunner.Row> rows;
    private final Map<String, Object> figures;

    CopyComparison(List<BenchmarkRunner.Row> rows, Map<String, Object> figures) {
        this.rows = rows;
        this.figures = figures;
    }

    /**
     * @param label  e.g. "H2 -> MariaDB"
     * @param count  employees in the source
     * @param source the source, holding {@code count} employees
     * @param target a supplier of the target emptied (schema created)
     * @param batch  employees per batch of the copy
     */
    void run(String label, int count, EmployeeStore source, Supplier<EmployeeStore> target, int batch) {
        System.out.println();
        System.out.println("-- copy " + label + ": " + count + " employees --");
        // warm-up: a stream, an import and a copy of a part
        try (var s = source.stream()) {
            s.limit(Math.min(count, 5_000)).count();
        }
        double streamSeconds = Double.MAX_VALUE;
        double importSeconds = Double.MAX_VALUE;
        double copySeconds = Double.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            List<Employee> all = new ArrayList<>(count);
            try (var s = source.stream()) {
                s.forEach(all::add);
            }
            double streamRound = BulkLoadComparison.seconds(t0);
            if (all.size() != count) {
                throw new IllegalStateException("the source streamed " + all.size() + " of " + count);
            }
            EmployeeStore t = target.get();
            t0 = System.nanoTime();
            BulkLoadComparison.requireComplete(t.importAll(all), count);
            double importRound = BulkLoadComparison.seconds(t0);
            all = null;

            t = target.get();
            CopyEngine engine = new CopyEngine(CopySource.of(source), t,
                    new CopyEngine.Options(batch, WRITERS, 2), null, n -> { });
            t0 = System.nanoTime();
            CopyEngine.Outcome o = engine.run(Checkpoint.State.start());
            double copyRound = BulkLoadComparison.seconds(t0);
            if (o.stopped() || o.written() != count || !o.failures().isEmpty() || t.count() != count) {
                throw new IllegalStateException("the copy wrote " + o.written() + " of " + count + ": " + o);
            }
            streamSeconds = Math.min(streamSeconds, streamRound);
            importSeconds = Math.min(importSeconds, importRound);
            copySeconds = Math.min(copySeconds, copyRound);
            System.out.printf(Locale.ROOT, "round %d: stream %.2f s, importAll %.2f s, copy %.2f s%n", round + 1,
                    streamRound, importRound, copyRound);
        }
        double streamRate = count / streamSeconds;
        double importRate = count / importSeconds;
        double copyRate = count / copySeconds;
        double bound = Math.min(streamRate, importRate);
        double ratio = copyRate / bound;
        rows.add(new BenchmarkRunner.Row("copy " + count + ", " + label,
                String.format(Locale.ROOT, "%,.0f employees/s (copy)", copyRate),
                String.format(Locale.ROOT, "slower of stream %,.0f/s and importAll %,.0f/s", streamRate, importRate),
                String.format(Locale.ROOT, "%.2fx", ratio), ">= 0.80x", ratio >= 0.8 ? "met" : "MISSED",
                "pipeline: 1 reader (pages of 1,000), queue of 2 batches of " + batch + ", " + WRITERS
                        + " writers on importAll;"
                        + " stream = the source's stream() into memory, importAll = those employees in one call into"
                        + " the emptied target; best of 2 rounds"));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("employees", count);
        f.put("batch", batch);
        f.put("copyPerSecond", ResultTable.round(copyRate));
        f.put("sourceStreamPerSecond", ResultTable.round(streamRate));
        f.put("targetImportAllPerSecond", ResultTable.round(importRate));
        f.put("ratioVsSlower", ResultTable.round(ratio));
        f.put("targetMin", 0.8);
        figures.put("copy, " + label, f);
    }
}
