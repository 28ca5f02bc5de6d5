package io.github.employeestore.spi;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.Violation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The plan of one partial update ({@code EmployeeStore.patch}, or a patch of a transaction), computed by the same
 * rules for every backend (CONTRACT §4.18):
 *
 * <ol>
 *   <li>{@link #of(String, long, EmployeePatch, Clock)} checks the input before the database is asked: the id, an
 *       expected version of at least 0, and the patch's own values (each against the rule of its field, attribute
 *       names included). "Now" is taken from the store's clock once.</li>
 *   <li>{@link #against(Employee)}, given the employee stored when the write is made (read in the same transaction,
 *       under a lock, or read just before a write conditioned on the version): not found and version conflict;
 *       the employee the patch results in, validated as a whole (every rule of §3, item size included); and
 *       whether there is anything to write at all (a patch that changes nothing writes nothing).</li>
 *   <li>The backend writes only {@link #patch()}'s fields and attributes, {@code version} {@link #nextVersion()},
 *       {@code updated_at} {@link #now()} and {@code created_at} only where none is stored, conditioned on the
 *       stored version being {@link #expectedVersion()} (0: the version attribute or column is absent or
 *       {@code NULL}, an item written by other code).</li>
 * </ol>
 *
 * <p>A backend that stores a value derived from a field (a folded search key, say) writes it alongside that field
 * when {@link EmployeePatch#sets(EmployeePatch.Field)} holds, from the value in {@link #against(Employee)}'s result.
 *
 * <p>Immutable and thread-safe.
 */
public final class PatchPlan {
    private static final Employee PLACEHOLDER = Employee.builder().id("patch").fullName("patch").build();

    private final String id;
    private final long expectedVersion;
    private final EmployeePatch patch;
    private final Instant now;

    private PatchPlan(String id, long expectedVersion, EmployeePatch patch, Instant now) {
        this.id = id;
        this.expectedVersion = expectedVersion;
        this.patch = patch;
        this.now = now;
    }

    /**
     * @param id              the id
     * @param expectedVersion the version the caller read (0 for an employee stored without one)
     * @param patch           the changes
     * @param clock           the store's clock
     * @return the plan
     * @throws InvalidInputException if the id is not valid, the version is negative or above
     *                               {@link Limits#MAX_VERSION}, the patch is null, or one of
     *                               its values breaks the rule of its field
     */
    public static PatchPlan of(String id, long expectedVersion, EmployeePatch patch, Clock clock) {
        validate(id, expectedVersion, patch);
        return new PatchPlan(id, expectedVersion, patch, Timestamps.now(clock));
    }

    /**
     * Checks a patch's input as {@link #of(String, long, EmployeePatch, Clock)} does, without a clock (for
     * {@code transact}, which checks every operation as it is recorded).
     *
     * @param id              the id
     * @param expectedVersion the version the caller read
     * @param patch           the changes
     * @throws InvalidInputException as {@link #of(String, long, EmployeePatch, Clock)}
     */
    public static void validate(String id, long expectedVersion, EmployeePatch patch) {
        EmployeeValidator.validateId(id);
        List<Violation> v = new java.util.ArrayList<>();
        if (!Versions.inRange(expectedVersion)) {
            v.add(new Violation("expectedVersion", "must be within 0.." + Limits.MAX_VERSION + ": the version the"
                    + " employee was read at (0 for a stored item that has no version)"));
        }
        if (patch == null) {
            v.add(new Violation("patch", "is required"));
        } else {
            for (String name : patch.removedAttributes()) {
                if (!EmployeeValidator.isValidAttributeName(name)) {
                    v.add(new Violation("attributes." + name, "is not a valid attribute name"));
                }
            }
            v.addAll(EmployeeValidator.violations(patch.applyTo(PLACEHOLDER), true));
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
    }

    /**
     * @param patch a patch that passed {@link #validate(String, long, EmployeePatch)}
     * @return the bytes its values take in an item, as {@link ItemSize} measures them (a transaction's share of
     *         {@code Limits.MAX_TRANSACTION_BYTES} for a patch)
     */
    public static long bytesWritten(EmployeePatch patch) {
        return ItemSize.of(patch.applyTo(PLACEHOLDER));
    }

    /** @return the id patched */
    public String id() {
        return id;
    }

    /** @return the version the stored employee must have (0: none stored) */
    public long expectedVersion() {
        return expectedVersion;
    }

    /**
     * @return the version written: {@code expectedVersion + 1}, by the rule of every write ({@link Versions#next})
     * @throws InvalidInputException on field {@code version} if the expected version is {@link Limits#MAX_VERSION}:
     *                               the employee cannot be written again (nothing is written, never wrapped)
     */
    public long nextVersion() {
        return Versions.next(id, expectedVersion);
    }

    /** @return the changes */
    public EmployeePatch patch() {
        return patch;
    }

    /** @return the write's instant: {@code updatedAt}, and {@code createdAt} where none is stored */
    public Instant now() {
        return now;
    }

    /**
     * Decides the patch against the employee stored now.
     *
     * @param stored the stored employee, or {@code null} when none is stored
     * @return the employee to store (version {@link #nextVersion()}, the stored {@code createdAt} or now where none
     *         is stored, {@code updatedAt} now), or empty when the patch changes nothing, so nothing is written
     *         and the stored employee is the result
     * @throws EmployeeNotFoundException if {@code stored} is null
     * @throws VersionConflictException  if the stored version is not the expected one
     * @throws InvalidInputException     if the resulting employee breaks a rule of the model (field names as for
     *                                   {@code update}; {@code employee} for the item size), or if the patch
     *                                   changes something of an employee stored at {@link Limits#MAX_VERSION}
     *                                   (field {@code version}, as for {@code update})
     */
    public Optional<Employee> against(Employee stored) {
        if (stored == null) {
            throw new EmployeeNotFoundException(id);
        }
        if (stored.version() != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, OptionalLong.of(stored.version()), null);
        }
        Employee patched = patch.applyTo(stored);
        if (patched.equals(stored)) {
            return Optional.empty();
        }
        EmployeeValidator.validate(patched);
        return Optional.of(patched.toBuilder().version(nextVersion())
                .createdAt(stored.createdAt() != null ? stored.createdAt() : now).updatedAt(now).build());
    }

    /**
     * @param name an attribute name the patch names
     * @return the value it sets, or empty when it removes the attribute
     */
    public Optional<AttributeValue> attribute(String name) {
        return Optional.ofNullable(patch.attributes().get(name));
    }

    @Override
    public String toString() {
        return "PatchPlan[id=" + id + " expectedVersion=" + expectedVersion + " " + patch + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatchPlan p && p.id.equals(id) && p.expectedVersion == expectedVersion
                && p.patch.equals(patch) && p.now.equals(now);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, expectedVersion, patch, now);
    }
}
