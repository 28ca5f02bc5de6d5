package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.InvalidInputException;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The plan of one single-employee write &mdash; {@code create}, {@code update} or {@code put} &mdash; for a backend
 * that checks its condition where the data lives (a Lua script, a DynamoDB condition expression, a SQL
 * {@code WHERE version = ?}): the values to store and the condition to check, computed by the same rules for every
 * backend.
 *
 * <ul>
 *   <li>{@link Kind#CREATE}: condition {@link Condition#ABSENT}; store {@link #whenAbsent()} (id assigned, version 1,
 *       both timestamps now). If an employee is stored, the write fails with
 *       {@link io.github.employeestore.EmployeeAlreadyExistsException}.</li>
 *   <li>{@link Kind#UPDATE}: condition {@link Condition#VERSION_EQUALS} {@link #expectedVersion()}; store
 *       {@link #whenStored(long, Instant)} (the caller's fields, version {@code expected + 1}, the stored
 *       {@code createdAt}, {@code updatedAt} now). None stored:
 *       {@link io.github.employeestore.EmployeeNotFoundException}; another version:
 *       {@link io.github.employeestore.VersionConflictException}.</li>
 *   <li>{@link Kind#PUT}: condition {@link Condition#NONE}; store {@link #whenAbsent()} if none is stored, else
 *       {@link #whenStored(long, Instant)} (version = stored + 1, the stored {@code createdAt} kept), decided
 *       atomically with the write.</li>
 * </ul>
 * The plan validates the caller's employee when it is made (nothing is sent to the database for invalid input) and
 * takes "now" from the store's clock once, so every value of the write carries the same instant. The version the
 * caller read is carried by the plan ({@link #expectedVersion()}): it is not the version that is written.
 *
 * <p>Immutable and thread-safe.
 */
public final class WritePlan {
    /** The kind of write. */
    public enum Kind {
        /** {@code create}: insert if absent. */
        CREATE,
        /** {@code update}: replace if the stored version is the expected one. */
        UPDATE,
        /** {@code put}: insert or replace, unconditionally. */
        PUT
    }

    /** What must hold of the stored employee, checked atomically with the write. */
    public enum Condition {
        /** No employee is stored under the id. */
        ABSENT,
        /** An employee is stored under the id with version {@link #expectedVersion()}. */
        VERSION_EQUALS,
        /** Nothing: the write applies whatever is stored. */
        NONE
    }

    private final Kind kind;
    private final Employee absent;
    private final long expectedVersion;

    private WritePlan(Kind kind, Employee absent, long expectedVersion) {
        this.kind = kind;
        this.absent = absent;
        this.expectedVersion = expectedVersion;
    }

    /**
     * @param draft the draft given to {@code create}
     * @param clock the store's clock
     * @return the plan
     * @throws InvalidInputException if the draft breaks a rule of the model
     */
    public static WritePlan create(Employee draft, Clock clock) {
        return new WritePlan(Kind.CREATE, Writes.forCreate(draft, clock), 0);
    }

    /**
     * @param changed the employee given to {@code update}, carrying the version the caller read
     * @param clock   the store's clock
     * @return the plan
     * @throws InvalidInputException if the employee breaks a rule of the model or its version is negative
     */
    public static WritePlan update(Employee changed, Clock clock) {
        Employee prepared = Writes.forUpdate(changed, clock);
        return new WritePlan(Kind.UPDATE, prepared.toBuilder().version(1).createdAt(prepared.updatedAt()).build(),
                changed.version());
    }

    /**
     * @param employee the employee given to {@code put}
     * @param clock    the store's clock
     * @return the plan
     * @throws InvalidInputException if the employee breaks a rule of the model or has no id
     */
    public static WritePlan put(Employee employee, Clock clock) {
        return new WritePlan(Kind.PUT, Writes.forPut(employee, clock), 0);
    }

    /**
     * The plan of a create, update or put of a transaction (the operation was validated when it was recorded).
     *
     * @param operation a {@link TransactionOperation.Create}, {@link TransactionOperation.Update} or
     *                  {@link TransactionOperation.Put}
     * @param clock     the store's clock
     * @return the plan
     * @throws IllegalArgumentException if the operation is a delete
     */
    public static WritePlan of(TransactionOperation operation, Clock clock) {
        if (operation instanceof TransactionOperation.Create c) {
            return create(c.employee(), clock);
        } else if (operation instanceof TransactionOperation.Update u) {
            return update(u.employee(), clock);
        } else if (operation instanceof TransactionOperation.Put p) {
            return put(p.employee(), clock);
        }
        throw new IllegalArgumentException("a delete has no write plan");
    }

    /** @return the kind of write */
    public Kind kind() {
        return kind;
    }

    /** @return the id written (assigned already for a draft without one) */
    public String id() {
        return absent.id();
    }

    /** @return the condition on the stored employee */
    public Condition condition() {
        return switch (kind) {
            case CREATE -> Condition.ABSENT;
            case UPDATE -> Condition.VERSION_EQUALS;
            case PUT -> Condition.NONE;
        };
    }

    /** @return the version an update expects to be stored; empty for create and put */
    public OptionalLong expectedVersion() {
        return kind == Kind.UPDATE ? OptionalLong.of(expectedVersion) : OptionalLong.empty();
    }

    /** @return the write's instant: {@code updatedAt} of what is stored, and {@code createdAt} of a new employee */
    public Instant now() {
        return absent.updatedAt();
    }

    /**
     * @return the values of the write as far as they are known before the stored employee is seen: every field
     *         of the caller's employee and {@code updatedAt} now; for create and put, version 1 and
     *         {@code createdAt} now (as {@link #whenAbsent()}); for an update, version {@code expected + 1} and no
     *         {@code createdAt} (the stored one is kept)
     */
    public Employee values() {
        return kind == Kind.UPDATE
                ? absent.toBuilder().version(expectedVersion + 1).createdAt(null).build() : absent;
    }

    /**
     * @return the employee to store when none is stored: version 1, {@code createdAt} and {@code updatedAt} now
     * @throws IllegalStateException for an update, which never writes an absent employee
     */
    public Employee whenAbsent() {
        if (kind == Kind.UPDATE) {
            throw new IllegalStateException("an update never writes an absent employee");
        }
        return absent;
    }

    /**
     * @param storedVersion   the version stored (0 for an employee written by others without one)
     * @param storedCreatedAt the stored {@code createdAt}, or {@code null} when the stored employee has none (then
     *                        the write's instant is used)
     * @return the employee to store over the stored one: version {@code storedVersion + 1}, the stored
     *         {@code createdAt}, {@code updatedAt} now
     * @throws IllegalStateException    for a create, which never replaces an employee
     * @throws IllegalArgumentException for an update whose stored version is not the expected one
     * @throws InvalidInputException    if the stored version is {@link io.github.employeestore.Limits#MAX_VERSION}
     *                                  or above: nothing may be written (see {@link Versions#next})
     */
    public Employee whenStored(long storedVersion, Instant storedCreatedAt) {
        if (kind == Kind.CREATE) {
            throw new IllegalStateException("a create never replaces an employee");
        }
        if (kind == Kind.UPDATE && storedVersion != expectedVersion) {
            throw new IllegalArgumentException("stored version " + storedVersion + " is not the expected "
                    + expectedVersion);
        }
        return absent.toBuilder().version(Versions.next(id(), storedVersion))
                .createdAt(storedCreatedAt != null ? storedCreatedAt : absent.updatedAt()).build();
    }

    /**
     * The employee as stored, for a backend whose database reports what the write stored (a SQL
     * {@code RETURNING}, a script's reply): the plan's values with the reported version and {@code createdAt}.
     *
     * @param version   the version the write stored
     * @param createdAt the {@code createdAt} the write stored (kept from the stored employee, or the write's instant)
     * @return the employee as stored
     * @throws IllegalArgumentException if the version cannot be the result of this plan (a create stores version 1,
     *                                  an update {@code expectedVersion + 1}, any write at least 1)
     * @throws InvalidInputException    if the version is above {@link io.github.employeestore.Limits#MAX_VERSION}:
     *                                  the write went past the bound (a database that increments by itself); the
     *                                  backend must undo it (roll back its transaction) and let this propagate
     */
    public Employee written(long version, Instant createdAt) {
        if (version > io.github.employeestore.Limits.MAX_VERSION) {
            throw Versions.atLimit(id());
        }
        if (version < 1 || kind == Kind.CREATE && version != 1 || kind == Kind.UPDATE && version != expectedVersion + 1) {
            throw new IllegalArgumentException("version " + version + " cannot be the result of " + this);
        }
        return absent.toBuilder().version(version).createdAt(Objects.requireNonNull(createdAt, "createdAt")).build();
    }

    @Override
    public String toString() {
        return "WritePlan[" + kind + " id=" + id() + (kind == Kind.UPDATE ? " expectedVersion=" + expectedVersion
                : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WritePlan p && p.kind == kind && p.expectedVersion == expectedVersion
                && p.absent.equals(absent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, absent, expectedVersion);
    }
}
