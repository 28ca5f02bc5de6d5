package io.github.employeestore;

import java.util.OptionalLong;

/**
 * An optimistic-concurrency check failed: the stored employee's version is not the one the caller expected, because
 * someone else wrote it meanwhile. Read it again, re-apply the change, and retry.
 */
public class VersionConflictException extends EmployeeStoreException {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final long expectedVersion;
    private final long actualVersion;
    private final boolean actualKnown;

    /**
     * @param id              the employee's id
     * @param expectedVersion the version the caller gave
     * @param actualVersion   the stored version, if the store knows it
     * @param cause           the driver or SDK exception, or {@code null}
     */
    public VersionConflictException(String id, long expectedVersion, OptionalLong actualVersion, Throwable cause) {
        super("version conflict: id=" + id + ", expected version " + expectedVersion
                + (actualVersion.isPresent() ? ", stored version " + actualVersion.getAsLong() : ""), cause);
        this.id = id;
        this.expectedVersion = expectedVersion;
        this.actualKnown = actualVersion.isPresent();
        this.actualVersion = actualVersion.orElse(0);
    }

    /**
     * @param id              the employee's id
     * @param expectedVersion the version the caller gave
     * @param actualVersion   the stored version
     */
    public VersionConflictException(String id, long expectedVersion, long actualVersion) {
        this(id, expectedVersion, OptionalLong.of(actualVersion), null);
    }

    /** @return the employee's id */
    public String id() {
        return id;
    }

    /** @return the version the caller expected */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** @return the stored version when the store knows it */
    public OptionalLong actualVersion() {
        return actualKnown ? OptionalLong.of(actualVersion) : OptionalLong.empty();
    }
}
