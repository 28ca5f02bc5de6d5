package io.github.employeestore.directory.internal.copy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns SIGINT/SIGTERM (the JVM's shutdown) into an orderly stop of a copy: the shutdown hook calls the stop action,
 * then holds the JVM until {@link #close()} (the copy has finished or abandoned its batches, printed its counts and
 * closed the stores), at most {@code grace}; the process then exits with the signal's non-zero status (130 / 143).
 * Without a signal, {@link #close()} removes the hook. Thread-safe.
 */
public final class SignalStop implements AutoCloseable {
    private final Thread hook;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * @param stop         what to do on the signal (ask the copy to stop)
     * @param graceSeconds how long the JVM waits for the copy to finish its batches in flight
     */
    public SignalStop(Runnable stop, long graceSeconds) {
        this.hook = new Thread(() -> {
            signalled.set(true);
            stop.run();
            try {
                finished.await(graceSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "copy-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** @return whether the process is being stopped by a signal */
    public boolean signalled() {
        return signalled.get();
    }

    /** Lets the process exit (after a signal) or removes the hook (without one). */
    @Override
    public void close() {
        finished.countDown();
        if (!signalled.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived meanwhile: the hook runs and returns at once, the latch being open
            }
        }
    }
}
