package io.github.employeestore.benchmarks;

import java.util.List;
import java.util.Locale;

/** Prints the benchmark's result table (Markdown) and its notes. Thread-safe (stateless). */
final class ResultTable {
    private ResultTable() {
    }

    /**
     * @param rows the rows, in order
     */
    static void print(List<BenchmarkRunner.Row> rows) {
        String[] header = {"comparison", "library", "baseline", "ratio", "target", "verdict"};
        int[] w = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            w[i] = header[i].length();
        }
        for (BenchmarkRunner.Row r : rows) {
            String[] c = cells(r);
            for (int i = 0; i < c.length; i++) {
                w[i] = Math.max(w[i], c[i].length());
            }
        }
        System.out.println();
        System.out.println("== Results ==");
        System.out.println(line(header, w));
        StringBuilder sep = new StringBuilder();
        for (int width : w) {
            sep.append("|").append("-".repeat(width + 2));
        }
        System.out.println(sep.append("|"));
        for (BenchmarkRunner.Row r : rows) {
            System.out.println(line(cells(r), w));
        }
        System.out.println();
        for (BenchmarkRunner.Row r : rows) {
            System.out.println("* " + r.comparison() + ": " + r.note());
        }
    }

    private static String[] cells(BenchmarkRunner.Row r) {
        return new String[] {r.comparison(), r.library(), r.baseline(), r.ratio(), r.target(), r.verdict()};
    }

    private static String line(String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            sb.append("| ").append(String.format(Locale.ROOT, "%-" + w[i] + "s", cells[i])).append(" ");
        }
        return sb.append("|").toString();
    }

    /**
     * @param d a figure
     * @return it rounded to two decimals
     */
    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
