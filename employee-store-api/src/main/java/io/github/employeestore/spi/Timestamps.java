package io.github.employeestore.spi;

import io.github.employeestore.UnreadableEmployeeException;

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
     * Parses text that is known to be a timestamp (one this library formatted). For text read from a store, use
     * {@link #parseStored(String, String, String)}, which names the employee and attribute when it is not.
     *
     * @param text a {@link #format(Instant)} result
     * @return the instant
     * @throws IllegalArgumentException if the text is not exactly such a timestamp
     */
    public static Instant parse(String text) {
        Instant t = parseOrNull(text);
        if (t == null) {
            throw new IllegalArgumentException("not a timestamp of the form yyyy-MM-ddTHH:mm:ss.SSSZ");
        }
        return t;
    }

    /**
     * The rule for stored timestamps: exactly the {@link #format(Instant)} form (24 characters, three fraction
     * digits, {@code Z}) within {@link io.github.employeestore.Limits#MIN_TIMESTAMP} and
     * {@link io.github.employeestore.Limits#MAX_TIMESTAMP}, because only such text is written back unchanged.
     *
     * @param text text, may be {@code null}
     * @return the instant, or {@code null} if the text is not such a timestamp
     */
    public static Instant parseOrNull(String text) {
        if (text == null || text.length() != FORMATTED_LENGTH) {
            return null;
        }
        try {
            Instant t = Instant.parse(text);
            if (t.isBefore(io.github.employeestore.Limits.MIN_TIMESTAMP)
                    || t.isAfter(io.github.employeestore.Limits.MAX_TIMESTAMP) || !format(t).equals(text)) {
                return null;
            }
            return t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Parses a timestamp read from a store: corrupt stored data is not the caller's input, so it is reported as an
     * unreadable employee, never as {@link io.github.employeestore.InvalidInputException}.
     *
     * @param id        the id of the stored employee
     * @param attribute the storage name of the timestamp, e.g. {@code created_at}
     * @param text      the stored text
     * @return the instant
     * @throws UnreadableEmployeeException naming the id and the attribute (never the value) if the text is not a
     *                                     timestamp by {@link #parseOrNull(String)}'s rule
     */
    public static Instant parseStored(String id, String attribute, String text) {
        Instant t = parseOrNull(text);
        if (t == null) {
            throw new UnreadableEmployeeException(id, attribute, "is not a timestamp of the form "
                    + "yyyy-MM-ddTHH:mm:ss.SSSZ", null);
        }
        return t;
    }
}
