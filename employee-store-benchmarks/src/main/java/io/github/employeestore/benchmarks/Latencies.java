package io.github.employeestore.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Latency samples of one operation, in nanoseconds, and their median and 95th percentile. Not thread-safe. */
final class Latencies {
    private long[] samples = new long[256];
    private int count;

    /** @param nanos one sample */
    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    /** @return how many samples */
    int count() {
        return count;
    }

    /**
     * @param q a quantile, 0 to 1
     * @return the sample at that quantile (nearest rank), in milliseconds
     */
    double millis(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    /** @return the median in milliseconds */
    double median() {
        return millis(0.5);
    }

    /** @return the 95th percentile in milliseconds */
    double p95() {
        return millis(0.95);
    }

    /** @return "median m ms, p95 p ms" */
    String describe() {
        return String.format(Locale.ROOT, "median %s ms, p95 %s ms", fmt(median()), fmt(p95()));
    }

    /** @return the figures for the JSON file */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", count);
        m.put("medianMs", ResultTable.round(median() * 100) / 100);
        m.put("p95Ms", ResultTable.round(p95() * 100) / 100);
        return m;
    }

    private static String fmt(double ms) {
        return ms < 1 ? String.format(Locale.ROOT, "%.3f", ms) : ms < 100
                ? String.format(Locale.ROOT, "%.2f", ms) : String.format(Locale.ROOT, "%.0f", ms);
    }
}
