package io.github.employeestore.directory.internal;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for the terminal: count, percentage, rate and estimated time left. On a terminal the line is
 * redrawn in place with {@code \r}; otherwise (a log file, CI) a full line is printed at most every few seconds.
 *
 * <p>Not thread-safe: one copy updates it.
 */
public final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long total;
    private final boolean terminal;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastPrint;
    private long done;

    /**
     * @param out            where to draw (stderr)
     * @param total          how many items are expected, or a negative number when unknown
     * @param terminal       whether {@code out} is a terminal
     * @param intervalMillis how often to print a line when not on a terminal
     */
    public Progress(PrintStream out, long total, boolean terminal, long intervalMillis) {
        this.out = out;
        this.total = total;
        this.terminal = terminal;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.lastPrint = start;
    }

    /** @param n how many more items are done */
    public void advance(long n) {
        done += n;
        long now = System.nanoTime();
        if (terminal ? now - lastPrint >= 100_000_000L : now - lastPrint >= intervalNanos) {
            lastPrint = now;
            print(false);
        }
    }

    /** Prints the final line. */
    public void finish() {
        print(true);
    }

    /** @return items per second so far */
    public double rate() {
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        return done / seconds;
    }

    /**
     * @return the line describing the progress now
     */
    public String line() {
        double rate = rate();
        StringBuilder b = new StringBuilder();
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(fraction * WIDTH);
            b.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%,d/%,d %3d%%", done, total, Math.round(fraction * 100)));
        } else {
            b.append(String.format(Locale.ROOT, "%,d", done));
        }
        b.append(String.format(Locale.ROOT, "  %,.0f/s", rate));
        if (total > 0 && done < total && rate > 0) {
            b.append("  ETA ").append(duration((long) ((total - done) / rate)));
        } else {
            b.append("  elapsed ").append(duration((long) ((System.nanoTime() - start) / 1e9)));
        }
        return b.toString();
    }

    private void print(boolean last) {
        if (terminal) {
            out.print("\r" + line() + "   ");
            if (last) {
                out.println();
            }
        } else {
            out.println(line());
        }
        out.flush();
    }

    static String duration(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}
