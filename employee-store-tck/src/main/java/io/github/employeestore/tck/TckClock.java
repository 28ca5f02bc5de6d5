package io.github.employeestore.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the TCK moves by hand, so that it can check that a store takes its timestamps from the clock it was given
 * (and truncates them to milliseconds). It stands still until {@link #advance(Duration)} is called. Its instants
 * carry sub-millisecond digits on purpose.
 *
 * <p>Thread-safe.
 */
public final class TckClock extends Clock {
    /** The instant every TCK clock starts at: not now, and with nanoseconds a store must drop. */
    public static final Instant START = Instant.parse("2031-05-17T09:41:12.345678901Z");

    private final AtomicReference<Instant> now;

    /** A clock at {@link #START}. */
    public TckClock() {
        this(START);
    }

    /** @param start the instant the clock shows until advanced */
    public TckClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * @param duration how far to move the clock
     * @return the new instant
     */
    public Instant advance(Duration duration) {
        return now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the TCK clock is UTC only");
    }
}
