package io.github.employeestore.spi;

import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.UnreadableEmployeeException;

/**
 * The version rules every backend shares (CONTRACT §4.1.2): the one place where a version grows, where a version
 * given by a caller is checked, and where a stored version is checked when it is read. Versions run from 0 (an item
 * written by other code without one) to {@link Limits#MAX_VERSION}; no write ever stores a version above it, so a
 * version never wraps and every stored version reads the same in Java, JSON, JavaScript and DynamoDB clients.
 *
 * <p>Thread-safe (stateless).
 */
public final class Versions {
    private Versions() {
    }

    /**
     * The version a write stores over a stored one.
     *
     * @param id     the employee's id, for the message
     * @param stored the stored version (0 for an item written by other code without one)
     * @return {@code stored + 1}
     * @throws InvalidInputException on field {@code version} if {@code stored} is {@link Limits#MAX_VERSION} or
     *                               above: the employee cannot be written again (nothing is written)
     */
    public static long next(String id, long stored) {
        if (stored >= Limits.MAX_VERSION || stored < 0) {
            throw atLimit(id);
        }
        return stored + 1;
    }

    /**
     * @param id      the employee's id, for the message
     * @return the rejection of a write whose stored version is {@link Limits#MAX_VERSION} (or, for an item written by
     *         other code, above it): {@link InvalidInputException} on field {@code version}
     */
    public static InvalidInputException atLimit(String id) {
        return InvalidInputException.of("version", "the stored version of employee '" + id + "' is at its upper "
                + "bound " + Limits.MAX_VERSION + " (Limits.MAX_VERSION): it cannot be written again; delete it, or "
                + "importAll it with a lower version");
    }

    /**
     * @param version a version a caller gives as the one it read ({@code update},
     *                {@code delete(id, expectedVersion)})
     * @return whether it is within 0..{@link Limits#MAX_VERSION}
     */
    public static boolean inRange(long version) {
        return version >= 0 && version <= Limits.MAX_VERSION;
    }

    /**
     * Checks a version read from the database.
     *
     * @param id      the id of the item
     * @param version the stored version
     * @return the version
     * @throws UnreadableEmployeeException naming the id and attribute {@code version} if it is negative or above
     *                                     {@link Limits#MAX_VERSION}
     */
    public static long stored(String id, long version) {
        if (version < 0) {
            throw new UnreadableEmployeeException(id, EmployeeCodec.VERSION, "is negative", null);
        }
        if (version > Limits.MAX_VERSION) {
            throw new UnreadableEmployeeException(id, EmployeeCodec.VERSION, "is above Limits.MAX_VERSION ("
                    + Limits.MAX_VERSION + ")", null);
        }
        return version;
    }
}
