package io.github.employeestore.micrometer.internal;

import io.micrometer.observation.Observation;

import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Observes a lazy stream from the call that opens it until it is closed: one observation {@code stream} whose
 * duration is the time the caller spent reading, and whose error is the first exception reading threw. A stream that
 * is never closed leaves its observation open (as it leaves the store's resources open); close streams with
 * try-with-resources. Not thread-safe, like the stream itself.
 */
public final class ObservedStream {
    private ObservedStream() {
    }

    /**
     * @param observations where the stream is observed
     * @param open         opens the delegate's stream
     * @param <T>          the element type
     * @return the observed stream
     */
    public static <T> Stream<T> observe(StoreObservations observations, java.util.function.Supplier<Stream<T>> open) {
        if (observations.isNoop()) {
            return open.get();
        }
        Observation observation = observations.start("stream");
        Stream<T> delegate;
        try {
            delegate = open.get();
        } catch (RuntimeException | Error e) {
            observation.error(e);
            observation.stop();
            throw e;
        }
        Spliterator<T> source = delegate.spliterator();
        ErrorRecording<T> recording = new ErrorRecording<>(source, observation);
        return StreamSupport.stream(recording, false).onClose(() -> {
            try {
                delegate.close();
            } catch (RuntimeException | Error e) {
                recording.record(e);
                throw e;
            } finally {
                observation.stop();
            }
        });
    }

    private static final class ErrorRecording<T> implements Spliterator<T> {
        private final Spliterator<T> source;
        private final Observation observation;
        private boolean recorded;

        ErrorRecording(Spliterator<T> source, Observation observation) {
            this.source = source;
            this.observation = observation;
        }

        void record(Throwable e) {
            if (!recorded) {
                recorded = true;
                observation.error(e);
            }
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            try {
                return source.tryAdvance(action);
            } catch (RuntimeException | Error e) {
                record(e);
                throw e;
            }
        }

        @Override
        public Spliterator<T> trySplit() {
            return null;
        }

        @Override
        public long estimateSize() {
            return source.estimateSize();
        }

        @Override
        public int characteristics() {
            return source.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
        }
    }
}
