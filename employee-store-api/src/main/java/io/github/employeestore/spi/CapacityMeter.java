package io.github.employeestore.spi;

import io.github.employeestore.ConsumedCapacity;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.Callable;

/**
 * Collects the capacity a store call consumes, without tying the API to a metrics library: an observer (the
 * Micrometer decorator, a test, an application) {@linkplain #start() opens a scope} around a call on its thread, and
 * the backend {@linkplain #current() adds} to the scope of the calling thread what each of its requests consumed.
 * A backend that sends requests from worker threads captures {@link #current()} on the calling thread and adds to it
 * from the workers (a scope is thread-safe). Without an open scope, {@link #current()} is a scope that keeps nothing.
 *
 * <pre>{@code
 * try (CapacityMeter.Scope scope = CapacityMeter.start()) {
 *     store.get(id);
 *     ConsumedCapacity used = scope.total();
 * }
 * }</pre>
 *
 * Scopes nest: what is added to an inner scope is added to the scopes around it too. Thread-safe.
 */
public final class CapacityMeter {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    private static final Scope NONE = new Scope(null, false);

    private CapacityMeter() {
    }

    /** @return a new scope, open on this thread until {@link Scope#close()} */
    public static Scope start() {
        Scope scope = new Scope(CURRENT.get(), true);
        CURRENT.set(scope);
        return scope;
    }

    /** @return the innermost open scope of this thread, or one that keeps nothing */
    public static Scope current() {
        Scope s = CURRENT.get();
        return s == null ? NONE : s;
    }

    /**
     * Runs work on a worker thread as part of a scope captured on the calling thread.
     *
     * @param scope the caller's {@link #current()}
     * @param work  the work
     * @param <T>   its result
     * @return the work's result
     * @throws Exception what the work throws
     */
    public static <T> T within(Scope scope, Callable<T> work) throws Exception {
        Scope before = CURRENT.get();
        CURRENT.set(scope == NONE ? null : scope);
        try {
            return work.call();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** The capacity of one observed call. Thread-safe. */
    public static final class Scope implements AutoCloseable {
        private final Scope outer;
        private final boolean keeps;
        private final DoubleAdder read = new DoubleAdder();
        private final DoubleAdder write = new DoubleAdder();
        private volatile boolean reported;

        private Scope(Scope outer, boolean keeps) {
            this.outer = outer;
            this.keeps = keeps;
        }

        /**
         * @param readUnits  read capacity units consumed
         * @param writeUnits write capacity units consumed
         */
        public void add(double readUnits, double writeUnits) {
            if (!keeps) {
                return;
            }
            read.add(readUnits);
            write.add(writeUnits);
            reported = true;
            if (outer != null) {
                outer.add(readUnits, writeUnits);
            }
        }

        /** @return what was added so far */
        public ConsumedCapacity total() {
            return new ConsumedCapacity(read.sum(), write.sum());
        }

        /** @return whether the backend reported any capacity (a backend without capacity units never does) */
        public boolean reported() {
            return reported;
        }

        /** Closes the scope on this thread (the scope around it is current again). */
        @Override
        public void close() {
            if (keeps && CURRENT.get() == this) {
                if (outer == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(outer);
                }
            }
        }
    }
}
