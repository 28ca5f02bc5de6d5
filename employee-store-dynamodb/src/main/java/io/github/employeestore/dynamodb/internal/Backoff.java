package io.github.employeestore.dynamodb.internal;

import io.github.employeestore.StoreUnavailableException;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter, for the store's own retries (unprocessed batch items and keys, transaction
 * conflicts, optimistic write loops). Thread-safe (stateless).
 */
public final class Backoff {
    private Backoff() {
    }

    /**
     * @param attempt  the number of failed attempts so far, from 0
     * @param base     the first delay's upper bound
     * @param cap      the largest delay
     * @return a random delay in {@code [0, min(cap, base * 2^attempt)]}
     */
    public static Duration delay(int attempt, Duration base, Duration cap) {
        long ceiling = base.toMillis() << Math.min(attempt, 20);
        ceiling = Math.min(Math.max(ceiling, 1), cap.toMillis());
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /**
     * Sleeps, keeping the interrupt status if interrupted.
     *
     * @param delay how long
     * @throws StoreUnavailableException if the thread was interrupted
     */
    public static void sleep(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to retry", e, false);
        }
    }
}
