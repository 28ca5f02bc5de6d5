package io.github.employeestore.spi;

import io.github.employeestore.InvalidInputException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps as every backend stores them: UTC, millisecond precision. Thread-safe (stateless).
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Length of {@link #format(Instant)}'s result for every valid timestamp. */
    public static final int FORMATTED_LENGTH = 24;

    private Timestamps() {
    }

    /**
     * @param clock the store's clock
     * @return the clock's instant truncated to milliseconds
     */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * @param instant a timestamp within {@link io.github.employeestore.Limits#MIN_TIMESTAMP} and
     *                {@link io.github.employeestore.Limits#MAX_TIMESTAMP}
     * @return the fixed-width ISO-8601 form {@code 2026-11-23T18:47:16.120Z} (always three fraction digits, so that
     *         the text sorts as the time does)
     */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * @param text a {@link #format(Instant)} result
     * @return the instant
     * @throws InvalidInputException if the text is not such a timestamp
     */
    public static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(java.util.List.of(new io.github.employeestore.Violation("timestamp",
                    "must be an ISO-8601 instant")), e);
        }
    }
}
